//! [`BoundedString`]: an owned UTF-8 string of at most `N` bytes, stored inline.

use core::{fmt, ops::Deref};

use super::CapacityError;
use crate::{__private, Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer};

/// A UTF-8 string of at most `N` bytes stored inline: no allocation, no `unsafe`.
/// Encoded as a bounded string (spec §11).
///
/// ```
/// use crosswire::BoundedString;
/// let s = BoundedString::<8>::try_from("eth0").unwrap();
/// assert_eq!(s.as_str(), "eth0");
/// assert!(BoundedString::<2>::try_from("eth0").is_err());
/// ```
#[derive(Clone, Copy)]
pub struct BoundedString<const N: usize> {
    // INVARIANT: `len <= N` and `bytes[..len]` is valid UTF-8.
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> BoundedString<N> {
    /// The capacity `N`, in bytes.
    pub const CAPACITY: usize = N;

    /// An empty string.
    pub const fn new() -> Self {
        BoundedString {
            bytes: [0; N],
            len: 0,
        }
    }

    /// The string.
    ///
    /// Safe code cannot skip UTF-8 validation, so this checks the (already valid) bytes
    /// again: O(len). Keep the `&str` rather than calling it in a loop.
    pub fn as_str(&self) -> &str {
        // INVARIANT: the bytes are valid UTF-8, so the fallback is never taken.
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The UTF-8 bytes.
    pub fn as_bytes(&self) -> &[u8] {
        // `min` restates the invariant `len <= N` for the optimiser, so the bounds check
        // and, in `encode`, the check that the length fits a `u32` fold away.
        self.bytes.get(..self.len.min(N)).unwrap_or_default()
    }

    /// Appends `s`, or fails (leaving the string unchanged) when it does not fit.
    pub fn push_str(&mut self, s: &str) -> Result<(), CapacityError> {
        let end = self.len.checked_add(s.len()).ok_or(CapacityError)?;
        let slot = self.bytes.get_mut(self.len..end).ok_or(CapacityError)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        self.len = 0;
    }
}

impl<const N: usize> TryFrom<&str> for BoundedString<N> {
    type Error = CapacityError;

    fn try_from(s: &str) -> Result<Self, CapacityError> {
        let mut out = Self::new();
        out.push_str(s)?;
        Ok(out)
    }
}

impl<const N: usize> Default for BoundedString<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Deref for BoundedString<N> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl<const N: usize> fmt::Debug for BoundedString<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl<const N: usize> fmt::Display for BoundedString<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<const N: usize> PartialEq for BoundedString<N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl<const N: usize> Eq for BoundedString<N> {}

impl<const N: usize> core::hash::Hash for BoundedString<N> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl<const N: usize> MaxSize for BoundedString<N> {
    const MAX_SIZE: usize = __private::bounded_max_size(N, 1);
    const FIXED_SIZE: bool = __private::bounded_fixed_size(N, 1);
}

/// `u32` length, then the UTF-8 bytes (spec §11).
impl<const N: usize> Encode for BoundedString<N> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        super::encode_bytes(w, self.as_bytes())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.len.saturating_add(4)
    }
}

/// Length checked against `N`, then UTF-8 validated (spec §11).
impl<'de, const N: usize> Decode<'de> for BoundedString<N> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let mut out = Self::new();
        out.decode_in_place(r)?;
        Ok(out)
    }

    #[inline]
    fn decode_in_place(&mut self, r: &mut Reader<'de>) -> Result<(), Error> {
        self.len = 0;
        let len = r.read_len(N)?;
        let start = r.offset();
        let s = match r.read_bytes(len) {
            Ok(bytes) => super::utf8(bytes, start)?,
            // Fewer real bytes left: the virtual zeros of a short extensible body, or an
            // error (spec §13).
            Err(_) => return self.decode_zero_extended(r, len, start),
        };
        // The length was checked against `N`, so the slot always exists.
        let Some(slot) = self.bytes.get_mut(..s.len()) else {
            return Err(r.error(ErrorKind::LengthOverCapacity));
        };
        slot.copy_from_slice(s.as_bytes());
        self.len = s.len();
        Ok(())
    }
}

impl<const N: usize> BoundedString<N> {
    /// The slow path of `decode_in_place`: `len` bytes from `start`, of which fewer than
    /// `len` are real; the rest are the virtual zeros of a short extensible body, which an
    /// owned string holds as `NUL`s (spec §13), or the input ends (`UnexpectedEnd`).
    #[cold]
    fn decode_zero_extended(
        &mut self,
        r: &mut Reader<'_>,
        len: usize,
        start: usize,
    ) -> Result<(), Error> {
        let (bytes, _zeros) = r.read_bytes_or_zeros(len)?;
        let s = super::utf8(bytes, start)?;
        let Some(slot) = self.bytes.get_mut(..len) else {
            return Err(r.error(ErrorKind::LengthOverCapacity));
        };
        let (real, zeros) = slot.split_at_mut(s.len().min(len));
        real.copy_from_slice(s.as_bytes());
        zeros.fill(0);
        self.len = len;
        Ok(())
    }
}

impl<const N: usize> crate::schema::Described for BoundedString<N> {
    const SCHEMA: &'static crate::schema::Schema = &crate::schema::Schema::Str {
        capacity: N,
        borrowed: false,
    };
}
