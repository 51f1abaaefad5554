//! `from_bytes_in_place` (`Decode::decode_in_place`) gives exactly what `from_bytes` gives,
//! whatever the value held before: the same value (no element, length or byte of the
//! previous message shows through) or the same error, kind and offset.

use crosswire_test_support as common;

use common::{bounded_string, bounded_vec, encode, in_place_tests, rejects_in_place};
use crosswire::{BoundedString, BoundedVec, ErrorKind as K};
use proptest::prelude::*;

type Strings = BoundedVec<BoundedString<4>, 3>;
type Nested = BoundedVec<[BoundedString<2>; 2], 2>;

in_place_tests! {
    // The trait's default: decode, then assign.
    u32s: u32 = any::<u32>();
    i64s: i64 = any::<i64>();
    bools: bool = any::<bool>();
    chars: char = any::<char>();
    options: Option<u16> = any::<Option<u16>>();
    nested_options: Option<Option<bool>> = any::<Option<Option<bool>>>();
    tuples: (BoundedVec<u8, 2>, BoundedString<3>) = (bounded_vec::<u8, 2>(any::<u8>()), bounded_string::<3>());
    option_of_vec: Option<BoundedVec<u16, 2>> = proptest::option::of(bounded_vec::<u16, 2>(any::<u16>()));
    // Arrays: element by element into place (bytes and integers in one go).
    byte_arrays: [u8; 5] = any::<[u8; 5]>();
    u32_arrays: [u32; 3] = any::<[u32; 3]>();
    bool_arrays: [bool; 4] = any::<[bool; 4]>();
    arrays_of_arrays: [[u16; 2]; 3] = any::<[[u16; 2]; 3]>();
    arrays_of_vecs: [BoundedVec<u8, 3>; 2] = [bounded_vec::<u8, 3>(any::<u8>()), bounded_vec::<u8, 3>(any::<u8>())];
    arrays_of_strings: [BoundedString<3>; 3] = [bounded_string::<3>(), bounded_string::<3>(), bounded_string::<3>()];
    // Bounded containers: the length of the new message, never the old one's.
    byte_vecs: BoundedVec<u8, 6> = bounded_vec::<u8, 6>(any::<u8>());
    u32_vecs: BoundedVec<u32, 4> = bounded_vec::<u32, 4>(any::<u32>());
    fixed_tuple_vecs: BoundedVec<(u16, bool), 4> = bounded_vec::<(u16, bool), 4>(any::<(u16, bool)>());
    option_vecs: BoundedVec<Option<u16>, 3> = bounded_vec::<Option<u16>, 3>(any::<Option<u16>>());
    strings: BoundedString<5> = bounded_string::<5>();
    empty_strings: BoundedString<0> = bounded_string::<0>();
    vecs_of_strings: Strings = bounded_vec::<BoundedString<4>, 3>(bounded_string::<4>());
    vecs_of_vecs: BoundedVec<BoundedVec<u16, 3>, 3> = bounded_vec::<_, 3>(bounded_vec::<u16, 3>(any::<u16>()));
    vecs_of_string_arrays: Nested = bounded_vec::<_, 2>([bounded_string::<2>(), bounded_string::<2>()]);
}

#[test]
fn stale_vec_elements_do_not_show() {
    let mut v = BoundedVec::<u16, 4>::from_slice(&[7, 8, 9]).unwrap();
    let bytes = [1, 0, 0, 0, 5, 0];
    crosswire::from_bytes_in_place(&bytes, &mut v).unwrap();
    assert_eq!(v.as_slice(), [5]);
    assert_eq!(crosswire::from_bytes::<BoundedVec<u16, 4>>(&bytes), Ok(v));
    assert_eq!(encode(&v), bytes);

    // And an empty message empties it.
    crosswire::from_bytes_in_place(&[0, 0, 0, 0], &mut v).unwrap();
    assert_eq!(v.as_slice(), [0u16; 0]);
}

#[test]
fn stale_string_bytes_do_not_show() {
    let mut s = BoundedString::<8>::try_from("abcdef").unwrap();
    let bytes = [2, 0, 0, 0, b'x', b'y'];
    crosswire::from_bytes_in_place(&bytes, &mut s).unwrap();
    assert_eq!(s.as_str(), "xy");
    assert_eq!(encode(&s), bytes);
}

#[test]
fn stale_inner_containers_do_not_show() {
    let mut v: BoundedVec<BoundedVec<u8, 3>, 2> = BoundedVec::from_slice(&[
        BoundedVec::from_slice(&[1, 2, 3]).unwrap(),
        BoundedVec::from_slice(&[4, 5, 6]).unwrap(),
    ])
    .unwrap();
    let bytes = [1, 0, 0, 0, 1, 0, 0, 0, 9];
    crosswire::from_bytes_in_place(&bytes, &mut v).unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].as_slice(), [9]);

    let mut names = [BoundedString::<4>::try_from("long").unwrap(); 2];
    let bytes = [1, 0, 0, 0, b'a', 0, 0, 0, 0];
    crosswire::from_bytes_in_place(&bytes, &mut names).unwrap();
    assert_eq!([names[0].as_str(), names[1].as_str()], ["a", ""]);
}

#[test]
fn errors_are_those_of_from_bytes() {
    // A bool byte 2 in the middle of an array (the whole-run fast path), and cut short.
    rejects_in_place(&[1, 2, 0], [true; 3], K::InvalidBool, 1);
    rejects_in_place(&[1, 0], [true; 3], K::UnexpectedEnd, 2);
    rejects_in_place(&[1, 0, 1, 0], [true; 3], K::TrailingBytes, 3);
    rejects_in_place(&[1, 0, 1, 2, 0, 2], [(0u16, true); 2], K::InvalidBool, 5);
    rejects_in_place(&[1, 0, 0], [7u16; 2], K::UnexpectedEnd, 3);

    let stale = BoundedVec::<u16, 4>::from_slice(&[7, 8, 9]).unwrap();
    rejects_in_place(&[2, 0, 0, 0, 1, 0], stale, K::UnexpectedEnd, 6);
    rejects_in_place(&[1, 0, 0, 0, 5, 0, 9], stale, K::TrailingBytes, 6);
    rejects_in_place(&[5, 0, 0, 0], stale, K::LengthOverCapacity, 0);
    rejects_in_place(&[1, 0, 0], stale, K::UnexpectedEnd, 3);

    let stale = BoundedString::<8>::try_from("abcdef").unwrap();
    rejects_in_place(&[2, 0, 0, 0, b'x', 0xFF], stale, K::InvalidUtf8, 5);
    rejects_in_place(&[9, 0, 0, 0], stale, K::LengthOverCapacity, 0);
    rejects_in_place(&[2, 0, 0, 0, b'x'], stale, K::UnexpectedEnd, 5);

    let stale: [BoundedVec<u8, 2>; 2] = [BoundedVec::from_slice(&[1, 2]).unwrap(); 2];
    rejects_in_place(
        &[1, 0, 0, 0, 7, 3, 0, 0, 0],
        stale,
        K::LengthOverCapacity,
        5,
    );
}
