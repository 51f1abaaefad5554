//! Every access the ring makes to shared memory: the only module of the ring with `unsafe`.
//!
//! A [`Region`] is a view of memory that another party (a process, the kernel, a hostile
//! peer) may write at any moment. Its rules:
//!
//! - No `&`/`&mut` to the shared bytes as plain data (`u8`, integers, slices of them) is
//!   ever created: only shared references to atomics (`&AtomicU32`, `&[AtomicUsize]`),
//!   behind which concurrent writes are allowed, each made from a pointer that was checked,
//!   just before, to lie inside the region and to be aligned for its width. Each access is
//!   one atomic load or store. One exception, behind a promise made with `unsafe`
//!   ([`PrivateSlots`]): the payload of a slot the producer reserved, handed to its caller
//!   as `&mut [u8]` to encode into in place.
//! - Each byte range is always accessed at the same width by this crate: counters and frame
//!   headers as `u32`, payloads as machine words (`usize`), so our own atomic accesses
//!   never mix sizes on the same bytes. (A reserved payload is written with plain stores
//!   of any width, but never at the same time as an atomic access to it: the publish and
//!   release orderings put every such access before or after.)
//! - A load returns a value, never a reference: callers copy what they read into private
//!   memory and validate it there (read once).
//!
//! With `std`, [`Mapping`] is the `mmap` of a memfd, bracketed by `PROT_NONE` guard pages.

use core::{
    marker::PhantomData,
    mem::size_of,
    ptr::NonNull,
    sync::atomic::{AtomicU32, AtomicUsize, Ordering},
};

pub(crate) use core::sync::atomic::fence;

/// The width of the loads and stores that copy payloads.
pub(crate) const WORD: usize = size_of::<usize>();

/// Memory the ring lives in, shared with a peer that may write any byte at any time.
///
/// Holds a pointer and a length, like a `&'a [AtomicU8]`; it is `Copy`, so a producer and a
/// consumer in one process can both use one region.
#[derive(Clone, Copy, Debug)]
pub struct Region<'a> {
    // INVARIANT: `base` is aligned to 8 and, for `'a`, valid for atomic reads and writes of
    // `len` bytes; `len <= isize::MAX`; every access in this crate is atomic.
    base: NonNull<u8>,
    len: usize,
    life: PhantomData<&'a [AtomicU32]>,
}

// SAFETY: a `Region` is a pointer to memory that is only ever accessed atomically (the type
// invariant), like `&[AtomicU32]`, which is `Send`: moving it to another thread cannot make
// an access unsynchronised.
unsafe impl Send for Region<'_> {}
// SAFETY: as for `Send`: shared use from several threads only performs atomic accesses,
// like `&[AtomicU32]`, which is `Sync`.
unsafe impl Sync for Region<'_> {}

/// Why memory cannot be a [`Region`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionError {
    /// The base address is not aligned to 8 bytes.
    Misaligned,
    /// The length is not a multiple of 8 bytes, or above `isize::MAX`.
    BadLength,
}

impl<'a> Region<'a> {
    /// A region over raw memory: an `mmap` of a memfd, pages the kernel maps into userspace
    /// (`vmalloc_user`), and the like.
    ///
    /// # Safety
    ///
    /// For the whole lifetime `'a`:
    /// - `base..base + len` is mapped, readable and writable, and stays so (for a file
    ///   mapping: the file cannot shrink, see the memfd seals);
    /// - nothing in this process accesses those bytes except through `Region`s (no
    ///   references, no non-atomic reads or writes). Other processes, or the kernel, may
    ///   write anything at any time: that is what the ring is built to survive.
    ///
    /// A caller that chooses a longer `'a` than the memory lives (`'static` over pages it
    /// frees later, as a kernel module may) must still keep the memory mapped until every
    /// endpoint attached to the region is dropped: dropping a [`Producer`](super::Producer)
    /// or [`Consumer`](super::Consumer) writes its claim word (`docs/ring-format.md` §3.1).
    pub unsafe fn from_raw_parts(base: NonNull<u8>, len: usize) -> Result<Self, RegionError> {
        if base.as_ptr().align_offset(8) != 0 {
            return Err(RegionError::Misaligned);
        }
        if len % 8 != 0 || isize::try_from(len).is_err() {
            return Err(RegionError::BadLength);
        }
        // INVARIANT: alignment checked above; validity and atomic-only access are the
        // caller's promise.
        Ok(Region {
            base,
            len,
            life: PhantomData,
        })
    }

