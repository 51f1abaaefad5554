//! Shared-memory rings for one open file (`docs/ring-format.md`, "The kernel side"): two
//! rings of crosswire messages, each in its own `vmalloc_user` allocation, *requests*
//! (userspace produces, the module consumes) and *replies* (the other way), with the
//! module's endpoints, the doorbell, the wait with a timeout, the reset and the `mmap`
//! rights of ring-format §10.
//!
//! A driver says what a request gets ([`RingService`]) and forwards three ioctls and `mmap`:
//!
//! ```ignore
//! struct Service;
//! impl RingService for Service {
//!     type Request = RingRequest;
//!     type Reply = RingReply;
//!     const LAYOUT: Layout = RING_LAYOUT;
//!     const WAIT_MS: u32 = 1000;
//!     fn answer(request: RingRequest) -> RingReply { request.reply() }
//! }
//! // open:    Rings::<Service>::new()
//! // ioctl:   rings.doorbell(), rings.wait(arg), rings.reset()
//! // mmap:    rings.mmap(vma)
//! ```
//!
//! The `mmap` page offsets: the requests ring at page 0 (read-write), the replies ring right
//! after it (read-only: `PROT_WRITE` and a later `mprotect` to writable are refused with
//! `EACCES`), and the replies ring's consumer page alone (read-write) at the replies ring's
//! offset plus [`RingService::CONSUMER_PAGE`]. Shared mappings only, each within one ring.
//!
//! Whatever userspace writes, the module's endpoints validate: corruption is logged (rate
//! limited), reported as `EPROTO`, and the endpoints stay detached until a reset.

use core::ffi::c_void;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicU32, Ordering};

use crosswire::{Decode, Encode, MaxSize};
use kernel::prelude::*;
use kernel::sync::{CondVar, CondVarTimeoutResult, Mutex};
use kernel::{new_condvar, new_mutex};

use super::{ffi, misc::Vma};
use crate::{
    ring::{Consumer, Corruption, Layout, Producer, Region, RingError},
    Errno,
};

/// The page size the `mmap` offsets count in (x86-64, the architecture the tests run on).
pub const PAGE: usize = 4096;

/// The largest message a ring service may use, encoded: the stack buffer a frame is copied
/// into before it is decoded (checked at compile time against the types' `MAX_SIZE`).
pub const MAX_MESSAGE: usize = 256;

/// What the module answers on the rings of an open file.
pub trait RingService: 'static {
    /// What userspace sends on the requests ring.
    type Request: for<'de> Decode<'de> + MaxSize;
    /// What the module answers on the replies ring.
    type Reply: Encode + MaxSize + Send + Unpin;
    /// The layout of both rings (a multiple of [`PAGE`] long).
    const LAYOUT: Layout;
    /// The page of a ring that holds its consumer line alone (mapped writable on its own).
    const CONSUMER_PAGE: usize;
    /// The longest [`Rings::wait`] sleeps, in milliseconds.
    const WAIT_MS: u32;
    /// The answer to one request.
    fn answer(request: Self::Request) -> Self::Reply;
}

/// Corruption reports printed so far (all files): the first few, then powers of two, so a
/// scribbling process cannot flood the log.
static REPORTS: AtomicU32 = AtomicU32::new(0);

/// Pages from `vmalloc_user`, freed on drop.
struct UserPages {
    // INVARIANT: returned by `vmalloc_user` for `len` bytes and not yet freed.
    ptr: NonNull<c_void>,
    len: usize,
}

// SAFETY: the allocation is not tied to a thread; it is only accessed atomically (through
// `Region`s) or by the kernel's page-mapping code, and freed once on drop.
unsafe impl Send for UserPages {}
// SAFETY: `&UserPages` gives out regions (atomic accesses) and maps pages: both fine from
// several threads.
unsafe impl Sync for UserPages {}

impl UserPages {
    fn new(len: usize) -> Result<Self> {
        let size = kernel::ffi::c_ulong::try_from(len).map_err(|_| EINVAL)?;
        // SAFETY: no preconditions (process context, may sleep); the result is checked.
        let ptr = unsafe { ffi::crosswire_vmalloc_user(size) };
        Ok(Self {
            ptr: NonNull::new(ptr).ok_or(ENOMEM)?,
            len,
        })
    }

