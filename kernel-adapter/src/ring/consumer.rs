//! The receiving side of a ring.

use core::sync::atomic::{fence, Ordering};

use crosswire::{Decode, Error, ErrorKind};

use super::{
    layout::{line, usize_from, FRAME_HEADER},
    shared::Region,
    Corruption, Layout, RingError,
};

/// The receiving side of a ring: the only writer of the consumer line.
///
/// ```
/// # #[cfg(target_has_atomic = "64")] {
/// use core::sync::atomic::AtomicU64;
/// use crosswire_kernel::ring::{Consumer, Layout, Producer, Region, RingError};
///
/// let layout = Layout::standard(4, 16).unwrap();
/// let memory: Vec<AtomicU64> = (0..layout.region_size() / 8).map(|_| AtomicU64::new(0)).collect();
/// let region = Region::from_atomics(&memory);
/// layout.write(&region).unwrap();
/// let mut tx = Producer::attach(region).unwrap();
/// let mut rx = Consumer::attach(region).unwrap();
///
/// tx.try_send_bytes(&[1, 2, 3]).unwrap();
/// let mut buf = [0u8; 16];
/// assert_eq!(rx.try_recv_bytes(&mut buf).map(|f| f.to_vec()), Ok(vec![1, 2, 3]));
/// assert_eq!(rx.try_recv_bytes(&mut buf).map(|f| f.len()), Err(RingError::Empty));
/// # }
/// ```
#[derive(Debug)]
pub struct Consumer<'a> {
    region: Region<'a>,
    /// The geometry, read once at attach.
    layout: Layout,
    /// The index of the next frame to read; what the consumer counter holds once
    /// released.
    tail: u32,
    /// The producer's counter as last read (and validated): frames up to it are readable.
    head: u32,
    /// Set once the ring is found corrupt: returned by every call from then on.
    poisoned: Option<RingError>,
    /// The producer asked to be woken and a slot was released since.
    wake: bool,
}

/// One frame taken from the ring, copied into the caller's buffer.
enum Taken {
    /// The frame's length; its bytes are at the start of the buffer.
    Frame(usize),
    /// The frame was longer than the buffer: consumed, not copied.
    TooLarge(usize),
}

impl<'a> Consumer<'a> {
    /// Attaches to the ring in `region`: reads and validates its header once, and reads
    /// both counters once (the consumer resumes where its counter says).
    pub fn attach(region: Region<'a>) -> Result<Self, RingError> {
        let layout = Layout::read(&region)?;
        let mut consumer = Consumer {
            region,
            layout,
            tail: 0,
            head: 0,
            poisoned: None,
            wake: false,
        };
        consumer.tail = consumer.load(layout.consumer_line(), Ordering::Relaxed)?;
        consumer.head = consumer.tail;
        Ok(consumer)
    }

    /// The geometry this side attached with.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The largest payload a frame can carry.
    pub fn max_frame(&self) -> usize {
        self.layout.max_frame()
    }

