//! Encoding into buffers sized at compile time from `MAX_SIZE` (spec §2).

use crate::{Encode, Error, Writer};

/// An encoded message in an inline buffer of `N` bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodedBuf<const N: usize> {
    // INVARIANT: `len <= N`.
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> EncodedBuf<N> {
    /// The encoded bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    /// How many bytes were written.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing was written (a message of empty types).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Encodes `value` into a new `[u8; N]`. `N >= T::MAX_SIZE` is checked at compile time,
/// so this never fails for lack of room; with crosswire's own impls and derived types it
/// cannot fail at all (the `Result` remains for hand-written impls that reject a value).
///
/// ```
/// #[derive(Debug)]
/// struct Ping(u32);
/// # use crosswire::{Encode, MaxSize, Writer, Error};
/// # impl MaxSize for Ping { const MAX_SIZE: usize = 4; }
/// # impl Encode for Ping {
/// #     fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> { self.0.encode(w) }
/// #     fn encoded_len(&self) -> usize { 4 }
/// # }
/// let msg = crosswire::to_array::<_, { Ping::MAX_SIZE }>(&Ping(7)).unwrap();
/// assert_eq!(msg.as_bytes(), [7, 0, 0, 0]);
/// ```
///
/// A buffer that is too small does not compile:
///
/// ```compile_fail
/// let msg = crosswire::to_array::<u64, 4>(&7u64);
/// ```
#[inline]
pub fn to_array<T: Encode + ?Sized, const N: usize>(value: &T) -> Result<EncodedBuf<N>, Error> {
    const {
        assert!(
            N >= T::MAX_SIZE,
            "buffer is smaller than the type's MAX_SIZE"
        )
    };
    let mut bytes = [0u8; N];
    let len = encode_counted(value, &mut bytes)?;
    Ok(EncodedBuf { bytes, len })
}

/// Encodes `value` into the caller's `[u8; N]` and returns the written prefix, with
/// `N >= T::MAX_SIZE` checked at compile time as for [`to_array`].
///
/// ```compile_fail
/// let mut buf = [0u8; 3];
/// crosswire::to_fixed(&7u32, &mut buf);
/// ```
#[inline]
pub fn to_fixed<'b, T: Encode + ?Sized, const N: usize>(
    value: &T,
    buf: &'b mut [u8; N],
) -> Result<&'b mut [u8], Error> {
    const {
        assert!(
            N >= T::MAX_SIZE,
            "buffer is smaller than the type's MAX_SIZE"
        )
    };
    // Not through `to_slice`: should the compiler keep this function out of line, `N` is
    // still a constant inside it, and the encoder's room checks still fold.
    let len = encode_counted(value, buf)?;
    Ok(buf.get_mut(..len).unwrap_or_default())
}

/// Encodes `value` at the start of `buf`, returning how many bytes it wrote. Always
/// inlined, so that a caller's compile-time buffer length reaches the encoder.
#[inline(always)]
pub(crate) fn encode_counted<T: Encode + ?Sized>(
    value: &T,
    buf: &mut [u8],
) -> Result<usize, Error> {
    let mut w = Writer::new(buf);
    value.encode(&mut w)?;
    Ok(w.written())
}