    /// The memory as a region.
    ///
    /// # Safety
    ///
    /// The region (and every endpoint attached to it) must not be used after `self` is
    /// dropped, whatever its `'static` lifetime says.
    unsafe fn region(&self) -> Result<Region<'static>> {
        // SAFETY: `ptr..ptr + len` is a live kernel mapping, readable and writable,
        // page-aligned (hence aligned to 8), and the caller keeps it alive for as long as the
        // region is used. The module accesses it only through regions (atomics); userspace
        // may write anything at any time through its mapping, which the ring is built for.
        unsafe { Region::from_raw_parts(self.ptr.cast(), self.len) }.map_err(|_| EINVAL)
    }

    /// Maps pages `pgoff..` of the allocation into the whole of `vma`.
    fn map(&self, vma: &mut Vma, pgoff: usize) -> Result {
        let pgoff = kernel::ffi::c_ulong::try_from(pgoff).map_err(|_| EINVAL)?;
        // SAFETY: `vma` is a mapping being set up by `mmap` (its invariant); `ptr` is a live
        // `vmalloc_user` area (`remap_vmalloc_range` checks `VM_USERMAP` and that `pgoff` plus
        // the VMA's length fit in it, failing with EINVAL otherwise). The pages stay
        // allocated while mapped: the mapping holds a reference to the file, so `release`
        // (which frees them) only runs after the last `munmap`.
        let ret = unsafe { ffi::crosswire_remap_vmalloc(vma.as_raw(), self.ptr.as_ptr(), pgoff) };
        if ret != 0 {
            return Err(Error::from_errno(ret));
        }
        Ok(())
    }
}

impl Drop for UserPages {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from `vmalloc_user` and is freed once; no region of it is used
        // after this (the `region` contract) and no user mapping remains (see `map`).
        unsafe { ffi::crosswire_vfree(self.ptr.as_ptr()) };
    }
}

/// The module's endpoints of both rings, and what it owes userspace.
struct Ends<S: RingService> {
    requests: Region<'static>,
    replies: Region<'static>,
    /// `None` while detached: after a failed reset, until the next one.
    rx: Option<Consumer<'static>>,
    tx: Option<Producer<'static>>,
    /// A reply that found the replies ring full; sent first on the next doorbell.
    pending: Option<S::Reply>,
    /// Replies sent since the last reset (wrapping): what `wait` waits to see change.
    replied: u32,
    /// The current poisoning was logged: each one is logged once.
    reported: bool,
}

impl<S: RingService> Ends<S> {
    /// (Re)writes both rings' headers and counters and attaches to them. A ring whose
    /// header userspace changed in between is corrupt: the endpoints stay detached.
    fn reset(&mut self) -> core::result::Result<(), RingError> {
        self.rx = None;
        self.tx = None;
        self.pending = None;
        self.replied = 0;
        self.reported = false;
        S::LAYOUT.write(&self.requests)?;
        S::LAYOUT.write(&self.replies)?;
        let rx = Consumer::attach(self.requests)?;
        let tx = Producer::attach(self.replies)?;
        if *rx.layout() != S::LAYOUT || *tx.layout() != S::LAYOUT {
            return Err(RingError::Corrupt {
                what: Corruption::Offset,
                at: 0,
            });
        }
        self.rx = Some(rx);
        self.tx = Some(tx);
        Ok(())
    }

    /// Sends the pending reply; `Ok(false)` when the replies ring is full.
    fn flush(&mut self, tx: &mut Producer<'static>) -> core::result::Result<bool, RingError> {
        if let Some(reply) = &self.pending {
            match tx.try_send::<S::Reply, MAX_MESSAGE>(reply) {
                Ok(()) => {
                    self.pending = None;
                    self.replied = self.replied.wrapping_add(1);
                }
                Err(RingError::Full) => return Ok(false),
                Err(e) => return Err(e),
            }
        }
        Ok(true)
    }

