//! rtnetlink (`NETLINK_ROUTE`): the fixed family headers `struct ifinfomsg` and
//! `struct ifaddrmsg` (`include/uapi/linux/rtnetlink.h`, `if_addr.h`), the message types
//! for links and addresses, and the messages built from a header and a derived
//! attribute set.

use super::{
    header::align, AttrIter, CLayout, Message, Mode, NlError, NlErrorKind, NlWriter, NlaSet,
};

/// Create a link (or the kernel's reply/notification about one).
pub const RTM_NEWLINK: u16 = 16;
/// A link was removed.
pub const RTM_DELLINK: u16 = 17;
/// Get a link, or dump all with `NLM_F_DUMP`.
pub const RTM_GETLINK: u16 = 18;
/// Add an address (or the kernel's reply about one).
pub const RTM_NEWADDR: u16 = 20;
/// An address was removed.
pub const RTM_DELADDR: u16 = 21;
/// Get addresses (a dump).
pub const RTM_GETADDR: u16 = 22;
/// `AF_UNSPEC`: every address family.
pub const AF_UNSPEC: u8 = 0;
/// `AF_INET`.
pub const AF_INET: u8 = 2;
/// `AF_INET6`.
pub const AF_INET6: u8 = 10;
/// Multicast group of link notifications (`RTNLGRP_LINK`).
pub const RTNLGRP_LINK: u32 = 1;
/// Multicast group of IPv4 address notifications (`RTNLGRP_IPV4_IFADDR`).
pub const RTNLGRP_IPV4_IFADDR: u32 = 5;
/// Multicast group of IPv6 address notifications (`RTNLGRP_IPV6_IFADDR`).
pub const RTNLGRP_IPV6_IFADDR: u32 = 9;

/// `struct ifinfomsg`, the header of link messages (16 bytes).
///
/// ```text
///  0        1     2          4             8            12            16
/// +--------+-----+----------+-------------+------------+-------------+
/// | family | pad | type u16 | index i32   | flags u32  | change u32  |
/// +--------+-----+----------+-------------+------------+-------------+
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IfInfoMsg {
    /// `ifi_family`: `AF_UNSPEC` for links.
    pub family: u8,
    /// `ifi_type`: the `ARPHRD_*` device type.
    pub ty: u16,
    /// `ifi_index`: the interface index.
    pub index: i32,
    /// `ifi_flags`: `IFF_*`.
    pub flags: u32,
    /// `ifi_change`: which flags a request changes.
    pub change: u32,
}

impl CLayout for IfInfoMsg {
    const SIZE: usize = 16;

    fn read_prefix(b: &[u8]) -> Option<Self> {
        let (&[family, _, t0, t1, i0, i1, i2, i3, f0, f1, f2, f3, c0, c1, c2, c3], _) =
            b.split_first_chunk::<16>()?;
        Some(IfInfoMsg {
            family,
            ty: u16::from_ne_bytes([t0, t1]),
            index: i32::from_ne_bytes([i0, i1, i2, i3]),
            flags: u32::from_ne_bytes([f0, f1, f2, f3]),
            change: u32::from_ne_bytes([c0, c1, c2, c3]),
        })
    }

    fn write_to(&self, out: &mut [u8]) {
        let [t0, t1] = self.ty.to_ne_bytes();
        let [i0, i1, i2, i3] = self.index.to_ne_bytes();
        let [f0, f1, f2, f3] = self.flags.to_ne_bytes();
        let [c0, c1, c2, c3] = self.change.to_ne_bytes();
        let bytes = [
            self.family,
            0,
            t0,
            t1,
            i0,
            i1,
            i2,
            i3,
            f0,
            f1,
            f2,
            f3,
            c0,
            c1,
            c2,
            c3,
        ];
        if let Some(dst) = out.get_mut(..16) {
            dst.copy_from_slice(&bytes);
        }
    }
}

/// `struct ifaddrmsg`, the header of address messages (8 bytes).
///
/// ```text
///  0        1           2       3       4             8
/// +--------+-----------+-------+-------+-------------+
/// | family | prefixlen | flags | scope | index u32   |
/// +--------+-----------+-------+-------+-------------+
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IfAddrMsg {
    /// `ifa_family`: `AF_INET` or `AF_INET6`.
    pub family: u8,
    /// `ifa_prefixlen`.
    pub prefixlen: u8,
    /// `ifa_flags` (the low 8 bits; `IFA_FLAGS` has all 32).
    pub flags: u8,
    /// `ifa_scope`: `RT_SCOPE_*`.
    pub scope: u8,
    /// `ifa_index`: the interface index.
    pub index: u32,
}

