//! [`NlError`]: what went wrong in netlink framing or attribute mapping, and where.

use core::fmt;

use crate::Errno;

/// What went wrong, with the data needed to report it. Small and `Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NlErrorKind {
    /// The output buffer has no room for what was being written.
    BufferFull,
    /// An attribute payload longer than `nla_len` (a `u16`) can describe, or a message
    /// longer than `nlmsg_len` can.
    TooLong,
    /// The input ends inside a fixed-size header (`nlmsghdr`, `nlattr`, `genlmsghdr`, a
    /// family header).
    Truncated,
    /// `nlmsg_len` below 16 or past the end of the buffer.
    BadMessageLength,
    /// `nla_len` below 4 or past the end of its enclosing payload.
    BadAttributeLength,
    /// Bytes after the last message or attribute that are not a whole one (strict mode for
    /// attributes; always for messages).
    TrailingData,
    /// An `NLMSG_ERROR` payload shorter than `struct nlmsgerr` (20 bytes), or an
    /// `NLMSG_DONE` payload of 1 to 3 bytes.
    ControlPayloadTooShort,
    /// The request echoed in an `NLMSG_ERROR` has an `nlmsg_len` that does not fit.
    BadEchoedRequest,
    /// An attribute's payload has the wrong size for its type.
    BadPayloadSize {
        /// The attribute type.
        id: u16,
    },
    /// A string attribute that is not UTF-8, too long for its bounded type, or (strict)
    /// not NUL-terminated.
    BadString {
        /// The attribute type.
        id: u16,
    },
    /// A required attribute is absent.
    MissingAttribute {
        /// The attribute type that was expected.
        id: u16,
    },
    /// (Strict mode) an attribute type the receiving type does not know, including type 0.
    UnknownAttribute {
        /// The attribute type found.
        id: u16,
    },
    /// (Strict mode) a nest without `NLA_F_NESTED`.
    MissingNestedFlag {
        /// The attribute type.
        id: u16,
    },
    /// More repeated attributes than the bounded sequence holds.
    TooManyItems {
        /// The attribute type.
        id: u16,
    },
    /// A value that does not fit the field (an enum value, a flag with a payload, a
    /// crosswire message that does not decode).
    BadValue {
        /// The attribute type.
        id: u16,
    },
    /// A datagram larger than the receive buffer (`MSG_TRUNC`).
    DatagramTruncated {
        /// The buffer size the datagram needs.
        needed: usize,
    },
    /// A nest closed out of order, or a message end without its start.
    UnbalancedNest,
}

/// A netlink error: its [`NlErrorKind`] and the byte offset in the buffer being read or
/// written where it was found.
///
/// Offsets count from the start of the buffer handed to the reader (for a receive buffer:
/// the first message's `nlmsghdr`).
///
/// ```
/// use crosswire_kernel::netlink::{Messages, NlErrorKind};
///
/// // A header whose nlmsg_len (8) is below the header's own 16 bytes.
/// let bytes = [8, 0, 0, 0, 0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
/// let e = Messages::new(&bytes).next().unwrap().unwrap_err();
/// assert_eq!((e.kind(), e.offset()), (NlErrorKind::BadMessageLength, 0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NlError {
    kind: NlErrorKind,
    offset: usize,
}

impl NlError {
    /// An error of `kind` at `offset`.
    #[inline]
    pub const fn new(kind: NlErrorKind, offset: usize) -> Self {
        NlError { kind, offset }
    }

    /// What went wrong.
    #[inline]
    pub const fn kind(self) -> NlErrorKind {
        self.kind
    }

    /// The byte offset where it went wrong.
    #[inline]
    pub const fn offset(self) -> usize {
        self.offset
    }

    /// The errno the kernel would answer: `EMSGSIZE` for lack of room or length, `EINVAL`
    /// for everything else.
    #[inline]
    pub const fn errno(self) -> Errno {
        match self.kind {
            NlErrorKind::BufferFull | NlErrorKind::TooLong => Errno::EMSGSIZE,
            NlErrorKind::DatagramTruncated { .. } => Errno::EMSGSIZE,
            _ => Errno::EINVAL,
        }
    }
}

impl From<NlError> for Errno {
    #[inline]
    fn from(e: NlError) -> Errno {
        e.errno()
    }
}

impl fmt::Display for NlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "netlink: {:?} at byte {}", self.kind, self.offset)
    }
}

impl core::error::Error for NlError {}
