//! The crosswire buffer convention: a message, then zeros, in the ioctl's buffer.

use crosswire::{Decode, Encode, ErrorKind, Reader};

use crate::Errno;

/// Decodes the request at the start of `buf` (the bytes copied once from the user buffer);
/// every byte after it must be zero (the padding up to the number's size).
///
/// Errors: a message that does not decode maps through [`Errno`]'s table (`EINVAL`, or
/// `E2BIG` for an extensible struct's non-zero unknown tail); non-zero padding is `EINVAL`.
///
/// ```
/// use crosswire_kernel::{ioctl::decode_request, Errno};
///
/// assert_eq!(decode_request::<u32>(&[7, 0, 0, 0, 0, 0]), Ok(7));
/// assert_eq!(decode_request::<u32>(&[7, 0, 0, 0, 1, 0]), Err(Errno::EINVAL));
/// assert_eq!(decode_request::<u32>(&[7, 0]), Err(Errno::EINVAL));
/// ```
#[inline]
pub fn decode_request<'de, Req: Decode<'de>>(buf: &'de [u8]) -> Result<Req, Errno> {
    let (req, padding) = crosswire::take_from_bytes::<Req>(buf)?;
    zero_padding(padding)?;
    Ok(req)
}

/// [`decode_request`] into `req`, in place ([`Decode::decode_in_place`]): for a request too
/// large to build on a kernel stack and move, decode into memory allocated once (a `KBox`,
/// a field of the driver's state). The same bytes are accepted and the same errno returned;
/// after an error `req` is valid but unspecified.
///
/// ```
/// use crosswire::BoundedVec;
/// use crosswire_kernel::{ioctl::decode_request_in_place, Errno};
///
/// let mut req = Box::new(BoundedVec::<u32, 1024>::new());
/// assert_eq!(decode_request_in_place(&[1, 0, 0, 0, 7, 0, 0, 0, 0, 0], &mut *req), Ok(()));
/// assert_eq!(req.as_slice(), [7]);
/// assert_eq!(decode_request_in_place(&[0, 0, 0, 0, 1], &mut *req), Err(Errno::EINVAL));
/// ```
#[inline]
pub fn decode_request_in_place<'de, Req: Decode<'de>>(
    buf: &'de [u8],
    req: &mut Req,
) -> Result<(), Errno> {
    let mut r = Reader::new(buf);
    req.decode_in_place(&mut r)?;
    zero_padding(r.rest())
}

/// The bytes after a request, up to the number's size, must be zero.
fn zero_padding(padding: &[u8]) -> Result<(), Errno> {
    if padding.iter().any(|&b| b != 0) {
        return Err(Errno::from_error_kind(ErrorKind::TrailingBytes));
    }
    Ok(())
}

/// Encodes `reply` at the start of `buf` and zeroes the rest of `buf`, so that no byte of
/// the request (or anything else) goes back to userspace by accident. Returns the encoded
/// length.
///
/// A reply that does not fit `buf` is `EMSGSIZE` (and `buf` is then all zero). Pass the
/// caller's size: an older caller's smaller buffer gets `EMSGSIZE` rather than a reply cut
/// short.
///
/// ```
/// use crosswire_kernel::{ioctl::encode_reply, Errno};
///
/// let mut buf = [0xAA; 6];
/// assert_eq!(encode_reply(&7u32, &mut buf), Ok(4));
/// assert_eq!(buf, [7, 0, 0, 0, 0, 0]);
/// assert_eq!(encode_reply(&7u64, &mut buf), Err(Errno::EMSGSIZE));
/// ```
#[inline]
pub fn encode_reply<Rep: Encode + ?Sized>(reply: &Rep, buf: &mut [u8]) -> Result<usize, Errno> {
    let len = match crosswire::to_slice(reply, buf) {
        Ok(written) => written.len(),
        Err(e) => {
            buf.fill(0);
            return Err(e.into());
        }
    };
    if let Some(rest) = buf.get_mut(len..) {
        rest.fill(0);
    }
    Ok(len)
}
