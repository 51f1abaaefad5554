//! The ring's endpoints on tokio (feature `tokio`): [`AsyncProducer`] and [`AsyncConsumer`]
//! wait for room or for a frame on their doorbell, an eventfd registered with tokio
//! (`AsyncFd`), instead of in `FUTEX_WAIT` (`docs/ring-format.md` §5.4). They are the
//! blocking [`Producer`] and [`Consumer`] underneath: the same frames, types, errors,
//! claims, resets and liveness checks, only the waiting differs.
#![allow(
    unsafe_code,
    reason = "tokio's AsyncFd constructors that are not unsafe are deprecated (I/O safety)"
)]

use std::{
    io,
    os::fd::{AsFd, OwnedFd},
    sync::Arc,
    time::Instant,
};

use crosswire::{Decode, Encode};
use tokio::io::{unix::AsyncFd, Interest};

use super::{
    doorbell,
    shared::Region,
    wait::{recovery, reset_now, Recover, Recovery, Wait, BACKOFF_MAX, FIRST_POLL, NAP},
    Consumer, Producer, RingError, SharedRing,
};

/// The sending side of a ring, on tokio: [`send_bytes`](Self::send_bytes) and
/// [`send`](Self::send) wait for room without blocking the runtime's thread. Made by
/// [`SharedRing::async_producer`].
///
/// A consumer in another process receives the ring with its doorbells over a unix socket
/// ([`SharedRing::send`], [`SharedRing::receive`]); it may be blocking or async.
///
/// ```
/// use crosswire_kernel::ring::{Layout, SharedRing};
///
/// let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
/// let ring = SharedRing::create("example", Layout::standard(4, 64).unwrap())?;
/// rt.block_on(async {
///     let mut tx = ring.async_producer()?;
///     let mut rx = ring.async_consumer()?;
///     let sender = async {
///         for i in 0..100u32 {
///             tx.send::<u32, 4>(&i).await?;
///         }
///         Ok::<_, crosswire_kernel::ring::RingError>(())
///     };
///     let receiver = async {
///         let mut sum = 0;
///         for _ in 0..100 {
///             sum += rx.recv::<u32, 4>().await?;
///         }
///         Ok::<_, crosswire_kernel::ring::RingError>(sum)
///     };
///     let (sent, sum) = tokio::join!(sender, receiver);
///     sent?;
///     assert_eq!(sum?, 4950);
///     Ok::<_, Box<dyn std::error::Error>>(())
/// })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct AsyncProducer<'a> {
    inner: Producer<'a>,
    /// The producer's doorbell, which the consumer rings.
    bell: AsyncFd<Arc<OwnedFd>>,
}

/// The receiving side of a ring, on tokio: [`recv_bytes`](Self::recv_bytes) and
/// [`recv`](Self::recv) wait for a frame without blocking the runtime's thread. Made by
/// [`SharedRing::async_consumer`]; [`AsyncProducer`] shows both in use.
#[derive(Debug)]
pub struct AsyncConsumer<'a> {
    inner: Consumer<'a>,
    /// The consumer's doorbell, which the producer rings.
    bell: AsyncFd<Arc<OwnedFd>>,
}

impl SharedRing {
    /// Attaches an async producer, as [`producer`](Self::producer) attaches a blocking
    /// one, and registers its doorbell with the current tokio runtime (which needs its
    /// I/O and time drivers). A [`RingError`] of the attach (`Busy`, `Corrupt`) comes as
    /// the inner error of an [`io::Error`] of kind `Other`; a ring without doorbells
    /// ([`has_doorbells`](Self::has_doorbells)), or no runtime, is
    /// [`io::ErrorKind::Unsupported`].
    pub fn async_producer(&self) -> io::Result<AsyncProducer<'_>> {
        let bell = self.doorbell(|b| &b.producer)?;
        let inner = self.producer()?;
        Ok(AsyncProducer { inner, bell })
    }

    /// Attaches an async consumer, as [`async_producer`](Self::async_producer) does.
    pub fn async_consumer(&self) -> io::Result<AsyncConsumer<'_>> {
        let bell = self.doorbell(|b| &b.consumer)?;
        let inner = self.consumer()?;
        Ok(AsyncConsumer { inner, bell })
    }

    /// One of the ring's doorbells, registered with the current runtime.
    fn doorbell(
        &self,
        which: impl Fn(&super::memfd::Bells) -> &Arc<OwnedFd>,
    ) -> io::Result<AsyncFd<Arc<OwnedFd>>> {
        let unsupported = |what| io::Error::new(io::ErrorKind::Unsupported, what);
        let bell = self
            .bells()
            .map(which)
            .ok_or_else(|| unsupported("this ring has no doorbells (opened by its path)"))?;
        tokio::runtime::Handle::try_current()
            .map_err(|_| unsupported("an async ring endpoint needs a tokio runtime"))?;
        // SAFETY: the `AsyncFd` owns a clone of the `Arc`, so the `OwnedFd` in it, and with
        // it the descriptor, stays open and the same until the `AsyncFd` is dropped (an
        // `OwnedFd` is closed only when dropped, and nothing replaces it in the `Arc`);
        // `Arc<OwnedFd>::as_raw_fd` returns that descriptor every time.
        let fd = unsafe { AsyncFd::register_with_interest(Arc::clone(bell), Interest::READABLE) }
            .map_err(|e| e.into_parts().1)?;
        Ok(fd)
    }
}

