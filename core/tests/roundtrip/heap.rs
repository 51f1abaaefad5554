//! `HeapVec` and `HeapString` (feature `alloc`, spec §10.3): round trips, in the bytes of
//! the bounded containers.

use crosswire::{BoundedString, BoundedVec, Encode, HeapString, HeapVec};
use proptest::prelude::*;

proptest! {
    #[test]
    fn heap_and_bounded_agree(items in prop::collection::vec(any::<u16>(), 0..=3), s in "[a-z\u{e9}]{0,2}") {
        let heap = (HeapVec::<u16, 3>::new(items.clone()).unwrap(), HeapString::<4>::new(s.clone()).unwrap());
        let bounded = (BoundedVec::<u16, 3>::from_slice(&items).unwrap(), BoundedString::<4>::try_from(s.as_str()).unwrap());
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        let heap_bytes = crosswire::to_slice(&heap, &mut a).unwrap();
        let bounded_bytes = crosswire::to_slice(&bounded, &mut b).unwrap();
        prop_assert_eq!(&*heap_bytes, &*bounded_bytes);
        prop_assert_eq!(heap_bytes.len(), heap.encoded_len());
        prop_assert_eq!(crosswire::from_bytes::<(HeapVec<u16, 3>, HeapString<4>)>(heap_bytes), Ok(heap));
    }
}
