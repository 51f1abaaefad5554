//! Waiting for the peer, in userspace: a futex on the peer's counter, always with a
//! timeout (`docs/ring-format.md` §5).
//!
//! A side that finds the ring empty (or full) first looks at the peer's counter a bounded
//! number of times ([`SPINS`]), then writes the `wake_at` word of its own line (the peer
//! counter value it wants to be woken at: the next frame for the consumer, half a ring of
//! room for the producer), sets its `waiting` word, issues a full fence, rereads the peer's
//! counter and, if it is unchanged, sleeps on it with `FUTEX_WAIT` (a shared futex: the two
//! sides are different processes). The peer publishes (releases), fences, reads the
//! `waiting` word and, when it is set and its counter has reached `wake_at`, reports a
//! wake-up (`take_wake`), which `notify` turns into `FUTEX_WAKE`, and, on a ring with
//! doorbells, a ring of the sleeper's eventfd (§5.4: how an async side, which waits on its
//! doorbell in the event loop through the same [`Wait`] steps, is woken by a blocking
//! peer). The two fences make sure that at
//! least one side sees the other's store, so no wake-up is lost; a hostile or dead peer can
//! at worst make us wake early or sleep until the deadline, which is then reported as
//! [`RingError::TimedOut`].
//!
//! Each sleep lasts at most [`NAP`]; before each, the side checks what the hot path does
//! not: the peer's process (a pidfd of the process its claim names: [`RingError::PeerGone`]),
//! a new generation, its own counter, and for the creator a peer's request for a reset or
//! a changed header. A poisoned creator resets the ring from its next waiting call, after
//! a back-off that doubles while corruption keeps coming back; a poisoned peer waits for
//! that reset (`docs/ring-format.md` §5.2, §5.3).

use core::sync::atomic::{AtomicU32, Ordering};
use std::{
    os::fd::{AsFd, OwnedFd},
    sync::Arc,
    time::{Duration, Instant},
};

use crosswire::{Decode, Encode};
use rustix::{
    event::{poll, PollFd, PollFlags},
    io::Errno,
    process::{pidfd_open, Pid, PidfdFlags},
    thread::futex,
    time::Timespec,
};

use super::{
    layout::line,
    session::{self, claim_pid},
    shared::Region,
    Consumer, Producer, RingError,
};

/// How many times a waiting side spins on the peer's counter before it yields.
const SPINS: u32 = 200;
/// How many times it then yields the CPU, looking again each time, before it sleeps.
const YIELDS: u32 = 16;
/// The longest single sleep: the peer's death is noticed within about this long.
pub const NAP: Duration = Duration::from_millis(100);
/// The first back-off before a creator resets a ring that turned corrupt again soon
/// after its last reset; it doubles each time, up to [`BACKOFF_MAX`].
const BACKOFF_MIN: Duration = Duration::from_millis(10);
/// The longest back-off between two resets.
pub const BACKOFF_MAX: Duration = Duration::from_secs(1);
/// A reset this long after the previous one is immediate (the back-off starts over).
const QUIET: Duration = Duration::from_secs(5);

/// What an endpoint remembers for waiting: the peer process it watches, and its resets.
#[derive(Debug, Default)]
pub(crate) struct Watch {
    /// The peer's claim word last looked at, and what we know of its process.
    peer: Option<(u32, Peer)>,
    /// When the pending reset may happen (set when a poisoned creator first waits).
    next_reset: Option<Instant>,
    /// The back-off that led to `next_reset`.
    delay: Duration,
    /// When this side last reset the ring.
    last_reset: Option<Instant>,
    /// The peer's doorbell (`docs/ring-format.md` §5.4), rung with every futex wake-up,
    /// when this side's ring has doorbells.
    pub(crate) bell: Option<Arc<OwnedFd>>,
}

/// The process named by a peer's claim.
#[derive(Debug)]
enum Peer {
    /// Watched through its pidfd (readable once the process has exited).
    Alive(OwnedFd),
    /// It had exited already when we looked.
    Gone,
    /// Cannot be watched (no pidfd support, or not allowed): assumed alive.
    Unknown,
}

/// Whether the process named by `claim` has exited (for a stale claim found at attach).
pub(crate) fn claim_is_stale(claim: u32) -> bool {
    match look(claim) {
        Peer::Gone => true,
        Peer::Alive(fd) => exited(&fd),
        Peer::Unknown => false,
    }
}