/// Withdraws a side's request for a wake-up when dropped: at the end of a nap, and when
/// the waiting future is dropped in the middle of one (cancelled).
struct Armed<'w, 'r> {
    region: Region<'r>,
    wait: &'w Wait,
}

impl Drop for Armed<'_, '_> {
    fn drop(&mut self) {
        // Out of bounds only with a broken layout, which the next call reports.
        let _ = self.wait.disarm(self.region);
    }
}

/// Waits until the doorbell rings, then empties it. A doorbell that cannot be waited on
/// (the runtime shuts down) ends the wait at once; the caller's nap bounds it then.
async fn rung(bell: &AsyncFd<Arc<OwnedFd>>) -> io::Result<()> {
    let mut ready = bell.readable().await?;
    // The closure's `WouldBlock` clears the readiness this wake-up came with, but not one
    // that a later ring brought (tokio tracks them apart); the counter itself is emptied
    // first, so that it does not read as rung at the next wait.
    let _ = ready.try_io(|fd| {
        doorbell::drain(fd.get_ref().as_fd())?;
        Err::<(), _>(io::Error::from(io::ErrorKind::WouldBlock))
    });
    Ok(())
}

/// The async counterpart of the blocking `sleep_on`: returns at once when the peer's
/// counter has moved; else runs the checks before a sleep ([`Recover::before_sleep`]:
/// health, the peer's liveness), asks the peer for a wake-up, and waits for the doorbell,
/// at most a nap ([`NAP`]). Never spins: each call either returns or waits.
async fn nap<S: Recover>(
    side: &mut S,
    region: Region<'_>,
    wait: &Wait,
    bell: &AsyncFd<Arc<OwnedFd>>,
) -> Result<(), RingError> {
    if wait.moved(region)? {
        return Ok(());
    }
    side.before_sleep()?;
    let armed = Armed { region, wait };
    if wait.arm(region)? {
        match tokio::time::timeout(NAP, rung(bell)).await {
            Ok(Ok(())) | Err(_) => {}
            // A doorbell that fails: the rest of the nap, so that the loop cannot spin.
            Ok(Err(_)) => tokio::time::sleep(NAP).await,
        }
    }
    drop(armed);
    Ok(())
}

/// The async counterpart of the blocking calls' recovery (`docs/ring-format.md` §5.2): a
/// poisoned creator sleeps its back-off, then resets ([`RingError::Reset`]); a poisoned
/// peer polls for the creator's reset for up to [`BACKOFF_MAX`] (the longest back-off),
/// then reports the poisoning again. Cancelled during the back-off, the creator keeps the
/// time it was to reset at for the next call.
async fn recover<S: Recover>(side: &mut S) -> Result<(), RingError> {
    let now = Instant::now();
    match recovery(side, now) {
        Recovery::Healthy => Ok(()),
        Recovery::ResetAt(at) => {
            tokio::time::sleep_until(at.into()).await;
            Err(reset_now(side))
        }
        Recovery::AwaitReset(poison) => {
            let give_up = now.checked_add(BACKOFF_MAX).unwrap_or(now);
            let mut poll_every = FIRST_POLL;
            loop {
                side.recheck()?;
                let left = give_up.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(poison);
                }
                tokio::time::sleep(left.min(poll_every)).await;
                poll_every = poll_every.saturating_mul(2).min(NAP);
            }
        }
    }
}

impl<'a> AsyncProducer<'a> {
    /// Sends `frame` once a slot is free, then wakes the consumer if it sleeps (its futex
    /// and its doorbell). The errors of the blocking
    /// [`send_bytes_timeout`](Producer::send_bytes_timeout), but no timeout of its own:
    /// wrap the call in `tokio::time::timeout` for one. [`RingError::PeerGone`] when the
    /// consumer's process has exited while the ring is full; on a poisoned endpoint, waits
    /// for the ring's recovery first (the creator resets after its back-off:
    /// [`RingError::Reset`]; a peer waits up to a second for that, else returns the
    /// `Corrupt` again).
    ///
    /// **Cancellation safety**: the frame is written and published in the poll that
    /// completes the call, after its last wait. A call dropped before it completes has
    /// sent nothing (send the frame again), and leaves no request for a wake-up behind.
    pub async fn send_bytes(&mut self, frame: &[u8]) -> Result<(), RingError> {
        recover(&mut self.inner).await?;
        loop {
            match self.inner.try_send_bytes(frame) {
                Err(RingError::Full) => self.wait_for_room_now().await?,
                result => {
                    self.inner.notify();
                    return result;
                }
            }
        }
    }

