//! `struct nlmsghdr` and its constants (`include/uapi/linux/netlink.h`).
//!
//! ```text
//!  0               4       6       8               12              16
//! +---------------+-------+-------+---------------+---------------+
//! | nlmsg_len u32 | type  | flags | nlmsg_seq u32 | nlmsg_pid u32 |
//! +---------------+-------+-------+---------------+---------------+
//! ```
//!
//! Every field is in host byte order.

use core::ops::Range;

use super::{NlError, NlErrorKind};

/// Netlink's alignment of messages and attributes (`NLMSG_ALIGNTO`, `NLA_ALIGNTO`).
pub const ALIGNTO: usize = 4;
/// The size of `struct nlmsghdr` (`NLMSG_HDRLEN`).
pub const NLMSG_HDRLEN: usize = 16;

/// `len` rounded up to a multiple of 4 (`NLMSG_ALIGN`, `NLA_ALIGN`), `None` on overflow.
///
/// ```
/// use crosswire_kernel::netlink::align;
///
/// assert_eq!([align(0), align(1), align(4), align(5)], [Some(0), Some(4), Some(4), Some(8)]);
/// assert_eq!(align(usize::MAX), None);
/// ```
#[inline]
pub const fn align(len: usize) -> Option<usize> {
    match len.checked_add(ALIGNTO - 1) {
        Some(n) => Some(n & !(ALIGNTO - 1)),
        None => None,
    }
}

/// Message type: nothing, to be ignored.
pub const NLMSG_NOOP: u16 = 1;
/// Message type: an error or an acknowledgement (`struct nlmsgerr`).
pub const NLMSG_ERROR: u16 = 2;
/// Message type: the end of a multi-part message (a dump).
pub const NLMSG_DONE: u16 = 3;
/// Message type: data lost.
pub const NLMSG_OVERRUN: u16 = 4;
/// The first message type a family may use; below are the control types above.
pub const NLMSG_MIN_TYPE: u16 = 0x10;

/// Flag: a request.
pub const NLM_F_REQUEST: u16 = 0x01;
/// Flag: part of a multi-part message, ended by `NLMSG_DONE`.
pub const NLM_F_MULTI: u16 = 0x02;
/// Flag: reply with an acknowledgement.
pub const NLM_F_ACK: u16 = 0x04;
/// Flag: echo this request.
pub const NLM_F_ECHO: u16 = 0x08;
/// Flag: the dump was inconsistent because the data changed during it.
pub const NLM_F_DUMP_INTR: u16 = 0x10;
/// Flag: the dump was filtered as requested.
pub const NLM_F_DUMP_FILTERED: u16 = 0x20;
/// GET flag: return the whole table.
pub const NLM_F_ROOT: u16 = 0x100;
/// GET flag: return all matching entries.
pub const NLM_F_MATCH: u16 = 0x200;
/// GET flag: atomic get.
pub const NLM_F_ATOMIC: u16 = 0x400;
/// GET flag: a dump (`NLM_F_ROOT | NLM_F_MATCH`).
pub const NLM_F_DUMP: u16 = NLM_F_ROOT | NLM_F_MATCH;
/// NEW flag: replace an existing object.
pub const NLM_F_REPLACE: u16 = 0x100;
/// NEW flag: fail if the object exists.
pub const NLM_F_EXCL: u16 = 0x200;
/// NEW flag: create if it does not exist.
pub const NLM_F_CREATE: u16 = 0x400;
/// NEW flag: add to the end of the list.
pub const NLM_F_APPEND: u16 = 0x800;
/// ACK flag: the echoed request is only its header (`NETLINK_CAP_ACK`).
pub const NLM_F_CAPPED: u16 = 0x100;
/// ACK flag: extended-ack attributes follow.
pub const NLM_F_ACK_TLVS: u16 = 0x200;

