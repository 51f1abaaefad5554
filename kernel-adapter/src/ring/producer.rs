//! The sending side of a ring.

use core::sync::atomic::{fence, Ordering};

use crosswire::Encode;

use super::{
    layout::{line, usize_from, FRAME_HEADER},
    shared::Region,
    Corruption, Layout, RingError, PUBLISH,
};

/// The sending side of a ring: the only writer of the producer line and of the slots it
/// has not yet published.
///
/// ```
/// # #[cfg(target_has_atomic = "64")] {
/// use core::sync::atomic::AtomicU64;
/// use crosswire_kernel::ring::{Consumer, Layout, Producer, Region, RingError};
///
/// let layout = Layout::standard(2, 16).unwrap();
/// let memory: Vec<AtomicU64> = (0..layout.region_size() / 8).map(|_| AtomicU64::new(0)).collect();
/// let region = Region::from_atomics(&memory);
/// layout.write(&region).unwrap();
///
/// let mut tx = Producer::attach(region).unwrap();
/// assert_eq!(tx.try_send_bytes(&[1, 2, 3]), Ok(()));
/// assert_eq!(tx.try_send_bytes(&[4]), Ok(()));
/// assert_eq!(tx.try_send_bytes(&[5]), Err(RingError::Full));
/// assert!(matches!(tx.try_send_bytes(&[0; 17]), Err(RingError::FrameTooLarge { len: 17, .. })));
/// # let _ = Consumer::attach(region);
/// # }
/// ```
#[derive(Debug)]
pub struct Producer<'a> {
    region: Region<'a>,
    /// The geometry, read once at attach.
    layout: Layout,
    /// The index of the next frame to write; what the producer counter holds once
    /// published.
    head: u32,
    /// The consumer's counter as last read (and validated).
    tail: u32,
    /// Set once the ring is found corrupt: returned by every call from then on.
    poisoned: Option<RingError>,
    /// The consumer asked to be woken and a frame was published since.
    wake: bool,
}

impl<'a> Producer<'a> {
    /// Attaches to the ring in `region`: reads and validates its header once, and reads
    /// both counters once (the producer resumes where its counter says).
    pub fn attach(region: Region<'a>) -> Result<Self, RingError> {
        let layout = Layout::read(&region)?;
        let mut producer = Producer {
            region,
            layout,
            head: 0,
            tail: 0,
            poisoned: None,
            wake: false,
        };
        producer.head = producer.load(layout.producer_line(), Ordering::Relaxed)?;
        producer.refresh_tail()?;
        Ok(producer)
    }

    /// The geometry this side attached with.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The largest payload a frame can carry.
    pub fn max_frame(&self) -> usize {
        self.layout.max_frame()
    }

    /// Sends one frame of raw bytes. Never blocks: [`RingError::Full`] when no slot is free.
    pub fn try_send_bytes(&mut self, frame: &[u8]) -> Result<(), RingError> {
        self.check()?;
        if frame.len() > self.max_frame() {
            return Err(RingError::FrameTooLarge {
                len: frame.len(),
                max: self.max_frame(),
            });
        }
        if self.free_for(1)? == 0 {
            return Err(RingError::Full);
        }
        self.write_frame(frame)?;
        self.publish()
    }

    /// Encodes `value` into a private `[u8; N]` (`N >= T::MAX_SIZE`, checked at compile
    /// time) and sends it as one frame.
    ///
    /// ```compile_fail
    /// fn send(tx: &mut crosswire_kernel::ring::Producer<'_>) {
    ///     let _ = tx.try_send::<u64, 4>(&7); // a u64 needs 8 bytes
    /// }
    /// let _used: fn(&mut _) = send;
    /// ```
    pub fn try_send<T: Encode + ?Sized, const N: usize>(
        &mut self,
        value: &T,
    ) -> Result<(), RingError> {
        let mut buf = [0u8; N];
        let frame = crosswire::to_fixed(value, &mut buf).map_err(RingError::Encode)?;
        self.try_send_bytes(frame)
    }

    /// Sends as many of `values` as there are free slots, publishing them with one store.
    /// Returns how many were sent: fewer than `values.len()` when the ring filled up or
    /// a later value failed to encode (the next call reports it). [`RingError::Full`]
    /// when not even the first fits.
    pub fn send_batch<T: Encode, const N: usize>(
        &mut self,
        values: &[T],
    ) -> Result<usize, RingError> {
        let room = self.begin_batch(values.len())?;
        let mut buf = [0u8; N];
        let mut sent = 0usize;
        for value in values.iter().take(room) {
            let frame = crosswire::to_fixed(value, &mut buf).map_err(RingError::Encode);
            if !self.batch_frame(frame.map(|f| &*f), sent)? {
                break;
            }
            sent = sent.saturating_add(1);
        }
        self.end_batch(sent)
    }

    /// Sends as many of `frames` as there are free slots, publishing them with one store;
    /// returns how many were sent, as [`send_batch`](Self::send_batch) does.
    pub fn send_bytes_batch(&mut self, frames: &[&[u8]]) -> Result<usize, RingError> {
        let room = self.begin_batch(frames.len())?;
        let mut sent = 0usize;
        for frame in frames.iter().take(room) {
            if !self.batch_frame(Ok(frame), sent)? {
                break;
            }
            sent = sent.saturating_add(1);
        }
        self.end_batch(sent)
    }

