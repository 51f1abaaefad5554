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
//! wake-up (`take_wake`), which `notify` turns into `FUTEX_WAKE`. The two fences make sure that at
//! least one side sees the other's store, so no wake-up is lost; a hostile or dead peer can
//! at worst make us wake early or sleep until the deadline, which is then reported as
//! [`RingError::TimedOut`].

use core::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crosswire::{Decode, Encode};
use rustix::{thread::futex, time::Timespec};

use super::{layout::line, shared::Region, Consumer, Producer, RingError};

/// How many times a waiting side spins on the peer's counter before it yields.
const SPINS: u32 = 200;
/// How many times it then yields the CPU, looking again each time, before it sleeps.
const YIELDS: u32 = 16;

/// What a side waits for: the peer's counter at `counter_at`, last seen at `seen`; the
/// side's own `waiting` and `wake_at` words in its line at `own_line`; the counter value
/// the peer should wake it at (`wake_at`); the deadline.
struct Wait {
    own_line: usize,
    counter_at: usize,
    seen: u32,
    wake_at: u32,
    deadline: Instant,
}

/// Waits until the peer's counter moves from `seen`, a wake-up, or the deadline: spins
/// first, then sleeps with `waiting` set, asking the peer to wake it only once its
/// counter reaches `wake_at` (which is how the producer waits for half a ring of room
/// instead of being woken for every released slot). Returns early, without sleeping,
/// when the counter has already moved.
fn sleep_on(region: Region<'_>, wait: &Wait) -> Result<(), RingError> {
    let remaining = wait.deadline.saturating_duration_since(Instant::now());
    if remaining.is_zero() {
        return Err(RingError::TimedOut);
    }
    let missing = RingError::Corrupt {
        what: super::Corruption::RegionSize,
        at: wait.counter_at,
    };
    let counter = region.u32_at(wait.counter_at).ok_or(missing)?;
    // A peer that is running usually moves within a microsecond: look a bounded number
    // of times before paying for two system calls; then give the CPU away a few times,
    // in case the peer waits for it (more processes than cores).
    for i in 0..SPINS.saturating_add(YIELDS) {
        if counter.load(Ordering::Relaxed) != wait.seen {
            return Ok(());
        }
        if i < SPINS {
            core::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
    }
    let waiting_at = wait.own_line.saturating_add(line::WAITING);
    let wake_at_at = wait.own_line.saturating_add(line::WAKE_AT);
    region
        .store_u32(wake_at_at, wait.wake_at, Ordering::Relaxed)
        .ok_or(missing)?;
    // SeqCst (so also Release: the peer that sees `waiting` set sees `wake_at` too).
    region
        .store_u32(waiting_at, 1, Ordering::SeqCst)
        .ok_or(missing)?;
    core::sync::atomic::fence(Ordering::SeqCst);
    if counter.load(Ordering::Acquire) == wait.seen {
        // At most a second per sleep, then look again; the deadline bounds the whole wait.
        let nap = remaining.min(Duration::from_secs(1));
        let timeout = Timespec::try_from(nap).unwrap_or(Timespec {
            tv_sec: 1,
            tv_nsec: 0,
        });
        // EAGAIN (the counter moved), EINTR and ETIMEDOUT all mean: look again.
        let _ = futex::wait(counter, futex::Flags::empty(), wait.seen, Some(&timeout));
    }
    region
        .store_u32(waiting_at, 0, Ordering::Relaxed)
        .ok_or(missing)?;
    Ok(())
}

/// Wakes a side sleeping on the `u32` at `counter_at`.
fn wake(region: Region<'_>, counter_at: usize) {
    if let Some(counter) = region.u32_at(counter_at) {
        // A failed wake-up leaves the sleeper to its timeout; nothing more to do here.
        let _ = futex::wake(counter, futex::Flags::empty(), 1);
    }
}

impl Producer<'_> {
    /// Wakes the consumer if it asked to be woken since the last call.
    pub fn notify(&mut self) {
        if self.take_wake() {
            let (region, layout, _, _) = self.parts();
            wake(region, layout.producer_line());
        }
    }

    /// Sends `frame`, waiting up to `timeout` for a free slot, then wakes the consumer if
    /// it sleeps. [`RingError::TimedOut`] when the consumer does not make room in time.
    pub fn send_bytes_timeout(&mut self, frame: &[u8], timeout: Duration) -> Result<(), RingError> {
        let deadline = Instant::now()
            .checked_add(timeout)
            .ok_or(RingError::TimedOut)?;
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
        self.wait_for_room(deadline)
    }

    fn wait_for_room(&mut self, deadline: Instant) -> Result<(), RingError> {
        while self.free_for(1)? == 0 {
            if let Some(e) = self.poisoned() {
                return Err(e);
            }
            let (region, layout, head, tail) = self.parts();
            // Woken once half the ring (at least one slot) is free again.
            let count = layout.slot_count();
            let room = (count / 2).max(1);
            let wait = Wait {
                own_line: layout.producer_line(),
                counter_at: layout.consumer_line(),
                seen: tail,
                wake_at: head.wrapping_sub(count).wrapping_add(room),
                deadline,
            };
            sleep_on(region, &wait)?;
        }
        Ok(())
    }
}

impl Consumer<'_> {
    /// Wakes the producer if it asked to be woken since the last call.
    pub fn notify(&mut self) {
        if self.take_wake() {
            let (region, layout, _) = self.parts();
            wake(region, layout.consumer_line());
        }
    }

    /// Receives a frame into `buf`, waiting up to `timeout` for one, then wakes the
    /// producer if it sleeps. [`RingError::TimedOut`] when none comes in time.
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
        while self.available()? == 0 {
            if let Some(e) = self.poisoned() {
                return Err(e);
            }
            let (region, layout, tail) = self.parts();
            // Woken by the first frame.
            let wait = Wait {
                own_line: layout.consumer_line(),
                counter_at: layout.producer_line(),
                seen: tail,
                wake_at: tail.wrapping_add(1),
                deadline,
            };
            sleep_on(region, &wait)?;
        }
        Ok(())
    }
}
