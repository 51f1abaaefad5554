//! A single-producer, single-consumer ring of crosswire messages in shared memory, safe
//! against a hostile peer ([`docs/ring-format.md`]).
//!
//! The ring lives in a [`Region`]: a header (magic, version, geometry), a producer line and
//! a consumer line (a free-running `u32` counter each, 128 bytes apart, each written by one
//! side only), then a power-of-two number of fixed-size slots. A slot holds one frame: its
//! length, a stamp (the frame's index) and the payload.
//!
//! The peer is never trusted: [`Producer`] and [`Consumer`] read the geometry once when they
//! attach and keep it privately, read every shared value once, validate it, and copy each
//! frame into private memory before decoding it. Anything inconsistent is
//! [`RingError::Corrupt`], and the endpoint stays poisoned until the ring is reset.
//!
//! Each role is claimed when an endpoint attaches: a second producer or consumer is refused
//! with [`RingError::Busy`]. The side that created the ring ([`Producer::create`],
//! [`Consumer::create`], the endpoints of `SharedRing::create`) can re-initialise it after
//! corruption ([`Consumer::reset`]): a new generation in the header, which the peer notices
//! at its next call, re-attaching by itself and reporting the frames lost
//! ([`RingError::Reset`]). While waiting (`std`), a side notices that the peer's process has
//! exited ([`RingError::PeerGone`]), and a poisoned creator resets the ring after a back-off
//! ([`docs/ring-format.md`] §3.1, §5.2, §5.3).
//!
//! A producer can also write a frame straight into its slot, without a private buffer and
//! a copy: [`Producer::reserve`], write or [encode](Reservation::encode) in place, then
//! [`commit`](Reservation::commit), or [`stage`](Reservation::stage) several and publish
//! them with one store ([`Producer::flush`]). The slot is then plain `&mut [u8]`, which is
//! why this path takes a [`PrivateSlots`] promise, made with `unsafe`, that nothing else
//! touches a reserved slot ([`docs/ring-format.md`] §5.5). The consumer always copies.
//!
//! This part is `no_std`, allocation-free and panic-free, so that a kernel module can use
//! it over pages it maps to userspace. With the `std` feature, `SharedRing` makes and
//! attaches sealed memfd rings, and the endpoints can wait (futex, always with a timeout).
//! With the `tokio` feature, `AsyncProducer` and `AsyncConsumer` wait on tokio instead, on
//! an eventfd doorbell that every endpoint of a `SharedRing` rings with its futex wake-ups
//! ([`docs/ring-format.md`] §5.4).
//!
//! ```
//! # #[cfg(target_has_atomic = "64")] {
//! use core::sync::atomic::AtomicU64;
//! use crosswire_kernel::ring::{Consumer, Layout, Producer, Region};
//!
//! let layout = Layout::standard(4, 64).unwrap();
//! let memory: Vec<AtomicU64> = (0..layout.region_size() / 8).map(|_| AtomicU64::new(0)).collect();
//! let region = Region::from_atomics(&memory);
//! layout.write(&region).unwrap();
//!
//! let mut tx = Producer::attach(region).unwrap();
//! let mut rx = Consumer::attach(region).unwrap();
//! tx.try_send::<u32, 4>(&7).unwrap();
//! assert_eq!(rx.try_recv::<u32, 4>(), Ok(7));
//! # }
//! ```
//!
//! [`docs/ring-format.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/ring-format.md

use core::fmt;

use crate::Errno;

#[cfg(all(feature = "tokio", not(loom)))]
mod async_endpoint;
mod consumer;
#[cfg(all(feature = "std", not(loom)))]
mod doorbell;
mod layout;
#[cfg(loom)]
mod loom_region;
#[cfg(all(feature = "std", not(loom)))]
mod memfd;
mod producer;
mod session;
#[expect(
    unsafe_code,
    reason = "all shared-memory accesses of the ring, with their proofs"
)]
#[cfg(not(loom))]
mod shared;
#[cfg(all(feature = "std", not(loom)))]
mod wait;

