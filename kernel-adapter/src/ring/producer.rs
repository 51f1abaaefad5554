//! The sending side of a ring.

use core::sync::atomic::{fence, Ordering};

use crosswire::Encode;
#[cfg(not(loom))]
use crosswire::ErrorKind;

#[cfg(not(loom))]
use super::shared::PrivateSlots;
use super::{
    layout::{field, frame_checksum, line, stamp, usize_from, FRAME_HEADER},
    session,
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
    /// The last value stored to the producer counter.
    published: u32,
    /// A reset was seen under way: re-attach at the next call.
    renew_due: bool,
    /// Our claim on the producer line, released on drop.
    token: u32,
    /// The generation this side works in (the stamps depend on it).
    generation: u32,
    /// Whether this side created the ring and may reset it.
    creator: bool,
    /// Liveness and back-off state of the waiting layer.
    #[cfg(all(feature = "std", not(loom)))]
    pub(crate) watch: super::wait::Watch,
}

impl<'a> Producer<'a> {
    /// Attaches to the ring in `region`: reads and validates its header once, claims the
    /// producer's role (anonymously: no process is named, so the consumer cannot watch
    /// this side's death; `SharedRing::producer` names this process), and reads both
    /// counters once (the producer resumes where its counter says).
    ///
    /// [`RingError::Busy`] when another producer holds the claim; a consumer counter out
    /// of range is `Corrupt`, and asks the creator for a reset (§5.2).
    pub fn attach(region: Region<'a>) -> Result<Self, RingError> {
        Producer::attach_as(region, session::token(None), false, &|_| false)
    }

    /// Writes `layout`'s header into `region` (as [`Layout::write`]) and attaches as the
    /// ring's creator, which may [`reset`](Self::reset) it.
    pub fn create(region: Region<'a>, layout: &Layout) -> Result<Self, RingError> {
        layout.write(&region)?;
        Producer::attach_as(region, session::token(None), true, &|_| false)
    }

    /// Attaches with the claim `token`; `creator` allows resets; `stale` says whether a
    /// claim found held belongs to a holder that is gone (taken over then).
    pub(crate) fn attach_as(
        region: Region<'a>,
        token: u32,
        creator: bool,
        stale: &dyn Fn(u32) -> bool,
    ) -> Result<Self, RingError> {
        let generation = session::generation(&region).ok_or(RingError::Corrupt {
            what: Corruption::RegionSize,
            at: field::GENERATION,
        })?;
        let layout = Layout::read(&region)?;
        session::claim(&region, layout.producer_line(), token, stale)?;
        // From here on, dropping `producer` releases the claim.
        let mut producer = Producer {
            region,
            layout,
            head: 0,
            tail: 0,
            poisoned: None,
            wake: false,
            published: 0,
            renew_due: false,
            token,
            generation,
            creator,
            #[cfg(all(feature = "std", not(loom)))]
            watch: super::wait::Watch::default(),
        };
        producer.head = producer.load(layout.producer_line(), Ordering::Relaxed)?;
        producer.published = producer.head;
        producer.refresh_tail()?;
        Ok(producer)
    }

    /// Re-initialises the ring (only its creator may: [`RingError::NotCreator`]
    /// otherwise): a new generation, the header rewritten from this side's copy, both
    /// counters zeroed, claims kept. Returns the frames this side knew to be published and
    /// not consumed, which are lost; the consumer notices the new generation at its next
    /// call, re-attaches, and reports its own exact count ([`RingError::Reset`]).
    ///
    /// ```
    /// # #[cfg(target_has_atomic = "64")] {
    /// use core::sync::atomic::AtomicU64;
    /// use crosswire_kernel::ring::{Consumer, Layout, Producer, Region, RingError};
    ///
    /// let layout = Layout::standard(4, 8).unwrap();
    /// let memory: Vec<AtomicU64> = (0..layout.region_size() / 8).map(|_| AtomicU64::new(0)).collect();
    /// let region = Region::from_atomics(&memory);
    /// let mut tx = Producer::create(region, &layout).unwrap();
    /// let mut rx = Consumer::attach(region).unwrap();
    /// tx.try_send_bytes(b"one").unwrap();
    /// tx.try_send_bytes(b"two").unwrap();
    /// assert_eq!(tx.reset(), Ok(2));
    /// assert_eq!(rx.try_recv_bytes(&mut [0; 8]).map(|f| f.len()), Err(RingError::Reset { lost: 2 }));
    /// tx.try_send_bytes(b"three").unwrap();
    /// assert_eq!(rx.try_recv_bytes(&mut [0; 8]).map(|f| f.to_vec()), Ok(b"three".to_vec()));
    /// # }
    /// ```
    pub fn reset(&mut self) -> Result<u32, RingError> {
        if !self.creator {
            return Err(RingError::NotCreator);
        }
        let generation = session::next_generation(&self.region, self.generation);
        let count = self.layout.slot_count();
        let lost = self.published.wrapping_sub(self.tail).min(count);
        let base = session::base(self.tail);
        self.layout
            .reset(&self.region, generation, self.published, self.tail, base)?;
        // Our claim too: the reset may repair a hole punched in the region.
        let claim_at = self.layout.producer_line().saturating_add(line::OWNER);
        let _ = self
            .region
            .store_u32(claim_at, self.token, Ordering::Relaxed);
        self.generation = generation;
        self.head = base;
        self.tail = base;
        self.published = base;
        self.poisoned = None;
        self.renew_due = false;
        self.wake = false;
        Ok(lost)
    }

