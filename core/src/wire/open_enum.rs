//! Forward-compatible enums (spec §17): what the derive's `#[crosswire(other)]` and
//! `#[crosswire(extensible)]` on an enum call, beside [`extensible`](crate::extensible).
//!
//! A unit-only enum with a catch-all variant keeps a tag it does not know, and writes it
//! back unchanged (§17.1):
//!
//! ```
//! use crosswire::{Decode, Encode, ErrorKind, MaxSize};
//!
//! #[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
//! #[repr(u16)]
//! enum State {
//!     Down = 1,
//!     Up = 2,
//!     #[crosswire(other)]
//!     Unknown(u16),
//! }
//!
//! assert_eq!(crosswire::from_bytes::<State>(&[2, 0])?, State::Up);
//! assert_eq!(crosswire::from_bytes::<State>(&[7, 0])?, State::Unknown(7));
//! let mut buf = [0u8; State::MAX_SIZE];
//! assert_eq!(crosswire::to_slice(&State::Unknown(7), &mut buf)?, [7, 0]);
//! // A known tag is never `Unknown` on decode, and not encoded from it either.
//! let err = crosswire::to_slice(&State::Unknown(2), &mut buf).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::InvalidValue);
//! # Ok::<(), crosswire::Error>(())
//! ```
//!
//! An extensible enum writes each variant's fields as the body of an extensible struct,
//! after the tag, so that a reader can keep or skip a variant it does not know (§17.2):
//!
//! ```
//! use crosswire::{BoundedVec, Decode, Encode, MaxSize};
//!
//! #[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
//! #[crosswire(extensible)]
//! enum Event {
//!     Link { ifindex: u32 },
//!     Addr { ifindex: u32, prefix: u8 },
//!     #[crosswire(other)]
//!     Unknown(u8, BoundedVec<u8, 32>),
//! }
//!
//! let mut buf = [0u8; Event::MAX_SIZE];
//! let bytes = crosswire::to_slice(&Event::Link { ifindex: 3 }, &mut buf)?;
//! assert_eq!(bytes, [0, 4, 0, 0, 0, 3, 0, 0, 0]);
//! // A newer sender's variant 5, kept with its body.
//! let event: Event = crosswire::from_bytes(&[5, 2, 0, 0, 0, 0xAA, 0xBB])?;
//! assert_eq!(event, Event::Unknown(5, BoundedVec::try_from(&[0xAA, 0xBB][..]).unwrap()));
//! # Ok::<(), crosswire::Error>(())
//! ```

use crate::{BoundedBytes, BoundedVec, Decode, Encode, Error, ErrorKind, Reader, Writer};

/// Reads a body length `S` (`u32`) and skips the `S` bytes after it: the body of an
/// extensible enum's variant that the reader does not know and does not keep (§17.2).
/// `S` past the end of the input is [`ErrorKind::UnexpectedEnd`](crate::ErrorKind).
#[inline]
pub fn skip_body(r: &mut Reader<'_>) -> Result<(), Error> {
    let size = u32::from_le_bytes(r.read_array()?);
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    r.read_bytes_or_zeros(size)?;
    Ok(())
}

/// A type that can keep the body of an unknown variant of an extensible enum (§17.2): a
/// bounded byte sequence, whose encoding (a `u32` length, then the bytes) is the body's, or
/// such a sequence in an `Option`, which is `None` when the body was longer than its
/// capacity and skipped.
///
/// The derive names it as `UnknownBody<'_>` wherever it uses it, so that a type without it
/// is one error.
#[diagnostic::on_unimplemented(
    message = "crosswire: `{Self}` cannot keep the body of an unknown variant",
    label = "use `BoundedVec<u8, N>`, `BoundedBytes<'a, N>` or either in an `Option` here",
    note = "the body is a `u32` length and that many bytes, which only a bounded byte sequence reads as they are"
)]
pub trait UnknownBody<'de>: Sized {
    /// The most bytes of a body it keeps.
    const CAPACITY: usize;

    /// Whether a longer body is skipped (`true`) or `LengthOverCapacity` (`false`).
    const SKIPS_LONGER: bool;

    /// Reads the `u32` length and the bytes of an unknown variant's body.
    fn read_body(r: &mut Reader<'de>) -> Result<Self, Error>;

    /// Whether it holds a body to encode again: `false` once a body too long was skipped.
    fn is_kept(&self) -> bool;

    /// Writes the kept body: its `u32` length, then its bytes.
    fn write_body(&self, w: &mut Writer<'_>) -> Result<(), Error>;

    /// The length of [`write_body`](Self::write_body)'s bytes.
    fn body_len(&self) -> usize;
}

/// A bounded byte sequence keeps a body of at most `N` bytes; a longer one is
/// `LengthOverCapacity` at its length.
macro_rules! bounded_body {
    ($($ty:ty),*) => {$(
        impl<'de, const N: usize> UnknownBody<'de> for $ty {
            const CAPACITY: usize = N;
            const SKIPS_LONGER: bool = false;

            #[inline]
            fn read_body(r: &mut Reader<'de>) -> Result<Self, Error> {
                Self::decode(r)
            }

            #[inline]
            fn is_kept(&self) -> bool {
                true
            }

            #[inline]
            fn write_body(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                self.encode(w)
            }

            #[inline]
            fn body_len(&self) -> usize {
                self.encoded_len()
            }
        }
    )*};
}

bounded_body!(BoundedVec<u8, N>, BoundedBytes<'de, N>);

/// `Some` of a body that fits, `None` when the body is longer than the capacity: its
/// bytes are skipped, so that a reader keeps working against a writer whose new variants
/// outgrew it. `None` does not encode (`InvalidValue` at the tag).
impl<'de, B: UnknownBody<'de>> UnknownBody<'de> for Option<B> {
    const CAPACITY: usize = B::CAPACITY;
    const SKIPS_LONGER: bool = true;

    #[inline]
    fn read_body(r: &mut Reader<'de>) -> Result<Self, Error> {
        let size = u32::from_le_bytes(r.clone().read_array()?);
        if usize::try_from(size).map_or(true, |size| size > B::CAPACITY) {
            skip_body(r)?;
            return Ok(None);
        }
        B::read_body(r).map(Some)
    }

    #[inline]
    fn is_kept(&self) -> bool {
        self.is_some()
    }

    #[inline]
    fn write_body(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        match self {
            Some(body) => body.write_body(w),
            None => Err(Error::new(ErrorKind::InvalidValue, w.written())),
        }
    }

    #[inline]
    fn body_len(&self) -> usize {
        self.as_ref().map_or(0, B::body_len)
    }
}

/// The derive's warning that a catch-all fails on fewer bytes than a known variant's body
/// takes: the one kind of warning a derive can raise on stable Rust is a use of a
/// deprecated item, and `FITS` picks the impl whose function is one.
#[doc(hidden)]
pub struct KeptBody<const FITS: bool>;

impl KeptBody<true> {
    /// No warning.
    pub const fn holds_every_known_variant() {}
}

impl KeptBody<false> {
    /// The warning.
    #[deprecated(
        note = "crosswire: this catch-all keeps fewer bytes than a known variant's body, so a newer variant as large fails to decode (`LengthOverCapacity`): raise the capacity, or make the body an `Option` to skip a body it cannot keep (spec §17.2)"
    )]
    pub const fn holds_every_known_variant() {}
}
