//! [`EncodedBuf`]: what [`to_array`](crate::to_array) returns.

use core::ops::Deref;

/// An encoded message in an inline buffer of `N` bytes. It derefs to the encoded bytes, so
/// it goes wherever a `&[u8]` does.
///
/// ```
/// let msg = crosswire::to_array::<_, 4>(&7u32)?;
/// assert_eq!(msg.len(), 4);
/// assert_eq!(&*msg, [7, 0, 0, 0]);
/// assert_eq!(msg.iter().sum::<u8>(), 7);
/// # Ok::<(), crosswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodedBuf<const N: usize> {
    // INVARIANT: `len <= N`.
    pub(super) bytes: [u8; N],
    pub(super) len: usize,
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

impl<const N: usize> Deref for EncodedBuf<N> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl<const N: usize> AsRef<[u8]> for EncodedBuf<N> {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}