    /// Whether this side created the ring (and may reset it).
    pub fn is_creator(&self) -> bool {
        self.creator
    }

    /// The generation this side works in: 0 until the first reset.
    pub fn generation(&self) -> u32 {
        self.generation
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

    /// Reserves the slot of the next frame for a payload of up to `len` bytes, which the
    /// caller writes in place, straight into the ring; then
    /// [`commit`](Reservation::commit) publishes it (or [`stage`](Reservation::stage) keeps
    /// it for a [`flush`](Self::flush) that publishes several with one store). Dropping
    /// the reservation publishes nothing: the slot is reserved again by the next call.
    ///
    /// `promise` is the caller's word that nothing else touches the slot meanwhile (see
    /// [`PrivateSlots`]); the copying calls (`try_send`, `send_batch`, ...) need none.
    /// [`RingError::FrameTooLarge`] when `len` is above [`max_frame`](Self::max_frame);
    /// [`RingError::Full`] when no slot is free, after publishing the staged frames (so a
    /// producer that then waits for room is not waiting for frames it holds back).
    ///
    /// ```
    /// # #[cfg(target_has_atomic = "64")] {
    /// use core::sync::atomic::AtomicU64;
    /// use crosswire_kernel::ring::{Consumer, Layout, PrivateSlots, Producer, Region};
    ///
    /// let layout = Layout::standard(4, 64).unwrap();
    /// let memory: Vec<AtomicU64> = (0..layout.region_size() / 8).map(|_| AtomicU64::new(0)).collect();
    /// let region = Region::from_atomics(&memory);
    /// let mut tx = Producer::create(region, &layout).unwrap();
    /// let mut rx = Consumer::attach(region).unwrap();
    /// // SAFETY: nothing but these two endpoints uses `memory`, and the consumer is honest.
    /// let private = unsafe { PrivateSlots::new() };
    ///
    /// let mut slot = tx.reserve(16, private).unwrap();
    /// slot[..5].copy_from_slice(b"hello");
    /// slot.commit(5).unwrap(); // 5 of the 16 bytes reserved
    ///
    /// let mut slot = tx.reserve(64, private).unwrap();
    /// let len = slot.encode(&(7u32, 9u16)).unwrap(); // encodes in place
    /// slot.commit(len).unwrap();
    ///
    /// let _ = tx.reserve(8, private).unwrap(); // not committed: nothing is sent
    ///
    /// let mut buf = [0u8; 64];
    /// assert_eq!(rx.try_recv_bytes(&mut buf).map(|f| f.to_vec()), Ok(b"hello".to_vec()));
    /// assert_eq!(rx.try_recv::<(u32, u16), 6>(), Ok((7, 9)));
    /// assert!(rx.try_recv_bytes(&mut buf).is_err()); // empty
    /// # }
    /// ```
    #[cfg(not(loom))]
    pub fn reserve(
        &mut self,
        len: usize,
        promise: PrivateSlots,
    ) -> Result<Reservation<'_, 'a>, RingError> {
        self.check()?;
        let max = self.max_frame();
        if len > max {
            return Err(RingError::FrameTooLarge { len, max });
        }
        if self.free_for(1)? == 0 {
            self.flush()?;
            return Err(RingError::Full);
        }
        // Whole words, for `commit` to zero the padding after the payload: still inside
        // the payload area, since `max` is a multiple of 8 (the slot size is, and so is
        // what the frame header and the checksum take from it).
        let room = len.checked_next_multiple_of(8).unwrap_or(len).min(max);
        let payload_at = self
            .layout
            .slot(self.head)
            .and_then(|slot| slot.checked_add(usize_from(FRAME_HEADER)));
        let region = self.region;
        let Some(at) = payload_at else {
            return Err(self.poison(Corruption::RegionSize, 0));
        };
        match region.reserved_bytes(self, at, room, promise) {
            Ok((producer, bytes)) => Ok(Reservation {
                producer,
                bytes,
                len,
            }),
            // Unreachable with a validated layout; reported rather than assumed.
            Err(producer) => Err(producer.poison(Corruption::RegionSize, at)),
        }
    }

    /// Encodes `value` straight into the next slot and publishes it: [`reserve`] of the
    /// largest frame, [`Reservation::encode`], [`Reservation::commit`]. The zero-copy
    /// counterpart of [`try_send`](Self::try_send), without its buffer.
    ///
    /// [`reserve`]: Self::reserve
    #[cfg(not(loom))]
    pub fn try_send_in_place<T: Encode + ?Sized>(
        &mut self,
        value: &T,
        promise: PrivateSlots,
    ) -> Result<(), RingError> {
        let max = self.max_frame();
        let mut slot = self.reserve(max, promise)?;
        let len = slot.encode(value)?;
        slot.commit(len)
    }

    /// Encodes as many of `values` as there are free slots straight into the ring, then
    /// publishes them with one store: the zero-copy counterpart of
    /// [`send_batch`](Self::send_batch), with the same results.
    #[cfg(not(loom))]
    pub fn send_batch_in_place<T: Encode>(
        &mut self,
        values: &[T],
        promise: PrivateSlots,
    ) -> Result<usize, RingError> {
        let room = self.begin_batch(values.len())?;
        let max = self.max_frame();
        let mut sent = 0usize;
        for value in values.iter().take(room) {
            let staged = self
                .reserve(max, promise)
                .and_then(|mut slot| slot.encode(value).and_then(|len| slot.stage(len)));
            match staged {
                Ok(()) => sent = sent.saturating_add(1),
                Err(e) if sent == 0 => return Err(e),
                // A later value that does not encode: the next call reports it.
                Err(_) => break,
            }
        }
        self.end_batch(sent)
    }

    /// Publishes the frames [staged](Reservation::stage) since the last publish, with one
    /// store (and checks once whether the consumer waits for them). Nothing to do when
    /// there are none.
    pub fn flush(&mut self) -> Result<(), RingError> {
        self.check()?;
        if self.head == self.published {
            return Ok(());
        }
        self.publish()
    }

    /// The frames staged and not yet published.
    pub fn staged(&self) -> u32 {
        self.head.wrapping_sub(self.published)
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
            // Full: the idle path, where a reset is noticed without a failure.
            if self.room() == 0 && self.generation_moved() {
                return Err(self.renew());
            }
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
            // A reset zeroes the counter: that is not corruption.
            if self.generation_moved() {
                return Err(self.renew());
            }
            return Err(self.poison(Corruption::ConsumerCounter, at));
        }
        self.tail = tail;
        Ok(())
    }

