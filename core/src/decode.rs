//! Decoding: the [`Decode`] trait, and the entry points that read a value from untrusted
//! bytes ([`from_bytes`], [`from_bytes_in_place`], [`take_from_bytes`]). Mirrors
//! `encode.rs`.

use crate::{Error, ErrorKind, MaxSize, Reader};

/// A type that can be read in wire format v1 ([`spec`](crate::spec)), borrowing from the
/// input where it can (`'de` is the input's lifetime).
///
/// Implementations accept exactly the canonical encodings: whenever `decode` succeeds,
/// encoding the value again gives back the bytes it consumed. They never panic, never
/// read past the input and run in time linear in what they consume.
///
/// A hand-written impl (the derive writes the same), which reports where a bad value starts:
///
/// ```
/// use crosswire::{Decode, Error, ErrorKind, MaxSize, Reader};
///
/// #[derive(Debug, PartialEq)]
/// struct Percent(u8);
/// impl MaxSize for Percent {
///     const MAX_SIZE: usize = 1;
/// }
/// impl<'de> Decode<'de> for Percent {
///     fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
///         let at = r.offset();
///         match r.read_u8()? {
///             p @ 0..=100 => Ok(Percent(p)),
///             _ => Err(Error::new(ErrorKind::InvalidValue, at)),
///         }
///     }
/// }
///
/// assert_eq!(crosswire::from_bytes::<Percent>(&[42]), Ok(Percent(42)));
/// assert_eq!(crosswire::from_bytes::<Percent>(&[101]).unwrap_err().kind(), ErrorKind::InvalidValue);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a crosswire wire type (no `Decode`): use a bounded type or implement `Decode`",
    label = "cannot be decoded by crosswire",
    note = "crosswire encodes only types whose size is bounded at compile time: `BoundedVec<T, N>` (or `HeapVec<T, N>`, feature `alloc`) for `Vec<T>`, `BoundedString<N>` (or `HeapString<N>`) for `String`, `BoundedStr<'a, N>` for `&str`, `BoundedBytes<'a, N>` for `&[u8]`, `BoundedVec<(K, V), N>` for a map, `T` for `Box<T>` (or feature `alloc`); feature `float` for `f32`/`f64`; or implement `Decode` and `MaxSize`"
)]
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

/// Decodes a `T` that must span all of `bytes`; leftover bytes are
/// [`ErrorKind::TrailingBytes`].
///
/// ```
/// use crosswire::ErrorKind;
///
/// assert_eq!(crosswire::from_bytes::<(u16, bool)>(&[0xC7, 0xA5, 1]), Ok((0xA5C7, true)));
/// let e = crosswire::from_bytes::<(u16, bool)>(&[0xC7, 0xA5, 2]).unwrap_err();
/// assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidBool, 2));
/// let e = crosswire::from_bytes::<u16>(&[1, 0, 0]).unwrap_err();
/// assert_eq!((e.kind(), e.offset()), (ErrorKind::TrailingBytes, 2));
/// ```
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
///
/// ```
/// let (first, rest) = crosswire::take_from_bytes::<u16>(&[1, 0, 2, 0])?;
/// assert_eq!((first, rest), (1, &[2, 0][..]));
/// # Ok::<(), crosswire::Error>(())
/// ```
#[inline]
pub fn take_from_bytes<'de, T: Decode<'de>>(bytes: &'de [u8]) -> Result<(T, &'de [u8]), Error> {
    let mut r = Reader::new(bytes);
    let value = T::decode(&mut r)?;
    Ok((value, r.rest()))
}
