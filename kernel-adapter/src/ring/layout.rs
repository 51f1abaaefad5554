//! The ring's header: where everything lives, written once by the creator, read once and
//! validated by each side when it attaches (`docs/ring-format.md` §2).

use core::sync::atomic::Ordering;

use super::{
    shared::{fence, Region},
    Corruption, RingError,
};

/// `b"CWRG"`, read as a little-endian `u32`.
pub const MAGIC: u32 = u32::from_le_bytes(*b"CWRG");
/// The version of the ring format this crate reads and writes.
pub const VERSION: u32 = 1;
/// The distance between the header and each counter line, and their alignment.
pub const LINE: u32 = 128;
/// Bytes in front of a frame's payload in its slot: the length, then the stamp.
pub const FRAME_HEADER: u32 = 8;
/// The largest slot count (2^24).
pub const MAX_SLOT_COUNT: u32 = 1 << 24;
/// The largest slot size (16 MiB).
pub const MAX_SLOT_SIZE: u32 = 1 << 24;
/// Header flag: each frame carries a checksum of its stamp, length and payload, in the last
/// 8 bytes of its slot (`docs/ring-format.md` §4.1).
pub const FLAG_CHECKSUM: u32 = 1;
/// The flags this crate knows; any other is `Corrupt { what: Flags }`.
const KNOWN_FLAGS: u32 = FLAG_CHECKSUM;
/// Bytes at the end of a slot that hold a frame's checksum (a `u32`, then padding), when
/// the ring has [`FLAG_CHECKSUM`].
const CHECKSUM_SIZE: u32 = 8;

/// Bit 31 of the generation word: a reset is in progress (§5.2). Generations themselves
/// use the low 31 bits.
pub const RESETTING: u32 = 1 << 31;

/// Header field offsets (each a little-endian `u32`).
pub(crate) mod field {
    pub const MAGIC: usize = 0;
    pub const VERSION: usize = 4;
    pub const SLOT_COUNT: usize = 8;
    pub const SLOT_SIZE: usize = 12;
    pub const PRODUCER_OFFSET: usize = 16;
    pub const CONSUMER_OFFSET: usize = 20;
    pub const DATA_OFFSET: usize = 24;
    pub const REGION_SIZE: usize = 28;
    /// The generation: 0 when the ring is first written, bumped by every reset
    /// (`docs/ring-format.md` §2.1).
    pub const GENERATION: usize = 32;
    /// At the last reset: the producer counter, as the side that reset knew it.
    pub const RESET_HEAD: usize = 36;
    /// At the last reset: the consumer counter, as the side that reset knew it.
    pub const RESET_TAIL: usize = 40;
    /// Options both sides must follow, chosen by the creator (0: none).
    pub const FLAGS: usize = 44;
}

/// Offsets inside a counter line, after its free-running counter at offset 0 (frames
/// published by the producer, or released by the consumer).
pub(crate) mod line {
    /// Non-zero while the side sleeps and wants the other side to wake it. 64 bytes after
    /// the counter: on a CPU with 64-byte cache lines, the peer reads it after every
    /// publish without pulling in the line the counter moves on.
    pub const WAITING: usize = 64;
    /// While `WAITING` is set: the value of the *peer's* counter at which to wake the side.
    pub const WAKE_AT: usize = 68;
    /// The claim on the line's role: 0 while nobody holds it, else the holder's token
    /// (`docs/ring-format.md` §3.1). Kept across resets.
    pub const OWNER: usize = 72;
    /// Non-zero once the side found the ring corrupt: a request to the creator to reset
    /// it. Cleared by the reset.
    pub const BROKEN: usize = 76;

    use core::sync::atomic::Ordering;

    use crate::ring::shared::Region;

    /// Whether the side owning the line at `line_at` sleeps and asked to be woken once the
    /// peer's counter reaches `counter`'s value: its `WAITING` word (Acquire, so that the
    /// `WAKE_AT` stored before it is visible), then its `WAKE_AT`. `None` when out of
    /// bounds (never with a validated layout).
    pub(crate) fn wants_wake(region: &Region<'_>, line_at: usize, counter: u32) -> Option<bool> {
        if region.load_u32(line_at.checked_add(WAITING)?, Ordering::Acquire)? == 0 {
            return Some(false);
        }
        let target = region.load_u32(line_at.checked_add(WAKE_AT)?, Ordering::Relaxed)?;
        Some(reached(counter, target))
    }

