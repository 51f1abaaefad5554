//! The shared-memory rings of `/dev/crosswire_sample` (`docs/ring-format.md`, "The kernel
//! side"): mapping rights, a checked exchange of typed messages both ways, the wake-up of a
//! thread waiting for replies, a hostile phase (targeted corruptions, then a scribbling
//! thread racing the module), and recovery.

use core::ffi::c_void;
use core::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crosswire::BoundedVec;
use crosswire_kernel::ring::{Consumer, Producer, Region, RingError};
use crosswire_kernel::Errno;
use rustix::fs::{open, Mode, OFlags};
use rustix::mm::{mmap, mprotect, munmap, MapFlags, MprotectFlags, ProtFlags};

use crosswire_sample_types::*;

use crate::{dev::Dev, gen::Rng, Tally, EINVAL};

const EPROTO: i32 = Errno::EPROTO.get();
const EBADMSG: i32 = Errno::EBADMSG.get();
const EAGAIN: i32 = Errno::EAGAIN.get();
const EACCES: i32 = 13;

/// Bytes of one ring.
const RING_BYTES: usize = RING_PAGES * RING_PAGE;
/// Requests in the checked exchange.
const EXCHANGE: u32 = 4000;
/// How long the scribbling thread races the module.
const SCRIBBLE_FOR: Duration = Duration::from_secs(2);
/// Offsets in a ring (`RING_LAYOUT`): the producer counter, the consumer counter, the slots.
const PRODUCER_COUNTER: usize = 128;
const CONSUMER_COUNTER: usize = RING_PAGE;
const SLOTS: usize = 2 * RING_PAGE;

/// One open file of the device with both of its rings mapped.
struct Rings {
    dev: Dev,
    /// `RING_BYTES` of the requests ring, shared read-write.
    requests: NonNull<c_void>,
    /// `RING_BYTES` of the replies ring, shared read-only, except its page 1 (the consumer
    /// line), shared read-write.
    replies: NonNull<c_void>,
}

impl Rings {
    fn open() -> Result<Rings, String> {
        let fd = open("/dev/crosswire_sample", OFlags::RDWR, Mode::empty())
            .map_err(|e| format!("open: {e}"))?;
        let rw = ProtFlags::READ | ProtFlags::WRITE;
        let map = |len, prot, pgoff: usize, at: *mut c_void, fixed| {
            let flags = if fixed {
                MapFlags::SHARED | MapFlags::FIXED
            } else {
                MapFlags::SHARED
            };
            // SAFETY: either a new mapping at an address of the kernel's choosing, or (fixed)
            // one that replaces a page of our own replies mapping, which nothing references.
            unsafe { mmap(at, len, prot, flags, &fd, (pgoff * RING_PAGE) as u64) }
                .map_err(|e| format!("mmap at page {pgoff}: {e}"))
        };
        let requests = map(RING_BYTES, rw, REQUESTS_PGOFF, core::ptr::null_mut(), false)?;
        let replies = map(
            RING_BYTES,
            ProtFlags::READ,
            REPLIES_PGOFF,
            core::ptr::null_mut(),
            false,
        )?;
        let consumer_page = replies.cast::<u8>().wrapping_add(RING_PAGE).cast();
        map(RING_PAGE, rw, REPLIES_CONSUMER_PGOFF, consumer_page, true)?;
        Ok(Rings {
            dev: Dev { fd },
            requests: NonNull::new(requests).ok_or("null mapping")?,
            replies: NonNull::new(replies).ok_or("null mapping")?,
        })
    }

