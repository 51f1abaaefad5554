// SPDX-License-Identifier: GPL-2.0

//! The shared-memory rings of one open file of `/dev/crosswire_sample`
//! (`docs/ring-format.md`, "The kernel side").
//!
//! Each open file gets two rings, each in its own `vmalloc_user` allocation: requests
//! (userspace produces, the module consumes) and replies (the module produces, userspace
//! consumes). Userspace maps them with `mmap` (page offsets in `../types.rs`): the requests
//! ring read-write, the replies ring read-only except its consumer page. Userspace rings the
//! doorbell ioctl after producing; the module drains the requests and answers each into the
//! replies ring. Whatever userspace writes, the module's endpoints validate: corruption is
//! reported (`pr_info`, `EPROTO`), the endpoints are poisoned and stay so until a reset.
//!
//! With `misc.rs`, the only file of the sample with `unsafe` code: the allocation, its
//! mapping into userspace, and the regions the endpoints see.

use core::ffi::c_void;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicU32, Ordering};

use kernel::ffi::{c_int, c_ulong};
use kernel::prelude::*;
use kernel::sync::{CondVar, CondVarTimeoutResult, Mutex};
use kernel::{new_condvar, new_mutex};

use crosswire_kernel::ring::{Consumer, Producer, Region, RingError};
use crosswire_kernel::Errno;

use crate::misc::Vma;
use crate::types::{
    RingReply, RingRequest, REPLIES_CONSUMER_PGOFF, REPLIES_PGOFF, RING_LAYOUT, RING_MSG_BUF,
    RING_PAGE, RING_PAGES, RING_SLOTS, RING_WAIT_MS,
};

// Exported by mm/vmalloc.c; not in the 6.12 `bindings` (no `linux/vmalloc.h` there), and
// declared here rather than rebuilding the kernel's bindings for three functions.
extern "C" {
    /// `vmalloc_user()`: zeroed, page-aligned memory flagged `VM_USERMAP`, which
    /// `remap_vmalloc_range` accepts. NULL on failure.
    fn vmalloc_user_noprof(size: c_ulong) -> *mut c_void;
    /// Frees what `vmalloc_user` returned.
    fn vfree(addr: *const c_void);
    /// Maps the pages of a `VM_USERMAP` area, from page `pgoff` of it, into all of `vma` (a
    /// `struct vm_area_struct *`, opaque here: bindgen's view of it is not FFI-safe).
    fn remap_vmalloc_range(vma: *mut c_void, addr: *mut c_void, pgoff: c_ulong) -> c_int;
}

/// The bytes of one ring.
const RING_BYTES: usize = RING_PAGES * RING_PAGE;

/// Corruption reports printed so far (all files): the first few, then powers of two, so a
/// scribbling process cannot flood the log.
static REPORTS: AtomicU32 = AtomicU32::new(0);

/// Pages from `vmalloc_user`, freed on drop.
struct UserPages {
    // INVARIANT: returned by `vmalloc_user` for `RING_BYTES` bytes and not yet freed.
    ptr: NonNull<c_void>,
}

// SAFETY: the allocation is not tied to a thread; it is only accessed atomically (through
// `Region`s) or by the kernel's page-mapping code, and freed once on drop.
unsafe impl Send for UserPages {}
// SAFETY: `&UserPages` gives out regions (atomic accesses) and maps pages: both fine from
// several threads.
unsafe impl Sync for UserPages {}

impl UserPages {
    fn new() -> Result<Self> {
        let size = c_ulong::try_from(RING_BYTES).map_err(|_| EINVAL)?;
        // SAFETY: no preconditions; the result is checked for NULL.
        let ptr = unsafe { vmalloc_user_noprof(size) };
        Ok(Self {
            ptr: NonNull::new(ptr).ok_or(ENOMEM)?,
        })
    }

    /// The ring memory as a region.
    ///
    /// # Safety
    ///
    /// The region (and every endpoint attached to it) must not be used after `self` is
    /// dropped, whatever its `'static` lifetime says.
    unsafe fn region(&self) -> Result<Region<'static>> {
        // SAFETY: `ptr..ptr + RING_BYTES` is a live kernel mapping, readable and writable,
        // page-aligned (hence aligned to 8), and the caller keeps it alive for as long as the
        // region is used. The module accesses it only through regions (atomics); userspace
        // may write anything at any time through its mapping, which the ring is built for.
        unsafe { Region::from_raw_parts(self.ptr.cast(), RING_BYTES) }.map_err(|_| EINVAL)
    }

    /// Maps pages `pgoff..` of the ring into the whole of `vma`.
    fn map(&self, vma: &mut Vma, pgoff: usize) -> Result {
        let pgoff = c_ulong::try_from(pgoff).map_err(|_| EINVAL)?;
        // SAFETY: `vma` is a mapping being set up by `mmap` (its invariant); `ptr` is a live
        // `vmalloc_user` area (the function checks `VM_USERMAP` and that `pgoff` plus the
        // VMA's length fit in it, failing with EINVAL otherwise). The pages it maps stay
        // allocated while mapped: the mapping holds a reference to the file, so `release`
        // (which frees them) only runs after the last `munmap`.
        let ret = unsafe { remap_vmalloc_range(vma.as_raw().cast(), self.ptr.as_ptr(), pgoff) };
        if ret != 0 {
            return Err(Error::from_errno(ret));
        }
        Ok(())
    }
}

