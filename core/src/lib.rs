#![doc = include_str!("../../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::as_conversions,
        clippy::float_arithmetic,
    )
)]

mod be;
pub mod bounded;
mod decode;
mod encode;
mod error;
pub mod extensible;
mod external;
mod fixed;
mod max_size;
mod reader;
#[cfg(feature = "serde")]
pub mod serde;
mod tuples;
mod writer;

// Used by the code the derive generates; not public API (serde's `__private`).
#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use crate::{
    be::Be,
    bounded::{BoundedBytes, BoundedStr, BoundedString, BoundedVec, CapacityError},
    decode::Decode,
    encode::Encode,
    error::{Error, ErrorKind},
    fixed::{to_array, to_fixed, EncodedBuf},
    max_size::MaxSize,
    reader::Reader,
    writer::Writer,
};

#[cfg(feature = "derive")]
pub use crosswire_derive::{Decode, Encode, MaxSize};

/// The version of the wire format this crate reads and writes (`docs/wire-format.md`).
pub const WIRE_FORMAT_VERSION: u32 = 1;

/// Encodes `value` at the start of `buf` and returns the written prefix.
///
/// Fails with [`ErrorKind::BufferFull`] when `buf` is too small; a buffer of
/// [`MaxSize::MAX_SIZE`] bytes is always large enough.
#[inline]
pub fn to_slice<'b, T: Encode + ?Sized>(
    value: &T,
    buf: &'b mut [u8],
) -> Result<&'b mut [u8], Error> {
    let len = fixed::encode_counted(value, buf)?;
    // `len` bytes were written into `buf`, so the prefix exists.
    Ok(buf.get_mut(..len).unwrap_or_default())
}

/// Decodes a `T` that must span all of `bytes`; leftover bytes are
/// [`ErrorKind::TrailingBytes`].
#[inline]
pub fn from_bytes<'de, T: Decode<'de>>(bytes: &'de [u8]) -> Result<T, Error> {
    if T::FIXED_SIZE {
        if bytes.len() == T::MAX_SIZE {
            // The compiler knows the input is exactly one value long: the decoder's length
            // check and the trailing-bytes check fold into this one comparison.
            return decode_all(bytes);
        }
        // Any other length is an error. Which one, and where, is found out of line, so
        // that the path above needs no stack frame; only an `Error` comes back from it,
        // not a `T` that would have to be copied into place.
        return Err(fixed_size_length_error::<T>(bytes.len(), || {
            decode_all::<T>(bytes).map(drop)
        }));
    }
    decode_all(bytes)
}

/// Decodes a `T` that must span all of `bytes` into `out`, in place
/// ([`Decode::decode_in_place`]): what [`from_bytes`] returns, without moving the value.
/// On error `out` is valid but unspecified.
///
/// ```
/// # use crosswire::BoundedVec;
/// let mut v = BoundedVec::<u16, 4>::from_slice(&[7, 7, 7]).unwrap();
/// crosswire::from_bytes_in_place(&[1, 0, 0, 0, 5, 0], &mut v).unwrap();
/// assert_eq!(v.as_slice(), [5]);
/// ```
#[inline]
pub fn from_bytes_in_place<'de, T: Decode<'de>>(
    bytes: &'de [u8],
    out: &mut T,
) -> Result<(), Error> {
    if T::FIXED_SIZE {
        if bytes.len() == T::MAX_SIZE {
            return decode_all_in_place(bytes, out);
        }
        // Any other length is an error; which one, and where, is found out of line, so
        // that the path above needs no stack frame.
        return Err(fixed_size_length_error::<T>(bytes.len(), || {
            decode_all_in_place(bytes, out)
        }));
    }
    decode_all_in_place(bytes, out)
}

/// The body of [`from_bytes`].
#[inline(always)]
fn decode_all<'de, T: Decode<'de>>(bytes: &'de [u8]) -> Result<T, Error> {
    let mut r = Reader::new(bytes);
    let value = T::decode(&mut r)?;
    r.finish()?;
    Ok(value)
}

/// The body of [`from_bytes_in_place`].
#[inline(always)]
fn decode_all_in_place<'de, T: Decode<'de>>(bytes: &'de [u8], out: &mut T) -> Result<(), Error> {
    let mut r = Reader::new(bytes);
    out.decode_in_place(&mut r)?;
    r.finish()
}

/// The error [`from_bytes`] and [`from_bytes_in_place`] report for a `FIXED_SIZE` type `T`
/// over `len != MAX_SIZE` bytes: that of `decode`, decoding them, which cannot succeed for
/// a type whose every encoding is `MAX_SIZE` bytes long. Should a hand-written impl's
/// decoder accept them anyway, the length is still wrong for the type: the input ends
/// early, or goes on past `MAX_SIZE`.
#[cold]
#[inline(never)]
fn fixed_size_length_error<T: MaxSize>(
    len: usize,
    decode: impl FnOnce() -> Result<(), Error>,
) -> Error {
    match decode() {
        Err(e) => e,
        Ok(()) if len < T::MAX_SIZE => Error::new(ErrorKind::UnexpectedEnd, len),
        Ok(()) => Error::new(ErrorKind::TrailingBytes, T::MAX_SIZE),
    }
}

/// Decodes a `T` from the start of `bytes` and returns it with the bytes after it.
#[inline]
pub fn take_from_bytes<'de, T: Decode<'de>>(bytes: &'de [u8]) -> Result<(T, &'de [u8]), Error> {
    let mut r = Reader::new(bytes);
    let value = T::decode(&mut r)?;
    Ok((value, r.rest()))
}

/// The exact number of bytes `value` encodes to (at most `T::MAX_SIZE`).
#[inline]
pub fn encoded_len<T: Encode + ?Sized>(value: &T) -> usize {
    value.encoded_len()
}