    /// Whether a free-running counter at `counter` has reached `target` (within half the
    /// counter space behind it).
    pub(crate) const fn reached(counter: u32, target: u32) -> bool {
        counter.wrapping_sub(target) < 1 << 31
    }
}

/// Where a ring's parts live in its region, and how large its slots are.
///
/// Built by [`Layout::standard`] or [`Layout::new`] (both validate), or read from a
/// region's header by [`Layout::read`]. A side keeps its copy privately after attaching:
/// the shared header is never read again.
///
/// ```
/// use crosswire_kernel::ring::Layout;
///
/// let layout = Layout::standard(8, 60).unwrap();
/// assert_eq!(layout.slot_count(), 8);
/// assert!(layout.max_frame() >= 60); // slots are rounded up to their alignment
/// assert!(layout.region_size() >= 8 * 60);
/// assert!(Layout::standard(3, 60).is_err()); // not a power of two
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    // INVARIANT: everything `validate` checks: `slot_count` is a power of two in
    // `1..=MAX_SLOT_COUNT`; `slot_size` is a multiple of 8 in `16..=MAX_SLOT_SIZE`; the
    // header line, the two counter lines and the slot array are aligned to `LINE`, do not
    // overlap, and end at or before `region_size`.
    slot_count: u32,
    slot_size: u32,
    producer_offset: u32,
    consumer_offset: u32,
    data_offset: u32,
    region_size: u32,
    flags: u32,
}

impl Layout {
    /// The layout of a new ring in its own region: header, producer line, consumer line,
    /// then `slot_count` slots each holding a frame of up to `max_frame` bytes.
    pub const fn standard(slot_count: u32, max_frame: u32) -> Result<Layout, RingError> {
        let Some(slot_size) = max_frame.checked_add(FRAME_HEADER) else {
            return Err(invalid(Corruption::SlotSize, field::SLOT_SIZE));
        };
        let Some(slot_size) = slot_size.checked_next_multiple_of(8) else {
            return Err(invalid(Corruption::SlotSize, field::SLOT_SIZE));
        };
        let Some(data) = slot_size.checked_mul(slot_count) else {
            return Err(invalid(Corruption::RegionSize, field::REGION_SIZE));
        };
        let Some(region_size) = data.checked_add(3 * LINE) else {
            return Err(invalid(Corruption::RegionSize, field::REGION_SIZE));
        };
        Layout::new(slot_count, slot_size, LINE, 2 * LINE, 3 * LINE, region_size)
    }

    /// A layout with every part placed by the caller, for example the consumer's line on a
    /// page of its own, so that a kernel can map only that page writable to userspace.
    pub const fn new(
        slot_count: u32,
        slot_size: u32,
        producer_offset: u32,
        consumer_offset: u32,
        data_offset: u32,
        region_size: u32,
    ) -> Result<Layout, RingError> {
        let layout = Layout {
            slot_count,
            slot_size,
            producer_offset,
            consumer_offset,
            data_offset,
            region_size,
            flags: 0,
        };
        match layout.validate() {
            Ok(()) => Ok(layout),
            Err(e) => Err(e),
        }
    }

    /// The same layout with a checksum in every frame (off by default): each slot grows by
    /// 8 bytes, so that [`max_frame`](Self::max_frame) stays the same, and the region by
    /// as much as the slots need. Both sides read the choice from the header.
    ///
    /// ```
    /// use crosswire_kernel::ring::Layout;
    ///
    /// let plain = Layout::standard(8, 64).unwrap();
    /// let checked = plain.with_checksum().unwrap();
    /// assert!(checked.has_checksum() && !plain.has_checksum());
    /// assert_eq!(checked.max_frame(), plain.max_frame());
    /// assert_eq!(checked.region_size(), plain.region_size() + 8 * 8);
    /// ```
    pub fn with_checksum(self) -> Result<Layout, RingError> {
        let Some(slot_size) = self.slot_size.checked_add(CHECKSUM_SIZE) else {
            return Err(invalid(Corruption::SlotSize, field::SLOT_SIZE));
        };
        let data = u64_from(slot_size).saturating_mul(u64_from(self.slot_count));
        let end = data.saturating_add(u64_from(self.data_offset));
        let region_size = if end > u64_from(self.region_size) {
            match u32::try_from(end) {
                Ok(size) => size,
                Err(_) => return Err(invalid(Corruption::RegionSize, field::REGION_SIZE)),
            }
        } else {
            self.region_size
        };
        let layout = Layout {
            slot_size,
            region_size,
            flags: self.flags | FLAG_CHECKSUM,
            ..self
        };
        match layout.validate() {
            Ok(()) => Ok(layout),
            Err(e) => Err(e),
        }
    }