impl Drop for UserPages {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from `vmalloc_user` and is freed once; no region of it is used
        // after this (the `UserPages::region` contract) and no user mapping remains (see
        // `map`).
        unsafe { vfree(self.ptr.as_ptr()) };
    }
}

/// The module's endpoints of both rings, and what it owes userspace.
struct Ends {
    requests: Region<'static>,
    replies: Region<'static>,
    /// `None` while detached: after a failed reset, until the next one.
    rx: Option<Consumer<'static>>,
    tx: Option<Producer<'static>>,
    /// A reply that found the replies ring full; sent first on the next doorbell.
    pending: Option<RingReply>,
    /// Replies sent since the last reset (wrapping): what `RING_WAIT` waits to see change.
    replied: u32,
    /// The current poisoning was logged: each one is logged once.
    reported: bool,
}

impl Ends {
    /// (Re)writes both rings' headers and counters and attaches to them. A ring whose
    /// header userspace changed in between is corrupt: the endpoints stay detached.
    fn reset(&mut self) -> core::result::Result<(), RingError> {
        self.rx = None;
        self.tx = None;
        self.pending = None;
        self.replied = 0;
        self.reported = false;
        RING_LAYOUT.write(&self.requests)?;
        RING_LAYOUT.write(&self.replies)?;
        let rx = Consumer::attach(self.requests)?;
        let tx = Producer::attach(self.replies)?;
        if *rx.layout() != RING_LAYOUT || *tx.layout() != RING_LAYOUT {
            return Err(RingError::Corrupt {
                what: crosswire_kernel::ring::Corruption::Offset,
                at: 0,
            });
        }
        self.rx = Some(rx);
        self.tx = Some(tx);
        Ok(())
    }

    /// Drains the requests ring, answering each request into the replies ring; returns the
    /// number of replies sent. At most two rounds of the ring per call, whatever userspace
    /// publishes meanwhile.
    fn doorbell(&mut self) -> Result<usize> {
        let before = self.replied;
        let outcome = self.drain();
        let sent = self.replied.wrapping_sub(before);
        outcome.map(|()| usize::try_from(sent).unwrap_or(usize::MAX))
    }

    /// The body of [`Ends::doorbell`]; counts the replies in `replied`.
    fn drain(&mut self) -> Result {
        let (Some(rx), Some(tx)) = (self.rx.as_mut(), self.tx.as_mut()) else {
            // Detached by a failed reset: as corrupt as the ring that caused it.
            return Err(Errno::EPROTO.into());
        };
        let mut undecodable = 0usize;
        for _ in 0..RING_SLOTS.saturating_mul(2) {
            if let Some(reply) = &self.pending {
                match tx.try_send::<RingReply, RING_MSG_BUF>(reply) {
                    Ok(()) => {
                        self.pending = None;
                        self.replied = self.replied.wrapping_add(1);
                    }
                    Err(RingError::Full) => break,
                    Err(e) => return Err(report(&mut self.reported, "replies ring", e)),
                }
            }
            match rx.try_recv::<RingRequest, RING_MSG_BUF>() {
                Ok(request) => self.pending = Some(request.reply()),
                Err(RingError::Empty) => break,
                Err(RingError::Decode(_)) => undecodable = undecodable.saturating_add(1),
                Err(e) => return Err(report(&mut self.reported, "requests ring", e)),
            }
        }
        if let Some(reply) = &self.pending {
            match tx.try_send::<RingReply, RING_MSG_BUF>(reply) {
                Ok(()) => {
                    self.pending = None;
                    self.replied = self.replied.wrapping_add(1);
                }
                Err(RingError::Full) => {}
                Err(e) => return Err(report(&mut self.reported, "replies ring", e)),
            }
        }
        if undecodable > 0 {
            return Err(Errno::EBADMSG.into());
        }
        Ok(())
    }
}

/// Logs a ring error once per poisoning (`reported`), and at most a few times, then at
/// powers of two, across all files; returns the errno userspace sees: `EPROTO` for
/// corruption (the endpoint stays poisoned until a reset).
fn report(reported: &mut bool, what: &str, e: RingError) -> Error {
    if !core::mem::replace(reported, true) {
        let n = REPORTS.fetch_add(1, Ordering::Relaxed);
        if n < 8 || n.is_power_of_two() {
            pr_info!("{what}: {e} (report {n}); detached until a reset\n");
        }
    }
    e.errno().into()
}