/// Opens a pidfd for the process `claim` names.
fn look(claim: u32) -> Peer {
    let Some(pid) = claim_pid(claim)
        .and_then(|p| i32::try_from(p).ok())
        .and_then(Pid::from_raw)
    else {
        return Peer::Unknown;
    };
    match pidfd_open(pid, PidfdFlags::empty()) {
        Ok(fd) => Peer::Alive(fd),
        Err(Errno::SRCH) => Peer::Gone,
        Err(_) => Peer::Unknown,
    }
}

/// Whether the process behind `pidfd` has exited (the pidfd polls readable).
fn exited(pidfd: &OwnedFd) -> bool {
    let mut fds = [PollFd::new(pidfd, PollFlags::IN)];
    let zero = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    matches!(poll(&mut fds, Some(&zero)), Ok(n) if n > 0)
}

impl Watch {
    /// Whether the holder of `claim` (the peer's claim word as read now) has exited.
    fn gone(&mut self, claim: u32) -> bool {
        if claim_pid(claim).is_none() {
            self.peer = None;
            return false;
        }
        if self.peer.as_ref().map(|(c, _)| *c) != Some(claim) {
            self.peer = Some((claim, look(claim)));
        }
        match &self.peer {
            Some((_, Peer::Gone)) => true,
            Some((_, Peer::Alive(fd))) => exited(fd),
            _ => false,
        }
    }

    /// When a poisoned creator may reset: now after a quiet spell, else after a back-off
    /// that doubles with each reset that corruption follows soon.
    fn reset_time(&mut self, now: Instant) -> Instant {
        *self.next_reset.get_or_insert_with(|| {
            let recent = self
                .last_reset
                .is_some_and(|at| now.saturating_duration_since(at) < QUIET);
            self.delay = if recent {
                self.delay.saturating_mul(2).clamp(BACKOFF_MIN, BACKOFF_MAX)
            } else {
                Duration::ZERO
            };
            now.checked_add(self.delay).unwrap_or(now)
        })
    }
}

/// What a side waits for: the peer's counter at `counter_at`, last seen at `seen`; the
/// side's own `waiting` and `wake_at` words in its line at `own_line`; the counter value
/// the peer should wake it at (`wake_at`). The blocking calls sleep on it with a futex
/// (`sleep_on`), the async ones on their doorbell (`ring::tokio`); both through these steps.
pub(super) struct Wait {
    own_line: usize,
    counter_at: usize,
    seen: u32,
    wake_at: u32,
}

impl Wait {
    /// The producer's wait for room: woken once half the ring (at least one slot) is
    /// free again.
    pub(super) fn room(producer: &Producer<'_>) -> Wait {
        let (_, layout, head, tail) = producer.parts();
        let count = layout.slot_count();
        let room = (count / 2).max(1);
        Wait {
            own_line: layout.producer_line(),
            counter_at: layout.consumer_line(),
            seen: tail,
            wake_at: head.wrapping_sub(count).wrapping_add(room),
        }
    }

    /// The consumer's wait for a frame: woken by the first one.
    pub(super) fn frame(consumer: &Consumer<'_>) -> Wait {
        let (_, layout, tail) = consumer.parts();
        Wait {
            own_line: layout.consumer_line(),
            counter_at: layout.producer_line(),
            seen: tail,
            wake_at: tail.wrapping_add(1),
        }
    }

    fn missing(&self) -> RingError {
        RingError::Corrupt {
            what: super::Corruption::RegionSize,
            at: self.counter_at,
        }
    }

