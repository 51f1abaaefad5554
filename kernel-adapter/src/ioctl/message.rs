//! The crosswire buffer convention: a message, then zeros, in the ioctl's buffer.

use crosswire::{Decode, Encode, ErrorKind};

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
    if padding.iter().any(|&b| b != 0) {
        return Err(Errno::from_error_kind(ErrorKind::TrailingBytes));
    }
    Ok(req)
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
