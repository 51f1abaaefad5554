//! `Vec`, `String` and `BTreeMap` through `crosswire::serde` (feature `alloc`), and hostile
//! lengths that must fail without a large allocation (`docs/serde.md` §5).
#![cfg(all(feature = "serde", feature = "alloc"))]

use std::{
    alloc::{GlobalAlloc, Layout, System},
    cell::Cell,
    collections::BTreeMap,
};

use crosswire::{
    serde::{from_bytes, to_slice},
    ErrorKind,
};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// The system allocator, recording the largest single allocation of each thread.
struct Recording;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn record(size: usize) {
    // `try_with`: the thread-local may already be gone while the thread shuts down.
    let _ = LARGEST.try_with(|largest| largest.set(largest.get().max(size)));
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so
// `System`'s guarantees hold; recording a size neither allocates nor touches the memory.
unsafe impl GlobalAlloc for Recording {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` through `alloc`/`realloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract, which is `System`'s.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Recording = Recording;

/// The largest single allocation `f` makes on this thread.
fn largest_allocation<R>(f: impl FnOnce() -> R) -> (R, usize) {
    LARGEST.with(|l| l.set(0));
    let out = f();
    (out, LARGEST.with(Cell::get))
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Owned {
    name: String,
    tags: Vec<u16>,
    table: BTreeMap<u8, String>,
    nested: Vec<Vec<Option<String>>>,
}

fn owned() -> impl Strategy<Value = Owned> {
    (
        ".{0,8}",
        prop::collection::vec(any::<u16>(), 0..6),
        prop::collection::btree_map(any::<u8>(), ".{0,4}", 0..4),
        prop::collection::vec(
            prop::collection::vec(prop::option::of(".{0,3}"), 0..3),
            0..3,
        ),
    )
        .prop_map(|(name, tags, table, nested)| Owned {
            name,
            tags,
            table,
            nested,
        })
}

proptest! {
    #[test]
    fn owned_values_round_trip(v in owned()) {
        let mut buf = vec![0u8; 1024];
        let bytes = to_slice(&v, &mut buf).unwrap();
        prop_assert_eq!(from_bytes::<Owned>(bytes), Ok(v));
    }

    /// Any byte string: decoding never allocates more than a small multiple of its size.
    #[test]
    fn allocations_are_bounded_by_the_input(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let (_, largest) = largest_allocation(|| from_bytes::<Owned>(&bytes));
        prop_assert!(largest <= 64 * 64, "allocated {} bytes", largest);
    }
}

#[test]
fn golden_owned_collections() {
    let mut buf = [0u8; 64];
    let v = vec![1u16, 2];
    assert_eq!(to_slice(&v, &mut buf).unwrap(), [2, 0, 0, 0, 1, 0, 2, 0]);
    let s = String::from("ab");
    assert_eq!(to_slice(&s, &mut buf).unwrap(), [2, 0, 0, 0, b'a', b'b']);
    let m = BTreeMap::from([(2u8, true), (1u8, false)]);
    // A map is its entries in iteration order (sorted for a BTreeMap).
    assert_eq!(to_slice(&m, &mut buf).unwrap(), [2, 0, 0, 0, 1, 0, 2, 1]);
    assert_eq!(
        from_bytes::<BTreeMap<u8, bool>>(&[2, 0, 0, 0, 1, 0, 2, 1]),
        Ok(m)
    );
}

const HOSTILE: [u8; 5] = [0xFF, 0xFF, 0xFF, 0xFF, 7];

#[test]
fn hostile_lengths_fail_without_allocating() {
    let (r, largest) = largest_allocation(|| from_bytes::<Vec<u64>>(&HOSTILE));
    assert_eq!(r.unwrap_err().kind(), ErrorKind::UnexpectedEnd);
    // The size hint is capped by the one byte left: at most one u64 is preallocated.
    assert!(largest <= 8, "allocated {largest} bytes");

    let (r, largest) = largest_allocation(|| from_bytes::<Vec<u8>>(&HOSTILE));
    assert_eq!(r.unwrap_err().kind(), ErrorKind::UnexpectedEnd);
    assert!(largest <= 1, "allocated {largest} bytes");

    let (r, largest) = largest_allocation(|| from_bytes::<String>(&HOSTILE));
    let err = r.unwrap_err();
    assert_eq!(
        (err.kind(), err.offset()),
        (ErrorKind::UnexpectedEnd, HOSTILE.len())
    );
    assert_eq!(largest, 0);

    let (r, largest) = largest_allocation(|| from_bytes::<BTreeMap<u32, u32>>(&HOSTILE));
    assert_eq!(r.unwrap_err().kind(), ErrorKind::UnexpectedEnd);
    assert!(largest <= 256, "allocated {largest} bytes");

    let (r, largest) = largest_allocation(|| from_bytes::<Owned>(&HOSTILE));
    assert_eq!(r.unwrap_err().kind(), ErrorKind::UnexpectedEnd);
    assert_eq!(largest, 0);
}

#[test]
fn borrowed_and_owned_decode_the_same_bytes() {
    let mut buf = [0u8; 16];
    let bytes = to_slice(&("hi", &b"\x01\x02"[..]), &mut buf).unwrap();
    let owned: (String, Vec<u8>) = from_bytes(bytes).unwrap();
    assert_eq!(owned, (String::from("hi"), vec![1, 2]));
}

/// A recursive type: the input would choose how deep decoding recurses.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum List {
    Nil,
    Cons(u8, Box<List>),
}

/// `n` `Cons` cells, then `Nil`: two bytes a cell, one for `Nil`.
fn list_bytes(n: usize) -> Vec<u8> {
    let mut bytes = [1, 7].repeat(n);
    bytes.push(0);
    bytes
}

#[test]
fn nesting_stops_at_max_depth() {
    // A cell opens two levels (the variant, its fields), `Nil` one more.
    let deepest = (crosswire::serde::MAX_DEPTH - 1) / 2;
    let list: List = from_bytes(&list_bytes(deepest)).unwrap();
    let mut buf = vec![0u8; 2 * deepest + 1];
    assert_eq!(to_slice(&list, &mut buf).unwrap(), &list_bytes(deepest)[..]);

    let err = from_bytes::<List>(&list_bytes(deepest + 1)).unwrap_err();
    assert_eq!(
        (err.kind(), err.offset()),
        (ErrorKind::TooDeep, 2 * deepest + 2)
    );
    // Far deeper than any stack holds without the limit: the same error, same place.
    let err = from_bytes::<List>(&list_bytes(1_000_000)).unwrap_err();
    assert_eq!(
        (err.kind(), err.offset()),
        (ErrorKind::TooDeep, 2 * deepest + 2)
    );
}