    /// The room for a batch of `count` frames: [`RingError::Full`] when there is none.
    fn begin_batch(&mut self, count: usize) -> Result<usize, RingError> {
        self.check()?;
        let free = self.free_for(u32::try_from(count).unwrap_or(u32::MAX))?;
        if free == 0 && count > 0 {
            return Err(RingError::Full);
        }
        Ok(usize_from(free))
    }

    /// Writes frame number `sent` of a batch. `Ok(false)` ends the batch early (a later
    /// frame that does not encode or fit: the next call reports it); the first frame's
    /// error is returned.
    fn batch_frame(
        &mut self,
        frame: Result<&[u8], RingError>,
        sent: usize,
    ) -> Result<bool, RingError> {
        let frame = match frame {
            Ok(bytes) if bytes.len() <= self.max_frame() => bytes,
            Ok(_) | Err(_) if sent > 0 => return Ok(false),
            Ok(bytes) => {
                return Err(RingError::FrameTooLarge {
                    len: bytes.len(),
                    max: self.max_frame(),
                })
            }
            Err(e) => return Err(e),
        };
        self.write_frame(frame)?;
        Ok(true)
    }

    fn end_batch(&mut self, sent: usize) -> Result<usize, RingError> {
        if sent > 0 {
            self.publish()?;
        }
        Ok(sent)
    }

    /// Whether the consumer is waiting to be woken for a frame published since the last
    /// call; clears the request. A kernel module wakes its wait queue when this is true;
    /// with `std`, `notify` does it through a futex.
    pub fn take_wake(&mut self) -> bool {
        core::mem::take(&mut self.wake)
    }

    /// The number of free slots, rereading the consumer's counter (once) only when the
    /// cached value gives fewer than `want`.
    pub(crate) fn free_for(&mut self, want: u32) -> Result<u32, RingError> {
        if self.room() < want {
            self.refresh_tail()?;
        }
        Ok(self.room())
    }

    /// Free slots by the cached consumer counter (validated: at most a ring behind).
    fn room(&self) -> u32 {
        let used = self.head.wrapping_sub(self.tail);
        self.layout.slot_count().saturating_sub(used)
    }

    /// Reads the consumer's counter (Acquire: the consumer released those slots only after
    /// copying them out) and validates it: at most a ring behind `head`, never ahead.
    fn refresh_tail(&mut self) -> Result<(), RingError> {
        let at = self.layout.consumer_line();
        let tail = self.load(at, Ordering::Acquire)?;
        if self.head.wrapping_sub(tail) > self.layout.slot_count() {
            return Err(self.poison(Corruption::ConsumerCounter, at));
        }
        self.tail = tail;
        Ok(())
    }

    /// Writes `frame` into the slot of frame `head` and advances `head` (unpublished).
    /// The caller checked that the slot is free and the frame fits.
    fn write_frame(&mut self, frame: &[u8]) -> Result<(), RingError> {
        let slot = self.layout.slot(self.head);
        let len = u32::try_from(frame.len()).ok();
        let stored = (|| {
            let slot = slot?;
            self.region.store_u32(slot, len?, Ordering::Relaxed)?;
            let stamp_at = slot.checked_add(4)?;
            self.region
                .store_u32(stamp_at, self.head, Ordering::Relaxed)?;
            let payload_at = slot.checked_add(usize_from(FRAME_HEADER))?;
            self.region.copy_in(payload_at, frame)
        })();
        if stored.is_none() {
            // Unreachable with a validated layout; reported rather than assumed.
            return Err(self.poison(Corruption::RegionSize, slot.unwrap_or(0)));
        }
        self.head = self.head.wrapping_add(1);
        Ok(())
    }

    /// Makes every written frame visible: stores `head` to the producer counter with
    /// Release, then checks (after a full fence, against the consumer's store-then-fence
    /// when it goes to sleep) whether the consumer waits for a counter `head` reached.
    fn publish(&mut self) -> Result<(), RingError> {
        let at = self.layout.producer_line();
        if self.region.store_u32(at, self.head, PUBLISH).is_none() {
            return Err(self.poison(Corruption::RegionSize, at));
        }
        fence(Ordering::SeqCst);
        let consumer = self.layout.consumer_line();
        match line::wants_wake(&self.region, consumer, self.head) {
            Some(wake) => self.wake |= wake,
            None => return Err(self.poison(Corruption::RegionSize, consumer)),
        }
        Ok(())
    }

    pub(crate) fn load(&mut self, at: usize, order: Ordering) -> Result<u32, RingError> {
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
    pub(crate) fn parts(&self) -> (Region<'a>, &Layout, u32, u32) {
        (self.region, &self.layout, self.head, self.tail)
    }

    #[cfg(all(feature = "std", not(loom)))]
    pub(crate) fn poisoned(&self) -> Option<RingError> {
        self.poisoned
    }
}
