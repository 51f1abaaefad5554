//! Length-delimited messages over `std::io` streams (feature `std`): sockets, pipes,
//! files. Each frame is a `u32` little-endian length, then that many bytes of one encoded
//! message: the frame of a bounded byte sequence (spec §10.2) around the message. The
//! reader checks the length against its bound before it allocates or reads a byte of the
//! body, and grows its buffer only as the body's bytes arrive: a peer cannot make it
//! allocate more than the bound, nor much more than it sent.
//!
//! ```
//! use crosswire::{io::MessageReader, BoundedStr, Decode, Encode, MaxSize};
//!
//! #[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
//! struct Hello<'a> {
//!     version: u16,
//!     name: BoundedStr<'a, 16>,
//! }
//!
//! let (mut tx, rx) = std::os::unix::net::UnixStream::pair()?;
//! crosswire::io::write_message(&mut tx, &Hello { version: 1, name: BoundedStr::new("a")? })?;
//! crosswire::io::write_message(&mut tx, &Hello { version: 2, name: BoundedStr::new("b")? })?;
//! drop(tx);
//!
//! let mut rx = MessageReader::for_type::<Hello<'_>>(rx); // bound: Hello::MAX_SIZE
//! while let Some(hello) = rx.read::<Hello<'_>>()? {
//!     assert!(hello.version <= 2); // `name` borrows from the reader's buffer
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::{
    fmt,
    io::{self, Read},
    vec::Vec,
};

use crate::{Decode, Encode, Error, MaxSize};

/// `value` encoded into a new `Vec` of exactly [`encoded_len`](crate::encoded_len) bytes.
///
/// ```
/// assert_eq!(crosswire::io::to_vec(&0x0102u16)?, [2, 1]);
/// # Ok::<(), crosswire::Error>(())
/// ```
pub fn to_vec<T: Encode + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = std::vec![0u8; value.encoded_len()];
    let len = crate::to_slice(value, &mut out)?.len();
    out.truncate(len);
    Ok(out)
}

/// Writes one frame, the `u32` length and the encoded `value`, with one `write_all`.
///
/// An encoding error (a hand-written impl rejecting its value, or a message longer than
/// `u32::MAX`) is `io::ErrorKind::InvalidData` carrying the crosswire [`Error`], and
/// nothing is written.
///
/// ```
/// let mut stream = Vec::new();
/// crosswire::io::write_message(&mut stream, &0x0102u16)?;
/// assert_eq!(stream, [2, 0, 0, 0, 2, 1]);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_message<W: io::Write + ?Sized, T: Encode + ?Sized>(
    w: &mut W,
    value: &T,
) -> io::Result<()> {
    let len = value.encoded_len();
    let mut frame = std::vec![0u8; len.saturating_add(4)];
    let (head, body) = frame.split_at_mut(4);
    let written = crate::to_slice(value, body).map_err(invalid_data)?.len();
    let prefix = u32::try_from(written)
        .map_err(|_| invalid_data(Error::new(crate::ErrorKind::LengthOverCapacity, 0)))?;
    head.copy_from_slice(&prefix.to_le_bytes());
    frame.truncate(written.saturating_add(4));
    w.write_all(&frame)
}

fn invalid_data(e: Error) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

/// Reads frames from a stream into one reusable buffer of at most `limit` bytes, and
/// decodes each: the receiving end of [`write_message`].
///
/// ```
/// use crosswire::io::{write_message, MessageReader, ReadError};
///
/// let mut stream = Vec::new();
/// write_message(&mut stream, &(7u32, true))?;
/// write_message(&mut stream, &[0u8; 64])?;
/// let mut reader = MessageReader::new(&stream[..], 16);
/// assert_eq!(reader.read::<(u32, bool)>()?, Some((7, true)));
/// assert!(matches!(reader.read::<[u8; 64]>(), Err(ReadError::TooLong { len: 64, limit: 16 })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct MessageReader<R> {
    inner: R,
    buf: Vec<u8>,
    limit: usize,
}

impl<R: Read> MessageReader<R> {
    /// A reader of frames of at most `limit` bytes. A longer frame is
    /// [`ReadError::TooLong`], reported before anything is allocated for it.
    pub fn new(inner: R, limit: usize) -> Self {
        MessageReader {
            inner,
            buf: Vec::new(),
            limit,
        }
    }

