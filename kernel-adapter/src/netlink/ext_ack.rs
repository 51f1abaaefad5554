//! Extended acknowledgements: the `NLMSGERR_ATTR_*` attributes after an `NLMSG_ERROR` or
//! `NLMSG_DONE` carrying `NLM_F_ACK_TLVS` (`include/uapi/linux/netlink.h`).

use super::{attr::Mode, header::NLMSG_HDRLEN, Attr, AttrIter, NlError, NlErrorKind};

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
    /// Reads the attributes of `tlvs`, which start at `offset` in the receive buffer; the
    /// first malformed one is an error. [`ExtAck::parse_lossy`] keeps what parses instead.
    pub fn parse(tlvs: &'a [u8], offset: usize) -> Result<Self, NlError> {
        let mut ack = ExtAck::default();
        for attr in AttrIter::at(tlvs, offset, Mode::Liberal) {
            ack.set(attr?)?;
        }
        Ok(ack)
    }

    /// Reads the attributes of `tlvs` (at `offset` in the receive buffer) that parse, and
    /// returns the first fault beside them: an attribute whose payload does not fit its
    /// type is left out (the ones after it are still read); one whose `nla_len` does not
    /// fit ends the attributes. With `request_len` (the answered request's `nlmsg_len`),
    /// `NLMSGERR_ATTR_OFFS` and `NLMSGERR_ATTR_MISS_NEST` must point into the request,
    /// past its `nlmsghdr`; one that does not is left out and reported as
    /// [`NlErrorKind::BadValue`] of that attribute.
    ///
    /// This is how [`Message::control`](super::Message::control) reads the extended ack
    /// of an `NLMSG_ERROR` or `NLMSG_DONE`: a broken extended ack never hides the error
    /// code it comes with.
    ///
    /// ```
    /// use crosswire_kernel::netlink::{ExtAck, NlErrorKind, NlWriter, NLMSGERR_ATTR_MISS_TYPE, NLMSGERR_ATTR_OFFS};
    ///
    /// let mut tlvs = [0u8; 32];
    /// let mut w = NlWriter::new(&mut tlvs);
    /// w.put_u32(NLMSGERR_ATTR_OFFS, 1000)?; // past a 40-byte request
    /// w.put_u32(NLMSGERR_ATTR_MISS_TYPE, 3)?;
    /// let (ext, fault) = ExtAck::parse_lossy(w.as_bytes(), 0, Some(40));
    /// assert_eq!((ext.offset, ext.miss_type), (None, Some(3)));
    /// assert_eq!(fault.map(|e| e.kind()), Some(NlErrorKind::BadValue { id: NLMSGERR_ATTR_OFFS }));
    /// # Ok::<(), crosswire_kernel::netlink::NlError>(())
    /// ```
    pub fn parse_lossy(
        tlvs: &'a [u8],
        offset: usize,
        request_len: Option<u32>,
    ) -> (Self, Option<NlError>) {
        let mut ack = ExtAck::default();
        let mut fault = None;
        for attr in AttrIter::at(tlvs, offset, Mode::Liberal) {
            let result = attr.and_then(|attr| {
                let mut next = ack;
                next.set(attr)?;
                if let Some(len) = request_len {
                    for (id, value) in [
                        (NLMSGERR_ATTR_OFFS, next.offset),
                        (NLMSGERR_ATTR_MISS_NEST, next.miss_nest),
                    ] {
                        if attr.ty() == id && !value.is_some_and(|v| within(v, len)) {
                            return Err(attr.error(NlErrorKind::BadValue { id }));
                        }
                    }
                }
                ack = next;
                Ok(())
            });
            if let Err(e) = result {
                fault = fault.or(Some(e));
            }
        }
        (ack, fault)
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

    /// Drops `offset` and `miss_nest` where they do not point into a request of
    /// `request_len` bytes (past its 16-byte `nlmsghdr`, before its end); returns whether
    /// one was dropped.
    pub fn clamp_offsets(&mut self, request_len: u32) -> bool {
        let mut dropped = false;
        for field in [&mut self.offset, &mut self.miss_nest] {
            if field.is_some_and(|v| !within(v, request_len)) {
                *field = None;
                dropped = true;
            }
        }
        dropped
    }

    /// Whether no attribute was present.
    #[inline]
    pub fn is_empty(&self) -> bool {
        *self == ExtAck::default()
    }
}

/// Whether `offset` points into a request of `len` bytes, past its `nlmsghdr`.
fn within(offset: u32, len: u32) -> bool {
    usize::try_from(offset).is_ok_and(|o| o >= NLMSG_HDRLEN) && offset < len
}