    /// A region over private memory: for tests, fuzzing and rings between threads.
    #[cfg(target_has_atomic = "64")]
    pub fn from_atomics(words: &'a [core::sync::atomic::AtomicU64]) -> Self {
        let len = words.len().saturating_mul(8);
        let base = NonNull::from(words).cast::<u8>();
        // INVARIANT: a `&'a [AtomicU64]` is aligned to 8, at most `isize::MAX` bytes long
        // (as every Rust object), valid for `'a` and only accessed
        // atomically, by us and by whoever else holds the slice (atomics are `Sync`). Its
        // owner may access a word as `AtomicU64` while we access half of it as `AtomicU32`;
        // that mixes sizes, which is only defined without a race: fine for a test that
        // scribbles between calls, as ours do, and for a peer outside the process.
        Region {
            base,
            len,
            life: PhantomData,
        }
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the region has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A pointer to `size` bytes at `offset`, when they lie inside the region and `offset`
    /// is a multiple of `size` (so the pointer is aligned: `base` is aligned to 8 and
    /// `size` divides 8).
    fn at(&self, offset: usize, size: usize) -> Option<*mut u8> {
        let end = offset.checked_add(size)?;
        if end > self.len || offset.checked_rem(size)? != 0 {
            return None;
        }
        // `wrapping_add` is safe; the result is in bounds by the check above.
        Some(self.base.as_ptr().wrapping_add(offset))
    }

    /// The `u32` at `offset`, as an atomic. `None` when out of bounds or misaligned.
    pub(crate) fn u32_at(&self, offset: usize) -> Option<&'a AtomicU32> {
        let ptr = self.at(offset, size_of::<u32>())?;
        // SAFETY: `at` checked that `ptr..ptr + 4` lies in the region and that `ptr` is
        // aligned to 4; by the type invariant those bytes are valid for `'a` and only
        // accessed atomically, which is what `AtomicU32::from_ptr` requires. Handing out
        // `&AtomicU32` does not break the no-reference rule: an atomic has interior
        // mutability, so a concurrent write by the peer is allowed behind it.
        Some(unsafe { AtomicU32::from_ptr(ptr.cast::<u32>()) })
    }