    /// Drains the requests ring, answering each request into the replies ring. At most two
    /// rounds of the ring per call, whatever userspace publishes meanwhile.
    fn drain(&mut self) -> Result {
        let (Some(mut rx), Some(mut tx)) = (self.rx.take(), self.tx.take()) else {
            // Detached by a failed reset: as corrupt as the ring that caused it.
            return Err(Errno::EPROTO.into());
        };
        let outcome = self.drain_with(&mut rx, &mut tx);
        self.rx = Some(rx);
        self.tx = Some(tx);
        outcome
    }

    fn drain_with(&mut self, rx: &mut Consumer<'static>, tx: &mut Producer<'static>) -> Result {
        let mut undecodable = 0usize;
        for _ in 0..S::LAYOUT.slot_count().saturating_mul(2) {
            match self.flush(tx) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(report(&mut self.reported, "replies ring", e)),
            }
            match rx.try_recv::<S::Request, MAX_MESSAGE>() {
                Ok(request) => self.pending = Some(S::answer(request)),
                Err(RingError::Empty) => break,
                Err(RingError::Decode(_)) => undecodable = undecodable.saturating_add(1),
                Err(e) => return Err(report(&mut self.reported, "requests ring", e)),
            }
        }
        if let Err(e) = self.flush(tx) {
            return Err(report(&mut self.reported, "replies ring", e));
        }
        if undecodable > 0 {
            return Err(Errno::EBADMSG.into());
        }
        Ok(())
    }
}

/// Logs a ring error once per poisoning (`reported`), and at most a few times, then at
/// powers of two, across all files; returns the errno userspace sees: `EPROTO` for
/// corruption.
fn report(reported: &mut bool, what: &str, e: RingError) -> Error {
    if !core::mem::replace(reported, true) {
        let n = REPORTS.fetch_add(1, Ordering::Relaxed);
        if n < 8 || n.is_power_of_two() {
            // Through `Arguments`, which both releases' `pr_info!` print (7.3's takes its
            // own `Display`, which `RingError` does not implement).
            pr_info!(
                "{}\n",
                format_args!("{what}: {e} (report {n}); detached until a reset")
            );
        }
    }
    e.errno().into()
}

/// The two rings of one open file and the module's endpoints on them.
#[pin_data]
pub struct Rings<S: RingService> {
    // Declared first, so dropped first: the endpoints' regions point into the pages below.
    #[pin]
    ends: Mutex<Ends<S>>,
    /// Notified when replies are sent or the rings reset (`wait`).
    #[pin]
    replied: CondVar,
    requests: UserPages,
    replies: UserPages,
}

impl<S: RingService> Rings<S> {
    const CHECKS: () = {
        assert!(S::Request::MAX_SIZE <= MAX_MESSAGE && S::Reply::MAX_SIZE <= MAX_MESSAGE);
        assert!(S::Request::MAX_SIZE <= S::LAYOUT.max_frame());
        assert!(S::Reply::MAX_SIZE <= S::LAYOUT.max_frame());
        assert!(S::LAYOUT.region_size() % PAGE == 0);
        assert!(S::CONSUMER_PAGE < S::LAYOUT.region_size() / PAGE);
    };

    /// The pages of one ring.
    pub const PAGES: usize = S::LAYOUT.region_size() / PAGE;
    /// The `mmap` page offset of the requests ring.
    pub const REQUESTS_PGOFF: usize = 0;
    /// The `mmap` page offset of the replies ring.
    pub const REPLIES_PGOFF: usize = Self::PAGES;
    /// The `mmap` page offset of the replies ring's consumer page alone.
    pub const REPLIES_CONSUMER_PGOFF: usize = Self::PAGES + S::CONSUMER_PAGE;

