//! Bounded sequences and strings: a `u32` length at most the capacity, then the elements
//! (spec §10.2, §11). One file per type, each holding all of its traits: `vec.rs`,
//! `string.rs`, the borrowed views in `view.rs`, C strings (§11.1, [`BoundedCStr`],
//! re-exported at the crate root) in `cstr.rs`, and the containers of other crates
//! (heapless, arrayvec) in `external.rs`. The rule for a run of bytes is here, shared with
//! them and the serde bridge. Golden tests: `s10_2_bounded_sequences`,
//! `s11_bounded_strings`, `s11_1_c_strings`.
//!
//! Owned types store their elements inline (no allocation, usable in a kernel build);
//! borrowed views point into the decoder's input and are decoded without copying.
//!
//! [`BoundedCStr`]: crate::BoundedCStr

pub(crate) mod cstr;
mod external;
mod string;
mod vec;
mod view;

pub use string::BoundedString;
pub use vec::{BoundedVec, IntoIter};
pub use view::{BoundedBytes, BoundedStr};

use core::fmt;

use crate::{Error, ErrorKind, Reader, Writer};

/// A value did not fit a bounded type's capacity.
///
/// ```
/// use crosswire::{BoundedString, CapacityError};
///
/// assert_eq!(BoundedString::<4>::try_from("hello").unwrap_err(), CapacityError);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CapacityError;

impl fmt::Display for CapacityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("value exceeds the bounded type's capacity")
    }
}

impl core::error::Error for CapacityError {}

/// [`BoundedVec::push`] or [`BoundedVec::insert`] did not add an element: the vector is
/// full, or the insert index is past its length. The element comes back through
/// [`into_inner`](Self::into_inner). It is an error type, so `?` takes it into
/// `Box<dyn Error>` (for an element type that lives long enough) or, through `From`, into
/// [`CapacityError`].
///
/// ```
/// use crosswire::BoundedVec;
///
/// let mut v = BoundedVec::<String, 1>::new();
/// v.push("eth0".to_owned())?;
/// let err = v.push("eth1".to_owned()).unwrap_err();
/// assert_eq!(err.to_string(), "the bounded vector is full");
/// assert_eq!(err.into_inner(), "eth1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PushError<T> {
    item: T,
    past_end: bool,
}

impl<T> PushError<T> {
    pub(crate) const fn full(item: T) -> Self {
        Self {
            item,
            past_end: false,
        }
    }

    pub(crate) const fn past_end(item: T) -> Self {
        Self {
            item,
            past_end: true,
        }
    }

    /// The element that was not added.
    pub fn into_inner(self) -> T {
        self.item
    }

    /// The element that was not added, by reference.
    pub const fn element(&self) -> &T {
        &self.item
    }
}

impl<T> fmt::Display for PushError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.past_end {
            "the insert index is past the bounded vector's length"
        } else {
            "the bounded vector is full"
        })
    }
}

// By hand: the element need not be `Debug` for the error to be one.
impl<T> fmt::Debug for PushError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PushError")
            .field("past_end", &self.past_end)
            .finish_non_exhaustive()
    }
}

impl<T> core::error::Error for PushError<T> {}

impl<T> From<PushError<T>> for CapacityError {
    fn from(_: PushError<T>) -> Self {
        CapacityError
    }
}

/// Writes a bounded sequence of bytes (spec §10.2) or the bytes of a bounded string
/// (§11): the `u32` length, then the bytes.
#[inline]
pub(crate) fn encode_bytes(w: &mut Writer<'_>, bytes: &[u8]) -> Result<(), Error> {
    w.write_len(bytes.len())?;
    w.write_bytes(bytes)
}

/// Reads a bounded sequence of at most `capacity` bytes (spec §10.2), borrowed from the
/// input: the length is checked against `capacity`, then against the input.
#[inline]
pub(crate) fn decode_bytes<'de>(r: &mut Reader<'de>, capacity: usize) -> Result<&'de [u8], Error> {
    let len = r.read_len(capacity)?;
    r.read_bytes(len)
}

/// Reads the UTF-8 bytes of a bounded string (spec §11), borrowed from the input,
/// reporting the offset of the first invalid byte.
#[inline]
pub(crate) fn decode_str<'de>(r: &mut Reader<'de>, capacity: usize) -> Result<&'de str, Error> {
    let len = r.read_len(capacity)?;
    let start = r.offset();
    let bytes = r.read_bytes(len)?;
    utf8(bytes, start)
}

/// Reads the UTF-8 bytes of a bounded string for an owned string, which, unlike a
/// borrowed view, can hold the virtual zeros of a zero-extended body (spec §13): the real
/// bytes, and how many `NUL`s follow them. Validation treats the `NUL`s as the bytes they
/// stand for, so a sequence cut by the end of the real bytes is invalid where it starts.
#[cfg(any(feature = "heapless", feature = "arrayvec"))]
#[inline]
pub(crate) fn decode_str_or_zeros<'de>(
    r: &mut Reader<'de>,
    capacity: usize,
) -> Result<(&'de str, usize), Error> {
    let len = r.read_len(capacity)?;
    let start = r.offset();
    let (bytes, zeros) = r.read_bytes_or_zeros(len)?;
    Ok((utf8(bytes, start)?, zeros))
}

/// `bytes`, which start at offset `start`, as UTF-8, or `InvalidUtf8` at the first byte
/// of the first invalid sequence.
#[inline]
pub(crate) fn utf8(bytes: &[u8], start: usize) -> Result<&str, Error> {
    core::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::InvalidUtf8,
            start.saturating_add(e.valid_up_to()),
        )
    })
}
