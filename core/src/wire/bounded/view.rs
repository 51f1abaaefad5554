//! [`BoundedBytes`] and [`BoundedStr`]: borrowed views of at most `N` bytes, decoded
//! without copying.

use core::ops::Deref;

use super::CapacityError;
use crate::{__private, Decode, Encode, Error, MaxSize, Reader, Writer};

/// A borrowed byte slice of at most `N` bytes. Decoding points into the input.
/// Encoded as a bounded sequence of `u8` (spec §10.2).
///
/// ```
/// use crosswire::BoundedBytes;
/// let (v, rest): (BoundedBytes<'_, 8>, _) =
///     crosswire::take_from_bytes(&[2, 0, 0, 0, 0xAA, 0xBB, 0xCC]).unwrap();
/// assert_eq!(&*v, &[0xAA, 0xBB]);
/// assert_eq!(rest, &[0xCC]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BoundedBytes<'a, const N: usize>(
    // INVARIANT: `len() <= N`.
    &'a [u8],
);

impl<'a, const N: usize> BoundedBytes<'a, N> {
    /// A view of `bytes`, or an error when it is longer than `N`.
    pub const fn new(bytes: &'a [u8]) -> Result<Self, CapacityError> {
        if bytes.len() > N {
            return Err(CapacityError);
        }
        Ok(BoundedBytes(bytes))
    }

    /// The bytes, with the input's lifetime.
    pub const fn get(&self) -> &'a [u8] {
        self.0
    }
}

impl<'a, const N: usize> TryFrom<&'a [u8]> for BoundedBytes<'a, N> {
    type Error = CapacityError;

    fn try_from(bytes: &'a [u8]) -> Result<Self, CapacityError> {
        Self::new(bytes)
    }
}

impl<const N: usize> Deref for BoundedBytes<'_, N> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.0
    }
}

impl<const N: usize> MaxSize for BoundedBytes<'_, N> {
    const MAX_SIZE: usize = crate::__bounded_max_size!(N, 1);
    const FIXED_SIZE: bool = __private::bounded_fixed_size(N, 1);
}

/// `u32` length, then the bytes (spec §10.2).
impl<const N: usize> Encode for BoundedBytes<'_, N> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        super::encode_bytes(w, self.0)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.0.len().saturating_add(4)
    }
}

/// Length checked against `N`, then borrowed from the input (spec §10.2).
impl<'de, const N: usize> Decode<'de> for BoundedBytes<'de, N> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        super::decode_bytes(r, N).map(BoundedBytes)
    }
}

/// A borrowed string of at most `N` bytes. Decoding validates UTF-8 and points into the
/// input. Encoded as a bounded string (spec §11).
///
/// ```
/// use crosswire::BoundedStr;
///
/// let bytes = [2, 0, 0, 0, b'h', b'i'];
/// let s: BoundedStr<'_, 8> = crosswire::from_bytes(&bytes)?;
/// assert_eq!(s.get(), "hi");
/// assert!(BoundedStr::<1>::new("hi").is_err());
/// # Ok::<(), crosswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BoundedStr<'a, const N: usize>(
    // INVARIANT: `len() <= N`.
    &'a str,
);

impl<'a, const N: usize> BoundedStr<'a, N> {
    /// A view of `s`, or an error when it is longer than `N` bytes.
    pub const fn new(s: &'a str) -> Result<Self, CapacityError> {
        if s.len() > N {
            return Err(CapacityError);
        }
        Ok(BoundedStr(s))
    }

    /// The string, with the input's lifetime.
    pub const fn get(&self) -> &'a str {
        self.0
    }
}

impl<'a, const N: usize> TryFrom<&'a str> for BoundedStr<'a, N> {
    type Error = CapacityError;

    fn try_from(s: &'a str) -> Result<Self, CapacityError> {
        Self::new(s)
    }
}

impl<const N: usize> Deref for BoundedStr<'_, N> {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

impl<const N: usize> MaxSize for BoundedStr<'_, N> {
    const MAX_SIZE: usize = crate::__bounded_max_size!(N, 1);
    const FIXED_SIZE: bool = __private::bounded_fixed_size(N, 1);
}

/// `u32` length, then the UTF-8 bytes (spec §11).
impl<const N: usize> Encode for BoundedStr<'_, N> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        super::encode_bytes(w, self.0.as_bytes())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.0.len().saturating_add(4)
    }
}

/// Length checked against `N`, UTF-8 validated, borrowed from the input (spec §11).
impl<'de, const N: usize> Decode<'de> for BoundedStr<'de, N> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        super::decode_str(r, N).map(BoundedStr)
    }
}

impl<const N: usize> crate::schema::Described for BoundedBytes<'_, N> {
    const SCHEMA: &'static crate::schema::Schema = &crate::schema::Schema::Seq {
        capacity: N,
        item: <u8 as crate::schema::Described>::SCHEMA,
        borrowed: true,
    };
}

impl<const N: usize> crate::schema::Described for BoundedStr<'_, N> {
    const SCHEMA: &'static crate::schema::Schema = &crate::schema::Schema::Str {
        capacity: N,
        borrowed: true,
    };
}
