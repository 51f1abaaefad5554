//! §14 What the decoder rejects: which error, and where.

use crosswire::{BoundedBytes, BoundedVec, ErrorKind as K};
use crosswire_test_support::rejects;

/// §14: which error, and where. Errors are the first rule broken in reading order;
/// `UnexpectedEnd` is where the input ends and `BufferFull` where the buffer ends, for
/// every type alike.
#[test]
fn s14_error_order_and_offsets() {
    // A length that runs past the input, with a bad element before the end: reading order
    // meets the bad bool first.
    rejects::<BoundedVec<bool, 6>>(&[3, 0, 0, 0, 2], K::InvalidBool, 4);
    rejects::<BoundedVec<bool, 6>>(&[3, 0, 0, 0, 1], K::UnexpectedEnd, 5);
    // The same offset for every element type.
    rejects::<[u8; 3]>(&[1, 2], K::UnexpectedEnd, 2);
    rejects::<[i8; 3]>(&[1, 2], K::UnexpectedEnd, 2);
    rejects::<[u16; 3]>(&[1, 2], K::UnexpectedEnd, 2);
    rejects::<[u16; 3]>(&[1, 2, 3], K::UnexpectedEnd, 3);
    rejects::<BoundedBytes<'_, 8>>(&[3, 0, 0, 0, 1], K::UnexpectedEnd, 5);
    // Encoding: the buffer's length, also for a run written in one go.
    let mut buf = [0u8; 5];
    let err = crosswire::to_slice(&['a', 'b'], &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::BufferFull, 5));
    let err = crosswire::to_slice(&(1u8, ['a', 'b']), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::BufferFull, 5));
}