    /// The `count` words from `offset`, as atomics. `None` when out of bounds or
    /// misaligned.
    fn words_at(&self, offset: usize, count: usize) -> Option<&'a [AtomicUsize]> {
        let size = count.checked_mul(WORD)?;
        let end = offset.checked_add(size)?;
        if end > self.len || offset % WORD != 0 {
            return None;
        }
        // In bounds by the check above (`wrapping_add` itself is safe).
        let ptr = self
            .base
            .as_ptr()
            .wrapping_add(offset)
            .cast::<AtomicUsize>();
        // SAFETY: `ptr..ptr + size` lies in the region (checked above) and `ptr` is aligned
        // to `WORD` (`base` is aligned to 8, `WORD` divides 8, and so does `offset`); by the
        // type invariant those bytes are valid for `'a` and only accessed atomically, and
        // `AtomicUsize` has the size, alignment and bit validity of `usize` (every bit
        // pattern is valid), so they are `count` valid `AtomicUsize`s. `size` is at most
        // the region's length, which `from_raw_parts` keeps below `isize::MAX`. Shared
        // references to atomics allow concurrent writes by the peer.
        Some(unsafe { core::slice::from_raw_parts(ptr, count) })
    }

    /// Loads the `u32` at `offset` (a multiple of 4). `None` when out of bounds or
    /// misaligned.
    #[inline]
    pub fn load_u32(&self, offset: usize, order: Ordering) -> Option<u32> {
        Some(self.u32_at(offset)?.load(order))
    }

    /// Stores `value` at `offset` (a multiple of 4), as a peer may at any time. `None` when
    /// out of bounds or misaligned.
    #[inline]
    pub fn store_u32(&self, offset: usize, value: u32, order: Ordering) -> Option<()> {
        self.u32_at(offset)?.store(value, order);
        Some(())
    }

    /// Compares the `u32` at `offset` (a multiple of 4) with `current` and, if equal,
    /// replaces it with `new`: `Ok(previous)` when replaced, `Err(actual)` when not. `None`
    /// when out of bounds or misaligned.
    #[inline]
    pub(crate) fn compare_exchange_u32(
        &self,
        offset: usize,
        current: u32,
        new: u32,
        success: Ordering,
        failure: Ordering,
    ) -> Option<Result<u32, u32>> {
        Some(
            self.u32_at(offset)?
                .compare_exchange(current, new, success, failure),
        )
    }

    /// Replaces the `u32` at `offset` with `value`, returning the old one. `None` when out
    /// of bounds or misaligned.
    #[inline]
    pub(crate) fn swap_u32(&self, offset: usize, value: u32, order: Ordering) -> Option<u32> {
        Some(self.u32_at(offset)?.swap(value, order))
    }

    /// Copies `dst.len()` bytes from `offset` into private memory, a word at a time
    /// (relaxed loads). Reads whole words: `offset` must be word-aligned and the last word
    /// must fit in the region. `None`, with `dst` untouched, otherwise.
    #[inline]
    pub(crate) fn copy_out(&self, offset: usize, dst: &mut [u8]) -> Option<()> {
        let words = self.words_at(offset, dst.len().div_ceil(WORD))?;
        let mut chunks = dst.chunks_exact_mut(WORD);
        let mut words = words.iter();
        for (chunk, word) in (&mut chunks).zip(&mut words) {
            chunk.copy_from_slice(&word.load(Ordering::Relaxed).to_ne_bytes());
        }
        if let Some(word) = words.next() {
            let bytes = word.load(Ordering::Relaxed).to_ne_bytes();
            let tail = chunks.into_remainder();
            tail.iter_mut().zip(bytes).for_each(|(d, s)| *d = s);
        }
        Some(())
    }

    /// The `len` bytes at `offset` as plain memory, for the producer to let its caller fill
    /// the payload of the slot it reserved (`Producer::reserve`, the only caller). The
    /// slice comes with `owner`, the producer, borrowed mutably for as long, so the
    /// producer makes no other access while it lives. `Err(owner)` when out of bounds.
    ///
    /// This is the one place where the ring hands out shared bytes as plain data, which
    /// the rules at the top of this module forbid otherwise: the caller's
    /// [`PrivateSlots`] is the promise that makes it sound.
    pub(crate) fn reserved_bytes<'r, P>(
        &self,
        owner: &'r mut P,
        offset: usize,
        len: usize,
        _promise: PrivateSlots,
    ) -> Result<(&'r mut P, &'r mut [u8]), &'r mut P>
    where
        'a: 'r,
    {
        if !offset.checked_add(len).is_some_and(|end| end <= self.len) {
            return Err(owner);
        }
        // In bounds by the check above (`wrapping_add` itself is safe).
        let ptr = self.base.as_ptr().wrapping_add(offset);
        // SAFETY: `ptr..ptr + len` lies in the region (checked above), which by the type
        // invariant is valid for reads and writes for `'a`, longer than `'r`; `u8` has no
        // alignment and every bit pattern is a valid `u8`; `len` is at most the region's
        // length, below `isize::MAX`. Exclusive for `'r`: the only caller,
        // `Producer::reserve`, passes the payload of the slot of its next frame, which it
        // has not published (so an honest consumer does not read it: §5.1 of
        // `docs/ring-format.md`) and which the consumer released (the producer read that
        // with Acquire, so the consumer's last reads of it happen before); `owner` is
        // that producer, borrowed mutably for `'r` and handed back with the slice, so it
        // makes no other access meanwhile (every one of its calls needs `&mut self`); and
        // `_promise`, which only the `unsafe` [`PrivateSlots::new`] makes, is its caller's
        // promise that nothing else reads or writes a reserved slot meanwhile: no other
        // code of this process, no other producer over the same memory, no peer.
        let bytes = unsafe { core::slice::from_raw_parts_mut(ptr, len) };
        Ok((owner, bytes))
    }

    /// Copies `src` to `offset`, a word at a time (relaxed stores), and zeroes what follows
    /// up to the next 8-byte boundary (the padding of `docs/ring-format.md` §4, whatever
    /// the word size). The same bounds as [`copy_out`](Self::copy_out).
    #[inline]
    pub(crate) fn copy_in(&self, offset: usize, src: &[u8]) -> Option<()> {
        let padded = src.len().checked_next_multiple_of(8)?;
        let words = self.words_at(offset, padded / WORD)?;
        let mut chunks = src.chunks_exact(WORD);
        let mut words = words.iter();
        for (chunk, word) in (&mut chunks).zip(&mut words) {
            let mut bytes = [0u8; WORD];
            bytes.copy_from_slice(chunk);
            word.store(usize::from_ne_bytes(bytes), Ordering::Relaxed);
        }
        if let Some(word) = words.next() {
            let mut bytes = [0u8; WORD];
            bytes
                .iter_mut()
                .zip(chunks.remainder())
                .for_each(|(d, s)| *d = *s);
            word.store(usize::from_ne_bytes(bytes), Ordering::Relaxed);
        }
        words.for_each(|word| word.store(0, Ordering::Relaxed));
        Some(())
    }
}

