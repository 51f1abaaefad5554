//! [`ReplyBuf`] and [`EncodedReply`]: a reply encoded once into the buffer a transport
//! copies back.

use crosswire::Encode;

use super::Versioning;
use crate::Errno;

/// The kernel-side buffer a reply is encoded into, before the transport copies it to the
/// peer. Encoding consumes it ([`encode`](ReplyBuf::encode)), so a buffer carries one reply.
///
/// ```
/// use crosswire_kernel::{message::ReplyBuf, Errno};
///
/// let mut buf = [0xAA; 6];
/// let reply = ReplyBuf::new(&mut buf).encode(&7u32)?;
/// assert_eq!(reply.as_bytes(), [7, 0, 0, 0]);
/// assert_eq!(reply.padded(6)?, [7, 0, 0, 0, 0, 0]);
/// assert_eq!(ReplyBuf::new(&mut buf).encode(&7u64).unwrap_err(), Errno::EMSGSIZE);
/// # Ok::<(), Errno>(())
/// ```
///
/// ```compile_fail
/// use crosswire_kernel::message::ReplyBuf;
///
/// let mut buf = [0; 8];
/// let reply = ReplyBuf::new(&mut buf);
/// let first = reply.encode(&1u32);
/// let second = reply.encode(&2u32); // use of moved value
/// ```
#[derive(Debug)]
pub struct ReplyBuf<'b> {
    buf: &'b mut [u8],
}

impl<'b> ReplyBuf<'b> {
    /// A reply buffer over `buf`. Its old contents (a request, anything) are overwritten
    /// whatever happens: by the reply and zeros, or by zeros alone on failure.
    #[inline]
    pub fn new(buf: &'b mut [u8]) -> Self {
        ReplyBuf { buf }
    }

    /// The buffer's length: the largest reply it holds.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.buf.len()
    }

    /// Encodes `reply` with the buffer rule ([`message::encode`](super::encode)): the
    /// reply, then zeros to the end of the buffer. A reply that does not fit is `EMSGSIZE`,
    /// and the buffer is then all zero.
    #[inline]
    pub fn encode<T: Encode + ?Sized>(self, reply: &T) -> Result<EncodedReply<'b>, Errno> {
        let len = super::encode(reply, self.buf)?;
        // INVARIANT: `encode` wrote `len <= buf.len()` bytes and zeroed the rest.
        Ok(EncodedReply { buf: self.buf, len })
    }
}

/// An encoded reply in its buffer, ready for the transport's one copy to the peer.
///
/// # Invariant
///
/// `len <= buf.len()`, and every byte of `buf` from `len` on is zero.
///
/// ```
/// use crosswire_kernel::{message::{Fixed, ReplyBuf}, Errno};
///
/// let mut buf = [0u8; 8];
/// let reply = ReplyBuf::new(&mut buf).encode(&0x0102u16)?;
/// assert_eq!((reply.len(), reply.as_bytes()), (2, &[2, 1][..]));
/// let reply = reply.fit::<Fixed>(4)?; // the caller's buffer: 4 bytes
/// assert_eq!(reply.padded(4)?, [2, 1, 0, 0]);
/// # Ok::<(), Errno>(())
/// ```
#[derive(Debug)]
#[must_use = "an encoded reply that is never copied back is lost"]
pub struct EncodedReply<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl EncodedReply<'_> {
    /// The reply's encoded length (what an ioctl returns, a netlink attribute's payload
    /// length, a ring frame's length).
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the reply encodes to no bytes (`()`, unit structs).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The encoded reply, without padding.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    /// The encoded reply then zeros, `size` bytes in all: what a transport with a fixed
    /// buffer (an ioctl's size) copies back. `EMSGSIZE` when the reply is longer than
    /// `size`, `EINVAL` when the buffer is shorter than `size` (the transport gave
    /// [`ReplyBuf`] less than the peer's size).
    #[inline]
    pub fn padded(&self, size: usize) -> Result<&[u8], Errno> {
        if self.len > size {
            return Err(Errno::EMSGSIZE);
        }
        // Zero past `len` by the invariant.
        self.buf.get(..size).ok_or(Errno::EINVAL)
    }

    /// Fits the reply into `room` bytes, the size the peer was built with, by the
    /// command's policy `V`: a [`Fixed`](super::Fixed) reply must fit as encoded
    /// (`EMSGSIZE`); an [`Extensible`](super::Extensible) one is shrunk for an older peer
    /// ([`shrink_extensible`](super::shrink_extensible)), `E2BIG` when the part it cannot
    /// take is not zero.
    #[inline]
    pub fn fit<V: Versioning>(self, room: usize) -> Result<Self, Errno> {
        let encoded = self.buf.get_mut(..self.len).ok_or(Errno::EINVAL)?;
        let len = V::fit(encoded, room)?;
        // INVARIANT: `V::fit` returns `len <= self.len`, and the bytes it cut off were
        // zero (else it fails), so everything from `len` on is still zero.
        Ok(EncodedReply { buf: self.buf, len })
    }
}
