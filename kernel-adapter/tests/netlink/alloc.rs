//! No allocation per message or attribute once the socket exists: a counting global
//! allocator (this test binary's own) watches a dump of more than 1000 links (500 veth
//! pairs in a network namespace the test creates), decoded in place with a derived
//! attribute set.
// Not under qemu-user (`.ci/cross.sh`'s emulated targets): it does not translate the
// payloads of netlink sockets, which this test needs from the host kernel.
#![cfg(not(crosswire_qemu_user))]

use crate::netns;

use std::{
    alloc::{GlobalAlloc, Layout, System},
    cell::Cell,
    sync::atomic::{AtomicUsize, Ordering},
};

use crosswire::BoundedStr;
use crosswire_kernel::netlink::{
    route::{self, IfInfoMsg, RTM_GETLINK, RTM_NEWLINK},
    socket::{DumpOutcome, NlSocket, DEFAULT_BUFFER},
    Mode, NlWriter, NlaSet, NLM_F_DUMP, NLM_F_REQUEST,
};

/// Counts the allocations of threads that asked for it.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static COUNT_HERE: Cell<bool> = const { Cell::new(false) };
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so
// `System`'s guarantees hold; the counting touches only an atomic and a `const`-initialised
// thread-local `Cell`, neither of which allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNT_HERE.with(Cell::get) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: forwarded unchanged; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with `layout` (every allocation above).
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNT_HERE.with(Cell::get) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: as for `dealloc`; the caller upholds `realloc`'s contract for `new_size`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The attributes read from every link: borrowed, so decoding copies nothing.
#[derive(NlaSet)]
struct Link<'a> {
    #[nla(id = 3)]
    ifname: BoundedStr<'a, 16>,
    #[nla(id = 4)]
    mtu: u32,
    #[nla(id = 5)]
    link: Option<u32>,
    #[nla(id = 13)]
    txqlen: Option<u32>,
}

#[test]
fn dump_of_1000_links_allocates_nothing() {
    if !netns::enter("alloc::dump_of_1000_links_allocates_nothing") {
        return;
    }
    let pairs = 500;
    let batch: String = (0..pairs)
        .map(|i| format!("link add a{i} type veth peer name b{i}\n"))
        .collect();
    netns::ip_batch(&batch);

    let mut sock = NlSocket::route().unwrap();
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let mut req = [0u8; 64];
    let seq = sock.next_seq();
    let mut w = NlWriter::new(&mut req);
    route::put_message(
        &mut w,
        RTM_GETLINK,
        NLM_F_REQUEST | NLM_F_DUMP,
        seq,
        &IfInfoMsg::default(),
        &NoAttrs {},
    )
    .unwrap();
    let len = w.len();

    let (mut links, mut peers, mut name_bytes, mut mtu_sum) = (0usize, 0usize, 0usize, 0u64);
    COUNT_HERE.with(|c| c.set(true));
    let outcome = sock.dump(&req[..len], &mut buf, |msg| {
        if msg.header().ty == RTM_NEWLINK {
            let (hdr, link, _) = route::read_message::<IfInfoMsg, Link<'_>>(&msg, Mode::Liberal)?;
            links += 1;
            peers += usize::from(link.link.is_some_and(|l| l != hdr.index.unsigned_abs()));
            name_bytes += link.ifname.len();
            mtu_sum += u64::from(link.mtu) + u64::from(link.txqlen.unwrap_or(0));
        }
        Ok(())
    });
    COUNT_HERE.with(|c| c.set(false));
    let allocations = ALLOCATIONS.load(Ordering::Relaxed);

    assert!(
        matches!(outcome, Ok(DumpOutcome::Complete { .. })),
        "{outcome:?}"
    );
    assert_eq!(links, 2 * pairs + 1, "every veth end and lo");
    assert_eq!(peers, 2 * pairs);
    assert!(name_bytes > 0 && mtu_sum > 0);
    assert_eq!(allocations, 0, "allocations during a dump of {links} links");
    println!("dump of {links} links: {allocations} allocations");
}

#[derive(NlaSet)]
struct NoAttrs {}

/// The counter counts: a control, so that a zero above means something.
#[test]
fn the_counter_sees_allocations() {
    COUNT_HERE.with(|c| c.set(true));
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let v = std::hint::black_box(vec![1u8; 100]);
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    COUNT_HERE.with(|c| c.set(false));
    drop(v);
    assert!(after > before);
}