    fn requests(&self) -> Region<'_> {
        // SAFETY: a shared read-write mapping of `RING_BYTES` (page-aligned) that lives as
        // long as `self`; this program only accesses it through regions. The module writes
        // it at any time: what regions are for.
        unsafe { Region::from_raw_parts(self.requests.cast(), RING_BYTES) }.expect("aligned")
    }

    fn replies(&self) -> Region<'_> {
        // SAFETY: as for `requests`, except that only page 1 is writable: this program
        // stores only to the consumer line (page 1), through the consumer and the scribbler;
        // everything else in this region is only loaded.
        unsafe { Region::from_raw_parts(self.replies.cast(), RING_BYTES) }.expect("aligned")
    }

    fn attach(&self) -> Result<(Producer<'_>, Consumer<'_>), RingError> {
        Ok((
            Producer::attach(self.requests())?,
            Consumer::attach(self.replies())?,
        ))
    }

    // The ring ioctls take an integer, never a buffer: the module does not dereference
    // `arg`, which keeps `Dev::call_raw`'s contract.
    fn doorbell(&self) -> Result<usize, i32> {
        self.dev.call_raw(RING_DOORBELL, core::ptr::null_mut())
    }

    fn reset(&self) -> Result<usize, i32> {
        self.dev.call_raw(RING_RESET, core::ptr::null_mut())
    }
}

/// `RING_WAIT`: sleeps until the module has sent a number of replies other than `seen`.
fn wait(dev: &Dev, seen: usize) -> Result<usize, i32> {
    dev.call_raw(RING_WAIT, seen as *mut c_void)
}

impl Drop for Rings {
    fn drop(&mut self) {
        for ptr in [self.requests, self.replies] {
            // SAFETY: our own mappings, no region of them outlives `self`.
            let _ = unsafe { munmap(ptr.as_ptr(), RING_BYTES) };
        }
    }
}

fn request(rng: &mut Rng, seq: u32) -> RingRequest {
    let n = rng.below(9) as usize;
    let values: Vec<u32> = (0..n).map(|_| rng.next() as u32).collect();
    RingRequest {
        seq,
        values: BoundedVec::from_slice(&values).expect("at most 8"),
    }
}

/// Sends `reqs`, rings the doorbell, receives and checks every reply. `Err` says what broke.
fn exchange_batch(
    rings: &Rings,
    tx: &mut Producer<'_>,
    rx: &mut Consumer<'_>,
    reqs: &[RingRequest],
) -> Result<(), String> {
    for req in reqs {
        tx.try_send::<RingRequest, RING_MSG_BUF>(req)
            .map_err(|e| format!("send {}: {e}", req.seq))?;
    }
    let n = rings
        .doorbell()
        .map_err(|e| format!("doorbell: errno {e}"))?;
    if n != reqs.len() {
        return Err(format!("doorbell answered {n} of {}", reqs.len()));
    }
    for req in reqs {
        let got = rx.try_recv::<RingReply, RING_MSG_BUF>();
        if got.as_ref() != Ok(&req.reply()) {
            return Err(format!(
                "reply to {}: {got:?}, want {:?}",
                req.seq,
                req.reply()
            ));
        }
    }
    match rx.try_recv::<RingReply, RING_MSG_BUF>() {
        Err(RingError::Empty) => Ok(()),
        other => Err(format!("extra reply: {other:?}")),
    }
}

/// `count` requests in batches of up to 200 (the replies ring holds 256).
fn exchange(rings: &Rings, rng: &mut Rng, count: u32) -> Result<u32, String> {
    let (mut tx, mut rx) = rings.attach().map_err(|e| format!("attach: {e}"))?;
    let mut seq = 0;
    while seq < count {
        let batch = (1 + rng.below(200) as u32).min(count - seq);
        let reqs: Vec<_> = (seq..seq + batch).map(|s| request(rng, s)).collect();
        exchange_batch(rings, &mut tx, &mut rx, &reqs)?;
        seq += batch;
    }
    Ok(seq)
}

