//! The message layer every transport shares: a crosswire message in a buffer, then zeros,
//! decoded once from the transport's one copy of the peer's bytes and encoded once into
//! the buffer the transport copies back.
//!
//! ```text
//!   peer memory ──(transport copies once)──▶ RequestBytes ──decode(self)──▶ Req
//!                                                                            │ handler
//!   peer memory ◀──(transport copies once)── EncodedReply ◀──encode(self)── ReplyBuf ◀── Rep
//! ```
//!
//! # The buffer rule
//!
//! A buffer holds one encoded message, then only zeros up to the buffer's end. [`encode`]
//! writes that, [`decode`] accepts only that (non-zero padding is
//! [`ErrorKind::TrailingBytes`] at the offset of the first non-zero byte). Both sides of
//! every transport call this one pair: the kernel for requests and replies, userspace
//! ([`ioctl::user`](crate::ioctl)) likewise, so neither side is laxer than the other.
//!
//! # Read once, write once
//!
//! A transport hands the layer the bytes it copied out of the peer's memory as
//! [`RequestBytes`], which can only be decoded by consuming it; it gets back an
//! [`EncodedReply`] from [`ReplyBuf::encode`], which consumes the buffer, and copies
//! [`EncodedReply::padded`] (or [`EncodedReply::as_bytes`]) out once. Kernel code never
//! decodes from memory the peer can still change.
//!
//! A transport that carries frames (a netlink attribute, a ring slot), once it has copied
//! the frame out of the peer's memory:
//!
//! ```
//! use crosswire_kernel::{message::{ReplyBuf, RequestBytes}, Errno};
//!
//! fn on_frame(copied: &[u8], out: &mut [u8]) -> Result<usize, Errno> {
//!     let n: u32 = RequestBytes::new(copied).decode()?; // EINVAL, E2BIG
//!     let reply = ReplyBuf::new(out).encode(&n.checked_mul(2).ok_or(Errno::ERANGE)?)?;
//!     // The transport now copies `reply.as_bytes()` to the peer, once.
//!     Ok(reply.len())
//! }
//!
//! let mut out = [0u8; 8];
//! assert_eq!(on_frame(&[21, 0, 0, 0], &mut out), Ok(4));
//! assert_eq!(out[..4], [42, 0, 0, 0]);
//! assert_eq!(on_frame(&[21, 0, 0, 0, 1], &mut out), Err(Errno::EINVAL));
//! ```
//!
//! # Versions
//!
//! [`Versioning`] is a type-level policy: [`Fixed`] messages are exactly this build's, and
//! [`Extensible`] ones grow between versions with the kernel's size-versioning rules
//! ([`copy_struct_from_user`], [`copy_struct_to_user`], [`check_user_size`], and
//! [`shrink_extensible`] to answer an older peer). A transport's command type carries one
//! (as [`ioctl::Command`](crate::ioctl::Command)'s third parameter does), so no handler
//! passes a flag at run time.
//!
//! # Errors
//!
//! [`encode`] and [`decode`] return crosswire's [`Error`] (what, and at which byte offset);
//! the kernel-facing types return the [`Errno`] it maps to (the table on [`Errno`]).

mod reply;
mod request;
mod versioning;

use crosswire::{Decode, Encode, Error, ErrorKind, Reader};

pub use self::{
    reply::{EncodedReply, ReplyBuf},
    request::RequestBytes,
    versioning::{
        check_user_size, copy_struct_from_user, copy_struct_from_user_checked, copy_struct_to_user,
        shrink_extensible, Extensible, Fixed, ToUser, Versioning, PAGE_SIZE,
    },
};
#[cfg(doc)]
use crate::Errno;

/// Decodes the message at the start of `buf`; every byte after it must be zero.
///
/// Errors: the message's own decode error, or [`ErrorKind::TrailingBytes`] at the first
/// non-zero byte after it.
///
/// ```
/// use crosswire::ErrorKind;
/// use crosswire_kernel::message;
///
/// assert_eq!(message::decode::<u32>(&[7, 0, 0, 0, 0, 0]), Ok(7));
/// let e = message::decode::<u32>(&[7, 0, 0, 0, 0, 1]).unwrap_err();
/// assert_eq!((e.kind(), e.offset()), (ErrorKind::TrailingBytes, 5));
/// assert_eq!(message::decode::<u32>(&[7, 0]).unwrap_err().kind(), ErrorKind::UnexpectedEnd);
/// ```
#[inline]
pub fn decode<'de, T: Decode<'de>>(buf: &'de [u8]) -> Result<T, Error> {
    let mut r = Reader::new(buf);
    let value = T::decode(&mut r)?;
    zero_padding(&r)?;
    Ok(value)
}

/// [`decode`] into `dst`, in place ([`Decode::decode_in_place`]): for a message too large
/// to build on a kernel stack and move. The same bytes are accepted with the same error;
/// after an error `dst` is valid but unspecified.
///
/// ```
/// use crosswire::BoundedVec;
/// use crosswire_kernel::message;
///
/// let mut dst = Box::new(BoundedVec::<u32, 1024>::new());
/// message::decode_in_place(&[1, 0, 0, 0, 7, 0, 0, 0, 0, 0], &mut *dst).unwrap();
/// assert_eq!(dst.as_slice(), [7]);
/// assert!(message::decode_in_place(&[0, 0, 0, 0, 1], &mut *dst).is_err());
/// ```
#[inline]
pub fn decode_in_place<'de, T: Decode<'de>>(buf: &'de [u8], dst: &mut T) -> Result<(), Error> {
    let mut r = Reader::new(buf);
    dst.decode_in_place(&mut r)?;
    zero_padding(&r)
}

/// The bytes after a message must be zero.
#[inline]
fn zero_padding(r: &Reader<'_>) -> Result<(), Error> {
    match r.rest().iter().position(|&b| b != 0) {
        None => Ok(()),
        Some(at) => Err(Error::new(
            ErrorKind::TrailingBytes,
            r.offset().saturating_add(at),
        )),
    }
}

/// Encodes `value` at the start of `buf` and zeroes the rest of `buf`, so that no stale
/// byte goes to the peer by accident. Returns the encoded length.
///
/// A value that does not fit is [`ErrorKind::BufferFull`], and `buf` is then all zero.
///
/// ```
/// use crosswire::ErrorKind;
/// use crosswire_kernel::message;
///
/// let mut buf = [0xAA; 6];
/// assert_eq!(message::encode(&7u32, &mut buf), Ok(4));
/// assert_eq!(buf, [7, 0, 0, 0, 0, 0]);
/// assert_eq!(message::encode(&7u64, &mut buf).unwrap_err().kind(), ErrorKind::BufferFull);
/// assert_eq!(buf, [0; 6]);
/// ```
#[inline]
pub fn encode<T: Encode + ?Sized>(value: &T, buf: &mut [u8]) -> Result<usize, Error> {
    let len = match crosswire::to_slice(value, buf) {
        Ok(written) => written.len(),
        Err(e) => {
            buf.fill(0);
            return Err(e);
        }
    };
    if let Some(rest) = buf.get_mut(len..) {
        rest.fill(0);
    }
    Ok(len)
}
