//! Generic netlink: `struct genlmsghdr` and the `nlctrl` family's constants
//! (`include/uapi/linux/genetlink.h`).
//!
//! ```text
//!  0     1         2              4
//! +-----+---------+--------------+
//! | cmd | version | reserved u16 |
//! +-----+---------+--------------+
//! ```

use crosswire::{BoundedString, BoundedVec};

use super::{
    header::{NLMSG_HDRLEN, NLM_F_ACK, NLM_F_REQUEST},
    Attr, Message, Mode, NlError, NlErrorKind, NlWriter, NlaSet,
};

/// The size of `struct genlmsghdr` (`GENL_HDRLEN`).
pub const GENL_HDRLEN: usize = 4;
/// The longest family name, NUL included (`GENL_NAMSIZ`).
pub const GENL_NAMSIZ: usize = 16;
/// The fixed family id of `nlctrl` (`GENL_ID_CTRL`).
pub const GENL_ID_CTRL: u16 = 0x10;

/// `nlctrl` command: get one family (do) or all (dump).
pub const CTRL_CMD_GETFAMILY: u8 = 3;
/// `nlctrl` command: get policies.
pub const CTRL_CMD_GETPOLICY: u8 = 10;
/// `nlctrl` attribute: `u16` family id.
pub const CTRL_ATTR_FAMILY_ID: u16 = 1;
/// `nlctrl` attribute: string family name.
pub const CTRL_ATTR_FAMILY_NAME: u16 = 2;
/// `nlctrl` attribute: `u32` version.
pub const CTRL_ATTR_VERSION: u16 = 3;
/// `nlctrl` attribute: `u32` user header size.
pub const CTRL_ATTR_HDRSIZE: u16 = 4;
/// `nlctrl` attribute: `u32` largest attribute type.
pub const CTRL_ATTR_MAXATTR: u16 = 5;
/// `nlctrl` attribute: indexed array of operations.
pub const CTRL_ATTR_OPS: u16 = 6;
/// `nlctrl` attribute: indexed array of multicast groups.
pub const CTRL_ATTR_MCAST_GROUPS: u16 = 7;
/// Operation attribute: `u32` command.
pub const CTRL_ATTR_OP_ID: u16 = 1;
/// Operation attribute: `u32` `GENL_*` flags.
pub const CTRL_ATTR_OP_FLAGS: u16 = 2;
/// Multicast group attribute: string name.
pub const CTRL_ATTR_MCAST_GRP_NAME: u16 = 1;
/// Multicast group attribute: `u32` id.
pub const CTRL_ATTR_MCAST_GRP_ID: u16 = 2;

/// `struct genlmsghdr`: the command and its version.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct GenlMsgHdr {
    /// The family's command.
    pub cmd: u8,
    /// The command's version.
    pub version: u8,
    /// Reserved, 0 when sent.
    pub reserved: u16,
}

impl GenlMsgHdr {
    /// Reads the header from its 4 bytes (host order).
    #[inline]
    pub fn from_array(b: &[u8; GENL_HDRLEN]) -> Self {
        let [cmd, version, r0, r1] = *b;
        GenlMsgHdr {
            cmd,
            version,
            reserved: u16::from_ne_bytes([r0, r1]),
        }
    }

    /// The header's 4 bytes.
    #[inline]
    pub fn to_bytes(&self) -> [u8; GENL_HDRLEN] {
        let [r0, r1] = self.reserved.to_ne_bytes();
        [self.cmd, self.version, r0, r1]
    }
}

/// Writes an `nlctrl` `CTRL_CMD_GETFAMILY` request for family `name` into `buf`
/// (`NLM_F_REQUEST | NLM_F_ACK`, version 2, as the kernel documentation's example), and
/// returns the message.
///
/// ```
/// use crosswire_kernel::netlink::{genl, Messages};
///
/// let mut buf = [0u8; 64];
/// let req = genl::getfamily_request(&mut buf, 7, "nlctrl")?;
/// let msg = Messages::new(req).next().unwrap()?;
/// assert_eq!((msg.header().ty, msg.header().seq), (genl::GENL_ID_CTRL, 7));
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
pub fn getfamily_request<'b>(
    buf: &'b mut [u8],
    seq: u32,
    name: &str,
) -> Result<&'b mut [u8], NlError> {
    let mut w = NlWriter::new(buf);
    let msg = w.begin_message(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, seq, 0)?;
    w.put_bytes(
        &GenlMsgHdr {
            cmd: CTRL_CMD_GETFAMILY,
            version: 2,
            reserved: 0,
        }
        .to_bytes(),
    )?;
    w.put_str(CTRL_ATTR_FAMILY_NAME, name)?;
    w.end_message(msg)?;
    Ok(w.finish())
}

