//! [`Decode`]: reading a value in wire format v1 from untrusted bytes.

mod compound;
mod primitive;

use crate::{Error, MaxSize, Reader};

/// A type that can be read in wire format v1 (`docs/wire-format.md`), borrowing from the
/// input where it can (`'de` is the input's lifetime).
///
/// Implementations accept exactly the canonical encodings: whenever `decode` succeeds,
/// encoding the value again gives back the bytes it consumed. They never panic, never
/// read past the input and run in time linear in what they consume.
pub trait Decode<'de>: Sized + MaxSize {
    /// Reads one value from `r`.
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error>;

    /// Reads one value from `r` into `self`, which it overwrites: the same value, the same
    /// bytes consumed and the same error as [`decode`](Decode::decode), without building
    /// the value on the stack and moving it. For large messages (a kernel stack is 16 KiB)
    /// and for a buffer reused from one message to the next.
    ///
    /// On error `self` is valid but unspecified: some fields may hold the new message's
    /// values and the rest the old ones. Derived structs, arrays, [`BoundedVec`] and
    /// [`BoundedString`] read field by field into place; other types decode and assign.
    ///
    /// [`BoundedVec`]: crate::BoundedVec
    /// [`BoundedString`]: crate::BoundedString
    #[inline]
    fn decode_in_place(&mut self, r: &mut Reader<'de>) -> Result<(), Error> {
        *self = Self::decode(r)?;
        Ok(())
    }

    /// Fills `out` with values read back to back. Types whose wire form is their
    /// little-endian bytes override this to read the run in one go.
    ///
    /// For a `FIXED_SIZE` type the whole run's length is checked once, and each value is
    /// then read from a reader over exactly its `MAX_SIZE` bytes, where the compiler sees
    /// that every length check of the value's own decoder passes. When fewer real bytes
    /// are left (a short input, or a zero-extended body) it reads value by value, which
    /// reports the exact offset or reads the virtual zeros.
    #[inline]
    fn decode_slice(r: &mut Reader<'de>, out: &mut [Self]) -> Result<(), Error> {
        if Self::FIXED_SIZE && Self::MAX_SIZE > 0 {
            let total = out.len().saturating_mul(Self::MAX_SIZE);
            if let Some(run) = r.take_run(total) {
                for (slot, mut item) in out.iter_mut().zip(run.split_exact(Self::MAX_SIZE)) {
                    slot.decode_in_place(&mut item)?;
                }
                return Ok(());
            }
        }
        for slot in out {
            slot.decode_in_place(r)?;
        }
        Ok(())
    }

    /// Reads an array `[Self; N]` (spec §10.1). Bytes override this to take the array
    /// straight from the input, without first filling it with defaults.
    #[inline]
    fn decode_array<const N: usize>(r: &mut Reader<'de>) -> Result<[Self; N], Error>
    where
        Self: Default,
    {
        let mut out: [Self; N] = core::array::from_fn(|_| Self::default());
        Self::decode_slice(r, &mut out)?;
        Ok(out)
    }
}
