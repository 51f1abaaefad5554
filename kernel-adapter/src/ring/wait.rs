//! Waiting for the peer, in userspace: a futex on the peer's counter, always with a
//! timeout (`docs/ring-format.md` §5).
//!
//! A side that finds the ring empty (or full) first looks at the peer's counter a bounded
//! number of times ([`SPINS`]), then sets the `waiting` word of its own line,
//! issues a full fence, rereads the peer's counter and, if it is unchanged, sleeps on it
//! with `FUTEX_WAIT` (a shared futex: the two sides are different processes). The peer
//! publishes, fences, reads the `waiting` word and, when it is set, reports a wake-up
//! (`take_wake`), which `notify` turns into `FUTEX_WAKE`. The two fences make sure that at
//! least one side sees the other's store, so no wake-up is lost; a hostile or dead peer can
//! at worst make us wake early or sleep until the deadline, which is then reported as
//! [`RingError::TimedOut`].

use core::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crosswire::{Decode, Encode};
use rustix::{thread::futex, time::Timespec};

use super::{layout::line, shared::Region, Consumer, Producer, RingError};

/// How many times a waiting side looks at the peer's counter before it sleeps.
const SPINS: u32 = 2000;

/// Sleeps until the `u32` at `counter_at` moves from `seen`, the deadline passes, or a
/// wake-up, with the `waiting` word at `waiting_at` set meanwhile. Returns early, without
/// sleeping, when the counter has already moved.
fn sleep_on(
    region: Region<'_>,
    waiting_at: usize,
    counter_at: usize,
    seen: u32,
    deadline: Instant,
) -> Result<(), RingError> {
    let remaining = deadline.saturating_duration_since(Instant::now());
    if remaining.is_zero() {
        return Err(RingError::TimedOut);
    }
    let missing = RingError::Corrupt {
        what: super::Corruption::RegionSize,
        at: counter_at,
    };
    let counter = region.u32_at(counter_at).ok_or(missing)?;
    // A peer that is running usually moves within a microsecond: look a bounded number
    // of times before paying for two system calls.
    for _ in 0..SPINS {
        if counter.load(Ordering::Relaxed) != seen {
            return Ok(());
        }
        core::hint::spin_loop();
    }
    region
        .store_u32(waiting_at, 1, Ordering::SeqCst)
        .ok_or(missing)?;
    core::sync::atomic::fence(Ordering::SeqCst);
    if counter.load(Ordering::Acquire) == seen {
        // Whole seconds at most, so the conversion cannot fail; a bounded sleep anyway.
        let nap = remaining.min(Duration::from_secs(1));
        let timeout = Timespec::try_from(nap).unwrap_or(Timespec {
            tv_sec: 1,
            tv_nsec: 0,
        });
        // EAGAIN (the counter moved), EINTR and ETIMEDOUT all mean: look again.
        let _ = futex::wait(counter, futex::Flags::empty(), seen, Some(&timeout));
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
            let (region, layout, _, tail) = self.parts();
            let waiting_at = layout.producer_line().saturating_add(line::WAITING);
            sleep_on(region, waiting_at, layout.consumer_line(), tail, deadline)?;
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
            let waiting_at = layout.consumer_line().saturating_add(line::WAITING);
            sleep_on(region, waiting_at, layout.producer_line(), tail, deadline)?;
        }
        Ok(())
    }
}