/// A generic netlink message type: its family, command and version, with its attributes
/// (`#[nla(family = "...", version = N, cmd = N)]` on a derived [`NlaSet`]).
///
/// ```
/// use crosswire::BoundedString;
/// use crosswire_kernel::netlink::{genl::{self, GenlMessage}, Messages, Mode, NlWriter, NlaSet, NLM_F_REQUEST};
///
/// /// `CTRL_CMD_GETFAMILY` by name, as `genl ctrl get name NAME` sends it.
/// #[derive(Debug, PartialEq, NlaSet)]
/// #[nla(family = "nlctrl", version = 2, cmd = 3)]
/// struct GetFamily {
///     #[nla(id = 2)]
///     name: BoundedString<16>,
/// }
///
/// let req = GetFamily { name: "nlctrl".try_into().unwrap() };
/// let mut buf = [0u8; GetFamily::MAX_MESSAGE_LEN];
/// let mut w = NlWriter::new(&mut buf);
/// genl::put_message(&mut w, &req, genl::GENL_ID_CTRL, NLM_F_REQUEST, 1)?;
///
/// let msg = Messages::new(w.as_bytes()).next().unwrap()?;
/// let (hdr, back, unknown) = genl::read_message::<GetFamily>(&msg, Mode::Strict)?;
/// assert_eq!((hdr.cmd, hdr.version, unknown), (GetFamily::CMD, 2, 0));
/// assert_eq!(back, req);
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
pub trait GenlMessage<'a>: NlaSet<'a> {
    /// The family name, as `nlctrl` knows it.
    const FAMILY: &'static str;
    /// The command's version (`genlmsghdr.version`).
    const VERSION: u8;
    /// The command (`genlmsghdr.cmd`).
    const CMD: u8;
    /// The largest message of this type, headers included: a request buffer of this size
    /// always has room.
    const MAX_MESSAGE_LEN: usize = NLMSG_HDRLEN
        .saturating_add(GENL_HDRLEN)
        .saturating_add(Self::MAX_LEN);

    /// The `genlmsghdr` of this message.
    #[inline]
    fn genl_header() -> GenlMsgHdr {
        GenlMsgHdr {
            cmd: Self::CMD,
            version: Self::VERSION,
            reserved: 0,
        }
    }
}

/// Writes `msg` as a complete generic netlink message for family id `family` into `w`
/// (header, `genlmsghdr`, attributes); returns its length.
pub fn put_message<'a, M: GenlMessage<'a>>(
    w: &mut NlWriter<'_>,
    msg: &M,
    family: u16,
    flags: u16,
    seq: u32,
) -> Result<u32, NlError> {
    let start = w.begin_message(family, flags, seq, 0)?;
    w.put_bytes(&M::genl_header().to_bytes())?;
    msg.put_attrs(w)?;
    w.end_message(start)
}

/// Reads a generic netlink message: its `genlmsghdr` and `M` from its attributes, in
/// `mode`. Returns the header, the value and the number of unknown attributes skipped.
pub fn read_message<'a, M: NlaSet<'a>>(
    msg: &Message<'a>,
    mode: Mode,
) -> Result<(GenlMsgHdr, M, u32), NlError> {
    let (head, attrs) = msg.split_header::<GENL_HDRLEN>(mode)?;
    let mut unknown = 0;
    let value = M::decode_attrs(attrs, &mut unknown)?;
    Ok((GenlMsgHdr::from_array(head), value, unknown))
}

/// A multicast group of a generic netlink family.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct McastGroup {
    /// The group's name.
    pub name: BoundedString<GENL_NAMSIZ>,
    /// The id to join with `NETLINK_ADD_MEMBERSHIP`.
    pub id: u32,
}

/// What `nlctrl` says about a family: enough to talk to it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Family {
    /// The family id: the `nlmsg_type` of its messages.
    pub id: u16,
    /// The family name.
    pub name: BoundedString<GENL_NAMSIZ>,
    /// The family's version.
    pub version: u32,
    /// The largest attribute type it knows.
    pub maxattr: u32,
    /// Its multicast groups (at most 32 are kept).
    pub groups: BoundedVec<McastGroup, 32>,
}