    /// Whether every frame carries a checksum ([`with_checksum`](Self::with_checksum)).
    pub const fn has_checksum(&self) -> bool {
        self.flags & FLAG_CHECKSUM != 0
    }

    /// Where frame `index`'s checksum lives, when the ring has one.
    pub(crate) const fn checksum_at(&self, index: u32) -> Option<usize> {
        let Some(slot) = self.slot(index) else {
            return None;
        };
        let end = slot.saturating_add(usize_from(self.slot_size));
        end.checked_sub(usize_from(CHECKSUM_SIZE))
    }

    const fn validate(&self) -> Result<(), RingError> {
        if self.flags & !KNOWN_FLAGS != 0 {
            return Err(invalid(Corruption::Flags, field::FLAGS));
        }
        if self.has_checksum() && self.slot_size < 16 + CHECKSUM_SIZE {
            return Err(invalid(Corruption::SlotSize, field::SLOT_SIZE));
        }
        if !self.slot_count.is_power_of_two() || self.slot_count > MAX_SLOT_COUNT {
            return Err(invalid(Corruption::SlotCount, field::SLOT_COUNT));
        }
        if self.slot_size % 8 != 0 || self.slot_size < 16 || self.slot_size > MAX_SLOT_SIZE {
            return Err(invalid(Corruption::SlotSize, field::SLOT_SIZE));
        }
        let p = self.producer_offset;
        let c = self.consumer_offset;
        let d = self.data_offset;
        if p % LINE != 0 || p < LINE || p == c || p == d {
            return Err(invalid(Corruption::Offset, field::PRODUCER_OFFSET));
        }
        if c % LINE != 0 || c < LINE || c == d {
            return Err(invalid(Corruption::Offset, field::CONSUMER_OFFSET));
        }
        // Both products fit: slot_count <= 2^24 and slot_size <= 2^24.
        let data_len = u64_from(self.slot_count).saturating_mul(u64_from(self.slot_size));
        if d % LINE != 0 || d < LINE {
            return Err(invalid(Corruption::Offset, field::DATA_OFFSET));
        }
        // The counter lines must lie outside the slot array (each is one LINE long and the
        // offsets are LINE-aligned, so distinct lines cannot overlap each other).
        let data_end = u64_from(d).saturating_add(data_len);
        if u64_from(p) >= u64_from(d) && u64_from(p) < data_end {
            return Err(invalid(Corruption::Offset, field::PRODUCER_OFFSET));
        }
        if u64_from(c) >= u64_from(d) && u64_from(c) < data_end {
            return Err(invalid(Corruption::Offset, field::CONSUMER_OFFSET));
        }
        let size = u64_from(self.region_size);
        if data_end > size
            || u64_from(p).saturating_add(u64_from(LINE)) > size
            || u64_from(c).saturating_add(u64_from(LINE)) > size
        {
            return Err(invalid(Corruption::RegionSize, field::REGION_SIZE));
        }
        Ok(())
    }

    /// Reads and validates the header of `region`, each field once.
    pub fn read(region: &Region<'_>) -> Result<Layout, RingError> {
        let load = |at: usize, order| {
            region
                .load_u32(at, order)
                .ok_or(invalid(Corruption::RegionSize, at))
        };
        if load(field::MAGIC, Ordering::Acquire)? != MAGIC {
            return Err(invalid(Corruption::Magic, field::MAGIC));
        }
        if load(field::VERSION, Ordering::Relaxed)? != VERSION {
            return Err(invalid(Corruption::Version, field::VERSION));
        }
        let layout = Layout {
            slot_count: load(field::SLOT_COUNT, Ordering::Relaxed)?,
            slot_size: load(field::SLOT_SIZE, Ordering::Relaxed)?,
            producer_offset: load(field::PRODUCER_OFFSET, Ordering::Relaxed)?,
            consumer_offset: load(field::CONSUMER_OFFSET, Ordering::Relaxed)?,
            data_offset: load(field::DATA_OFFSET, Ordering::Relaxed)?,
            region_size: load(field::REGION_SIZE, Ordering::Relaxed)?,
            flags: load(field::FLAGS, Ordering::Relaxed)?,
        };
        layout.validate()?;
        if layout.region_size() > region.len() {
            return Err(invalid(Corruption::RegionSize, field::REGION_SIZE));
        }
        Ok(layout)
    }

