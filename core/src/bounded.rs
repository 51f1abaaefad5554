//! Bounded sequences and strings: a `u32` length at most the capacity, then the elements
//! (spec §10.2, §11).
//!
//! Owned types store their elements inline (no allocation, usable in a kernel build);
//! borrowed views point into the decoder's input and are decoded without copying.

mod string;
mod vec;
mod view;

pub use string::BoundedString;
pub use vec::BoundedVec;
pub use view::{BoundedBytes, BoundedStr};

use core::fmt;

/// A value did not fit a bounded type's capacity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CapacityError;

impl fmt::Display for CapacityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("value exceeds the bounded type's capacity")
    }
}

impl core::error::Error for CapacityError {}

/// Reads the UTF-8 bytes of a bounded string (spec §11), reporting the offset of the
/// first invalid byte.
#[inline]
pub(crate) fn decode_str<'de>(
    r: &mut crate::Reader<'de>,
    capacity: usize,
) -> Result<&'de str, crate::Error> {
    let len = r.read_len(capacity)?;
    let start = r.offset();
    let bytes = r.read_bytes(len)?;
    core::str::from_utf8(bytes).map_err(|e| {
        crate::Error::new(
            crate::ErrorKind::InvalidUtf8,
            start.saturating_add(e.valid_up_to()),
        )
    })
}
