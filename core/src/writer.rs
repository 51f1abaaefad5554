//! The output cursor that every [`Encode`](crate::Encode) impl writes through.

use crate::{Error, ErrorKind};

/// A cursor over a caller-provided output buffer.
///
/// Every write checks the remaining room once and fails with
/// [`ErrorKind::BufferFull`] (at the buffer's length, the first byte that is not there)
/// rather than writing a partial value past the end.
///
/// ```
/// use crosswire::{ErrorKind, Writer};
///
/// let mut buf = [0u8; 4];
/// let mut w = Writer::new(&mut buf);
/// w.write_u8(1)?;
/// w.write_bytes(&[2, 3])?;
/// assert_eq!((w.written(), w.remaining()), (3, 1));
/// assert_eq!(w.write_array([4, 5]).unwrap_err().kind(), ErrorKind::BufferFull);
/// assert_eq!(buf[..3], [1, 2, 3]);
/// # Ok::<(), crosswire::Error>(())
/// ```
#[derive(Debug)]
pub struct Writer<'a> {
    // `pub(crate)` for the derive support in `__private`, which moves the cursor.
    pub(crate) rest: &'a mut [u8],
    // Length of the buffer this writer started with; `written = start_len - rest.len()`.
    pub(crate) start_len: usize,
}

impl<'a> Writer<'a> {
    /// A writer that fills `buf` from its start.
    #[inline]
    pub fn new(buf: &'a mut [u8]) -> Self {
        let start_len = buf.len();
        Writer {
            rest: buf,
            start_len,
        }
    }

    /// How many bytes have been written so far.
    #[inline]
    pub fn written(&self) -> usize {
        // `rest` only ever shrinks from a buffer of `start_len` bytes: no wrap.
        self.start_len.wrapping_sub(self.rest.len())
    }

    /// How many bytes are still free.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// [`ErrorKind::BufferFull`], which is always reported where the buffer ends (spec §14):
    /// the first byte that is not there, whatever the type being written.
    #[cold]
    fn full(&self) -> Error {
        Error::new(ErrorKind::BufferFull, self.start_len)
    }

    /// Takes the next `N` bytes of the buffer for the caller to fill.
    #[inline]
    pub fn reserve_array<const N: usize>(&mut self) -> Result<&'a mut [u8; N], Error> {
        if self.rest.len() < N {
            return Err(self.full());
        }
        match core::mem::take(&mut self.rest).split_first_chunk_mut::<N>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(head)
            }
            // Unreachable: the length was checked above.
            None => Err(self.full()),
        }
    }

    /// Takes the next `len` bytes of the buffer for the caller to fill.
    #[inline]
    pub fn reserve(&mut self, len: usize) -> Result<&'a mut [u8], Error> {
        if self.rest.len() < len {
            return Err(self.full());
        }
        match core::mem::take(&mut self.rest).split_at_mut_checked(len) {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(head)
            }
            // Unreachable: the length was checked above.
            None => Err(self.full()),
        }
    }

    /// A writer over the next `len` bytes, which this writer skips. Encoding a value of
    /// known size through it lets the compiler drop the per-field room checks.
    #[inline]
    pub fn sub_writer(&mut self, len: usize) -> Result<Writer<'a>, Error> {
        self.reserve(len).map(Writer::new)
    }

    /// Writes `N` bytes.
    #[inline]
    pub fn write_array<const N: usize>(&mut self, bytes: [u8; N]) -> Result<(), Error> {
        *self.reserve_array::<N>()? = bytes;
        Ok(())
    }

    /// Writes all of `bytes`.
    #[inline]
    pub fn write_bytes(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.reserve(bytes.len())?.copy_from_slice(bytes);
        Ok(())
    }

    /// Writes one byte.
    #[inline]
    pub fn write_u8(&mut self, byte: u8) -> Result<(), Error> {
        self.write_array([byte])
    }

    /// Writes a sequence length as the format's `u32` (spec §10).
    #[inline]
    pub fn write_len(&mut self, len: usize) -> Result<(), Error> {
        match u32::try_from(len) {
            Ok(len) => self.write_array(len.to_le_bytes()),
            Err(_) => Err(Error::new(ErrorKind::InvalidValue, self.written())),
        }
    }
}