    /// The peer's counter, as an atomic (for the futex).
    fn counter<'r>(&self, region: Region<'r>) -> Result<&'r AtomicU32, RingError> {
        region.u32_at(self.counter_at).ok_or_else(|| self.missing())
    }

    /// Whether the peer's counter has moved from `seen` (Relaxed: the call that follows
    /// reads it again with Acquire).
    pub(super) fn moved(&self, region: Region<'_>) -> Result<bool, RingError> {
        Ok(self.counter(region)?.load(Ordering::Relaxed) != self.seen)
    }

    /// Asks the peer for a wake-up: stores `wake_at`, sets `waiting` (SeqCst), fences and
    /// rereads the peer's counter. `Ok(true)` when it has not moved: sleep now (the peer
    /// will see `waiting` for the publish or release that reaches `wake_at`).
    pub(super) fn arm(&self, region: Region<'_>) -> Result<bool, RingError> {
        let waiting_at = self.own_line.saturating_add(line::WAITING);
        let wake_at_at = self.own_line.saturating_add(line::WAKE_AT);
        region
            .store_u32(wake_at_at, self.wake_at, Ordering::Relaxed)
            .ok_or_else(|| self.missing())?;
        // SeqCst (so also Release: the peer that sees `waiting` set sees `wake_at` too).
        region
            .store_u32(waiting_at, 1, Ordering::SeqCst)
            .ok_or_else(|| self.missing())?;
        core::sync::atomic::fence(Ordering::SeqCst);
        Ok(self.counter(region)?.load(Ordering::Acquire) == self.seen)
    }

    /// Withdraws the request for a wake-up.
    pub(super) fn disarm(&self, region: Region<'_>) -> Result<(), RingError> {
        let waiting_at = self.own_line.saturating_add(line::WAITING);
        region
            .store_u32(waiting_at, 0, Ordering::Relaxed)
            .ok_or_else(|| self.missing())
    }
}

/// Waits until the peer's counter moves from `seen`, a wake-up, a nap's end or the
/// deadline: spins first, then runs `before_sleep` (the checks above; its error ends the
/// wait), then sleeps with `waiting` set, asking the peer to wake it only once its counter
/// reaches `wake_at` (which is how the producer waits for half a ring of room instead of
/// being woken for every released slot). Returns early, without sleeping, when the
/// counter has already moved.
fn sleep_on(
    region: Region<'_>,
    wait: &Wait,
    deadline: Instant,
    before_sleep: &mut dyn FnMut() -> Result<(), RingError>,
) -> Result<(), RingError> {
    let remaining = deadline.saturating_duration_since(Instant::now());
    if remaining.is_zero() {
        return Err(RingError::TimedOut);
    }
    // A peer that is running usually moves within a microsecond: look a bounded number
    // of times before paying for two system calls; then give the CPU away a few times,
    // in case the peer waits for it (more processes than cores).
    for i in 0..SPINS.saturating_add(YIELDS) {
        if wait.moved(region)? {
            return Ok(());
        }
        if i < SPINS {
            core::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
    }
    before_sleep()?;
    if wait.arm(region)? {
        // At most a nap per sleep, then look again; the deadline bounds the whole wait.
        let nap = remaining.min(NAP);
        let timeout = Timespec::try_from(nap).unwrap_or(Timespec {
            tv_sec: 0,
            tv_nsec: 100_000_000,
        });
        // EAGAIN (the counter moved), EINTR and ETIMEDOUT all mean: look again.
        let counter = wait.counter(region)?;
        let _ = futex::wait(counter, futex::Flags::empty(), wait.seen, Some(&timeout));
    }
    wait.disarm(region)
}

/// Wakes a side sleeping on the `u32` at `counter_at`: the futex, and its doorbell when
/// this side holds it (`bell`).
fn wake(region: Region<'_>, counter_at: usize, bell: Option<&Arc<OwnedFd>>) {
    if let Some(counter) = region.u32_at(counter_at) {
        // A failed wake-up leaves the sleeper to its timeout; nothing more to do here.
        let _ = futex::wake(counter, futex::Flags::empty(), 1);
    }
    if let Some(bell) = bell {
        super::doorbell::ring(bell.as_fd());
    }
}

/// The peer's liveness: [`RingError::PeerGone`] once its claim names a process that has
/// exited; the claim is then cleared, so that a new peer can attach.
fn check_peer(region: Region<'_>, peer_line: usize, watch: &mut Watch) -> Result<(), RingError> {
    let claim = session::holder(&region, peer_line);
    if watch.gone(claim) {
        session::clear_dead(&region, peer_line, claim);
        watch.peer = None;
        return Err(RingError::PeerGone);
    }
    Ok(())
}

/// Sleeps `span` (nothing when zero).
fn pause(span: Duration) {
    if !span.is_zero() {
        std::thread::sleep(span);
    }
}

/// The first pause of a poisoned peer waiting for the creator's reset; it doubles up to
/// [`NAP`].
pub(super) const FIRST_POLL: Duration = Duration::from_millis(1);

/// What a waiting endpoint needs besides its hot path: its recovery when poisoned, and the
/// checks before each sleep. Both endpoints implement it, for the blocking calls here and
/// the async ones (`ring::tokio`).
pub(super) trait Recover {
    fn poison(&self) -> Option<RingError>;
    fn creator(&self) -> bool;
    fn watch(&mut self) -> &mut Watch;
    fn do_reset(&mut self) -> Result<u32, RingError>;
    /// The poisoning, or [`RingError::Reset`] if the creator reset the ring since.
    fn recheck(&mut self) -> Result<(), RingError>;
    /// What runs before each sleep: `health()`, then the peer's liveness.
    fn before_sleep(&mut self) -> Result<(), RingError>;
}

/// What a waiting call must do first about its endpoint's poisoning.
pub(super) enum Recovery {
    /// Nothing: the endpoint is healthy.
    Healthy,
    /// The creator resets the ring at this instant ([`reset_now`]).
    ResetAt(Instant),
    /// A peer waits for the creator's reset, polling [`Recover::recheck`]; this is the
    /// error to report if it does not come in time.
    AwaitReset(RingError),
}

/// What a waiting call does about `side`'s poisoning, at `now`: a poisoned creator resets
/// the ring after its back-off, a poisoned peer waits for that reset.
pub(super) fn recovery(side: &mut dyn Recover, now: Instant) -> Recovery {
    match side.poison() {
        None => Recovery::Healthy,
        Some(_) if side.creator() => Recovery::ResetAt(side.watch().reset_time(now)),
        Some(poison) => Recovery::AwaitReset(poison),
    }
}

/// Resets the ring now (the creator's [`Recovery::ResetAt`] has come) and returns what
/// the waiting call reports: [`RingError::Reset`].
pub(super) fn reset_now(side: &mut dyn Recover) -> RingError {
    let watch = side.watch();
    watch.next_reset = None;
    watch.last_reset = Some(Instant::now());
    match side.do_reset() {
        Ok(lost) => RingError::Reset { lost },
        Err(e) => e,
    }
}

/// Runs before any waiting call: nothing when healthy. A poisoned creator waits for its
/// back-off (bounded by `deadline`: [`RingError::TimedOut`]), resets the ring and reports
/// [`RingError::Reset`]; a poisoned peer polls the generation until the creator resets
/// ([`RingError::Reset`]) or the deadline passes (the poisoning again).
fn recover(side: &mut dyn Recover, deadline: Instant) -> Result<(), RingError> {
    let now = Instant::now();
    match recovery(side, now) {
        Recovery::Healthy => Ok(()),
        Recovery::ResetAt(at) if at > deadline => {
            pause(deadline.saturating_duration_since(now));
            Err(RingError::TimedOut)
        }
        Recovery::ResetAt(at) => {
            pause(at.saturating_duration_since(now));
            Err(reset_now(side))
        }
        Recovery::AwaitReset(poison) => {
            let mut poll_every = FIRST_POLL;
            loop {
                side.recheck()?;
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(poison);
                }
                pause(left.min(poll_every));
                poll_every = poll_every.saturating_mul(2).min(NAP);
            }
        }
    }
}