/// The promise that lets a [`Producer`](super::Producer) hand out the slot it reserved as
/// plain `&mut [u8]`, into which the caller encodes in place
/// ([`Producer::reserve`](super::Producer::reserve)): with it, a frame is written once,
/// straight into the ring, instead of being encoded into a private buffer and copied in a
/// word at a time.
///
/// Everywhere else the ring reads and writes shared memory only with atomic accesses,
/// which a peer writing the same bytes at the same moment cannot make unsound. A plain
/// `&mut [u8]` is different: Rust assumes that nothing else touches the bytes while it
/// lives, so a concurrent write by anyone else is a data race, which is undefined
/// behaviour. Hence this promise, made once with `unsafe`.
///
/// What a hostile peer could do with the race in practice: change bytes of the frame
/// being written, which it can do anyway once the frame is published, as long as the code
/// that fills the slot only writes it (crosswire's encoders only write); code that reads
/// back what it wrote into the slot could see the peer's bytes instead. The consumer is
/// not affected: it still reads only with atomics and copies each frame out once before
/// validating and decoding it.
#[derive(Clone, Copy, Debug)]
pub struct PrivateSlots(());

impl PrivateSlots {
    /// Promises that the slots of the rings this is given to are private while reserved.
    ///
    /// # Safety
    ///
    /// For every producer this value is passed to, and while one of its
    /// [`Reservation`](super::Reservation)s lives, nothing but that reservation reads or
    /// writes the bytes of the reserved slot:
    /// - no other code of this process: in particular no second producer over the same
    ///   memory (a producer's claim keeps another out, unless the header is written
    ///   again under it with `Layout::write`), and nobody reading or writing the memory
    ///   a [`Region::from_atomics`] was made from;
    /// - no other process, and not the kernel: the peer is honest (a consumer never
    ///   writes slots, and reads a slot only once it is published), or cannot write the
    ///   slots at all (a kernel ring whose userspace side maps them read-only).
    pub const unsafe fn new() -> PrivateSlots {
        PrivateSlots(())
    }
}

#[cfg(feature = "std")]
pub use self::mapping::Mapping;

#[cfg(feature = "std")]
mod mapping {
    use core::{ffi::c_void, ptr::NonNull};
    use std::{io, os::fd::AsFd};

    use rustix::mm::{self, MapFlags, ProtFlags};

    use super::Region;

    /// A shared, read-write `mmap` of a file, with one `PROT_NONE` guard page on each side:
    /// a stray access just outside the ring faults instead of reading a neighbour.
    #[derive(Debug)]
    pub struct Mapping {
        // INVARIANT: `reserved..reserved + reserved_len` is a mapping this value owns:
        // a guard page, then `len` bytes of the file at offset 0 (`MAP_SHARED`, read and
        // write), then the rest `PROT_NONE`. `len` is a multiple of 8 and is not above the
        // file's size, which cannot shrink (`F_SEAL_SHRINK`).
        reserved: NonNull<u8>,
        reserved_len: usize,
        len: usize,
    }

    // SAFETY: the mapping is only accessed through `Region`s (atomics) and unmapped once on
    // drop; nothing in it is tied to the thread that created it.
    unsafe impl Send for Mapping {}
    // SAFETY: `&Mapping` only gives out `Region`s, which are `Sync`.
    unsafe impl Sync for Mapping {}

