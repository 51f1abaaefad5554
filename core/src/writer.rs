//! The output cursor that every [`Encode`](crate::Encode) impl writes through.

use crate::{Error, ErrorKind};

/// A cursor over a caller-provided output buffer.
///
/// Every write checks the remaining room once and fails with
/// [`ErrorKind::BufferFull`] (at the buffer's length, the first byte that is not there)
/// rather than writing a partial value past the end.
#[derive(Debug)]
pub struct Writer<'a> {
    rest: &'a mut [u8],
    // Length of the buffer this writer started with; `written = start_len - rest.len()`.
    start_len: usize,
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

    /// Derive support: writes one value of at most `max` bytes. `body` and `short` are
    /// the same field-by-field writes, given twice so that each is called once.
    ///
    /// With `max` bytes of room, `body` writes into a window over exactly the next `max`
    /// bytes, and this writer then skips what it wrote. In the window every room check of
    /// every field compares against a length the compiler knows, so they fold away, as
    /// in a hand-written encoder into a fixed array. With less room, `short` writes
    /// straight into this writer and fails with `BufferFull` at the exact field that does
    /// not fit: inline when the value is `fixed` (it takes exactly `max` bytes, so this
    /// path always fails and stays small), else out of line, marked cold.
    ///
    /// A hand-written field type that writes more than its `MAX_SIZE` breaks the
    /// [`Encode`](crate::Encode) contract; in a window that is `BufferFull` at the window's
    /// end rather than bytes written past it.
    #[doc(hidden)]
    #[inline(always)]
    pub fn __window<F, G>(
        &mut self,
        max: usize,
        fixed: bool,
        body: F,
        short: G,
    ) -> Result<(), Error>
    where
        F: FnOnce(&mut Writer<'_>) -> Result<(), Error>,
        G: FnOnce(&mut Writer<'_>) -> Result<(), Error>,
    {
        if self.rest.len() < max {
            if fixed {
                return short(self);
            }
            return self.__cold(short);
        }
        let start = self.written();
        let rest = core::mem::take(&mut self.rest);
        let (result, used) = match rest.get_mut(..max) {
            Some(room) => {
                let mut window = Writer::new(room);
                let result = body(&mut window);
                (result, window.written())
            }
            // Unreachable: the room was checked above.
            None => (Ok(()), 0),
        };
        self.rest = match rest.get_mut(used..) {
            Some(after) => after,
            // Unreachable: the window wrote at most `max <= rest.len()` bytes.
            None => &mut [],
        };
        // Offsets inside the window count from its start.
        result.map_err(|e| Error::new(e.kind(), e.offset().saturating_add(start)))
    }

    /// Derive support: runs `body` on this writer out of line, marked cold (the short
    /// buffer path of [`__window`](Self::__window)). The writer goes there and back by
    /// value: were its address taken, it could not stay in registers on the common path.
    #[doc(hidden)]
    #[inline(always)]
    pub fn __cold<F>(&mut self, body: F) -> Result<(), Error>
    where
        F: FnOnce(&mut Writer<'_>) -> Result<(), Error>,
    {
        let taken = Writer {
            rest: core::mem::take(&mut self.rest),
            start_len: self.start_len,
        };
        let (back, result) = cold_path(taken, body);
        *self = back;
        result
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

/// The out-of-line half of [`Writer::__cold`].
#[cold]
#[inline(never)]
fn cold_path<'a, F>(mut w: Writer<'a>, body: F) -> (Writer<'a>, Result<(), Error>)
where
    F: FnOnce(&mut Writer<'_>) -> Result<(), Error>,
{
    let result = body(&mut w);
    (w, result)
}
