//! The input cursor that every [`Decode`](crate::Decode) impl reads through.

use crate::{Error, ErrorKind};

/// A cursor over untrusted input bytes.
///
/// Every read checks the remaining length first and consumes what it reads: no byte is
/// read twice and nothing past the end is touched. Errors carry the absolute offset into
/// the input the decode started on.
///
/// An extensible struct's body is read through a *zero-extended* reader (spec §13): past
/// the real bytes it yields up to `zeros` virtual zero bytes, so a body from an older
/// sender decodes as if its missing fields were zero.
///
/// ```
/// use crosswire::{ErrorKind, Reader};
///
/// let mut r = Reader::new(&[1, 2, 3, 4, 5]);
/// assert_eq!(r.read_u8()?, 1);
/// assert_eq!(r.read_array::<2>()?, [2, 3]);
/// assert_eq!((r.offset(), r.remaining(), r.rest()), (3, 2, &[4, 5][..]));
/// assert_eq!(r.read_bytes(3).unwrap_err().kind(), ErrorKind::UnexpectedEnd);
/// # Ok::<(), crosswire::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Reader<'de> {
    rest: &'de [u8],
    // Absolute offset of the end of `rest`; `offset = end - rest.len()`. Once `rest` is
    // empty, each virtual zero read moves it on by one.
    end: usize,
    // Virtual zero bytes that follow `rest`.
    zeros: usize,
    // Where the real bytes end: `UnexpectedEnd` is reported there (spec §14).
    real_end: usize,
}

impl<'de> Reader<'de> {
    /// A reader over `input`, with offsets counted from its first byte.
    #[inline]
    pub fn new(input: &'de [u8]) -> Self {
        Reader {
            rest: input,
            end: input.len(),
            zeros: 0,
            real_end: input.len(),
        }
    }

    /// The absolute offset of the next byte to be read. Inside the virtual zeros of a
    /// zero-extended reader, the offset that byte would have were the zeros real (where the
    /// real bytes ended, plus the virtual zeros read so far): a field read from them reports
    /// its own offset (spec §13).
    #[inline]
    pub fn offset(&self) -> usize {
        // `rest` is a suffix of the input that ends at `end`: no wrap.
        self.end.wrapping_sub(self.rest.len())
    }

