//! [`Encode`]: writing a value in wire format v1.

mod compound;
mod primitive;

use crate::{Error, MaxSize, Writer};

/// A type that can be written in wire format v1 (`docs/wire-format.md`).
///
/// Implementations write exactly [`encoded_len`](Encode::encoded_len) bytes, never more
/// than [`MaxSize::MAX_SIZE`], and fail only when the writer is out of room (or, for a
/// hand-written type, when the value breaks its own invariant).
pub trait Encode: MaxSize {
    /// Writes `self` to `w`.
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error>;

    /// The exact number of bytes [`encode`](Encode::encode) writes.
    fn encoded_len(&self) -> usize;

    /// Writes every item of `items`, back to back. Types whose wire form is their
    /// little-endian bytes override this to write the slice in one go.
    #[inline]
    fn encode_slice(items: &[Self], w: &mut Writer<'_>) -> Result<(), Error>
    where
        Self: Sized,
    {
        if Self::FIXED_SIZE {
            // One room check for the whole run; each item then writes into its own chunk.
            let room = w.reserve(items.len().saturating_mul(Self::MAX_SIZE))?;
            for (item, chunk) in items
                .iter()
                .zip(room.chunks_exact_mut(Self::MAX_SIZE.max(1)))
            {
                item.encode(&mut Writer::new(chunk))?;
            }
            Ok(())
        } else {
            items.iter().try_for_each(|item| item.encode(w))
        }
    }
}

/// `a + b` for encoded lengths, which are bounded by `MAX_SIZE` and so cannot overflow.
#[inline]
pub(crate) fn add_len(a: usize, b: usize) -> usize {
    a.saturating_add(b)
}

/// The summed encoded length of `items`.
#[inline]
pub(crate) fn sum_len<T: Encode>(items: &[T]) -> usize {
    if T::FIXED_SIZE {
        items.len().saturating_mul(T::MAX_SIZE)
    } else {
        items
            .iter()
            .fold(0, |sum: usize, item| sum.saturating_add(item.encoded_len()))
    }
}

/// The encoded length of a bounded sequence of `items`: the `u32` length, then the items.
#[inline]
pub(crate) fn seq_len<T: Encode>(items: &[T]) -> usize {
    add_len(4, sum_len(items))
}
