//! The serde bridge: types that derive `serde::Serialize`/`Deserialize` on wire format v1,
//! byte for byte what `#[derive(Encode, Decode)]` writes for the same shape
//! ([`docs/serde.md`]). Feature `serde`.
//!
//! ```
//! #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
//! struct Ping<'a> {
//!     seq: u16,
//!     note: &'a str,
//! }
//!
//! let mut buf = [0u8; 16];
//! let bytes = crosswire::serde::to_slice(&Ping { seq: 0x0102, note: "hi" }, &mut buf)?;
//! assert_eq!(bytes, [0x02, 0x01, 2, 0, 0, 0, b'h', b'i']);
//! let back: Ping<'_> = crosswire::serde::from_bytes(bytes)?;
//! assert_eq!(back, Ping { seq: 0x0102, note: "hi" });
//! # Ok::<(), crosswire::Error>(())
//! ```
//!
//! Errors are crosswire's own [`Error`]: serde's error traits are implemented for it, and
//! serde's messages (which would need an allocation to keep) become
//! [`ErrorKind::Custom`] at the offset of the value that failed.
//!
//! [`docs/serde.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/serde.md

mod containers;
mod de;
mod ser;

use core::fmt::Display;

pub use self::{
    de::Deserializer,
    ser::{Compound, Serializer},
};
use crate::{Error, ErrorKind};

/// How deep values may nest when decoding through serde: each sequence, tuple, struct,
/// map, `Some`, newtype and enum variant opens one level. Deeper input is
/// [`ErrorKind::TooDeep`], so that a recursive type (`enum List { Nil, Cons(u8,
/// Box<List>) }`, with `alloc`) cannot exhaust the stack. Types that crosswire's derive
/// accepts cannot recurse, and nest far less.
pub const MAX_DEPTH: usize = 128;

/// Encodes `value` at the start of `buf` through serde and returns the written prefix.
///
/// The bytes are those that crosswire's derive writes for the same type.
///
/// ```
/// let mut buf = [0u8; 8];
/// assert_eq!(crosswire::serde::to_slice(&(0xA5C7u16, true), &mut buf)?, [0xC7, 0xA5, 1]);
/// # Ok::<(), crosswire::Error>(())
/// ```
#[inline]
pub fn to_slice<'b, T: ::serde::Serialize + ?Sized>(
    value: &T,
    buf: &'b mut [u8],
) -> Result<&'b mut [u8], Error> {
    let mut ser = Serializer::new(&mut *buf);
    value.serialize(&mut ser).map_err(|e| locate(e, 0))?;
    let len = ser.written();
    // `len` bytes were written into `buf`, so the prefix exists.
    Ok(buf.get_mut(..len).unwrap_or_default())
}

/// Decodes a `T` through serde that must span all of `bytes`; leftover bytes are
/// [`ErrorKind::TrailingBytes`]. `&str` and `&[u8]` fields borrow from `bytes`.
///
/// ```
/// let v: (u16, &str) = crosswire::serde::from_bytes(&[1, 0, 2, 0, 0, 0, b'h', b'i'])?;
/// assert_eq!(v, (1, "hi"));
/// # Ok::<(), crosswire::Error>(())
/// ```
#[inline]
pub fn from_bytes<'de, T: ::serde::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, Error> {
    let mut de = Deserializer::new(bytes);
    let value = T::deserialize(&mut de).map_err(|e| locate(e, 0))?;
    de.finish()?;
    Ok(value)
}

/// Decodes a `T` through serde from the start of `bytes` and returns it with the bytes
/// after it.
///
/// ```
/// let (v, rest): (u16, _) = crosswire::serde::take_from_bytes(&[1, 0, 9])?;
/// assert_eq!((v, rest), (1, &[9][..]));
/// # Ok::<(), crosswire::Error>(())
/// ```
#[inline]
pub fn take_from_bytes<'de, T: ::serde::Deserialize<'de>>(
    bytes: &'de [u8],
) -> Result<(T, &'de [u8]), Error> {
    let mut de = Deserializer::new(bytes);
    let value = T::deserialize(&mut de).map_err(|e| locate(e, 0))?;
    Ok((value, de.rest()))
}

/// The offset of an error made by serde's `custom` and friends, which cannot know where
/// it happened. The serializer and deserializer replace it with the offset of the value
/// being handled when the error passes through them.
const UNLOCATED: usize = usize::MAX;

/// Gives an error that does not yet know its offset the offset `at`.
#[inline]
fn locate(e: Error, at: usize) -> Error {
    if e.offset() == UNLOCATED {
        Error::new(e.kind(), at)
    } else {
        e
    }
}

/// An error made inside a serde impl; [`locate`] fills in the offset.
#[cold]
fn unlocated(kind: ErrorKind) -> Error {
    Error::new(kind, UNLOCATED)
}

impl ::serde::ser::Error for Error {
    #[cold]
    fn custom<T: Display>(_msg: T) -> Self {
        unlocated(ErrorKind::Custom)
    }
}

impl ::serde::de::Error for Error {
    #[cold]
    fn custom<T: Display>(_msg: T) -> Self {
        unlocated(ErrorKind::Custom)
    }

    /// Bounded containers (heapless `Vec`/`String`) report a length over their capacity
    /// this way: the same error crosswire's own decoders give.
    #[cold]
    fn invalid_length(_len: usize, _exp: &dyn ::serde::de::Expected) -> Self {
        unlocated(ErrorKind::LengthOverCapacity)
    }

    /// Only names can be unknown variants; this format names variants by index.
    #[cold]
    fn unknown_variant(_variant: &str, _expected: &'static [&'static str]) -> Self {
        unlocated(ErrorKind::InvalidTag)
    }
}