impl Family {
    /// Reads a `CTRL_CMD_NEWFAMILY` message (the reply to `CTRL_CMD_GETFAMILY`), liberally.
    pub fn from_message(msg: &Message<'_>) -> Result<Self, NlError> {
        let (_, attrs) = msg.split_header::<GENL_HDRLEN>(Mode::Liberal)?;
        let at = attrs.offset();
        let mut family = Family::default();
        let (mut has_id, mut has_name) = (false, false);
        for attr in attrs {
            let attr = attr?;
            match attr.ty() {
                CTRL_ATTR_FAMILY_ID => {
                    family.id = attr.u16()?;
                    has_id = true;
                }
                CTRL_ATTR_FAMILY_NAME => {
                    family.name = bounded_name(&attr)?;
                    has_name = true;
                }
                CTRL_ATTR_VERSION => family.version = attr.u32()?,
                CTRL_ATTR_MAXATTR => family.maxattr = attr.u32()?,
                CTRL_ATTR_MCAST_GROUPS => family.groups = groups(&attr)?,
                _ => {}
            }
        }
        let missing = |id| NlError::new(NlErrorKind::MissingAttribute { id }, at);
        if !has_id {
            return Err(missing(CTRL_ATTR_FAMILY_ID));
        }
        if !has_name {
            return Err(missing(CTRL_ATTR_FAMILY_NAME));
        }
        Ok(family)
    }

    /// The id of the multicast group `name`.
    pub fn group(&self, name: &str) -> Option<u32> {
        self.groups.iter().find(|g| &*g.name == name).map(|g| g.id)
    }
}

fn bounded_name(attr: &Attr<'_>) -> Result<BoundedString<GENL_NAMSIZ>, NlError> {
    BoundedString::try_from(attr.str()?)
        .map_err(|_| attr.error(NlErrorKind::BadString { id: attr.ty() }))
}

fn groups(attr: &Attr<'_>) -> Result<BoundedVec<McastGroup, 32>, NlError> {
    let mut out = BoundedVec::new();
    for entry in attr.nested()? {
        let entry = entry?;
        let mut group = McastGroup::default();
        for a in entry.nested()? {
            let a = a?;
            match a.ty() {
                CTRL_ATTR_MCAST_GRP_NAME => group.name = bounded_name(&a)?,
                CTRL_ATTR_MCAST_GRP_ID => group.id = a.u32()?,
                _ => {}
            }
        }
        // Groups past the 32nd are dropped: no family has that many.
        let _ = out.push(group);
    }
    Ok(out)
}

/// Families resolved through `nlctrl`, kept so that each is resolved once: at most `N`,
/// without allocating.
///
/// ```
/// use crosswire_kernel::netlink::genl::{Family, FamilyCache};
///
/// let mut cache = FamilyCache::<2>::new();
/// let mut family = Family::default();
/// family.id = 0x1c;
/// family.name = "my_family".try_into().unwrap();
/// cache.insert(family);
/// assert_eq!(cache.get("my_family").map(|f| f.id), Some(0x1c));
/// assert!(cache.get("other").is_none());
/// ```
#[derive(Clone, Debug)]
pub struct FamilyCache<const N: usize> {
    families: BoundedVec<Family, N>,
}

impl<const N: usize> Default for FamilyCache<N> {
    fn default() -> Self {
        FamilyCache {
            families: BoundedVec::new(),
        }
    }
}

impl<const N: usize> FamilyCache<N> {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The family `name`, if resolved before.
    pub fn get(&self, name: &str) -> Option<&Family> {
        self.families.iter().find(|f| &*f.name == name)
    }

    /// Keeps `family`, replacing an entry of the same name; when full, the first entry
    /// goes.
    pub fn insert(&mut self, family: Family) {
        let slots = self.families.as_mut_slice();
        if let Some(slot) = slots.iter_mut().find(|f| f.name == family.name) {
            *slot = family;
        } else if let Err(full) = self.families.push(family) {
            if let Some(first) = self.families.as_mut_slice().first_mut() {
                *first = full.into_inner();
            }
        }
    }

    /// Forgets every family (for example after `CTRL_CMD_DELFAMILY`).
    pub fn clear(&mut self) {
        self.families.clear();
    }
}