/// Both endpoints recover through the same calls; `$peer` names the peer's line.
macro_rules! recover_through {
    ($($side:ident: $peer:ident),*) => {$(
        impl Recover for $side<'_> {
            fn poison(&self) -> Option<RingError> {
                self.poisoned()
            }
            fn creator(&self) -> bool {
                self.is_creator()
            }
            fn watch(&mut self) -> &mut Watch {
                &mut self.watch
            }
            fn do_reset(&mut self) -> Result<u32, RingError> {
                self.reset()
            }
            fn recheck(&mut self) -> Result<(), RingError> {
                self.health()
            }
            fn before_sleep(&mut self) -> Result<(), RingError> {
                self.health()?;
                let (region, layout, ..) = self.parts();
                let peer_line = layout.$peer();
                check_peer(region, peer_line, &mut self.watch)
            }
        }
    )*};
}

recover_through!(Producer: consumer_line, Consumer: producer_line);

impl Producer<'_> {
    /// Wakes the consumer if it asked to be woken since the last call: a futex wake-up,
    /// and its doorbell when the ring has doorbells (`docs/ring-format.md` §5.4).
    pub fn notify(&mut self) {
        if self.take_wake() {
            let (region, layout, _, _) = self.parts();
            wake(region, layout.producer_line(), self.watch.bell.as_ref());
        }
    }

    /// Sends `frame`, waiting up to `timeout` for a free slot, then wakes the consumer if
    /// it sleeps. [`RingError::TimedOut`] when the consumer does not make room in time,
    /// [`RingError::PeerGone`] when its process has exited. On a poisoned endpoint, waits
    /// for the ring's recovery first (the module documentation).
    pub fn send_bytes_timeout(&mut self, frame: &[u8], timeout: Duration) -> Result<(), RingError> {
        let deadline = Instant::now()
            .checked_add(timeout)
            .ok_or(RingError::TimedOut)?;
        recover(self, deadline)?;
        loop {
            match self.try_send_bytes(frame) {
                Err(RingError::Full) => self.wait_for_room(deadline)?,
                result => {
                    self.notify();
                    return result;
                }
            }
        }
    }

    /// [`try_send`](Self::try_send), waiting up to `timeout` for a free slot.
    pub fn send_timeout<T: Encode + ?Sized, const N: usize>(
        &mut self,
        value: &T,
        timeout: Duration,
    ) -> Result<(), RingError> {
        let mut buf = [0u8; N];
        let frame = crosswire::to_fixed(value, &mut buf).map_err(RingError::Encode)?;
        self.send_bytes_timeout(frame, timeout)
    }

    /// Waits until a slot is free or `timeout` passes.
    pub fn wait_for_room_timeout(&mut self, timeout: Duration) -> Result<(), RingError> {
        let deadline = Instant::now()
            .checked_add(timeout)
            .ok_or(RingError::TimedOut)?;
        recover(self, deadline)?;
        self.wait_for_room(deadline)
    }

    fn wait_for_room(&mut self, deadline: Instant) -> Result<(), RingError> {
        while self.free_for(1)? == 0 {
            if let Some(e) = self.poisoned() {
                return Err(e);
            }
            let wait = Wait::room(self);
            let (region, ..) = self.parts();
            sleep_on(region, &wait, deadline, &mut || self.before_sleep())?;
        }
        Ok(())
    }

    /// Claims found held by a process that has exited are taken over (used by
    /// `SharedRing`).
    pub(crate) fn stale_claim(claim: u32) -> bool {
        claim_is_stale(claim)
    }
}