    /// Receives one frame of raw bytes into `buf`, returning the part written. Never
    /// blocks: [`RingError::Empty`] when there is no frame. A frame longer than `buf` is
    /// consumed and reported as [`RingError::FrameTooLarge`].
    pub fn try_recv_bytes<'b>(&mut self, buf: &'b mut [u8]) -> Result<&'b mut [u8], RingError> {
        self.check()?;
        if self.available()? == 0 {
            return Err(RingError::Empty);
        }
        let taken = self.take(buf)?;
        self.release()?;
        match taken {
            Taken::Frame(len) => Ok(buf.get_mut(..len).unwrap_or_default()),
            Taken::TooLarge(len) => Err(RingError::FrameTooLarge {
                len,
                max: buf.len(),
            }),
        }
    }

    /// Receives one message: the frame is copied into a private `[u8; N]`
    /// (`N >= T::MAX_SIZE`, checked at compile time), released, then decoded.
    /// A frame that does not decode is consumed and reported as [`RingError::Decode`].
    ///
    /// ```compile_fail
    /// fn recv(rx: &mut crosswire_kernel::ring::Consumer<'_>) {
    ///     let _ = rx.try_recv::<u64, 4>(); // a u64 needs 8 bytes
    /// }
    /// let _used: fn(&mut _) = recv;
    /// ```
    pub fn try_recv<T: for<'de> Decode<'de>, const N: usize>(&mut self) -> Result<T, RingError> {
        const {
            assert!(
                N >= T::MAX_SIZE,
                "buffer is smaller than the type's MAX_SIZE"
            )
        };
        let mut buf = [0u8; N];
        match self.try_recv_bytes(&mut buf) {
            Ok(frame) => crosswire::from_bytes(frame).map_err(RingError::Decode),
            Err(RingError::FrameTooLarge { .. }) => Err(RingError::Decode(Error::new(
                ErrorKind::TrailingBytes,
                T::MAX_SIZE,
            ))),
            Err(e) => Err(e),
        }
    }

    /// Receives up to `max` messages, handing each to `each` (a frame that does not decode
    /// as its error), then releases all their slots with one store. Returns how many
    /// frames were taken; [`RingError::Empty`] when there was none.
    pub fn recv_batch<T, const N: usize, F>(
        &mut self,
        max: usize,
        mut each: F,
    ) -> Result<usize, RingError>
    where
        T: for<'de> Decode<'de>,
        F: FnMut(Result<T, Error>),
    {
        const {
            assert!(
                N >= T::MAX_SIZE,
                "buffer is smaller than the type's MAX_SIZE"
            )
        };
        let mut buf = [0u8; N];
        self.batch(&mut buf, max, |frame| {
            each(match frame {
                Ok(bytes) => crosswire::from_bytes(bytes),
                Err(_) => Err(Error::new(ErrorKind::TrailingBytes, T::MAX_SIZE)),
            })
        })
    }

    /// Receives up to `max` frames of raw bytes, each copied into `buf` and handed to
    /// `each` (a frame longer than `buf` as `Err(its length)`, consumed), then releases
    /// all their slots with one store. Returns how many frames were taken;
    /// [`RingError::Empty`] when there was none.
    pub fn recv_bytes_batch<F>(
        &mut self,
        buf: &mut [u8],
        max: usize,
        each: F,
    ) -> Result<usize, RingError>
    where
        F: FnMut(Result<&[u8], usize>),
    {
        self.batch(buf, max, each)
    }

    fn batch<F>(&mut self, buf: &mut [u8], max: usize, mut each: F) -> Result<usize, RingError>
    where
        F: FnMut(Result<&[u8], usize>),
    {
        self.check()?;
        // Everything published so far, not only what the cached counter says.
        self.head = self.tail;
        let available = usize_from(self.available()?);
        if available == 0 && max > 0 {
            return Err(RingError::Empty);
        }
        let mut taken = 0usize;
        for _ in 0..available.min(max) {
            match self.take(buf)? {
                Taken::Frame(len) => each(Ok(buf.get(..len).unwrap_or_default())),
                Taken::TooLarge(len) => each(Err(len)),
            }
            taken = taken.saturating_add(1);
        }
        if taken > 0 {
            self.release()?;
        }
        Ok(taken)
    }

    /// Whether the producer is waiting to be woken for a slot released since the last
    /// call; clears the request.
    pub fn take_wake(&mut self) -> bool {
        core::mem::take(&mut self.wake)
    }

    /// The number of published frames not yet taken, rereading the producer's counter
    /// (Acquire) only when the cached value says there is none.
    pub(crate) fn available(&mut self) -> Result<u32, RingError> {
        if self.head == self.tail {
            let at = self.layout.producer_line();
            let head = self.load(at, Ordering::Acquire)?;
            // `crosswire_ring_mutant = "capacity"` removes this check, to show that the
            // tests catch its absence (tests/mutants.sh).
            if head.wrapping_sub(self.tail) > self.layout.slot_count()
                && !cfg!(crosswire_ring_mutant = "capacity")
            {
                return Err(self.poison(Corruption::ProducerCounter, at));
            }
            self.head = head;
        }
        Ok(self.head.wrapping_sub(self.tail))
    }

    /// Copies the frame at `tail` into `buf` and advances `tail` (not yet released).
    /// The caller checked that a frame is available.
    fn take(&mut self, buf: &mut [u8]) -> Result<Taken, RingError> {
        let Some(slot) = self.layout.slot(self.tail) else {
            return Err(self.poison(Corruption::RegionSize, 0));
        };
        let stamp_at = slot.saturating_add(4);
        // Each of the two values is read once, into a local, then validated.
        let len = self.load(slot, Ordering::Relaxed)?;
        let stamp = self.load(stamp_at, Ordering::Relaxed)?;
        if stamp != self.tail {
            return Err(self.poison(Corruption::Stamp, stamp_at));
        }
        let len = usize_from(len);
        // `crosswire_ring_mutant = "length"` removes this check (tests/mutants.sh).
        if len > self.layout.max_frame() && !cfg!(crosswire_ring_mutant = "length") {
            return Err(self.poison(Corruption::Length, slot));
        }
        let taken = match buf.get_mut(..len) {
            Some(dst) => {
                let payload_at = slot.saturating_add(usize_from(FRAME_HEADER));
                if self.region.copy_out(payload_at, dst).is_none() {
                    return Err(self.poison(Corruption::RegionSize, payload_at));
                }
                Taken::Frame(len)
            }
            None => Taken::TooLarge(len),
        };
        self.tail = self.tail.wrapping_add(1);
        Ok(taken)
    }

    /// Hands every taken slot back to the producer: stores `tail` with Release (the copies
    /// are done), then checks whether the producer waits for the room `tail` makes.
    fn release(&mut self) -> Result<(), RingError> {
        let at = self.layout.consumer_line();
        if self
            .region
            .store_u32(at, self.tail, Ordering::Release)
            .is_none()
        {
            return Err(self.poison(Corruption::RegionSize, at));
        }
        fence(Ordering::SeqCst);
        let producer = self.layout.producer_line();
        match line::wants_wake(&self.region, producer, self.tail) {
            Some(wake) => self.wake |= wake,
            None => return Err(self.poison(Corruption::RegionSize, producer)),
        }
        Ok(())
    }

    fn load(&mut self, at: usize, order: Ordering) -> Result<u32, RingError> {
        match self.region.load_u32(at, order) {
            Some(v) => Ok(v),
            None => Err(self.poison(Corruption::RegionSize, at)),
        }
    }

    fn check(&self) -> Result<(), RingError> {
        match self.poisoned {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn poison(&mut self, what: Corruption, at: usize) -> RingError {
        let e = RingError::Corrupt { what, at };
        self.poisoned = Some(e);
        e
    }

    #[cfg(all(feature = "std", not(loom)))]
    pub(crate) fn parts(&self) -> (Region<'a>, &Layout, u32) {
        (self.region, &self.layout, self.tail)
    }

    #[cfg(all(feature = "std", not(loom)))]
    pub(crate) fn poisoned(&self) -> Option<RingError> {
        self.poisoned
    }
}