#[cfg(all(feature = "tokio", not(loom)))]
pub use self::async_endpoint::{AsyncConsumer, AsyncProducer};
#[cfg(loom)]
use self::loom_region as shared;
pub use self::{
    consumer::Consumer,
    layout::{
        Layout, FRAME_HEADER, LINE, MAGIC, MAX_SLOT_COUNT, MAX_SLOT_SIZE, RESETTING, VERSION,
    },
    producer::Producer,
    session::{claim_pid, ANONYMOUS},
    shared::{Region, RegionError},
};
#[cfg(all(feature = "std", not(loom)))]
pub use self::{
    memfd::{SharedRing, MAX_REGION, REQUIRED_SEALS},
    shared::Mapping,
};
#[cfg(not(loom))]
pub use self::{producer::Reservation, shared::PrivateSlots};

/// The ordering the producer publishes frames with. Release, so that the consumer's
/// Acquire load of the counter makes the frame's bytes visible.
///
/// `--cfg crosswire_ring_weak_publish` weakens it to Relaxed: a deliberately broken build
/// that the loom model must catch (`tests/loom.sh`). Never use it otherwise.
#[cfg(not(crosswire_ring_weak_publish))]
pub(crate) const PUBLISH: core::sync::atomic::Ordering = core::sync::atomic::Ordering::Release;
#[cfg(crosswire_ring_weak_publish)]
pub(crate) const PUBLISH: core::sync::atomic::Ordering = core::sync::atomic::Ordering::Relaxed;

/// Why a ring operation failed.
///
/// ```
/// use crosswire_kernel::{ring::{Corruption, Layout, RingError}, Errno};
///
/// let e = Layout::standard(3, 60).unwrap_err();
/// assert!(matches!(e, RingError::Corrupt { what: Corruption::SlotCount, .. }));
/// assert!(e.is_corrupt());
/// assert_eq!(RingError::Full.errno(), Errno::EAGAIN);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RingError {
    /// No free slot: the consumer has not caught up. Try again later.
    Full,
    /// No frame to receive. Try again later.
    Empty,
    /// A frame of `len` bytes does not fit: above the slot's payload (sending) or the
    /// receiver's buffer (receiving; the frame is consumed).
    FrameTooLarge {
        /// The frame's length.
        len: usize,
        /// The most that fits.
        max: usize,
    },
    /// The shared memory breaks the protocol: `what`, at byte offset `at` of the region.
    /// The endpoint is poisoned and returns this error from then on.
    Corrupt {
        /// What is wrong.
        what: Corruption,
        /// The region offset of the offending value.
        at: usize,
    },
    /// The value did not encode (a hand-written `Encode` refused it); nothing was sent.
    Encode(crosswire::Error),
    /// A well-formed frame whose payload is not a valid message; the frame is consumed and
    /// the ring carries on.
    Decode(crosswire::Error),
    /// Waiting for the peer took longer than the timeout: it may be stalled or dead.
    TimedOut,
    /// The role is claimed by another endpoint that is alive (or whose death cannot be
    /// checked): a second producer or consumer is refused at attach, before it can send or
    /// take anything.
    Busy,
    /// The process that held the peer's role has exited (seen through a pidfd while
    /// waiting); its claim was cleared, so a new peer can attach. Frames it published are
    /// still delivered first.
    PeerGone,
    /// The ring's creator re-initialised it (a new generation): this endpoint re-attached
    /// and works again from the next call. `lost` frames published before the reset were
    /// never taken by the consumer; none will be delivered. The call that returns this did
    /// nothing else (a frame it was to send was not sent).
    Reset {
        /// Frames published in the old generation and not consumed.
        lost: u32,
    },
    /// [`reset`](Producer::reset) on an endpoint that did not create the ring.
    NotCreator,
}

