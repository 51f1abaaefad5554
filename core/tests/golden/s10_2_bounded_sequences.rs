//! §10.2 Bounded sequences: crosswire's, heapless's and arrayvec's.

use crosswire::{BoundedBytes, BoundedVec, ErrorKind as K};
use crosswire_test_support::{golden, rejects};

#[test]
fn s10_2_bounded_sequences() {
    golden(
        BoundedVec::<u16, 4>::from_slice(&[1, 2]).unwrap(),
        &[2, 0, 0, 0, 1, 0, 2, 0],
    );
    golden(BoundedVec::<u16, 4>::new(), &[0, 0, 0, 0]);
    golden(
        BoundedBytes::<'static, 3>::new(&[9, 8]).unwrap(),
        &[2, 0, 0, 0, 9, 8],
    );
    // Over capacity is rejected at the length, before any element is read.
    rejects::<BoundedVec<u16, 4>>(&[5, 0, 0, 0], K::LengthOverCapacity, 0);
    rejects::<BoundedVec<u8, 4>>(&[0xFF, 0xFF, 0xFF, 0xFF], K::LengthOverCapacity, 0);
    rejects::<BoundedVec<u16, 4>>(&[2, 0, 0, 0, 1, 0, 2], K::UnexpectedEnd, 7);
}

#[cfg(feature = "heapless")]
#[test]
fn s10_2_heapless() {
    let v: heapless::Vec<u16, 4> = heapless::Vec::from_slice(&[1, 2]).unwrap();
    golden(v, &[2, 0, 0, 0, 1, 0, 2, 0]);
    golden(
        heapless::String::<8>::try_from("hi").unwrap(),
        &[2, 0, 0, 0, b'h', b'i'],
    );
    rejects::<heapless::Vec<u8, 1>>(&[2, 0, 0, 0, 1, 1], K::LengthOverCapacity, 0);
}

#[cfg(feature = "arrayvec")]
#[test]
fn s10_2_arrayvec() {
    let mut v = arrayvec::ArrayVec::<u16, 4>::new();
    v.extend([1, 2]);
    golden(v, &[2, 0, 0, 0, 1, 0, 2, 0]);
    golden(
        arrayvec::ArrayString::<8>::from("hi").unwrap(),
        &[2, 0, 0, 0, b'h', b'i'],
    );
    rejects::<arrayvec::ArrayString<1>>(&[2, 0, 0, 0, b'h', b'i'], K::LengthOverCapacity, 0);
}