/// `struct nlmsghdr`, the 16-byte header of every netlink message.
///
/// ```
/// use crosswire_kernel::netlink::{NlMsgHdr, NLM_F_REQUEST};
///
/// let hdr = NlMsgHdr { len: 20, ty: 0x10, flags: NLM_F_REQUEST, seq: 1, pid: 0 };
/// let bytes = hdr.to_bytes();
/// assert_eq!(NlMsgHdr::from_prefix(&bytes), Some(hdr));
/// assert_eq!(NlMsgHdr::from_prefix(&bytes[..15]), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct NlMsgHdr {
    /// `nlmsg_len`: the message length including this header.
    pub len: u32,
    /// `nlmsg_type`: a control type (`NLMSG_*`) or the family's (a genl family id).
    pub ty: u16,
    /// `nlmsg_flags`: `NLM_F_*`.
    pub flags: u16,
    /// `nlmsg_seq`: the sequence number, echoed by the kernel in replies.
    pub seq: u32,
    /// `nlmsg_pid`: the sending socket's port id (0 for the kernel).
    pub pid: u32,
}

impl NlMsgHdr {
    /// Byte range of `nlmsg_len`.
    pub const LEN: Range<usize> = 0..4;
    /// Byte range of `nlmsg_type`.
    pub const TYPE: Range<usize> = 4..6;
    /// Byte range of `nlmsg_flags`.
    pub const FLAGS: Range<usize> = 6..8;
    /// Byte range of `nlmsg_seq`.
    pub const SEQ: Range<usize> = 8..12;
    /// Byte range of `nlmsg_pid`.
    pub const PID: Range<usize> = 12..16;

    /// Reads a header from the first 16 bytes of `bytes` (host order). The length field
    /// is not checked here; [`Messages`](super::Messages) checks it against the buffer.
    #[inline]
    pub fn from_prefix(bytes: &[u8]) -> Option<NlMsgHdr> {
        let (h, _) = bytes.split_first_chunk::<NLMSG_HDRLEN>()?;
        Some(NlMsgHdr::from_array(h))
    }

    /// Reads a header from exactly 16 bytes.
    #[inline]
    pub fn from_array(h: &[u8; NLMSG_HDRLEN]) -> NlMsgHdr {
        let [l0, l1, l2, l3, t0, t1, f0, f1, s0, s1, s2, s3, p0, p1, p2, p3] = *h;
        NlMsgHdr {
            len: u32::from_ne_bytes([l0, l1, l2, l3]),
            ty: u16::from_ne_bytes([t0, t1]),
            flags: u16::from_ne_bytes([f0, f1]),
            seq: u32::from_ne_bytes([s0, s1, s2, s3]),
            pid: u32::from_ne_bytes([p0, p1, p2, p3]),
        }
    }

    /// The 16 bytes of this header, in host order.
    #[inline]
    pub fn to_bytes(&self) -> [u8; NLMSG_HDRLEN] {
        let [l0, l1, l2, l3] = self.len.to_ne_bytes();
        let [t0, t1] = self.ty.to_ne_bytes();
        let [f0, f1] = self.flags.to_ne_bytes();
        let [s0, s1, s2, s3] = self.seq.to_ne_bytes();
        let [p0, p1, p2, p3] = self.pid.to_ne_bytes();
        [
            l0, l1, l2, l3, t0, t1, f0, f1, s0, s1, s2, s3, p0, p1, p2, p3,
        ]
    }

    /// Whether every bit of `flag` is set.
    #[inline]
    pub const fn has(&self, flag: u16) -> bool {
        self.flags & flag == flag
    }
}

/// Reads a fixed-size family header (`genlmsghdr`, `ifinfomsg`, ...) of `N` bytes from the
/// front of a message payload, returning it and the attributes after its padding.
///
/// `offset` is the payload's offset in the receive buffer, for the error.
pub fn split_family_header<const N: usize>(
    payload: &[u8],
    offset: usize,
) -> Result<(&[u8; N], &[u8]), NlError> {
    let truncated = NlError::new(NlErrorKind::Truncated, offset);
    let (head, _) = payload.split_first_chunk::<N>().ok_or(truncated)?;
    let skip = align(N).ok_or(truncated)?;
    // A header whose padding is missing at the very end leaves no attributes.
    let rest = payload.get(skip..).unwrap_or(&[]);
    Ok((head, rest))
}
