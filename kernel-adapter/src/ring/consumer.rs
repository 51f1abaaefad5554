//! The receiving side of a ring.

use core::sync::atomic::{fence, Ordering};

use crosswire::{Decode, Error, ErrorKind};

use super::{
    layout::{field, frame_checksum, line, stamp as frame_stamp, usize_from, FRAME_HEADER},
    session,
    shared::{fence as shared_fence, Region},
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
    /// The last value stored to the consumer counter.
    released: u32,
    /// A new generation was seen after frames were taken: re-attach at the next call.
    renew_due: bool,
    /// Our claim on the consumer line, released on drop.
    token: u32,
    /// The generation this side works in (the stamps depend on it).
    generation: u32,
    /// Whether this side created the ring and may reset it.
    creator: bool,
    /// Liveness and back-off state of the waiting layer.
    #[cfg(all(feature = "std", not(loom)))]
    pub(crate) watch: super::wait::Watch,
}

/// One frame taken from the ring, copied into the caller's buffer.
enum Taken {
    /// The frame's length; its bytes are at the start of the buffer.
    Frame(usize),
    /// The frame was longer than the buffer: consumed, not copied.
    TooLarge(usize),
}

impl<'a> Consumer<'a> {
    /// Attaches to the ring in `region`: reads and validates its header once, claims the
    /// consumer's role (anonymously, as [`Producer::attach`](super::Producer::attach)
    /// does), and reads its counter once (the consumer resumes where its counter says).
    /// [`RingError::Busy`] when another consumer holds the claim.
    pub fn attach(region: Region<'a>) -> Result<Self, RingError> {
        Consumer::attach_as(region, session::token(None), false, &|_| false)
    }

    /// Writes `layout`'s header into `region` (as [`Layout::write`]) and attaches as the
    /// ring's creator, which may [`reset`](Self::reset) it.
    pub fn create(region: Region<'a>, layout: &Layout) -> Result<Self, RingError> {
        layout.write(&region)?;
        Consumer::attach_as(region, session::token(None), true, &|_| false)
    }

