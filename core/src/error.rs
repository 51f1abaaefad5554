//! The one error type of encoding and decoding.

use core::fmt;

/// What went wrong. Each kind names the rule of the wire format that was broken
/// (see [`spec`](crate::spec)).
///
/// ```
/// use crosswire::ErrorKind;
///
/// match crosswire::from_bytes::<Option<u8>>(&[2, 0]) {
///     Err(e) if e.kind() == ErrorKind::InvalidTag => {}
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Encoding: the output buffer is too small. The offset is where the next byte would go.
    BufferFull,
    /// Decoding: the input ended early. The offset is where more bytes were needed.
    UnexpectedEnd,
    /// Decoding: the value was complete but bytes were left over (`from_bytes` only).
    TrailingBytes,
    /// Decoding: a `bool` byte other than `0` or `1` (spec §4).
    InvalidBool,
    /// Decoding: a `u32` that is not a Unicode scalar value (spec §5).
    InvalidChar,
    /// Decoding: an `Option`, `Result` or enum tag that names no variant (spec §8, §12).
    InvalidTag,
    /// Decoding: a sequence or string length above the type's capacity (spec §10).
    LengthOverCapacity,
    /// Decoding: string bytes that are not valid UTF-8 (spec §11). The offset is the first bad byte.
    InvalidUtf8,
    /// Decoding: an integer that does not fit the target type, such as a `usize` above
    /// `u32::MAX` on a 32-bit target (spec §3).
    IntegerOutOfRange,
    /// Decoding: zero where a `NonZero` integer was expected (spec §3).
    ZeroNonZero,
    /// Decoding: a `Duration` whose nanoseconds are `1_000_000_000` or more (spec §9).
    InvalidDuration,
    /// Decoding: an extensible struct from a newer sender whose unknown tail is not all zero
    /// (spec §13). The kernel reports this as `E2BIG`.
    NonZeroTail,
    /// Encoding: a value breaks its type's own invariant (for example a length above capacity
    /// in a type whose fields are public).
    InvalidValue,
    /// `crosswire::serde`: a serde `Serialize`/`Deserialize` impl reported its own error
    /// (`ser::Error::custom`, `de::Error::invalid_type`, ...). serde's message is dropped:
    /// keeping it would need an allocation ([`docs/serde.md`]).
    ///
    /// [`docs/serde.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/serde.md
    Custom,
    /// `crosswire::serde`: the value or request has no wire form, such as
    /// `deserialize_any`, identifiers by name, skipped fields, a variant index above 255,
    /// or a float without the `float` feature ([`docs/serde.md`]).
    ///
    /// [`docs/serde.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/serde.md
    Unsupported,
    /// Decoding, `crosswire::serde`: values nested deeper than `crosswire::serde::MAX_DEPTH`.
    /// The offset is where the level that went too deep starts.
    TooDeep,
}

impl ErrorKind {
    /// A short description, as used by `Display`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::BufferFull => "output buffer full",
            ErrorKind::UnexpectedEnd => "unexpected end of input",
            ErrorKind::TrailingBytes => "trailing bytes after the value",
            ErrorKind::InvalidBool => "invalid bool (not 0 or 1)",
            ErrorKind::InvalidChar => "invalid char (not a Unicode scalar value)",
            ErrorKind::InvalidTag => "invalid tag",
            ErrorKind::LengthOverCapacity => "length over capacity",
            ErrorKind::InvalidUtf8 => "invalid UTF-8",
            ErrorKind::IntegerOutOfRange => "integer out of range for the target type",
            ErrorKind::ZeroNonZero => "zero in a NonZero integer",
            ErrorKind::InvalidDuration => "invalid Duration (nanoseconds >= 1e9)",
            ErrorKind::NonZeroTail => "non-zero unknown tail in an extensible struct",
            ErrorKind::InvalidValue => "value breaks its type's invariant",
            ErrorKind::Custom => "error reported by a serde impl",
            ErrorKind::Unsupported => "not expressible in the wire format",
            ErrorKind::TooDeep => "values nested too deep",
        }
    }
}

/// An encoding or decoding error: what went wrong, and at which byte offset.
///
/// Small and `Copy` (16 bytes on 64-bit targets, pinned by a test), so that every
/// `Result` stays cheap to return.
///
/// ```
/// use crosswire::ErrorKind;
///
/// let e = crosswire::from_bytes::<(u8, char)>(&[7, 0, 0xD8, 0, 0]).unwrap_err();
/// assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidChar, 1));
/// assert!(e.to_string().ends_with("at byte offset 1"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Error {
    kind: ErrorKind,
    offset: usize,
}

impl Error {
    /// An error of `kind` at byte `offset`.
    #[inline]
    pub const fn new(kind: ErrorKind, offset: usize) -> Self {
        Error { kind, offset }
    }

    /// What went wrong.
    #[inline]
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The byte offset of the offending byte: into the input when decoding, into the output
    /// buffer when encoding. For a truncated input, the offset where more bytes were needed.
    #[inline]
    pub const fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte offset {}", self.kind.as_str(), self.offset)
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_small() {
        assert!(core::mem::size_of::<Error>() <= 16);
        assert_eq!(core::mem::size_of::<ErrorKind>(), 1);
    }

    #[test]
    fn display_names_kind_and_offset() {
        extern crate std;
        use std::string::ToString;
        let e = Error::new(ErrorKind::InvalidBool, 7);
        assert_eq!(e.to_string(), "invalid bool (not 0 or 1) at byte offset 7");
    }
}