/// A thread waits for replies in `RING_WAIT`; this one sends requests and rings the
/// doorbell, which must wake it with the count of replies. Then a wait with nothing coming
/// must end with `EAGAIN` after about `RING_WAIT_MS`.
fn wake_up(rings: &Rings, rng: &mut Rng, t: &mut Tally) {
    let reset = rings.reset();
    t.check("wake-up: reset", reset.is_ok(), || format!("{reset:?}"));
    let Ok((mut tx, mut rx)) = rings.attach() else {
        t.check("wake-up: attach", false, String::new);
        return;
    };
    let dev = &rings.dev;
    let reqs: Vec<_> = (0..10).map(|s| request(rng, s)).collect();
    let (woken, sent) = std::thread::scope(|s| {
        let waiter = s.spawn(|| {
            let start = Instant::now();
            (wait(dev, 0), start.elapsed())
        });
        // Let the waiter fall asleep first (it is woken all the same if it did not yet).
        std::thread::sleep(Duration::from_millis(50));
        for req in &reqs {
            let _ = tx.try_send::<RingRequest, RING_MSG_BUF>(req);
        }
        let sent = rings.doorbell();
        (waiter.join().expect("waiter thread"), sent)
    });
    t.check("wake-up: doorbell", sent == Ok(10), || format!("{sent:?}"));
    let (got, took) = woken;
    let limit = Duration::from_millis(u64::from(RING_WAIT_MS) / 2);
    t.check("wake-up: woken", got == Ok(10) && took < limit, || {
        format!("RING_WAIT: {got:?} after {took:?}, want Ok(10) before {limit:?}")
    });
    for req in &reqs {
        let got = rx.try_recv::<RingReply, RING_MSG_BUF>();
        t.check("wake-up: reply", got.as_ref() == Ok(&req.reply()), || {
            format!("{got:?}, want {:?}", req.reply())
        });
    }
    let start = Instant::now();
    let got = wait(dev, 10);
    let took = start.elapsed();
    let min = Duration::from_millis(u64::from(RING_WAIT_MS) * 9 / 10);
    t.check(
        "wake-up: timeout",
        got == Err(EAGAIN) && took >= min,
        || {
            format!(
                "RING_WAIT with nothing coming: {got:?} after {took:?}, want EAGAIN after {min:?}"
            )
        },
    );
}

fn mapping(rings: &Rings, t: &mut Tally) {
    let try_map = |prot, flags, pgoff: usize, len| {
        // SAFETY: a new mapping at an address of the kernel's choosing; unmapped at once.
        let r = unsafe {
            mmap(
                core::ptr::null_mut(),
                len,
                prot,
                flags,
                &rings.dev.fd,
                (pgoff * RING_PAGE) as u64,
            )
        };
        r.map(|p| {
            // SAFETY: the mapping just made, unreferenced.
            let _ = unsafe { munmap(p, len) };
        })
        .map_err(|e| e.raw_os_error())
    };
    let rw = ProtFlags::READ | ProtFlags::WRITE;
    let got = try_map(rw, MapFlags::SHARED, REPLIES_PGOFF, RING_BYTES);
    t.check("replies ring mapped writable", got == Err(EACCES), || {
        format!("mmap PROT_WRITE: {got:?}, want EACCES")
    });
    let got = try_map(rw, MapFlags::SHARED, REPLIES_PGOFF + 2, RING_PAGE);
    t.check("replies slots mapped writable", got == Err(EACCES), || {
        format!("mmap PROT_WRITE: {got:?}, want EACCES")
    });
    let got = try_map(rw, MapFlags::PRIVATE, REQUESTS_PGOFF, RING_BYTES);
    t.check("private mapping", got == Err(EINVAL), || {
        format!("mmap MAP_PRIVATE: {got:?}, want EINVAL")
    });
    let got = try_map(ProtFlags::READ, MapFlags::SHARED, 2 * RING_PAGES, RING_PAGE);
    t.check("mapping past the rings", got == Err(EINVAL), || {
        format!("mmap: {got:?}, want EINVAL")
    });
    let got = try_map(
        ProtFlags::READ,
        MapFlags::SHARED,
        RING_PAGES - 1,
        2 * RING_PAGE,
    );
    t.check("mapping across both rings", got == Err(EINVAL), || {
        format!("mmap: {got:?}, want EINVAL")
    });
    // SAFETY: making our own read-only mapping writable must fail; if it did not, nothing
    // in this program writes through it.
    let got = unsafe {
        mprotect(
            rings.replies.as_ptr(),
            RING_PAGE,
            MprotectFlags::READ | MprotectFlags::WRITE,
        )
    }
    .map_err(|e| e.raw_os_error());
    t.check("replies ring mprotect writable", got == Err(EACCES), || {
        format!("mprotect PROT_WRITE: {got:?}, want EACCES")
    });
}

