//! The netlink benchmark's peers agree on the captured dump and on the request bytes, and
//! crosswire's side allocates nothing (this binary counts allocations).

// The bench's own module: this test lives beside the bench (`main.rs`) so that both find
// `peers.rs` as theirs. The peers' parsers (netlink-packet-route, neli) are
// dev-dependencies, which the benches' library does not see (it is what callgrind measures).
mod peers;

use std::{
    alloc::{GlobalAlloc, Layout, System},
    cell::Cell,
};

const DUMP: &[u8] = include_bytes!("../../fixtures/rtnl_link_dump.bin");

struct Counting;

thread_local! {
    /// This thread's allocations: tests run in parallel threads, each counts its own.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

// SAFETY: forwards every call to `System` unchanged; counting touches only a
// `const`-initialised thread-local `Cell`, which does not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
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
    let before = allocations();
    let ours = peers::crosswire_decode(DUMP);
    let mut out = [0u8; 64];
    let n = peers::crosswire_getfamily(7, &mut out);
    let made = allocations() - before;
    assert_eq!(made, 0);
    assert!(ours.links >= 200, "{ours:?}");
    assert_eq!(peers::npr_decode(DUMP), ours);
    assert_eq!(peers::neli_decode(DUMP), ours);
    assert_eq!(&out[..n], &peers::neli_getfamily(7)[..]);
    let before = allocations();
    let _ = peers::neli_decode(DUMP);
    assert!(allocations() > before, "the counter counts");
}

/// Prints the allocations each library makes per operation, for
/// `docs/netlink-performance.md` (`cargo test -p crosswire-benches --test agree -- netlink:: --nocapture`).
#[test]
fn allocations_per_operation() {
    let count = |f: &dyn Fn()| {
        let before = allocations();
        f();
        allocations() - before
    };
    let links = peers::crosswire_decode(DUMP).links;
    let rows = [
        (
            "decode dump, crosswire",
            count(&|| {
                std::hint::black_box(peers::crosswire_decode(DUMP));
            }),
        ),
        (
            "decode dump, netlink-packet-route",
            count(&|| {
                std::hint::black_box(peers::npr_decode(DUMP));
            }),
        ),
        (
            "decode dump, neli",
            count(&|| {
                std::hint::black_box(peers::neli_decode(DUMP));
            }),
        ),
        (
            "build GETFAMILY, crosswire",
            count(&|| {
                let mut out = [0u8; 64];
                std::hint::black_box(peers::crosswire_getfamily(1, &mut out));
            }),
        ),
        (
            "build GETFAMILY, neli",
            count(&|| drop(peers::neli_getfamily(1))),
        ),
    ];
    println!("{links} links, {} bytes", DUMP.len());
    for (what, n) in rows {
        println!("{what}: {n} allocations");
    }
    assert_eq!(rows[0].1, 0);
    assert_eq!(rows[3].1, 0);
}