impl CLayout for IfAddrMsg {
    const SIZE: usize = 8;

    fn read_prefix(b: &[u8]) -> Option<Self> {
        let (&[family, prefixlen, flags, scope, i0, i1, i2, i3], _) = b.split_first_chunk::<8>()?;
        Some(IfAddrMsg {
            family,
            prefixlen,
            flags,
            scope,
            index: u32::from_ne_bytes([i0, i1, i2, i3]),
        })
    }

    fn write_to(&self, out: &mut [u8]) {
        let [i0, i1, i2, i3] = self.index.to_ne_bytes();
        let bytes = [
            self.family,
            self.prefixlen,
            self.flags,
            self.scope,
            i0,
            i1,
            i2,
            i3,
        ];
        if let Some(dst) = out.get_mut(..8) {
            dst.copy_from_slice(&bytes);
        }
    }
}

/// Writes a message of type `ty`: the family header `header`, then `attrs`.
pub fn put_message<'a, H: CLayout, S: NlaSet<'a>>(
    w: &mut NlWriter<'_>,
    ty: u16,
    flags: u16,
    seq: u32,
    header: &H,
    attrs: &S,
) -> Result<u32, NlError> {
    let start = w.begin_message(ty, flags, seq, 0)?;
    w.put_bytes_with(H::SIZE, |out| header.write_to(out))?;
    attrs.put_attrs(w)?;
    w.end_message(start)
}

/// Splits a message into its family header `H` (read as a prefix: a longer header from a
/// newer kernel is accepted) and the attributes after it.
#[inline]
pub fn split_header<'a, H: CLayout>(
    msg: &Message<'a>,
    mode: Mode,
) -> Result<(H, AttrIter<'a>), NlError> {
    let at = msg.payload_offset();
    let payload = msg.payload();
    let truncated = NlError::new(NlErrorKind::Truncated, at);
    if payload.len() < H::SIZE {
        return Err(truncated);
    }
    let header = H::read_prefix(payload).ok_or(truncated)?;
    let skip = align(H::SIZE).ok_or(truncated)?;
    let attrs = payload.get(skip..).unwrap_or(&[]);
    Ok((header, AttrIter::at(attrs, at.saturating_add(skip), mode)))
}

/// Reads a message: its family header `H`, and `S` from its attributes in `mode`, with the
/// number of unknown attributes skipped.
///
/// `ip link show lo`, by index, on the host's rtnetlink (no privilege needed):
///
/// ```
/// use crosswire::BoundedString;
/// use crosswire_kernel::netlink::{route::{self, IfInfoMsg, RTM_GETLINK}, socket::{NlSocket, DEFAULT_BUFFER}, Mode, NlWriter, NlaSet, NLM_F_ACK, NLM_F_REQUEST};
///
/// #[derive(NlaSet)]
/// struct NoAttrs {}
///
/// #[derive(NlaSet)]
/// struct LinkName {
///     #[nla(id = 3)] // IFLA_IFNAME
///     name: BoundedString<16>,
/// }
///
/// let mut sock = NlSocket::route()?;
/// let mut req = [0u8; 64];
/// let mut w = NlWriter::new(&mut req);
/// let seq = sock.next_seq();
/// let header = IfInfoMsg { index: 1, ..IfInfoMsg::default() }; // LOOPBACK_IFINDEX
/// route::put_message(&mut w, RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, seq, &header, &NoAttrs {})?;
/// let mut buf = vec![0u8; DEFAULT_BUFFER];
/// let mut name = None;
/// sock.request(w.as_bytes(), &mut buf, |msg| {
///     let (info, link, _unknown) = route::read_message::<IfInfoMsg, LinkName>(&msg, Mode::Liberal)?;
///     name = Some((info.index, link.name));
///     Ok(())
/// })?;
/// let (index, name) = name.unwrap();
/// assert_eq!((index, name.as_str()), (1, "lo"));
/// # Ok::<(), crosswire_kernel::netlink::socket::SocketError>(())
/// ```
#[inline]
pub fn read_message<'a, H: CLayout, S: NlaSet<'a>>(
    msg: &Message<'a>,
    mode: Mode,
) -> Result<(H, S, u32), NlError> {
    let (header, attrs) = split_header::<H>(msg, mode)?;
    let mut unknown = 0;
    let value = S::decode_attrs(attrs, &mut unknown)?;
    Ok((header, value, unknown))
}