/// One targeted corruption: after a reset and `prefill` checked requests, three requests are
/// sent and `scribble` runs (given the third one's index); the doorbell must fail with
/// `want`, the next doorbell too when `want` is EPROTO (poisoned), and after a reset the
/// rings must work again.
fn targeted(
    rings: &Rings,
    rng: &mut Rng,
    t: &mut Tally,
    what: &str,
    prefill: u32,
    scribble: impl FnOnce(&Rings, u32),
    want: i32,
) {
    let outcome = (|| -> Result<(), String> {
        rings.reset().map_err(|e| format!("reset: errno {e}"))?;
        exchange(rings, rng, prefill)?;
        let (mut tx, mut rx) = rings.attach().map_err(|e| format!("attach: {e}"))?;
        for seq in 0..3 {
            tx.try_send::<RingRequest, RING_MSG_BUF>(&request(rng, seq))
                .map_err(|e| format!("send: {e}"))?;
        }
        scribble(rings, prefill + 2);
        let got = rings.doorbell();
        if got != Err(want) {
            return Err(format!("doorbell: {got:?}, want errno {want}"));
        }
        if want == EPROTO && rings.doorbell() != Err(EPROTO) {
            return Err("not poisoned: a second doorbell did not fail".into());
        }
        if want == EBADMSG {
            // The two valid requests were answered all the same.
            for seq in 0..2 {
                let got = rx.try_recv::<RingReply, RING_MSG_BUF>();
                if got.as_ref().map(|r| r.seq) != Ok(seq) {
                    return Err(format!("reply {seq} around the bad frame: {got:?}"));
                }
            }
        }
        rings.reset().map_err(|e| format!("reset: errno {e}"))?;
        exchange(rings, rng, 50).map(|_| ())
    })();
    t.check(what, outcome.is_ok(), || outcome.unwrap_err());
}

/// The frame of the request with index `idx`: its slot's offset in the requests ring.
fn slot(idx: u32) -> usize {
    SLOTS + (idx & (RING_SLOTS - 1)) as usize * RING_SLOT_SIZE as usize
}

