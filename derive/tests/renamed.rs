//! The runtime crate under another name. This test crate has no `crosswire` in scope at
//! all (the dev-dependency is named `cw` and, unlike the other tests, not aliased back),
//! so any path the derive hard-codes instead of using `#[crosswire(crate = "...")]` fails
//! to compile here.

use cw::{BoundedStr, Decode, Encode, MaxSize};

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(crate = "cw")]
struct Fixed {
    a: u16,
    b: [u8; 2],
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(crate = "::cw", tag = "u16")]
enum Msg<'a, T> {
    Ping(T),
    Hello {
        name: BoundedStr<'a, 8>,
        fixed: Fixed,
    },
    Quit,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(crate = "cw", extensible)]
struct Ext {
    a: u32,
}

/// A path through a re-export works too.
mod reexport {
    pub use cw as runtime;
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(crate = "crate::reexport::runtime")]
struct ViaReexport(u8);

#[test]
fn renamed_crate_path() {
    let msg: Msg<'_, u32> = Msg::Hello {
        name: BoundedStr::new("x").unwrap(),
        fixed: Fixed { a: 1, b: [2, 3] },
    };
    let mut buf = [0u8; Msg::<'static, u32>::MAX_SIZE];
    let bytes = cw::to_slice(&msg, &mut buf).unwrap();
    assert_eq!(bytes, [1, 0, 1, 0, 0, 0, b'x', 1, 0, 2, 3]);
    assert_eq!(cw::from_bytes::<Msg<'_, u32>>(bytes), Ok(msg));
    let mut buf = [0u8; 8];
    assert_eq!(
        cw::to_slice(&Ext { a: 5 }, &mut buf).unwrap(),
        [4, 0, 0, 0, 5, 0, 0, 0]
    );
    assert_eq!(cw::from_bytes::<ViaReexport>(&[9]), Ok(ViaReexport(9)));
}