    impl Mapping {
        /// Maps the first `len` bytes (a non-zero multiple of 8) of `file`, which must be
        /// sealed against shrinking (`F_SEAL_SHRINK`, checked here, with its size): the
        /// seal is permanent, so no one can truncate the file under the mapping, and an
        /// access can never raise `SIGBUS`.
        pub fn new<Fd: AsFd>(file: Fd, len: usize) -> io::Result<Mapping> {
            let invalid = |what| io::Error::new(io::ErrorKind::InvalidInput, what);
            if len == 0 || len % 8 != 0 {
                return Err(invalid(
                    "ring mapping length is not a non-zero multiple of 8",
                ));
            }
            let seals = rustix::fs::fcntl_get_seals(&file)?;
            let size = rustix::fs::fstat(&file)?.st_size;
            let fits = u64::try_from(len)
                .is_ok_and(|len| u64::try_from(size).is_ok_and(|size| len <= size));
            if !seals.contains(rustix::fs::SealFlags::SHRINK) || !fits {
                return Err(invalid(
                    "ring file can shrink, or is smaller than the mapping",
                ));
            }
            let page = rustix::param::page_size();
            let too_big = || io::Error::from(io::ErrorKind::InvalidInput);
            let inner = len.checked_next_multiple_of(page).ok_or_else(too_big)?;
            let reserved_len = inner
                .checked_add(page.checked_mul(2).ok_or_else(too_big)?)
                .ok_or_else(too_big)?;
            // SAFETY: a new anonymous mapping at an address of the kernel's choosing
            // (null hint, no `MAP_FIXED`) cannot overlap existing memory.
            let reserved = unsafe {
                mm::mmap_anonymous(
                    core::ptr::null_mut(),
                    reserved_len,
                    ProtFlags::empty(),
                    MapFlags::PRIVATE | MapFlags::NORESERVE,
                )
            }?;
            let inside = reserved.cast::<u8>().wrapping_add(page).cast::<c_void>();
            // SAFETY: `inside..inside + inner` lies within the reservation just made, which
            // this function owns and nothing else references, so `MAP_FIXED` replaces only
            // our own `PROT_NONE` pages. The file cannot shrink below `len` (checked above,
            // and seals cannot be removed), so the mapped pages stay backed.
            let mapped = unsafe {
                mm::mmap(
                    inside,
                    len,
                    ProtFlags::READ | ProtFlags::WRITE,
                    MapFlags::SHARED | MapFlags::FIXED,
                    file,
                    0,
                )
            };
            if let Err(e) = mapped {
                // SAFETY: the reservation is ours and unreferenced.
                let _ = unsafe { mm::munmap(reserved, reserved_len) };
                return Err(e.into());
            }
            let reserved = NonNull::new(reserved.cast::<u8>())
                .ok_or_else(|| io::Error::from(io::ErrorKind::Other))?;
            // INVARIANT: established by the two mappings above.
            Ok(Mapping {
                reserved,
                reserved_len,
                len,
            })
        }

        /// The mapped bytes, as a ring region.
        pub fn region(&self) -> Region<'_> {
            let page = rustix::param::page_size();
            let base =
                NonNull::new(self.reserved.as_ptr().wrapping_add(page)).unwrap_or(self.reserved);
            // SAFETY: by the type invariant `base..base + len` is a read-write shared
            // mapping that lives as long as `self` (the borrow), cannot shrink, and is
            // only accessed through regions. Page alignment implies alignment to 8 and
            // `len` is a multiple of 8, so this cannot fail; an error would give an empty
            // region, never a wrong one.
            unsafe { Region::from_raw_parts(base, self.len) }.unwrap_or(Region {
                base: self.reserved,
                len: 0,
                life: core::marker::PhantomData,
            })
        }
    }

    impl Drop for Mapping {
        fn drop(&mut self) {
            // SAFETY: the reservation is owned by `self` (type invariant) and every
            // `Region` borrowed from it has ended, since they borrow `self`.
            let _ = unsafe { mm::munmap(self.reserved.as_ptr().cast(), self.reserved_len) };
        }
    }
}
