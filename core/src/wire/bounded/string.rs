//! [`BoundedString`]: an owned UTF-8 string of at most `N` bytes, stored inline.

use core::{borrow::Borrow, fmt, ops::Deref};

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
///
/// It compares with `str`, formats with `write!` (an overflow is `fmt::Error`, the
/// string keeping what fitted up to the failing piece) and borrows as `str`, so it can key
/// a map that is looked up by `&str`:
///
/// ```
/// use core::fmt::Write;
/// use crosswire::BoundedString;
/// let mut name = BoundedString::<16>::new();
/// write!(name, "eth{}", 0).unwrap();
/// name.push('.').unwrap();
/// name.push_str("1").unwrap();
/// assert_eq!(name, "eth0.1");
/// assert_eq!(name.to_string(), "eth0.1");
/// let map = std::collections::HashMap::from([(name, 7)]);
/// assert_eq!(map.get("eth0.1"), Some(&7));
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

    /// Appends `c`, or fails (leaving the string unchanged) when it does not fit.
    pub fn push(&mut self, c: char) -> Result<(), CapacityError> {
        self.push_str(c.encode_utf8(&mut [0; 4]))
    }

    /// The length in bytes.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the string is empty.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
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

impl<const N: usize> PartialEq<str> for BoundedString<N> {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl<const N: usize> PartialEq<&str> for BoundedString<N> {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl<const N: usize> PartialEq<BoundedString<N>> for str {
    fn eq(&self, other: &BoundedString<N>) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl<const N: usize> PartialEq<BoundedString<N>> for &str {
    fn eq(&self, other: &BoundedString<N>) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

/// Hashes as the `str` does, as [`Borrow<str>`](Borrow) requires.
impl<const N: usize> core::hash::Hash for BoundedString<N> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl<const N: usize> Borrow<str> for BoundedString<N> {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl<const N: usize> AsRef<str> for BoundedString<N> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl<const N: usize> AsRef<[u8]> for BoundedString<N> {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// `write!` into the string; a piece that does not fit is `fmt::Error`, and the pieces
/// before it stay written.
impl<const N: usize> fmt::Write for BoundedString<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s).map_err(|_| fmt::Error)
    }
}

impl<const N: usize> MaxSize for BoundedString<N> {
    const MAX_SIZE: usize = crate::__bounded_max_size!(N, 1);
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

    /// Copies the bytes into place, then validates them there. The reader's copy reads
    /// the virtual zeros of a short extensible body as `NUL`s (spec §13), as a
    /// `BoundedVec<u8, N>` does.
    #[inline]
    fn decode_in_place(&mut self, r: &mut Reader<'de>) -> Result<(), Error> {
        self.len = 0;
        let len = r.read_len(N)?;
        let start = r.offset();
        // `read_len` checked `len <= N`, so the slot always exists.
        let Some(slot) = self.bytes.get_mut(..len) else {
            return Err(r.error(ErrorKind::LengthOverCapacity));
        };
        r.read_into(slot)?;
        super::utf8(slot, start)?;
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
