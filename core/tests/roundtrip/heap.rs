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

/// A megabyte of payload decodes on a thread whose whole stack is 64 KiB: a `HeapVec`
/// reads its items straight into the heap, with no copy of the value on the stack (an
/// inline `BoundedVec<u8, 1_000_000>` would need the whole megabyte there).
#[test]
fn a_large_heap_vec_decodes_on_a_small_stack() {
    #[derive(Debug, PartialEq, crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
    struct Upload {
        id: u32,
        data: HeapVec<u8, 1_000_000>,
    }
    crosswire::assert_size_of!(Upload, 64);
    let mut bytes = vec![7, 0, 0, 0];
    bytes.extend(1_000_000u32.to_le_bytes());
    bytes.extend((0..1_000_000u32).map(|i| i as u8));
    let decoded = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || crosswire::from_bytes::<Upload>(&bytes).map(|u| (u.id, u.data.len())))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(decoded, Ok((7, 1_000_000)));
}
