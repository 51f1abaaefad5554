//! [`EncodedBuf`]: what [`to_array`](crate::to_array) returns.

/// An encoded message in an inline buffer of `N` bytes.
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