    /// The header fields after the magic, with their values.
    fn fields(&self) -> [(usize, u32); 8] {
        [
            (field::VERSION, VERSION),
            (field::SLOT_COUNT, self.slot_count),
            (field::SLOT_SIZE, self.slot_size),
            (field::PRODUCER_OFFSET, self.producer_offset),
            (field::CONSUMER_OFFSET, self.consumer_offset),
            (field::DATA_OFFSET, self.data_offset),
            (field::REGION_SIZE, self.region_size),
            (field::FLAGS, self.flags),
        ]
    }

    /// Writes the header and zeroes both counter lines; the magic goes last, with Release.
    /// Only the creator does this, before the peer attaches.
    pub fn write(&self, region: &Region<'_>) -> Result<(), RingError> {
        if self.region_size() > region.len() {
            return Err(invalid(Corruption::RegionSize, field::REGION_SIZE));
        }
        let fields = self.fields();
        let lines = [self.producer_offset, self.consumer_offset];
        let zero_lines = lines
            .iter()
            .flat_map(|&l| (0..LINE).step_by(4).map(move |i| l.saturating_add(i)));
        // Words 32 to 128 but the flags (44, in `fields`): generation 0, nothing reset.
        let reserved = (32..LINE)
            .step_by(4)
            .filter(|&at| usize_from(at) != field::FLAGS);
        let stores = fields
            .into_iter()
            .chain(reserved.chain(zero_lines).map(|at| (usize_from(at), 0)));
        for (at, value) in stores {
            region
                .store_u32(at, value, Ordering::Relaxed)
                .ok_or(invalid(Corruption::RegionSize, at))?;
        }
        region
            .store_u32(field::MAGIC, MAGIC, Ordering::Release)
            .ok_or(invalid(Corruption::RegionSize, field::MAGIC))
    }

    /// Re-initialises a ring in `region` that this side created: generation `generation`
    /// (the previous one plus one), the header rewritten from `self`, both counters set
    /// to `base`, the `waiting`, `wake_at` and `broken` words zeroed (the claims are
    /// kept), and the counters
    /// both sides knew at the reset
    /// (`head`, `tail`), so that the peer can count the frames the reset lost
    /// (`docs/ring-format.md` §5.2). Like a seqlock: first the generation with
    /// [`RESETTING`] set and a Release fence (a side that reads any store made after it,
    /// a zeroed counter or a new frame's bytes, then sees a reset under way and decides
    /// nothing), then the stores, then the generation alone, with Release (a side that
    /// reads it sees everything the reset wrote).
    pub(crate) fn reset(
        &self,
        region: &Region<'_>,
        generation: u32,
        head: u32,
        tail: u32,
        base: u32,
    ) -> Result<(), RingError> {
        if self.region_size() > region.len() {
            return Err(invalid(Corruption::RegionSize, field::REGION_SIZE));
        }
        let fields = [
            (field::MAGIC, MAGIC),
            (field::RESET_HEAD, head),
            (field::RESET_TAIL, tail),
        ]
        .into_iter()
        .chain(self.fields());
        let lines = [self.producer_offset, self.consumer_offset];
        // The words of the lines the protocol uses (the padding is nobody's), but the claims.
        let rest_of_lines = lines.iter().flat_map(|&l| {
            [line::WAITING, line::WAKE_AT, line::BROKEN]
                .map(|i| (usize_from(l).saturating_add(i), 0))
        });
        let stores = fields.chain(rest_of_lines);
        let generation = generation & !RESETTING;
        region
            .store_u32(field::GENERATION, generation | RESETTING, Ordering::Relaxed)
            .ok_or(invalid(Corruption::RegionSize, field::GENERATION))?;
        fence(Ordering::Release);
        for (at, value) in stores {
            region
                .store_u32(at, value, Ordering::Relaxed)
                .ok_or(invalid(Corruption::RegionSize, at))?;
        }
        // The counters by swaps: read-modify-writes, as the sides' own stores are, so that
        // the reset's value is ordered after any store a side made from its old state
        // (the loom model orders a plain store after a read-modify-write too loosely).
        for l in lines {
            let at = usize_from(l);
            region
                .swap_u32(at, base, Ordering::Relaxed)
                .ok_or(invalid(Corruption::RegionSize, at))?;
        }
        region
            .store_u32(field::GENERATION, generation, Ordering::Release)
            .ok_or(invalid(Corruption::RegionSize, field::GENERATION))
    }

    /// The number of slots, a power of two.
    pub const fn slot_count(&self) -> u32 {
        self.slot_count
    }

