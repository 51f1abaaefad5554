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

    /// Fills `out` with values read back to back. Types whose wire form is their
    /// little-endian bytes override this to read the run in one go.
    #[inline]
    fn decode_slice(r: &mut Reader<'de>, out: &mut [Self]) -> Result<(), Error> {
        for slot in out {
            *slot = Self::decode(r)?;
        }
        Ok(())
    }
}
