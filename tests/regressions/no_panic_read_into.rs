//! Regression: `Reader::read_into`'s zero-extension path kept a panic path.
//!
//! Found by the link-time no-panic proof (`tests/no-panic/`) once it covered a derived enum
//! with a `[u8; 4]` field: `u8` arrays decode through `Reader::read_into`, whose cold
//! zero-extension path copied the remaining input into a prefix of the output with
//! `copy_from_slice`. The lengths always matched, but the cold function is not inlined, so
//! the compiler could not see it and kept the length-mismatch panic. Fixed in
//! `core/src/reader.rs` by splitting the input at the prefix's length first.
//!
//! This test pins the behaviour of that path: a byte array cut short by an older sender's
//! extensible-struct body reads as zero-extended, and one cut by the end of the input is
//! `UnexpectedEnd` at the array's first byte (as for every fixed-width value,
//! `core/tests/errors/main.rs`).

use crosswire::{Decode, Encode, ErrorKind, MaxSize};

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct Ext {
    id: u8,
    #[crosswire(since = 2)]
    bytes: [u8; 4],
}

#[test]
fn byte_array_in_short_extensible_body_is_zero_extended() {
    // Body of 3 bytes: `id`, then 2 of the 4 array bytes.
    let v: Ext = crosswire::from_bytes(&[3, 0, 0, 0, 9, 0xAA, 0xBB]).unwrap();
    assert_eq!(
        v,
        Ext {
            id: 9,
            bytes: [0xAA, 0xBB, 0, 0]
        }
    );
    // Body ending before the array; an empty body lacks version 1's `id`.
    let v: Ext = crosswire::from_bytes(&[1, 0, 0, 0, 9]).unwrap();
    assert_eq!(v.bytes, [0; 4]);
    let e = crosswire::from_bytes::<Ext>(&[0, 0, 0, 0]).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::UnexpectedEnd, 4));
}

#[test]
fn byte_array_cut_by_end_of_input_is_unexpected_end() {
    let e = crosswire::from_bytes::<[u8; 4]>(&[1, 2]).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::UnexpectedEnd, 2));
    let e = crosswire::from_bytes::<(u8, [u8; 4])>(&[1, 2, 3]).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::UnexpectedEnd, 3));
}