/// What [`RingError::Corrupt`] found wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Corruption {
    /// The header's magic is not [`MAGIC`].
    Magic,
    /// The header's version is not [`VERSION`].
    Version,
    /// The slot count is not a power of two up to [`MAX_SLOT_COUNT`].
    SlotCount,
    /// The slot size is not a multiple of 8 in `16..=`[`MAX_SLOT_SIZE`].
    SlotSize,
    /// A counter line or the slot array is misaligned or overlaps another part.
    Offset,
    /// The parts do not fit in the region.
    RegionSize,
    /// The producer's counter is more than a ring ahead of the consumer's.
    ProducerCounter,
    /// The consumer's counter is ahead of the producer's, or more than a ring behind.
    ConsumerCounter,
    /// A frame's stamp is not the index of the frame expected in that slot.
    Stamp,
    /// A frame's length is above the slot's payload.
    Length,
    /// The peer found the ring corrupt and asked the creator for a reset (its line's
    /// `broken` word); reported by the creator.
    Peer,
    /// The header has a flag this crate does not know.
    Flags,
    /// A frame's checksum does not match its bytes (rings with
    /// [`Layout::with_checksum`] only).
    Checksum,
}

impl RingError {
    /// The errno this error is reported as in kernel-facing code.
    ///
    /// | error | errno |
    /// | --- | --- |
    /// | `Full`, `Empty`, `TimedOut`, `Reset` | `EAGAIN` |
    /// | `FrameTooLarge` | `EMSGSIZE` |
    /// | `Corrupt` | `EPROTO` |
    /// | `Busy` | `EBUSY` |
    /// | `PeerGone` | `EIO` |
    /// | `NotCreator` | `EPERM` |
    /// | `Encode(e)`, `Decode(e)` | as [`Errno`] maps `e` |
    pub const fn errno(&self) -> Errno {
        match self {
            RingError::Full | RingError::Empty | RingError::TimedOut | RingError::Reset { .. } => {
                Errno::EAGAIN
            }
            RingError::Busy => Errno::EBUSY,
            RingError::PeerGone => Errno::EIO,
            RingError::NotCreator => Errno::EPERM,
            RingError::FrameTooLarge { .. } => Errno::EMSGSIZE,
            RingError::Corrupt { .. } => Errno::EPROTO,
            RingError::Encode(e) | RingError::Decode(e) => Errno::from_error_kind(e.kind()),
        }
    }

    /// Whether the ring is unusable from now on.
    pub const fn is_corrupt(&self) -> bool {
        matches!(self, RingError::Corrupt { .. })
    }
}

impl From<RingError> for Errno {
    fn from(e: RingError) -> Errno {
        e.errno()
    }
}

impl fmt::Display for RingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RingError::Full => f.write_str("ring full"),
            RingError::Empty => f.write_str("ring empty"),
            RingError::FrameTooLarge { len, max } => {
                write!(f, "frame of {len} bytes above the limit of {max}")
            }
            RingError::Corrupt { what, at } => {
                write!(f, "ring corrupt: bad {what:?} at offset {at}")
            }
            RingError::Encode(e) => write!(f, "message does not encode: {e}"),
            RingError::Decode(e) => write!(f, "frame does not decode: {e}"),
            RingError::TimedOut => f.write_str("timed out waiting for the peer"),
            RingError::Busy => f.write_str("the ring's role is claimed by another endpoint"),
            RingError::PeerGone => f.write_str("the peer's process has exited"),
            RingError::Reset { lost } => {
                write!(f, "the ring was reset; {lost} frames were lost")
            }
            RingError::NotCreator => f.write_str("only the ring's creator can reset it"),
        }
    }
}

impl core::error::Error for RingError {}

#[cfg(feature = "std")]
impl From<RingError> for std::io::Error {
    fn from(e: RingError) -> Self {
        match e {
            RingError::TimedOut => std::io::Error::from(std::io::ErrorKind::TimedOut),
            e => std::io::Error::other(e),
        }
    }
}
