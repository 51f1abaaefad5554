//! Extended acknowledgements: the `NLMSGERR_ATTR_*` attributes after an `NLMSG_ERROR` or
//! `NLMSG_DONE` carrying `NLM_F_ACK_TLVS` (`include/uapi/linux/netlink.h`).

use super::{attr::Mode, Attr, AttrIter, NlError};

/// `NLMSGERR_ATTR_MSG`: a NUL-terminated error (or warning) message.
pub const NLMSGERR_ATTR_MSG: u16 = 1;
/// `NLMSGERR_ATTR_OFFS`: `u32` offset of the offending attribute in the request.
pub const NLMSGERR_ATTR_OFFS: u16 = 2;
/// `NLMSGERR_ATTR_COOKIE`: arbitrary bytes from the subsystem.
pub const NLMSGERR_ATTR_COOKIE: u16 = 3;
/// `NLMSGERR_ATTR_POLICY`: a nest describing the policy the attribute broke.
pub const NLMSGERR_ATTR_POLICY: u16 = 4;
/// `NLMSGERR_ATTR_MISS_TYPE`: `u32` type of a missing required attribute.
pub const NLMSGERR_ATTR_MISS_TYPE: u16 = 5;
/// `NLMSGERR_ATTR_MISS_NEST`: `u32` offset of the nest the missing attribute belongs in.
pub const NLMSGERR_ATTR_MISS_NEST: u16 = 6;

/// The extended-ack attributes of one `NLMSG_ERROR` or `NLMSG_DONE`, all optional.
/// Unknown attributes are ignored; of duplicates, the last wins.
///
/// ```
/// use crosswire_kernel::netlink::{put_ack, Control, ExtAck, Messages, NlMsgHdr, NlWriter};
///
/// let ext = ExtAck { msg: Some("bad range"), offset: Some(20), ..ExtAck::default() };
/// let mut buf = [0u8; 128];
/// let mut w = NlWriter::new(&mut buf);
/// put_ack(&mut w, &NlMsgHdr { len: 24, ty: 0x10, flags: 0, seq: 1, pid: 7 }, -22, &ext)?;
/// let msg = Messages::new(w.as_bytes()).next().unwrap()?;
/// let Some(Control::Error(ack)) = msg.control()? else { unreachable!() };
/// assert_eq!((ack.ext_ack.msg, ack.ext_ack.offset), (Some("bad range"), Some(20)));
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExtAck<'a> {
    /// The message: an error's explanation, or a warning on success.
    pub msg: Option<&'a str>,
    /// The offending attribute's offset in the request, counted from its `nlmsghdr`.
    pub offset: Option<u32>,
    /// The subsystem's cookie.
    pub cookie: Option<&'a [u8]>,
    /// The policy the offending attribute broke (`NL_POLICY_TYPE_ATTR_*` attributes);
    /// iterate with [`AttrIter::new`].
    pub policy: Option<&'a [u8]>,
    /// The type of a missing required attribute.
    pub miss_type: Option<u32>,
    /// The offset of the nest the missing attribute belongs in.
    pub miss_nest: Option<u32>,
}

impl<'a> ExtAck<'a> {
    /// Reads the attributes of `tlvs`, which start at `offset` in the receive buffer.
    pub fn parse(tlvs: &'a [u8], offset: usize) -> Result<Self, NlError> {
        let mut ack = ExtAck::default();
        for attr in AttrIter::at(tlvs, offset, Mode::Liberal) {
            ack.set(attr?)?;
        }
        Ok(ack)
    }

    fn set(&mut self, attr: Attr<'a>) -> Result<(), NlError> {
        match attr.ty() {
            NLMSGERR_ATTR_MSG => self.msg = Some(attr.str()?),
            NLMSGERR_ATTR_OFFS => self.offset = Some(attr.u32()?),
            NLMSGERR_ATTR_COOKIE => self.cookie = Some(attr.payload()),
            NLMSGERR_ATTR_POLICY => self.policy = Some(attr.payload()),
            NLMSGERR_ATTR_MISS_TYPE => self.miss_type = Some(attr.u32()?),
            NLMSGERR_ATTR_MISS_NEST => self.miss_nest = Some(attr.u32()?),
            _ => {}
        }
        Ok(())
    }

    /// Whether no attribute was present.
    #[inline]
    pub fn is_empty(&self) -> bool {
        *self == ExtAck::default()
    }
}