    /// Encodes `value` into a private `[u8; N]` (`N >= T::MAX_SIZE`) and sends it as one
    /// frame, as [`send_bytes`](Self::send_bytes) does (and as cancellation-safe).
    pub async fn send<T: Encode + ?Sized, const N: usize>(
        &mut self,
        value: &T,
    ) -> Result<(), RingError> {
        let mut buf = [0u8; N];
        let frame = crosswire::to_fixed(value, &mut buf).map_err(RingError::Encode)?;
        self.send_bytes(frame).await
    }

    /// Waits until a slot is free (recovering a poisoned endpoint first, as
    /// [`send_bytes`](Self::send_bytes) does). Cancellation-safe: it takes nothing.
    pub async fn wait_for_room(&mut self) -> Result<(), RingError> {
        recover(&mut self.inner).await?;
        self.wait_for_room_now().await
    }

    async fn wait_for_room_now(&mut self) -> Result<(), RingError> {
        while self.inner.free_for(1)? == 0 {
            if let Some(e) = self.inner.poisoned() {
                return Err(e);
            }
            let wait = Wait::room(&self.inner);
            let (region, ..) = self.inner.parts();
            nap(&mut self.inner, region, &wait, &self.bell).await?;
        }
        Ok(())
    }

    /// The blocking producer underneath, for what does not wait: `try_send*`, batches,
    /// `health`, `reset`, the layout.
    pub fn get_ref(&self) -> &Producer<'a> {
        &self.inner
    }

    /// The blocking producer underneath, to call what does not wait. After `try_send*`
    /// or a batch, call its [`notify`](Producer::notify), as with a blocking producer. Its
    /// `_timeout` calls block the runtime's thread: do not call them here.
    pub fn get_mut(&mut self) -> &mut Producer<'a> {
        &mut self.inner
    }
}

impl<'a> AsyncConsumer<'a> {
    /// Receives a frame into `buf` once one is published, then wakes the producer if it
    /// sleeps. The errors of the blocking
    /// [`recv_bytes_timeout`](Consumer::recv_bytes_timeout), with no allocation and no
    /// timeout of its own (wrap the call in `tokio::time::timeout` for one):
    /// [`RingError::PeerGone`] when the ring is empty and the producer's process has
    /// exited, [`RingError::Reset`] after the creator reset the ring; on a poisoned
    /// endpoint, waits for the ring's recovery first, as
    /// [`AsyncProducer::send_bytes`] does.
    ///
    /// **Cancellation safety**: the frame is copied out and released in the poll that
    /// completes the call, after its last wait. A call dropped before it completes has
    /// taken nothing (the frame stays in the ring for the next call), and leaves no request
    /// for a wake-up behind.
    pub async fn recv_bytes<'b>(&mut self, buf: &'b mut [u8]) -> Result<&'b mut [u8], RingError> {
        self.wait_for_frame().await?;
        let result = self.inner.try_recv_bytes(buf);
        self.inner.notify();
        result
    }

    /// Receives one message, as [`Consumer::try_recv`] does, once a frame is published;
    /// waits and is cancellation-safe as [`recv_bytes`](Self::recv_bytes).
    pub async fn recv<T: for<'de> Decode<'de>, const N: usize>(&mut self) -> Result<T, RingError> {
        self.wait_for_frame().await?;
        let result = self.inner.try_recv::<T, N>();
        self.inner.notify();
        result
    }

    /// Waits until a frame is available (recovering a poisoned endpoint first).
    /// Cancellation-safe: it takes nothing.
    pub async fn wait_for_frame(&mut self) -> Result<(), RingError> {
        recover(&mut self.inner).await?;
        while self.inner.available()? == 0 {
            if let Some(e) = self.inner.poisoned() {
                return Err(e);
            }
            let wait = Wait::frame(&self.inner);
            let (region, ..) = self.inner.parts();
            nap(&mut self.inner, region, &wait, &self.bell).await?;
        }
        Ok(())
    }

    /// The blocking consumer underneath, for what does not wait: `try_recv*`, batches,
    /// `health`, `reset`, the layout.
    pub fn get_ref(&self) -> &Consumer<'a> {
        &self.inner
    }

    /// The blocking consumer underneath, to call what does not wait. After `try_recv*` or
    /// a batch, call its [`notify`](Consumer::notify), as with a blocking consumer. Its
    /// `_timeout` calls block the runtime's thread: do not call them here.
    pub fn get_mut(&mut self) -> &mut Consumer<'a> {
        &mut self.inner
    }
}