    /// The size of a slot in bytes, frame header included.
    pub const fn slot_size(&self) -> u32 {
        self.slot_size
    }

    /// The largest frame payload a slot holds.
    pub const fn max_frame(&self) -> usize {
        // `slot_size >= 16` (24 with a checksum) by the invariant.
        let checksum = if self.has_checksum() {
            CHECKSUM_SIZE
        } else {
            0
        };
        usize_from(
            self.slot_size
                .saturating_sub(FRAME_HEADER)
                .saturating_sub(checksum),
        )
    }

    /// The region size the header declares (the region may be larger).
    pub const fn region_size(&self) -> usize {
        usize_from(self.region_size)
    }

    pub(crate) const fn producer_line(&self) -> usize {
        usize_from(self.producer_offset)
    }

    pub(crate) const fn consumer_line(&self) -> usize {
        usize_from(self.consumer_offset)
    }

    /// The offset of the slot that frame `index` uses (the index is masked).
    pub(crate) const fn slot(&self, index: u32) -> Option<usize> {
        // Masking with `count - 1` is valid: `slot_count` is a power of two.
        let masked = index & self.slot_count.wrapping_sub(1);
        let Some(rel) = usize_from(masked).checked_mul(usize_from(self.slot_size)) else {
            return None;
        };
        usize_from(self.data_offset).checked_add(rel)
    }
}

/// The stamp of frame `index` in generation `generation`: the index itself in generation
/// 0 (format version 1 as it was first written), then offset by an odd multiple of the
/// generation, so that a frame left in its slot by an earlier generation never carries
/// the stamp the new one expects there (`docs/ring-format.md` §4).
///
/// `--cfg crosswire_ring_weak_generation` leaves the generation out: a deliberately
/// broken build that the loom model must catch (a stale frame delivered after a reset).
pub(crate) const fn stamp(index: u32, generation: u32) -> u32 {
    if cfg!(crosswire_ring_weak_generation) {
        return index;
    }
    index.wrapping_add(generation.wrapping_mul(STAMP_STEP))
}

/// The odd constant of [`stamp`] (the golden ratio's 32-bit fraction).
const STAMP_STEP: u32 = 0x9E37_79B9;

/// The checksum of a frame (`docs/ring-format.md` §4.1): its stamp, its length and its
/// payload, mixed 8 bytes at a time (a multiply and a shift each) in four independent
/// lanes, so that the multiplies overlap, then the lanes folded together. It finds
/// scribbles and torn writes, not forgeries: a peer that can write the payload can write
/// the checksum too.
pub(crate) fn frame_checksum(stamp: u32, payload: &[u8]) -> u32 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    fn mix(lane: &mut u64, bytes: &[u8]) {
        let mut w = [0u8; 8];
        w.iter_mut().zip(bytes).for_each(|(d, s)| *d = *s);
        *lane = (*lane ^ u64::from_le_bytes(w)).wrapping_mul(K);
        *lane ^= *lane >> 29;
    }
    let len = u64::try_from(payload.len()).unwrap_or(u64::MAX);
    let mut lanes = [
        K ^ u64::from(stamp),
        K ^ len,
        K.rotate_left(17),
        K.rotate_left(41),
    ];
    let mut blocks = payload.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            mix(lane, word);
        }
    }
    // The last 0 to 31 bytes, a word (zero-padded) per lane.
    for (lane, word) in lanes.iter_mut().zip(blocks.remainder().chunks(8)) {
        mix(lane, word);
    }
    let mut h = 0u64;
    for lane in lanes {
        h = (h ^ lane).wrapping_mul(K);
        h ^= h >> 32;
    }
    let [a, b, c, d, ..] = h.to_le_bytes();
    u32::from_le_bytes([a, b, c, d])
}

/// A header that fails validation: `Corrupt`, at the field's offset.
const fn invalid(what: Corruption, at: usize) -> RingError {
    RingError::Corrupt { what, at }
}

/// `u32` to `usize`: lossless on every target this crate builds for (16-bit is not one).
pub(crate) const fn usize_from(v: u32) -> usize {
    const { assert!(usize::BITS >= 32) };
    #[expect(
        clippy::as_conversions,
        reason = "widening, checked by the assertion above; `From` is not const"
    )]
    let v = v as usize;
    v
}

/// `u32` to `u64`, in a `const fn`.
const fn u64_from(v: u32) -> u64 {
    #[expect(clippy::as_conversions, reason = "widening; `From` is not const")]
    let v = v as u64;
    v
}