    /// Allocates and initialises both rings.
    pub fn new() -> Result<Pin<KBox<Self>>> {
        let () = Self::CHECKS;
        let requests = UserPages::new(S::LAYOUT.region_size())?;
        let replies = UserPages::new(S::LAYOUT.region_size())?;
        // SAFETY: the regions go into `ends`, a field of the same `Rings` as the pages,
        // declared before them and so dropped before them: they are never used after the
        // pages are freed. (Should the allocation below fail, `ends` and the pages are
        // dropped in some order, which is fine too: `ends` holds no endpoint yet, and
        // dropping a region accesses nothing.)
        let (rq, rp) = unsafe { (requests.region()?, replies.region()?) };
        let ends = Ends::<S> {
            requests: rq,
            replies: rp,
            rx: None,
            tx: None,
            pending: None,
            replied: 0,
            reported: false,
        };
        let rings = KBox::pin_init(
            pin_init!(Rings {
                ends <- new_mutex!(ends, "crosswire_kernel::kmod::Rings::ends"),
                replied <- new_condvar!("crosswire_kernel::kmod::Rings::replied"),
                requests: requests,
                replies: replies,
            }),
            GFP_KERNEL,
        )?;
        // Attached only now: dropping an attached endpoint writes its claim word into the
        // pages, and inside `Rings` the endpoints are dropped before the pages. Nobody else
        // sees the pages yet: a failure here is a bug, not a hostile peer.
        rings.ends.lock().reset().map_err(|_| EINVAL)?;
        Ok(rings)
    }

    /// The doorbell: drains the requests, answers each into the replies ring, wakes
    /// [`wait`](Rings::wait)ers; returns the number of replies sent. `EBADMSG` when a frame
    /// did not decode (the others are answered), `EPROTO` when a ring is corrupt.
    pub fn doorbell(&self) -> Result<usize> {
        let mut ends = self.ends.lock();
        let before = ends.replied;
        let outcome = ends.drain();
        let sent = ends.replied.wrapping_sub(before);
        drop(ends);
        self.replied.notify_all();
        outcome.map(|()| usize::try_from(sent).unwrap_or(usize::MAX))
    }

    /// Rewrites both rings' headers and counters and re-attaches (`EPROTO` if userspace
    /// changed a header meanwhile; the endpoints then stay detached until the next reset).
    pub fn reset(&self) -> Result<usize> {
        let mut ends = self.ends.lock();
        let outcome = ends.reset();
        drop(ends);
        self.replied.notify_all();
        outcome
            .map(|()| 0)
            .map_err(|e| report(&mut false, "reset", e))
    }

    /// Sleeps until the count of replies sent since the last reset differs from `seen` (the
    /// caller's count, modulo 2^32) and returns it; `EAGAIN` after `S::WAIT_MS` without a
    /// change, `EINTR` on a signal. Never waits longer.
    pub fn wait(&self, seen: usize) -> Result<usize> {
        let seen = u32::try_from(seen & 0xffff_ffff).unwrap_or(u32::MAX);
        let mut ends = self.ends.lock();
        let mut left = kernel::time::msecs_to_jiffies(S::WAIT_MS);
        while ends.replied == seen {
            match self.replied.wait_interruptible_timeout(&mut ends, left) {
                CondVarTimeoutResult::Woken { jiffies } => left = jiffies,
                CondVarTimeoutResult::Timeout => return Err(EAGAIN),
                CondVarTimeoutResult::Signal { .. } => return Err(EINTR),
            }
        }
        Ok(usize::try_from(ends.replied).unwrap_or(usize::MAX))
    }

    /// `mmap` with the rights above.
    pub fn mmap(&self, vma: &mut Vma) -> Result {
        if !vma.is_shared() {
            return Err(EINVAL);
        }
        let first = vma.pgoff();
        let pages = vma.len() / PAGE;
        let end = first.checked_add(pages).ok_or(EINVAL)?;
        if end <= Self::PAGES {
            self.requests.map(vma, first)
        } else if first == Self::REPLIES_CONSUMER_PGOFF && pages == 1 {
            self.replies.map(vma, S::CONSUMER_PAGE)
        } else if first >= Self::REPLIES_PGOFF && end <= Self::REPLIES_PGOFF + Self::PAGES {
            if vma.is_writable() {
                return Err(EACCES);
            }
            vma.forbid_write();
            self.replies.map(vma, first - Self::REPLIES_PGOFF)
        } else {
            Err(EINVAL)
        }
    }
}