    /// Real (not virtual) bytes left.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// The real bytes left, without consuming them.
    #[inline]
    pub fn rest(&self) -> &'de [u8] {
        self.rest
    }

    /// An error of `kind` at the current offset.
    #[cold]
    pub fn error(&self, kind: ErrorKind) -> Error {
        Error::new(kind, self.offset())
    }

    /// [`ErrorKind::UnexpectedEnd`], which is always reported where this reader's real bytes
    /// end (spec §14): the first byte that is not there, whatever the type being read.
    #[cold]
    fn end_error(&self) -> Error {
        Error::new(ErrorKind::UnexpectedEnd, self.real_end)
    }

    /// Reads `N` bytes.
    #[inline]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        match self.rest.split_first_chunk::<N>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(*head)
            }
            None => self.read_array_zero_extended(),
        }
    }

    /// The slow path of `read_array`: the real bytes ran out.
    #[cold]
    fn read_array_zero_extended<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let missing = N.saturating_sub(self.rest.len());
        if missing > self.zeros {
            return Err(self.end_error());
        }
        let mut out = [0u8; N];
        if let Some(head) = out.get_mut(..self.rest.len()) {
            head.copy_from_slice(self.rest);
        }
        self.rest = &[];
        self.consume_zeros(missing);
        Ok(out)
    }

    /// Reads one byte.
    #[inline]
    pub fn read_u8(&mut self) -> Result<u8, Error> {
        self.read_array::<1>().map(|[b]| b)
    }

    /// Borrows the next `len` bytes of the input.
    ///
    /// A borrowed read cannot reach into virtual zeros; it may only start there with
    /// `len == 0`.
    #[inline]
    pub fn read_bytes(&mut self, len: usize) -> Result<&'de [u8], Error> {
        match self.rest.split_at_checked(len) {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(head)
            }
            None => Err(self.end_error()),
        }
    }

    /// The next `len` bytes as the real ones, borrowed, and how many virtual zeros follow
    /// them: `(bytes, 0)` wherever [`read_bytes`](Self::read_bytes) succeeds, and inside a
    /// zero-extended body the real bytes left and the zeros that make up the rest (spec §13).
    #[inline]
    pub(crate) fn read_bytes_or_zeros(&mut self, len: usize) -> Result<(&'de [u8], usize), Error> {
        match self.rest.split_at_checked(len) {
            Some((head, tail)) => {
                self.rest = tail;
                Ok((head, 0))
            }
            None => {
                let zeros = len.saturating_sub(self.rest.len());
                if zeros > self.zeros {
                    return Err(self.end_error());
                }
                let real = core::mem::take(&mut self.rest);
                self.consume_zeros(zeros);
                Ok((real, zeros))
            }
        }
    }

    /// Fills `out` from the input (virtual zeros included).
    #[inline]
    pub fn read_into(&mut self, out: &mut [u8]) -> Result<(), Error> {
        match self.rest.split_at_checked(out.len()) {
            Some((head, tail)) => {
                out.copy_from_slice(head);
                self.rest = tail;
                Ok(())
            }
            None => self.read_into_zero_extended(out),
        }
    }

    #[cold]
    fn read_into_zero_extended(&mut self, out: &mut [u8]) -> Result<(), Error> {
        let missing = out.len().saturating_sub(self.rest.len());
        if missing > self.zeros {
            return Err(self.end_error());
        }
        let (head, tail) = out.split_at_mut(self.rest.len().min(out.len()));
        // `head` is as long as `rest` here (the fast path failed because `rest` is
        // shorter), but this cold function is not inlined into the caller that knows it:
        // copying `rest` whole would keep a length-mismatch panic path. Found by the
        // no-panic proof (`tests/regressions/no_panic_read_into.rs`).
        let (real, _) = self.rest.split_at(head.len());
        head.copy_from_slice(real);
        tail.fill(0);
        self.rest = &[];
        self.consume_zeros(missing);
        Ok(())
    }

    /// Counts `count` virtual zeros as read (`rest` is empty): the offset moves past them.
    #[inline]
    fn consume_zeros(&mut self, count: usize) {
        self.zeros = self.zeros.saturating_sub(count);
        self.end = self.end.saturating_add(count);
    }

    /// Takes this reader's virtual zeros away, returning how many it had, so that what is
    /// read next must be real bytes ([`extensible::decode_required`](crate::extensible::decode_required));
    /// [`restore_zeros`](Self::restore_zeros) gives them back.
    #[inline]
    pub(crate) fn withhold_zeros(&mut self) -> usize {
        core::mem::take(&mut self.zeros)
    }

    /// Gives back the virtual zeros that [`withhold_zeros`](Self::withhold_zeros) took.
    #[inline]
    pub(crate) fn restore_zeros(&mut self, zeros: usize) {
        self.zeros = zeros;
    }

    /// Reads a sequence length (spec §10) and checks it against `capacity` before any
    /// element is read.
    #[inline]
    pub fn read_len(&mut self, capacity: usize) -> Result<usize, Error> {
        let at = self.offset();
        let len = u32::from_le_bytes(self.read_array()?);
        match usize::try_from(len) {
            Ok(len) if len <= capacity => Ok(len),
            _ => Err(Error::new(ErrorKind::LengthOverCapacity, at)),
        }
    }

    /// A reader over the next `len` bytes, which this reader skips. Offsets stay absolute.
    #[inline]
    pub fn sub_reader(&mut self, len: usize) -> Result<Reader<'de>, Error> {
        let start = self.offset();
        let body = self.read_bytes(len)?;
        Ok(Reader {
            rest: body,
            end: start.saturating_add(len),
            zeros: 0,
            real_end: start.saturating_add(len),
        })
    }

    /// The body of an extensible struct of `len` bytes (spec §13), as a reader of its own
    /// that this reader skips: the real bytes, then, where this reader is itself a
    /// zero-extended body, the virtual zeros it has (a nested body may lie in them); the
    /// body then reads as zero-extended to `body_max` bytes. A `len` past what this reader
    /// has is [`ErrorKind::UnexpectedEnd`] where its real bytes end.
    #[inline]
    pub(crate) fn extensible_body(
        &mut self,
        len: usize,
        body_max: usize,
    ) -> Result<Reader<'de>, Error> {
        let start = self.offset();
        let (body, zeros) = self.read_bytes_or_zeros(len)?;
        Ok(Reader {
            rest: body,
            end: start.saturating_add(body.len()),
            zeros: zeros.max(body_max.saturating_sub(body.len())),
            // A body that starts in this reader's virtual zeros has no real bytes, which
            // ended where this reader's did.
            real_end: start.saturating_add(body.len()).min(self.real_end),
        })
    }

    /// Takes the next `len` real bytes as a reader of their own (offsets stay absolute),
    /// or `None`, consuming nothing, when fewer are left.
    #[inline]
    pub(crate) fn take_run(&mut self, len: usize) -> Option<Reader<'de>> {
        let (head, tail) = self.rest.split_at_checked(len)?;
        let start = self.offset();
        self.rest = tail;
        Some(Reader {
            rest: head,
            end: start.saturating_add(len),
            zeros: 0,
            real_end: start.saturating_add(len),
        })
    }

    /// Splits this reader's real bytes into readers over `len` bytes each (the last
    /// shorter, if `len` does not divide them), offsets absolute. For a run taken by
    /// [`take_run`](Self::take_run) whose length is a multiple of `len`, every piece has
    /// exactly `len` bytes and the compiler knows it.
    #[inline]
    pub(crate) fn split_exact(self, len: usize) -> impl Iterator<Item = Reader<'de>> {
        let start = self.offset();
        let len = len.max(1);
        // `enumerate` and `map` keep the slice iterators' random access, so a `zip` with
        // another slice iterator runs on one counter.
        self.rest
            .chunks_exact(len)
            .enumerate()
            .map(move |(i, chunk)| {
                // Piece `i` ends `(i + 1) * len` bytes into `rest`, which ends at `end`:
                // no wrap.
                let end = start.wrapping_add(i.wrapping_add(1).wrapping_mul(len));
                Reader {
                    rest: chunk,
                    end,
                    zeros: 0,
                    real_end: end,
                }
            })
    }

    /// Lets this reader yield virtual zero bytes until `total` bytes have been read in all.
    /// Used for the body of an extensible struct from an older sender (spec §13).
    #[inline]
    pub fn zero_extend_to(&mut self, total: usize) {
        self.zeros = total.saturating_sub(self.rest.len());
    }

    /// Succeeds when every real byte left is zero, consuming them; otherwise a
    /// [`ErrorKind::NonZeroTail`] error at the first non-zero byte (spec §13).
    #[inline]
    pub fn finish_zero_tail(&mut self) -> Result<(), Error> {
        match self.rest.iter().position(|&b| b != 0) {
            None => {
                self.rest = &[];
                Ok(())
            }
            Some(i) => Err(Error::new(
                ErrorKind::NonZeroTail,
                self.offset().saturating_add(i),
            )),
        }
    }

    /// Succeeds when no real byte is left; otherwise [`ErrorKind::TrailingBytes`].
    #[inline]
    pub fn finish(&self) -> Result<(), Error> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(self.error(ErrorKind::TrailingBytes))
        }
    }
}