/// The rings of one open file.
#[pin_data]
pub(crate) struct RingFile {
    // Declared first, so dropped first: the endpoints' regions point into the pages below.
    #[pin]
    ends: Mutex<Ends>,
    /// Notified when replies are sent or the rings reset (`RING_WAIT`).
    #[pin]
    replied: CondVar,
    requests: UserPages,
    replies: UserPages,
}

impl RingFile {
    /// Allocates and initialises both rings.
    pub(crate) fn new() -> Result<Pin<KBox<Self>>> {
        let requests = UserPages::new()?;
        let replies = UserPages::new()?;
        // SAFETY: the regions go into `ends`, a field of the same `RingFile` as the pages,
        // declared before them and so dropped before them: they are never used after the
        // pages are freed. (Should the `RingFile` allocation below fail, `ends` and the pages
        // are dropped in some order, which is fine too: dropping regions and endpoints
        // accesses nothing.)
        let (rq, rp) = unsafe { (requests.region()?, replies.region()?) };
        let mut ends = Ends {
            requests: rq,
            replies: rp,
            rx: None,
            tx: None,
            pending: None,
            replied: 0,
            reported: false,
        };
        // Nobody else sees the pages yet: a failure here is a bug, not a hostile peer.
        ends.reset().map_err(|_| EINVAL)?;
        KBox::pin_init(
            pin_init!(RingFile {
                ends <- new_mutex!(ends, "crosswire_sample::RingFile::ends"),
                replied <- new_condvar!("crosswire_sample::RingFile::replied"),
                requests: requests,
                replies: replies,
            }),
            GFP_KERNEL,
        )
    }

    /// The doorbell ioctl (see [`Ends::doorbell`]); wakes `RING_WAIT` callers.
    pub(crate) fn doorbell(&self) -> Result<usize> {
        let outcome = self.ends.lock().doorbell();
        self.replied.notify_all();
        outcome
    }

    /// The reset ioctl: rewrites both rings and re-attaches (`EPROTO` if userspace changed a
    /// header meanwhile; the endpoints then stay detached until the next reset).
    pub(crate) fn reset(&self) -> Result<usize> {
        let mut ends = self.ends.lock();
        let outcome = ends.reset();
        drop(ends);
        self.replied.notify_all();
        outcome
            .map(|()| 0)
            .map_err(|e| report(&mut false, "reset", e))
    }

    /// The wait ioctl: sleeps until the count of replies sent since the last reset differs
    /// from `seen` (the caller's count, modulo 2^32) and returns it; `EAGAIN` after
    /// `RING_WAIT_MS` without a change, `EINTR` on a signal. Never waits longer.
    pub(crate) fn wait(&self, seen: usize) -> Result<usize> {
        let seen = u32::try_from(seen & 0xffff_ffff).unwrap_or(u32::MAX);
        let mut ends = self.ends.lock();
        let mut left = kernel::time::msecs_to_jiffies(RING_WAIT_MS);
        while ends.replied == seen {
            match self.replied.wait_interruptible_timeout(&mut ends, left) {
                CondVarTimeoutResult::Woken { jiffies } => left = jiffies,
                CondVarTimeoutResult::Timeout => return Err(EAGAIN),
                CondVarTimeoutResult::Signal { .. } => return Err(EINTR),
            }
        }
        Ok(usize::try_from(ends.replied).unwrap_or(usize::MAX))
    }

    /// `mmap`: the requests ring (read-write), the replies ring (read-only: `PROT_WRITE`
    /// refused with EACCES, `mprotect` to writable too), or the replies ring's consumer
    /// page alone (read-write). Shared mappings only, each within one ring.
    pub(crate) fn mmap(&self, vma: &mut Vma) -> Result {
        if !vma.is_shared() {
            return Err(EINVAL);
        }
        let first = vma.pgoff();
        let pages = vma.len() / RING_PAGE;
        let end = first.checked_add(pages).ok_or(EINVAL)?;
        if end <= RING_PAGES {
            self.requests.map(vma, first)
        } else if first == REPLIES_CONSUMER_PGOFF && pages == 1 {
            self.replies.map(vma, first - REPLIES_PGOFF)
        } else if first >= REPLIES_PGOFF && end <= REPLIES_PGOFF + RING_PAGES {
            if vma.is_writable() {
                return Err(EACCES);
            }
            vma.forbid_write();
            self.replies.map(vma, first - REPLIES_PGOFF)
        } else {
            Err(EINVAL)
        }
    }
}