fn hostile(rings: &Rings, rng: &mut Rng, t: &mut Tally) {
    let before = t.passed;
    let relaxed = Ordering::Relaxed;
    targeted(
        rings,
        rng,
        t,
        "undecodable payload",
        0,
        // The third request's vector length: far above its capacity of 8.
        |r, idx| {
            r.requests().store_u32(slot(idx) + 8 + 4, u32::MAX, relaxed);
        },
        EBADMSG,
    );
    targeted(
        rings,
        rng,
        t,
        "frame length above the slot",
        0,
        |r, idx| {
            r.requests().store_u32(slot(idx), 1000, relaxed);
        },
        EPROTO,
    );
    targeted(
        rings,
        rng,
        t,
        "frame stamp",
        0,
        |r, idx| {
            r.requests().store_u32(slot(idx) + 4, idx + 7, relaxed);
        },
        EPROTO,
    );
    targeted(
        rings,
        rng,
        t,
        "producer counter a ring ahead",
        0,
        |r, _| {
            r.requests()
                .store_u32(PRODUCER_COUNTER, RING_SLOTS + 5, relaxed);
        },
        EPROTO,
    );
    targeted(
        rings,
        rng,
        t,
        "replies consumer counter ahead",
        // A full ring's worth first: the module's producer then has to read the counter.
        RING_SLOTS,
        |r, _| {
            r.replies().store_u32(CONSUMER_COUNTER, 1000, relaxed);
        },
        EPROTO,
    );

    // A thread scribbles the requests ring and the replies consumer page at full speed while
    // this one sends, rings the doorbell, receives and resets.
    let stop = AtomicBool::new(false);
    let seed = rng.next();
    let (mut doorbells, mut corrupt, mut undecodable, mut resets, mut odd) =
        (0, 0, 0, 0, Vec::new());
    let (requests, replies) = (rings.requests(), rings.replies());
    std::thread::scope(|s| {
        let stop = &stop;
        s.spawn(move || {
            let mut rng = Rng(seed);
            while !stop.load(relaxed) {
                let value = match rng.below(4) {
                    0 => rng.next() as u32,
                    1 => rng.below(2 * u64::from(RING_SLOTS)) as u32,
                    2 => u32::MAX - rng.below(8) as u32,
                    _ => rng.below(64) as u32,
                };
                match rng.below(8) {
                    0 => replies.store_u32(CONSUMER_COUNTER, value, relaxed),
                    1 => requests.store_u32(PRODUCER_COUNTER, value, relaxed),
                    2 => requests.store_u32(CONSUMER_COUNTER, value, relaxed),
                    3 => requests.store_u32(4 * rng.below(8) as usize, value, relaxed),
                    _ => {
                        let at = SLOTS + 4 * rng.below((RING_BYTES - SLOTS) as u64 / 4) as usize;
                        requests.store_u32(at, value, relaxed)
                    }
                };
                // The guest has one CPU: let the module run between scribbles too.
                if rng.below(64) == 0 {
                    std::thread::yield_now();
                }
            }
        });
        let start = Instant::now();
        let mut ends = rings.attach().ok();
        let mut seq = 0u32;
        while start.elapsed() < SCRIBBLE_FOR {
            if let Some((tx, rx)) = ends.as_mut() {
                for _ in 0..rng.below(8) {
                    let _ = tx.try_send::<RingRequest, RING_MSG_BUF>(&request(rng, seq));
                    seq = seq.wrapping_add(1);
                }
                while let Ok(_) | Err(RingError::Decode(_)) =
                    rx.try_recv::<RingReply, RING_MSG_BUF>()
                {}
            }
            doorbells += 1;
            if doorbells % 4 == 0 {
                std::thread::yield_now();
            }
            match rings.doorbell() {
                Ok(_) => continue,
                Err(EBADMSG) => {
                    undecodable += 1;
                    continue;
                }
                Err(EPROTO) => corrupt += 1,
                Err(e) => odd.push(format!("doorbell errno {e}")),
            }
            resets += 1;
            match rings.reset() {
                Ok(_) | Err(EPROTO) => {}
                Err(e) => odd.push(format!("reset errno {e}")),
            }
            ends = rings.attach().ok();
        }
        stop.store(true, relaxed);
    });
    t.check("scribbler: only EPROTO and EBADMSG", odd.is_empty(), || {
        format!("{} unexpected results, first {:?}", odd.len(), odd.first())
    });
    t.check("scribbler: corruption reported", corrupt > 0, || {
        format!("{doorbells} doorbells, none saw the corruption")
    });
    println!(
        "ring hostile: 5 targeted corruptions, then {}s of scribbling: {doorbells} doorbells, {corrupt} corrupt (EPROTO), {undecodable} undecodable (EBADMSG), {resets} resets; {} checks passed",
        SCRIBBLE_FOR.as_secs(),
        t.passed - before
    );
}

pub(crate) fn ring(rng: &mut Rng, t: &mut Tally) {
    let rings = match Rings::open() {
        Ok(r) => r,
        Err(e) => {
            t.check("ring mapping", false, || e);
            return;
        }
    };
    let before = t.passed;
    mapping(&rings, t);
    println!(
        "ring mapping: requests read-write, replies read-only but the consumer page; {} checks passed",
        t.passed - before
    );

    let done = exchange(&rings, rng, EXCHANGE);
    t.check("ring exchange", done.is_ok(), || format!("{done:?}"));
    if let Ok(n) = done {
        println!("ring exchange: {n} typed requests, each reply's seq and values checked: passed");
    }

    let before = t.passed;
    wake_up(&rings, rng, t);
    println!(
        "ring wake-up: a thread sleeping in RING_WAIT woken by the doorbell, and timed out without it; {} checks passed",
        t.passed - before
    );

    hostile(&rings, rng, t);

    let reset = rings.reset();
    let done = reset
        .map_err(|e| format!("reset: errno {e}"))
        .and_then(|_| exchange(&rings, rng, 500));
    t.check("ring recovery", done.is_ok(), || format!("{done:?}"));
    if let Ok(n) = done {
        println!("ring recovery: after the scribbling, a reset, then {n} requests and replies checked: passed");
    }
}
