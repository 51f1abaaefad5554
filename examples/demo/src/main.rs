//! Encodes a message into a buffer sized at compile time, prints it in hex, decodes it
//! back, and shows what a hostile byte does. `cargo run -p crosswire-demo`.

use crosswire::{BoundedString, BoundedVec, Decode, Encode, MaxSize};

/// What a driver might report to its daemon.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct LinkReport {
    ifindex: u32,
    up: bool,
    name: BoundedString<16>,
    state: LinkState,
    addrs: BoundedVec<[u8; 4], 4>,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(tag = "u16")]
#[repr(u16)]
enum LinkState {
    Down = 0,
    Up { speed_mbps: u32 } = 0x10,
    Error(i32) = 0x20,
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() -> Result<(), crosswire::Error> {
    let report = LinkReport {
        ifindex: 3,
        up: true,
        name: BoundedString::try_from("wlan0").expect("fits"),
        state: LinkState::Up { speed_mbps: 866 },
        addrs: BoundedVec::from_slice(&[[192, 168, 1, 20], [10, 0, 0, 7]]).expect("fits"),
    };

    let buf = crosswire::to_array::<_, { LinkReport::MAX_SIZE }>(&report)?;
    println!("LinkReport::MAX_SIZE = {} bytes", LinkReport::MAX_SIZE);
    println!("encoded {} bytes: {}", buf.len(), hex(buf.as_bytes()));

    let back: LinkReport = crosswire::from_bytes(buf.as_bytes())?;
    println!("decoded: {back:?}");
    assert_eq!(back, report);

    let mut hostile = buf.as_bytes().to_vec();
    hostile[4] = 0x02; // the `up` bool
    match crosswire::from_bytes::<LinkReport>(&hostile) {
        Ok(v) => println!("unexpectedly accepted {v:?}"),
        Err(e) => println!("hostile byte rejected: {e}"),
    }
    Ok(())
}
