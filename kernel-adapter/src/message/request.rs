//! [`RequestBytes`]: the transport's one copy of a request, decoded by consuming it.

use crosswire::Decode;

use crate::Errno;

/// The bytes of one message as a transport copied them, once, out of the peer's memory
/// (a `UserSliceReader::read_all`, a netlink skb's payload, a frame copied out of a shared
/// ring): the only input the layer decodes.
///
/// Decoding consumes it, so a request cannot be decoded twice or checked in one copy and
/// used from another; the borrow of the copy ends when the owned value is returned. The
/// bytes are a shared borrow for `'a`, so nothing can change them between the checks and
/// the use.
///
/// ```
/// use crosswire_kernel::{message::RequestBytes, Errno};
///
/// let copy = [7, 0, 0, 0, 0, 0];
/// let request = RequestBytes::new(&copy);
/// assert_eq!(request.len(), 6);
/// assert_eq!(request.decode::<u32>(), Ok(7));
/// // `request` is gone: a second decode does not compile.
///
/// assert_eq!(RequestBytes::new(&[7, 0, 1]).decode::<u16>(), Err(Errno::EINVAL));
/// ```
///
/// ```compile_fail
/// use crosswire_kernel::message::RequestBytes;
///
/// let request = RequestBytes::new(&[7, 0, 0, 0]);
/// let checked = request.decode::<u32>();
/// let used = request.decode::<u32>(); // use of moved value
/// ```
#[derive(Debug)]
#[must_use = "a request that is never decoded is never checked"]
pub struct RequestBytes<'a> {
    bytes: &'a [u8],
}

impl<'a> RequestBytes<'a> {
    /// The bytes a transport copied once from the peer: the encoded message, then zeros.
    #[inline]
    pub const fn new(copied: &'a [u8]) -> Self {
        RequestBytes { bytes: copied }
    }

    /// The number of bytes the peer sent (for an ioctl, the size in its number).
    #[inline]
    pub const fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the peer sent no bytes.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Decodes the request with the buffer rule ([`message::decode`](super::decode)):
    /// `EINVAL` for bytes that are not one message then zeros, `E2BIG` for an extensible
    /// struct whose part unknown to this side is not zero (the table on [`Errno`]).
    #[inline]
    pub fn decode<T: Decode<'a>>(self) -> Result<T, Errno> {
        super::decode(self.bytes).map_err(Errno::from)
    }

    /// [`decode`](RequestBytes::decode) into `dst`, in place, for a request too large for a
    /// kernel stack (decoded into memory allocated once). Same bytes accepted, same errno.
    ///
    /// ```
    /// use crosswire::BoundedVec;
    /// use crosswire_kernel::{message::RequestBytes, Errno};
    ///
    /// let mut req = Box::new(BoundedVec::<u32, 1024>::new());
    /// let copy = [1, 0, 0, 0, 7, 0, 0, 0, 0, 0];
    /// assert_eq!(RequestBytes::new(&copy).decode_in_place(&mut *req), Ok(()));
    /// assert_eq!(req.as_slice(), [7]);
    /// let bad = RequestBytes::new(&[0, 0, 0, 0, 1]);
    /// assert_eq!(bad.decode_in_place(&mut *req), Err(Errno::EINVAL));
    /// ```
    #[inline]
    pub fn decode_in_place<T: Decode<'a>>(self, dst: &mut T) -> Result<(), Errno> {
        super::decode_in_place(self.bytes, dst).map_err(Errno::from)
    }
}
