//! The ring's shared memory under the loom model (`--cfg loom`): the same operations as
//! `shared.rs`, over an array of loom's atomics, with no `unsafe`. Payloads move a `u32`
//! at a time, so that a torn or stale frame shows up as a wrong word.

use core::sync::atomic::Ordering;

pub(crate) use loom::sync::atomic::fence;
use loom::sync::atomic::AtomicU32;

/// Memory the ring lives in, in the loom model: loom's atomics, a `u32` each.
#[derive(Clone, Copy, Debug)]
pub struct Region<'a> {
    words: &'a [AtomicU32],
}

/// Why memory cannot be a [`Region`] (never, under loom).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionError {}

const WORD: usize = 4;

impl<'a> Region<'a> {
    /// A region over loom atomics.
    pub fn from_loom(words: &'a [AtomicU32]) -> Self {
        Region { words }
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.words.len().saturating_mul(WORD)
    }

    /// Whether the region has no bytes.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn word(&self, offset: usize) -> Option<&AtomicU32> {
        if offset % WORD != 0 {
            return None;
        }
        self.words.get(offset / WORD)
    }

    /// Loads the `u32` at `offset`.
    pub fn load_u32(&self, offset: usize, order: Ordering) -> Option<u32> {
        Some(self.word(offset)?.load(order))
    }

    /// Stores `value` at `offset`.
    pub fn store_u32(&self, offset: usize, value: u32, order: Ordering) -> Option<()> {
        self.word(offset)?.store(value, order);
        Some(())
    }

    /// Compare-and-exchange of the `u32` at `offset`.
    pub(crate) fn compare_exchange_u32(
        &self,
        offset: usize,
        current: u32,
        new: u32,
        success: Ordering,
        failure: Ordering,
    ) -> Option<Result<u32, u32>> {
        Some(
            self.word(offset)?
                .compare_exchange(current, new, success, failure),
        )
    }

    /// Swap of the `u32` at `offset`.
    pub(crate) fn swap_u32(&self, offset: usize, value: u32, order: Ordering) -> Option<u32> {
        Some(self.word(offset)?.swap(value, order))
    }

    pub(crate) fn copy_out(&self, offset: usize, dst: &mut [u8]) -> Option<()> {
        for (i, chunk) in dst.chunks_mut(WORD).enumerate() {
            let word = self
                .word(offset.checked_add(i.checked_mul(WORD)?)?)?
                .load(Ordering::Relaxed);
            chunk
                .iter_mut()
                .zip(word.to_le_bytes())
                .for_each(|(d, s)| *d = s);
        }
        Some(())
    }

    pub(crate) fn copy_in(&self, offset: usize, src: &[u8]) -> Option<()> {
        for (i, chunk) in src.chunks(WORD).enumerate() {
            let mut word = [0u8; WORD];
            word.iter_mut().zip(chunk).for_each(|(d, s)| *d = *s);
            self.word(offset.checked_add(i.checked_mul(WORD)?)?)?
                .store(u32::from_le_bytes(word), Ordering::Relaxed);
        }
        Some(())
    }
}
