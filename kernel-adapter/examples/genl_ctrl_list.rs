//! Lists every generic netlink family, as `genl ctrl list` does: its id, version, header
//! size, largest attribute, operations and multicast groups.
//!
//! ```text
//! cargo run -p crosswire-kernel --example genl_ctrl_list -- --json
//! ```
//!
//! The `nlctrl` attribute sets are declared with `#[derive(NlaSet)]` in `shared/nlctrl.rs`.

use crosswire_kernel_examples::json;
use crosswire_kernel_examples::nlctrl;

use crosswire_kernel::netlink::socket::{
    DumpOutcome, NlSocket, DEFAULT_BUFFER, DEFAULT_DUMP_TRIES,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let as_json = std::env::args().any(|a| a == "--json");
    let mut sock = NlSocket::generic()?;
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let mut out = Vec::new();
    let outcome = nlctrl::dump_families(&mut sock, &mut buf, DEFAULT_DUMP_TRIES, |f| {
        let Some(f) = f else {
            out.clear();
            return;
        };
        out.push(if as_json {
            nlctrl::family_json(f)
        } else {
            format!(
                "Name: {}\n\tID: {:#x}  Version: {:#x}  header size: {}  max attribs: {}\n\tops: {}  multicast groups: {}",
                f.name,
                f.id,
                f.version,
                f.hdrsize,
                f.maxattr,
                f.ops.as_ref().map_or(0, |o| o.len()),
                f.mcast_groups.as_ref().map_or(0, |g| g.len()),
            )
        });
    })?;
    if let DumpOutcome::Interrupted { .. } = outcome {
        eprintln!("Dump was interrupted and may be inconsistent.");
    }
    if as_json {
        println!("{}", json::array(out));
    } else {
        for line in out {
            println!("{line}");
        }
    }
    Ok(())
}