    /// A reader bounded by `T::MAX_SIZE`: every valid `T` fits, nothing longer is read.
    pub fn for_type<T: MaxSize + ?Sized>(inner: R) -> Self {
        Self::new(inner, T::MAX_SIZE)
    }

    /// The bound on a frame's length, in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Gives back the stream.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// Reads the next frame and decodes it as a `T` that must span the whole frame (as
    /// [`from_bytes`](crate::from_bytes)); `T` may borrow from the reader's buffer until
    /// the next call. `Ok(None)` at the end of the stream between frames; the stream
    /// ending inside a frame is an `io::ErrorKind::UnexpectedEof` error.
    ///
    /// ```
    /// use crosswire::{io::{write_message, MessageReader}, BoundedStr};
    ///
    /// let mut stream = Vec::new();
    /// write_message(&mut stream, &BoundedStr::<8>::new("hi")?)?;
    /// let mut reader = MessageReader::for_type::<BoundedStr<'_, 8>>(&stream[..]);
    /// let hi = reader.read::<BoundedStr<'_, 8>>()?.unwrap(); // borrows the reader's buffer
    /// assert_eq!(hi.get(), "hi");
    /// assert!(reader.read::<BoundedStr<'_, 8>>()?.is_none()); // the stream ended between frames
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read<'a, T: Decode<'a>>(&'a mut self) -> Result<Option<T>, ReadError> {
        if !self.read_frame()? {
            return Ok(None);
        }
        crate::from_bytes(&self.buf)
            .map(Some)
            .map_err(ReadError::Decode)
    }

    /// Reads the next frame into the buffer; `false` at the end of the stream.
    fn read_frame(&mut self) -> Result<bool, ReadError> {
        let mut head = [0u8; 4];
        let mut got = 0;
        while let Some(rest) = head.get_mut(got..).filter(|rest| !rest.is_empty()) {
            match self.inner.read(rest) {
                Ok(0) if got == 0 => return Ok(false),
                Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into()),
                Ok(n) => got = got.saturating_add(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
        let len = u32::from_le_bytes(head);
        let len = usize::try_from(len)
            .ok()
            .filter(|&len| len <= self.limit)
            .ok_or(ReadError::TooLong {
                len,
                limit: self.limit,
            })?;
        // Grown as the bytes arrive (`read_to_end`), not to the announced length up front:
        // a peer that announces the bound and sends less costs what it sent.
        self.buf.clear();
        let want = u64::try_from(len).unwrap_or(u64::MAX);
        let got = Read::take(&mut self.inner, want).read_to_end(&mut self.buf)?;
        if got < len {
            return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into());
        }
        Ok(true)
    }
}

/// Why [`MessageReader::read`] failed.
///
/// ```
/// use crosswire::io::{MessageReader, ReadError};
///
/// // A frame of 1 byte, 2: not a bool.
/// let stream = [1, 0, 0, 0, 2];
/// let mut reader = MessageReader::for_type::<bool>(&stream[..]);
/// match reader.read::<bool>() {
///     Err(ReadError::Decode(e)) => assert_eq!(e.kind(), crosswire::ErrorKind::InvalidBool),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// The stream failed, or ended inside a frame (`UnexpectedEof`).
    Io(io::Error),
    /// A frame announced `len` bytes, more than the reader's `limit`. Nothing of it was
    /// read or allocated; the stream is now in the middle of that frame.
    TooLong {
        /// The announced length.
        len: u32,
        /// The reader's bound.
        limit: usize,
    },
    /// The frame's bytes are not a valid message: what and where, counted from the start
    /// of the message (after the length).
    Decode(Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "reading a crosswire frame: {e}"),
            ReadError::TooLong { len, limit } => write!(
                f,
                "crosswire frame of {len} bytes is over the limit of {limit} bytes"
            ),
            ReadError::Decode(e) => write!(f, "decoding a crosswire frame: {e}"),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io(e) => Some(e),
            ReadError::Decode(e) => Some(e),
            ReadError::TooLong { .. } => None,
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}
