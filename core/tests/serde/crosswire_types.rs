//! crosswire's own containers and `Be<T>` through serde (`docs/serde.md` §1): a type that
//! uses them derives serde's traits beside crosswire's, and both paths write and read the
//! same bytes.
#![cfg(all(feature = "serde", feature = "derive"))]

use crosswire::{
    Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec, Decode, Encode, ErrorKind, MaxSize,
};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Serialize, Deserialize, Encode, Decode, MaxSize)]
struct Frame<'a> {
    port: Be<u16>,
    addr: Be<u32>,
    big: Be<i128>,
    counters: BoundedVec<u16, 4>,
    ports: BoundedVec<Be<u16>, 2>,
    name: BoundedString<8>,
    // serde borrows only `&str` and `&[u8]` without being told.
    #[serde(borrow)]
    payload: BoundedBytes<'a, 4>,
    #[serde(borrow)]
    note: BoundedStr<'a, 8>,
}

fn frame<'a>(counters: &[u16], name: &str, payload: &'a [u8], note: &'a str) -> Frame<'a> {
    Frame {
        port: Be(0x1234),
        addr: Be(0x0A00_0001),
        big: Be(-2),
        counters: BoundedVec::from_slice(counters).unwrap(),
        ports: BoundedVec::from_slice(&[Be(80), Be(443)]).unwrap(),
        name: BoundedString::try_from(name).unwrap(),
        payload: BoundedBytes::new(payload).unwrap(),
        note: BoundedStr::new(note).unwrap(),
    }
}

fn native(value: &Frame<'_>) -> Vec<u8> {
    let mut buf = [0u8; 256];
    crosswire::to_slice(value, &mut buf).unwrap().to_vec()
}

fn bridged(value: &Frame<'_>) -> Vec<u8> {
    let mut buf = [0u8; 256];
    crosswire::serde::to_slice(value, &mut buf)
        .unwrap()
        .to_vec()
}

#[test]
fn golden_bytes_are_the_native_ones() {
    let value = frame(&[1, 2], "lo", &[0xAA], "hi");
    let expected: Vec<u8> = [
        &[0x12, 0x34][..], // port, big-endian
        &[0x0A, 0, 0, 1],  // addr
        &[0xFF; 15],
        &[0xFE],                          // big = -2, big-endian
        &[2, 0, 0, 0, 1, 0, 2, 0],        // counters
        &[2, 0, 0, 0, 0, 80, 0x01, 0xBB], // ports, each big-endian
        &[2, 0, 0, 0, b'l', b'o'],        // name
        &[1, 0, 0, 0, 0xAA],              // payload
        &[2, 0, 0, 0, b'h', b'i'],        // note
    ]
    .concat();
    assert_eq!(native(&value), expected);
    assert_eq!(bridged(&value), expected);
    let back: Frame<'_> = crosswire::serde::from_bytes(&expected).unwrap();
    assert_eq!(back, value);
}

#[test]
fn views_borrow_from_the_input() {
    let bytes = native(&frame(&[], "", &[1, 2, 3], "note"));
    let back: Frame<'_> = crosswire::serde::from_bytes(&bytes).unwrap();
    let range = bytes.as_ptr_range();
    assert!(range.contains(&back.payload.as_ptr()));
    assert!(range.contains(&back.note.as_ptr()));
}

/// A capacity exceeded on the wire is `LengthOverCapacity` at the container's length, on
/// both paths.
#[test]
fn over_capacity_is_rejected_like_the_native_decoder() {
    fn both_reject<T>(bytes: &[u8], offset: usize)
    where
        T: for<'de> Deserialize<'de> + for<'de> crosswire::Decode<'de> + core::fmt::Debug,
    {
        let native = crosswire::from_bytes::<T>(bytes).unwrap_err();
        let bridged = crosswire::serde::from_bytes::<T>(bytes).unwrap_err();
        assert_eq!(
            (native.kind(), native.offset()),
            (ErrorKind::LengthOverCapacity, offset)
        );
        assert_eq!(bridged, native);
    }
    both_reject::<(u8, BoundedVec<u8, 2>)>(&[9, 3, 0, 0, 0, 1, 2, 3], 1);
    both_reject::<(u8, BoundedString<2>)>(&[9, 3, 0, 0, 0, b'a', b'b', b'c'], 1);
    let bytes = [9, 3, 0, 0, 0, b'a', b'b', b'c'];
    for err in [
        crosswire::serde::from_bytes::<(u8, BoundedStr<'_, 2>)>(&bytes).unwrap_err(),
        crosswire::serde::from_bytes::<(u8, BoundedBytes<'_, 2>)>(&bytes).unwrap_err(),
    ] {
        assert_eq!(
            (err.kind(), err.offset()),
            (ErrorKind::LengthOverCapacity, 1)
        );
    }
}

proptest! {
    /// Any value: the same bytes on both paths, and each path decodes the other's.
    #[test]
    fn both_paths_agree(
        counters in proptest::collection::vec(any::<u16>(), 0..=4),
        name in "\\PC{0,2}",
        payload in proptest::collection::vec(any::<u8>(), 0..=4),
        note in "[a-z]{0,8}",
        port: u16,
        big: i128,
    ) {
        let mut value = frame(&counters, &name, &payload, &note);
        value.port = Be(port);
        value.big = Be(big);
        let bytes = native(&value);
        prop_assert_eq!(&bridged(&value), &bytes);
        prop_assert_eq!(crosswire::serde::from_bytes::<Frame<'_>>(&bytes), Ok(value));
    }

    /// Any input: both decoders give the same verdict; where both reject, the same error
    /// unless the native decoder rejected a length before reading what it counts (the
    /// divergence `docs/serde.md` §4 describes).
    #[test]
    fn both_decoders_agree_on_any_input(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        let native = crosswire::from_bytes::<Frame<'_>>(&bytes);
        let bridged = crosswire::serde::from_bytes::<Frame<'_>>(&bytes);
        match (&native, &bridged) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) if a.kind() != ErrorKind::LengthOverCapacity => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "{:?} vs {:?}", native, bridged),
        }
    }
}