    /// Writes `frame` into the slot of frame `head` and advances `head` (unpublished).
    /// The caller checked that the slot is free and the frame fits.
    fn write_frame(&mut self, frame: &[u8]) -> Result<(), RingError> {
        let slot = self.layout.slot(self.head);
        let copied = slot
            .and_then(|slot| slot.checked_add(usize_from(FRAME_HEADER)))
            .and_then(|payload_at| self.region.copy_in(payload_at, frame));
        if copied.is_none() {
            // Unreachable with a validated layout; reported rather than assumed.
            return Err(self.poison(Corruption::RegionSize, slot.unwrap_or(0)));
        }
        self.seal_frame(frame)
    }

    /// Completes the frame whose payload `payload` is in the slot of frame `head`: its
    /// length and stamp, and its checksum when the ring has them; then advances `head`
    /// (unpublished).
    fn seal_frame(&mut self, payload: &[u8]) -> Result<(), RingError> {
        let slot = self.layout.slot(self.head);
        let len = u32::try_from(payload.len()).ok();
        let stamp = stamp(self.head, self.generation);
        let stored = (|| {
            let slot = slot?;
            self.region.store_u32(slot, len?, Ordering::Relaxed)?;
            self.region
                .store_u32(slot.checked_add(4)?, stamp, Ordering::Relaxed)?;
            if self.layout.has_checksum() {
                let sum = frame_checksum(stamp, payload);
                let at = self.layout.checksum_at(self.head)?;
                self.region.store_u32(at, sum, Ordering::Relaxed)?;
            }
            Some(())
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
    ///
    /// The store is a compare-and-exchange from the value last published: after a reset
    /// it fails, the frames written are dropped with the old generation (not published),
    /// and the call reports [`RingError::Reset`].
    fn publish(&mut self) -> Result<(), RingError> {
        let at = self.layout.producer_line();
        match session::advance(&self.region, at, self.published, self.head, PUBLISH) {
            Some(Ok(())) => {}
            None => return Err(self.poison(Corruption::RegionSize, at)),
            // Not where we left it: a reset moved it (the frames written are dropped
            // with the old generation), or someone else wrote it.
            Some(Err(_)) => {
                self.head = self.published;
                if self.generation_moved() {
                    return Err(self.renew());
                }
                return Err(self.poison(Corruption::ProducerCounter, at));
            }
        }
        self.published = self.head;
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

    /// The poisoning, if any; but a new generation since is a reset: re-attach.
    fn check(&mut self) -> Result<(), RingError> {
        if self.renew_due {
            return Err(self.renew());
        }
        match self.poisoned {
            Some(_) if self.generation_moved() => Err(self.renew()),
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn generation_moved(&self) -> bool {
        session::generation(&self.region).is_some_and(|g| g != self.generation)
    }

    /// Re-attaches after the creator reset the ring: adopts the new generation, rereads
    /// the header (it must keep the geometry) and the counters, and returns
    /// [`RingError::Reset`] with the frames lost: those published and not consumed by the
    /// consumer counter the resetter recorded (this side's own estimate if that value is
    /// out of range).
    fn renew(&mut self) -> RingError {
        if session::generation(&self.region).is_some_and(session::resetting) {
            // The creator is still writing: decide nothing, look again next call.
            self.renew_due = true;
            return RingError::Full;
        }
        self.renew_due = false;
        let (generation, header) = session::reread(&self.region, &self.layout, self.generation);
        self.generation = generation;
        if let Err((what, at)) = header {
            return self.poison(what, at);
        }
        let count = self.layout.slot_count();
        let reset_tail = self
            .region
            .load_u32(field::RESET_TAIL, Ordering::Relaxed)
            .unwrap_or(self.tail);
        let fallback = self.published.wrapping_sub(self.tail);
        let lost = session::lost(self.published, reset_tail, fallback, count);
        self.poisoned = None;
        self.wake = false;
        let at = self.layout.producer_line();
        match self.load(at, Ordering::Relaxed) {
            Ok(head) => {
                self.head = head;
                self.published = head;
                // A consumer counter out of range poisons again; the reset is reported
                // first all the same.
                let _ = self.refresh_tail();
            }
            Err(e) => return e,
        }
        RingError::Reset { lost }
    }

    /// Checks between calls what the hot path does not look at (the waiting layer calls
    /// it on every nap): a new generation (re-attach), our own counter changed behind our
    /// back, and for the creator a peer that asked for a reset or a header that is no
    /// longer ours.
    ///
    /// Cheap enough for every wake-up, not meant for every frame. With `std`, the waiting
    /// calls run it before each sleep; a kernel module can run it from its own waits.
    pub fn health(&mut self) -> Result<(), RingError> {
        match self.check() {
            // A reset under way: nothing to report yet.
            Err(RingError::Full) => return Ok(()),
            result => result?,
        }
        // Our counter first (Acquire): a value a reset stored there makes the generation
        // it started visible below.
        let own = self.layout.producer_line();
        let counter = self.load(own, Ordering::Acquire)?;
        if self.generation_moved() {
            return match self.renew() {
                RingError::Full => Ok(()),
                e => Err(e),
            };
        }
        if counter != self.published {
            return Err(self.poison(Corruption::ProducerCounter, own));
        }
        if self.creator {
            let peer = self.layout.consumer_line();
            if let Err((what, at)) = session::creator_check(&self.region, &self.layout, peer) {
                return Err(self.poison(what, at));
            }
        }
        Ok(())
    }

    /// Poisons this side and raises its `broken` word, so the creator learns of it.
    fn poison(&mut self, what: Corruption, at: usize) -> RingError {
        let e = RingError::Corrupt { what, at };
        self.poisoned = Some(e);
        session::raise_broken(&self.region, self.layout.producer_line());
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

impl Drop for Producer<'_> {
    /// Releases the claim on the producer's role, if it is still ours: a compare-and-exchange
    /// on the region, which must therefore still be mapped (see `Region::from_raw_parts`).
    fn drop(&mut self) {
        session::release(&self.region, self.layout.producer_line(), self.token);
    }
}

/// The slot of the next frame, reserved by [`Producer::reserve`]: `len` bytes the caller
/// writes in place (it dereferences to `[u8]`), then [`commit`](Self::commit) or
/// [`stage`](Self::stage). Dropped without either, it publishes nothing.
///
/// The bytes start as whatever the slot last held: write every byte that is sent.
#[cfg(not(loom))]
#[derive(Debug)]
#[must_use = "a reservation sends nothing until it is committed"]
pub struct Reservation<'r, 'a> {
    producer: &'r mut Producer<'a>,
    /// The payload area reserved, `len` rounded up to whole words.
    bytes: &'r mut [u8],
    /// The length asked for: what the caller sees.
    len: usize,
}

#[cfg(not(loom))]
impl<'r, 'a> Reservation<'r, 'a> {
    /// Encodes `value` at the start of the slot; returns its length, for
    /// [`commit`](Self::commit). A value longer than the reservation is
    /// [`RingError::FrameTooLarge`] (with its length); any other encoding error is
    /// [`RingError::Encode`]. Either way the reservation stays as it was, uncommitted.
    pub fn encode<T: Encode + ?Sized>(&mut self, value: &T) -> Result<usize, RingError> {
        let len = self.len;
        let bytes = self.bytes.get_mut(..len).unwrap_or_default();
        match crosswire::to_slice(value, bytes) {
            Ok(written) => Ok(written.len()),
            Err(e) if e.kind() == ErrorKind::BufferFull => Err(RingError::FrameTooLarge {
                len: value.encoded_len(),
                max: len,
            }),
            Err(e) => Err(RingError::Encode(e)),
        }
    }

    /// Makes the first `written` bytes a frame and publishes it, with any staged before
    /// it, in one store. `written` may be less than reserved; above it, nothing is
    /// published and the call is [`RingError::FrameTooLarge`].
    pub fn commit(self, written: usize) -> Result<(), RingError> {
        let producer = self.seal(written)?;
        producer.publish()
    }

    /// Makes the first `written` bytes a frame, as [`commit`](Self::commit) does, but
    /// leaves it unpublished: [`Producer::flush`] (or the next commit or send) publishes
    /// every staged frame with one store. Until then the consumer does not see it, and a
    /// producer dropped before that never publishes it.
    pub fn stage(self, written: usize) -> Result<(), RingError> {
        self.seal(written).map(drop)
    }

    /// Zeroes the padding after the payload, up to the next whole word (as the copying
    /// path does), writes the frame's length and stamp, and advances the producer.
    fn seal(self, written: usize) -> Result<&'r mut Producer<'a>, RingError> {
        let Reservation {
            producer,
            bytes,
            len,
        } = self;
        if written > len {
            return Err(RingError::FrameTooLarge {
                len: written,
                max: len,
            });
        }
        let padded = written.checked_next_multiple_of(8).unwrap_or(written);
        if let Some(padding) = bytes.get_mut(written..padded) {
            padding.fill(0);
        }
        producer.seal_frame(bytes.get(..written).unwrap_or_default())?;
        Ok(producer)
    }
}

#[cfg(not(loom))]
impl core::ops::Deref for Reservation<'_, '_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

#[cfg(not(loom))]
impl core::ops::DerefMut for Reservation<'_, '_> {
    fn deref_mut(&mut self) -> &mut [u8] {
        self.bytes.get_mut(..self.len).unwrap_or_default()
    }
}