impl Consumer<'_> {
    /// Wakes the producer if it asked to be woken since the last call: a futex wake-up,
    /// and its doorbell when the ring has doorbells (`docs/ring-format.md` §5.4).
    pub fn notify(&mut self) {
        if self.take_wake() {
            let (region, layout, _) = self.parts();
            wake(region, layout.consumer_line(), self.watch.bell.as_ref());
        }
    }

    /// Receives a frame into `buf`, waiting up to `timeout` for one, then wakes the
    /// producer if it sleeps. [`RingError::TimedOut`] when none comes in time,
    /// [`RingError::PeerGone`] when the ring is empty and the producer's process has
    /// exited. On a poisoned endpoint, waits for the ring's recovery first.
    pub fn recv_bytes_timeout<'b>(
        &mut self,
        buf: &'b mut [u8],
        timeout: Duration,
    ) -> Result<&'b mut [u8], RingError> {
        self.wait_for_frame_timeout(timeout)?;
        let result = self.try_recv_bytes(buf);
        self.notify();
        result
    }

    /// [`try_recv`](Self::try_recv), waiting up to `timeout` for a frame.
    pub fn recv_timeout<T: for<'de> Decode<'de>, const N: usize>(
        &mut self,
        timeout: Duration,
    ) -> Result<T, RingError> {
        self.wait_for_frame_timeout(timeout)?;
        let result = self.try_recv::<T, N>();
        self.notify();
        result
    }

    /// Waits until a frame is available or `timeout` passes.
    pub fn wait_for_frame_timeout(&mut self, timeout: Duration) -> Result<(), RingError> {
        let deadline = Instant::now()
            .checked_add(timeout)
            .ok_or(RingError::TimedOut)?;
        recover(self, deadline)?;
        while self.available()? == 0 {
            if let Some(e) = self.poisoned() {
                return Err(e);
            }
            let wait = Wait::frame(self);
            let (region, ..) = self.parts();
            sleep_on(region, &wait, deadline, &mut || self.before_sleep())?;
        }
        Ok(())
    }
}