    /// Attaches with the claim `token`, as `Producer::attach_as` does.
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
        session::claim(&region, layout.consumer_line(), token, stale)?;
        // From here on, dropping `consumer` releases the claim.
        let mut consumer = Consumer {
            region,
            layout,
            tail: 0,
            head: 0,
            poisoned: None,
            wake: false,
            released: 0,
            renew_due: false,
            token,
            generation,
            creator,
            #[cfg(all(feature = "std", not(loom)))]
            watch: super::wait::Watch::default(),
        };
        consumer.tail = consumer.load(layout.consumer_line(), Ordering::Relaxed)?;
        consumer.head = consumer.tail;
        consumer.released = consumer.tail;
        Ok(consumer)
    }

    /// Re-initialises the ring (only its creator may: [`RingError::NotCreator`]
    /// otherwise), as [`Producer::reset`](super::Producer::reset) does. Returns the frames
    /// this side knew to be published and not taken (the producer, at its next call,
    /// reports its own exact count as [`RingError::Reset`]).
    pub fn reset(&mut self) -> Result<u32, RingError> {
        if !self.creator {
            return Err(RingError::NotCreator);
        }
        let generation = session::next_generation(&self.region, self.generation);
        let lost = self
            .head
            .wrapping_sub(self.tail)
            .min(self.layout.slot_count());
        let base = session::base(self.head);
        self.layout
            .reset(&self.region, generation, self.head, self.tail, base)?;
        // Our claim too: the reset may repair a hole punched in the region.
        let claim_at = self.layout.consumer_line().saturating_add(line::OWNER);
        let _ = self
            .region
            .store_u32(claim_at, self.token, Ordering::Relaxed);
        self.generation = generation;
        self.head = base;
        self.tail = base;
        self.released = base;
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
                // A reset zeroes the counter: that is not corruption.
                if self.generation_moved() {
                    return Err(self.renew());
                }
                return Err(self.poison(Corruption::ProducerCounter, at));
            }
            // Nothing new: the idle path, where a reset is noticed (and its losses
            // reported) without waiting for the next frame.
            if head == self.tail && self.generation_moved() {
                return Err(self.renew());
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
        if stamp != frame_stamp(self.tail, self.generation) {
            // After a reset, the slots hold the old generation's stamps.
            if self.generation_moved() {
                return Err(self.renew());
            }
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
                // A reset during the copy may have let the producer write a new frame
                // over it: the generation after the copy (Acquire fence, paired with the
                // Release fence after the reset stores it) says whether the copy is whole.
                shared_fence(Ordering::Acquire);
                if self.generation_moved() {
                    return Err(self.renew());
                }
                if self.layout.has_checksum() {
                    let at = self.layout.checksum_at(self.tail).unwrap_or(slot);
                    let sum = self.load(at, Ordering::Relaxed)?;
                    if sum != frame_checksum(stamp, dst) {
                        return Err(self.poison(Corruption::Checksum, at));
                    }
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
    ///
    /// The store is a compare-and-exchange from the value last released, so that the old
    /// generation's counter is never stored into a new one: after a reset it fails, the
    /// frames taken were whole (checked after each copy) and are delivered, and the next
    /// call re-attaches.
    fn release(&mut self) -> Result<(), RingError> {
        let at = self.layout.consumer_line();
        match session::advance(
            &self.region,
            at,
            self.released,
            self.tail,
            Ordering::Release,
        ) {
            Some(Ok(())) => {}
            None => return Err(self.poison(Corruption::RegionSize, at)),
            Some(Err(_)) if self.generation_moved() => {
                self.renew_due = true;
                return Ok(());
            }
            Some(Err(_)) => return Err(self.poison(Corruption::ConsumerCounter, at)),
        }
        self.released = self.tail;
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

    /// Re-attaches after the creator reset the ring, as `Producer::renew` does; the
    /// frames lost are those the producer counter the resetter recorded says were
    /// published and that this side did not take.
    fn renew(&mut self) -> RingError {
        if session::generation(&self.region).is_some_and(session::resetting) {
            // The creator is still writing: decide nothing, look again next call.
            self.renew_due = true;
            return RingError::Empty;
        }
        self.renew_due = false;
        let (generation, header) = session::reread(&self.region, &self.layout, self.generation);
        self.generation = generation;
        if let Err((what, at)) = header {
            return self.poison(what, at);
        }
        let count = self.layout.slot_count();
        let reset_head = self
            .region
            .load_u32(field::RESET_HEAD, Ordering::Relaxed)
            .unwrap_or(self.head);
        let fallback = self.head.wrapping_sub(self.tail);
        let lost = session::lost(reset_head, self.tail, fallback, count);
        self.poisoned = None;
        self.wake = false;
        match self.load(self.layout.consumer_line(), Ordering::Relaxed) {
            Ok(tail) => {
                self.tail = tail;
                self.head = tail;
                self.released = tail;
            }
            Err(e) => return e,
        }
        RingError::Reset { lost }
    }

    /// Checks between calls what the hot path does not look at, as
    /// `Producer::health` does.
    ///
    /// Cheap enough for every wake-up, not meant for every frame. With `std`, the waiting
    /// calls run it before each sleep; a kernel module can run it from its own waits.
    pub fn health(&mut self) -> Result<(), RingError> {
        match self.check() {
            // A reset under way: nothing to report yet.
            Err(RingError::Empty) => return Ok(()),
            result => result?,
        }
        // Our counter first (Acquire): a value a reset stored there makes the generation
        // it started visible below.
        let own = self.layout.consumer_line();
        let counter = self.load(own, Ordering::Acquire)?;
        if self.generation_moved() {
            return match self.renew() {
                RingError::Empty => Ok(()),
                e => Err(e),
            };
        }
        if counter != self.released {
            return Err(self.poison(Corruption::ConsumerCounter, own));
        }
        if self.creator {
            let peer = self.layout.producer_line();
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
        session::raise_broken(&self.region, self.layout.consumer_line());
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

impl Drop for Consumer<'_> {
    /// Releases the claim on the consumer's role, if it is still ours: a compare-and-exchange
    /// on the region, which must therefore still be mapped (see `Region::from_raw_parts`).
    fn drop(&mut self) {
        session::release(&self.region, self.layout.consumer_line(), self.token);
    }
}
