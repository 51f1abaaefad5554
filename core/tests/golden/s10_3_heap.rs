//! §10.3 Heap containers (feature `alloc`): the same bytes as the bounded containers, the
//! length checked before allocating.

use crosswire::{
    BoundedString, BoundedVec, Decode, Described, Encode, ErrorKind as K, HeapString, HeapVec,
    MaxSize,
};
use crosswire_test_support::{golden, rejects};

#[derive(Debug, PartialEq, Encode, Decode, MaxSize, Described)]
struct Record {
    id: u8,
    name: HeapString<4>,
    values: HeapVec<u16, 3>,
    inner: Box<(u8, bool)>,
}

#[test]
fn s10_3_heap() {
    assert_eq!(<HeapVec<u16, 3>>::MAX_SIZE, <BoundedVec<u16, 3>>::MAX_SIZE);
    assert_eq!(<HeapString<4>>::MAX_SIZE, <BoundedString<4>>::MAX_SIZE);
    assert_eq!(<Box<u32>>::MAX_SIZE, 4);
    assert_eq!(<HeapVec<u16, 3>>::SCHEMA, <BoundedVec<u16, 3>>::SCHEMA);
    assert_eq!(<HeapString<4>>::SCHEMA, <BoundedString<4>>::SCHEMA);
    golden(Box::new(0x0102u16), &[2, 1]);
    golden(
        Record {
            id: 1,
            name: "hi".try_into().unwrap(),
            values: HeapVec::new(vec![5, 6]).unwrap(),
            inner: Box::new((7, true)),
        },
        &[1, 2, 0, 0, 0, b'h', b'i', 2, 0, 0, 0, 5, 0, 6, 0, 7, 1],
    );
    // Over the maximum: at the length, before any element or allocation.
    rejects::<HeapVec<u16, 3>>(&[4, 0, 0, 0], K::LengthOverCapacity, 0);
    rejects::<HeapVec<u16, 3>>(&[0xFF, 0xFF, 0xFF, 0xFF], K::LengthOverCapacity, 0);
    rejects::<HeapString<4>>(&[5, 0, 0, 0, b'a'], K::LengthOverCapacity, 0);
    // Bad content at its own offset; short input at its end.
    rejects::<HeapString<4>>(&[2, 0, 0, 0, b'a', 0xFF], K::InvalidUtf8, 5);
    rejects::<HeapVec<bool, 3>>(&[2, 0, 0, 0, 1, 2], K::InvalidBool, 5);
    rejects::<HeapVec<u16, 3>>(&[2, 0, 0, 0, 1, 0, 2], K::UnexpectedEnd, 7);
    rejects::<Box<bool>>(&[3], K::InvalidBool, 0);
    assert!(HeapVec::<u8, 1>::new(vec![1, 2]).is_err());
    assert!(HeapString::<1>::try_from("ab").is_err());
}
