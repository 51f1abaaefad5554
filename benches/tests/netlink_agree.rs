//! The netlink benchmark's peers agree on the captured dump and on the request bytes, and
//! crosswire's side allocates nothing (this binary counts allocations).

#[path = "../benches/netlink/peers.rs"]
mod peers;

use std::{
    alloc::{GlobalAlloc, Layout, System},
    sync::atomic::{AtomicUsize, Ordering},
};

const DUMP: &[u8] = include_bytes!("../fixtures/rtnl_link_dump.bin");

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to `System` unchanged; counting touches only an atomic.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn the_three_decoders_agree_and_crosswire_allocates_nothing() {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let ours = peers::crosswire_decode(DUMP);
    let mut out = [0u8; 64];
    let n = peers::crosswire_getfamily(7, &mut out);
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    // Other test threads may allocate meanwhile; this binary has only this test.
    assert_eq!(allocations, 0);
    assert!(ours.links >= 200, "{ours:?}");
    assert_eq!(peers::npr_decode(DUMP), ours);
    assert_eq!(peers::neli_decode(DUMP), ours);
    assert_eq!(&out[..n], &peers::neli_getfamily(7)[..]);
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let _ = peers::neli_decode(DUMP);
    assert!(
        ALLOCATIONS.load(Ordering::Relaxed) > before,
        "the counter counts"
    );
}
