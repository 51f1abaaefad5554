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

use crate::{BoundedBytes, BoundedVec, Error, Reader};

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
/// bounded byte sequence, whose encoding (a `u32` length, then the bytes) is the body's.
#[diagnostic::on_unimplemented(
    message = "crosswire: `{Self}` cannot keep the body of an unknown variant",
    label = "use `BoundedVec<u8, N>` or `BoundedBytes<'a, N>` here",
    note = "the body is a `u32` length and that many bytes, which only a bounded byte sequence reads as they are"
)]
pub trait UnknownBody {}

impl<const N: usize> UnknownBody for BoundedVec<u8, N> {}

impl<const N: usize> UnknownBody for BoundedBytes<'_, N> {}

/// Compiles only when `B` can keep an unknown variant's body; the derive calls it for the
/// second field of an extensible enum's `other` variant.
pub const fn unknown_body<B: UnknownBody + ?Sized>() {}
