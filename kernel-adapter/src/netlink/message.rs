//! Messages in a receive buffer: iteration, the control messages (`NLMSG_ERROR` acks and
//! errors, `NLMSG_DONE`), and the end of a multi-part dump.

use super::{
    attr::{AttrIter, Mode, NLA_F_NESTED},
    ext_ack::{
        ExtAck, NLMSGERR_ATTR_COOKIE, NLMSGERR_ATTR_MISS_NEST, NLMSGERR_ATTR_MISS_TYPE,
        NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_POLICY,
    },
    header::{
        align, split_family_header, NlMsgHdr, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLMSG_NOOP,
        NLMSG_OVERRUN, NLM_F_ACK_TLVS, NLM_F_CAPPED, NLM_F_DUMP_INTR, NLM_F_MULTI,
    },
    NlError, NlErrorKind, NlWriter,
};
use crate::Errno;

/// One message of a receive buffer, borrowed from it.
///
/// ```
/// use crosswire_kernel::netlink::{Messages, NlWriter};
///
/// let mut buf = [0u8; 32];
/// let mut w = NlWriter::new(&mut buf);
/// let m = w.begin_message(0x10, 0, 5, 0)?;
/// w.put_u8(1, 9)?;
/// w.end_message(m)?;
/// let msg = Messages::new(w.as_bytes()).next().unwrap()?;
/// assert_eq!((msg.header().ty, msg.header().seq, msg.payload().len()), (0x10, 5, 8));
/// assert!(msg.control()?.is_none());
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message<'a> {
    header: NlMsgHdr,
    payload: &'a [u8],
    offset: usize,
}

impl<'a> Message<'a> {
    /// The header.
    #[inline]
    pub const fn header(&self) -> &NlMsgHdr {
        &self.header
    }

    /// The payload: `nlmsg_len` minus the header, without the padding after it.
    #[inline]
    pub const fn payload(&self) -> &'a [u8] {
        self.payload
    }

    /// The offset of this message's header in the receive buffer.
    #[inline]
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The offset of the payload in the receive buffer.
    #[inline]
    pub const fn payload_offset(&self) -> usize {
        self.offset.saturating_add(NLMSG_HDRLEN)
    }

    /// Splits the payload into a family header of `N` bytes (`genlmsghdr`: 4, `ifinfomsg`:
    /// 16, `ifaddrmsg`: 8) and the attributes after its padding, read in `mode`.
    #[inline]
    pub fn split_header<const N: usize>(
        &self,
        mode: Mode,
    ) -> Result<(&'a [u8; N], AttrIter<'a>), NlError> {
        let at = self.payload_offset();
        let (head, attrs) = split_family_header::<N>(self.payload, at)?;
        let attrs_at = at.saturating_add(self.payload.len().saturating_sub(attrs.len()));
        Ok((head, AttrIter::at(attrs, attrs_at, mode)))
    }

    /// What this message is, when it is a control message (`nlmsg_type` below
    /// `NLMSG_MIN_TYPE`); `None` for a family's message.
    pub fn control(&self) -> Result<Option<Control<'a>>, NlError> {
        Ok(Some(match self.header.ty {
            NLMSG_NOOP => Control::Noop,
            NLMSG_OVERRUN => Control::Overrun,
            NLMSG_ERROR => {
                let ack = Ack::parse(self)?;
                if ack.error == 0 {
                    Control::Ack(ack)
                } else {
                    Control::Error(ack)
                }
            }
            NLMSG_DONE => Control::Done(Done::parse(self)?),
            _ => return Ok(None),
        }))
    }
}

/// A control message (`nlmsg_type` below 16).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control<'a> {
    /// `NLMSG_NOOP`: to be ignored.
    Noop,
    /// `NLMSG_OVERRUN`: data was lost.
    Overrun,
    /// `NLMSG_ERROR` with error 0: the request succeeded. `ext_ack.msg` may hold a warning.
    Ack(Ack<'a>),
    /// `NLMSG_ERROR` with an error.
    Error(Ack<'a>),
    /// `NLMSG_DONE`: the end of a dump, with the dump's error (usually 0).
    Done(Done<'a>),
}

/// The payload of an `NLMSG_ERROR` (`struct nlmsgerr`, then extended-ack attributes).
///
/// ```text
///  0           4                    20                           align(echo)+4
/// +-----------+--------------------+----------------------------+-----------------+
/// | error i32 | echoed nlmsghdr    | rest of the echoed request | NLMSGERR_ATTR_* |
/// +-----------+--------------------+----------------------------+-----------------+
/// ```
///
/// The rest of the request is there when the error is not 0 and `NLM_F_CAPPED` is not
/// set; the attributes when `NLM_F_ACK_TLVS` is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ack<'a> {
    /// The error: 0 for success, else a negative errno.
    pub error: i32,
    /// The header of the request this answers.
    pub request: NlMsgHdr,
    /// The echoed request: its header alone when capped, else all of it.
    pub echoed: &'a [u8],
    /// The extended-ack attributes (empty without `NLM_F_ACK_TLVS`) that parse.
    pub ext_ack: ExtAck<'a>,
    /// The first fault in the extended ack, if any (see [`ExtAck::parse_lossy`]): a
    /// malformed attribute, or an offset outside the echoed request. The error code is
    /// kept either way.
    pub ext_ack_error: Option<NlError>,
}

impl<'a> Ack<'a> {
    fn parse(msg: &Message<'a>) -> Result<Self, NlError> {
        let at = msg.payload_offset();
        let short = NlError::new(NlErrorKind::ControlPayloadTooShort, at);
        let (error, rest) = msg.payload.split_first_chunk::<4>().ok_or(short)?;
        let error = i32::from_ne_bytes(*error);
        let request = NlMsgHdr::from_prefix(rest).ok_or(short)?;
        let echo_at = at.saturating_add(4);
        let echo_len = if error == 0 || msg.header.has(NLM_F_CAPPED) {
            NLMSG_HDRLEN
        } else {
            let len = usize::try_from(request.len).unwrap_or(usize::MAX);
            if len < NLMSG_HDRLEN || len > rest.len() {
                return Err(NlError::new(NlErrorKind::BadEchoedRequest, echo_at));
            }
            len
        };
        let echoed = rest.get(..echo_len).ok_or(short)?;
        let (mut ext_ack, mut ext_ack_error) = (ExtAck::default(), None);
        if msg.header.has(NLM_F_ACK_TLVS) {
            let skip = align(echo_len).unwrap_or(echo_len);
            let tlvs = rest.get(skip..).unwrap_or(&[]);
            (ext_ack, ext_ack_error) =
                ExtAck::parse_lossy(tlvs, echo_at.saturating_add(skip), Some(request.len));
        }
        Ok(Ack {
            error,
            request,
            echoed,
            ext_ack,
            ext_ack_error,
        })
    }

    /// The error as an [`Errno`]: `None` for success, and for a value that is no negative
    /// errno (which only a broken or hostile peer sends).
    #[inline]
    pub const fn errno(&self) -> Option<Errno> {
        Errno::from_negative(self.error)
    }
}

/// The payload of an `NLMSG_DONE`: the dump's error, then extended-ack attributes when
/// `NLM_F_ACK_TLVS` is set. An empty payload (some userspace senders) reads as error 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Done<'a> {
    /// The dump's error: 0, or a negative errno.
    pub error: i32,
    /// The extended-ack attributes that parse.
    pub ext_ack: ExtAck<'a>,
    /// The first malformed extended-ack attribute, if any; the error code is kept either
    /// way. (Offsets are not checked here: the dump request is not echoed.)
    pub ext_ack_error: Option<NlError>,
}

impl<'a> Done<'a> {
    fn parse(msg: &Message<'a>) -> Result<Self, NlError> {
        let at = msg.payload_offset();
        if msg.payload.is_empty() {
            return Ok(Done {
                error: 0,
                ext_ack: ExtAck::default(),
                ext_ack_error: None,
            });
        }
        let (error, rest) = msg
            .payload
            .split_first_chunk::<4>()
            .ok_or(NlError::new(NlErrorKind::ControlPayloadTooShort, at))?;
        let (mut ext_ack, mut ext_ack_error) = (ExtAck::default(), None);
        if msg.header.has(NLM_F_ACK_TLVS) {
            (ext_ack, ext_ack_error) = ExtAck::parse_lossy(rest, at.saturating_add(4), None);
        }
        Ok(Done {
            error: i32::from_ne_bytes(*error),
            ext_ack,
            ext_ack_error,
        })
    }
}

/// The messages of a receive buffer, in order (`nlmsg_for_each_msg`).
///
/// Yields `Err` once, then stops, on a malformed message: fewer than 16 bytes left,
/// `nlmsg_len` below 16 or past the end. The last message may lack its padding.
///
/// ```
/// use crosswire_kernel::netlink::{Messages, NlErrorKind, NlWriter};
///
/// let mut buf = [0u8; 64];
/// let mut w = NlWriter::new(&mut buf);
/// for seq in 1..=2 {
///     let m = w.begin_message(0x10, 0, seq, 0)?;
///     w.end_message(m)?;
/// }
/// let received = w.as_bytes();
/// let seqs: Vec<u32> = Messages::new(received).map(|m| m.map(|m| m.header().seq)).collect::<Result<_, _>>()?;
/// assert_eq!(seqs, [1, 2]);
/// // A message cut short:
/// let e = Messages::new(&received[..12]).next().unwrap().unwrap_err();
/// assert_eq!(e.kind(), NlErrorKind::Truncated);
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Messages<'a> {
    rest: &'a [u8],
    offset: usize,
}

impl<'a> Messages<'a> {
    /// The messages of `buf` (the bytes one `recv` returned).
    #[inline]
    pub const fn new(buf: &'a [u8]) -> Self {
        Messages {
            rest: buf,
            offset: 0,
        }
    }

    /// The messages of `buf` from byte `at` on (where an earlier message of `buf` ended,
    /// [`Messages::position`]), with offsets counted from the start of `buf`: to go on
    /// through a receive buffer one message at a time.
    #[inline]
    pub fn resume(buf: &'a [u8], at: usize) -> Self {
        Messages {
            rest: buf.get(at..).unwrap_or(&[]),
            offset: at,
        }
    }

    /// Where the next message starts, from the start of the buffer (past the end when
    /// the last message lacked its padding).
    #[inline]
    pub const fn position(&self) -> usize {
        self.offset
    }

    /// The messages of the first `received` bytes of `buf`, where `received` is what
    /// `recv` returned with `MSG_TRUNC` (the datagram's real size): a datagram larger
    /// than the buffer is [`NlErrorKind::DatagramTruncated`] with the size needed.
    pub fn received(buf: &'a [u8], received: usize) -> Result<Self, NlError> {
        match buf.get(..received) {
            Some(bytes) => Ok(Messages::new(bytes)),
            None => Err(NlError::new(
                NlErrorKind::DatagramTruncated { needed: received },
                buf.len(),
            )),
        }
    }

    #[cold]
    fn fail(&mut self, kind: NlErrorKind) -> Option<Result<Message<'a>, NlError>> {
        self.rest = &[];
        Some(Err(NlError::new(kind, self.offset)))
    }
}

impl<'a> Iterator for Messages<'a> {
    type Item = Result<Message<'a>, NlError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let Some(header) = NlMsgHdr::from_prefix(self.rest) else {
            return self.fail(NlErrorKind::Truncated);
        };
        let len = usize::try_from(header.len).unwrap_or(usize::MAX);
        let Some(payload) = self.rest.get(NLMSG_HDRLEN..len) else {
            return self.fail(NlErrorKind::BadMessageLength);
        };
        let msg = Message {
            header,
            payload,
            offset: self.offset,
        };
        let step = align(len).unwrap_or(len);
        self.rest = self.rest.get(step..).unwrap_or(&[]);
        self.offset = self.offset.saturating_add(step);
        Some(Ok(msg))
    }
}

/// How a dump ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpEnd<'a> {
    /// `NLMSG_DONE` with error 0, and no message flagged `NLM_F_DUMP_INTR`: every item was
    /// delivered from one consistent state.
    Complete(ExtAck<'a>),
    /// The dump finished but some message carried `NLM_F_DUMP_INTR`: the data changed
    /// while it was dumped, so the items may be inconsistent. Dump again.
    Interrupted(ExtAck<'a>),
    /// `NLMSG_OVERRUN`: messages were lost. Dump again.
    Overrun,
    /// `NLMSG_DONE` with an error, or an `NLMSG_ERROR` instead of items.
    Failed {
        /// The negative errno.
        error: i32,
        /// Its extended ack.
        ext_ack: ExtAck<'a>,
        /// The first fault in the extended ack (see [`ExtAck::parse_lossy`]).
        ext_ack_error: Option<NlError>,
    },
}

/// What one message means to a dump in progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpStep<'a> {
    /// One item of the dump.
    Item(Message<'a>),
    /// A message the dump has no use for: `NLMSG_NOOP`, a success ack, or a message with
    /// another sequence number (a multicast notification, a stale reply).
    Other(Message<'a>),
    /// The end of the dump.
    End(DumpEnd<'a>),
}

/// Tracks a multi-part dump across receive buffers: matches the sequence number, notes
/// `NLM_F_DUMP_INTR`, and reports the end.
///
/// ```
/// use crosswire_kernel::netlink::{put_done, Dump, DumpEnd, DumpStep, Messages, NlMsgHdr, NlWriter, NLM_F_MULTI};
///
/// // Two items of dump 7, then NLMSG_DONE.
/// let mut buf = [0u8; 64];
/// let mut w = NlWriter::new(&mut buf);
/// for _ in 0..2 {
///     let m = w.begin_message(0x10, NLM_F_MULTI, 7, 42)?;
///     w.end_message(m)?;
/// }
/// put_done(&mut w, &NlMsgHdr { len: 0, ty: 0x10, flags: 0, seq: 7, pid: 42 }, 0)?;
///
/// let mut dump = Dump::new(7);
/// let mut items = 0;
/// for msg in Messages::new(w.as_bytes()) {
///     match dump.step(msg?)? {
///         DumpStep::Item(_) => items += 1,
///         DumpStep::Other(_) => {}
///         DumpStep::End(end) => assert!(matches!(end, DumpEnd::Complete(_))),
///     }
/// }
/// assert_eq!(items, 2);
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dump {
    seq: u32,
    interrupted: bool,
}

impl Dump {
    /// A dump whose request had sequence number `seq`.
    #[inline]
    pub const fn new(seq: u32) -> Self {
        Dump {
            seq,
            interrupted: false,
        }
    }

    /// Whether a message so far carried `NLM_F_DUMP_INTR`.
    #[inline]
    pub const fn interrupted(&self) -> bool {
        self.interrupted
    }

    /// Classifies the next message of the dump.
    pub fn step<'a>(&mut self, msg: Message<'a>) -> Result<DumpStep<'a>, NlError> {
        if msg.header.seq != self.seq {
            return Ok(DumpStep::Other(msg));
        }
        if msg.header.has(NLM_F_DUMP_INTR) {
            self.interrupted = true;
        }
        Ok(match msg.control()? {
            None => DumpStep::Item(msg),
            Some(Control::Noop | Control::Ack(_)) => DumpStep::Other(msg),
            Some(Control::Overrun) => DumpStep::End(DumpEnd::Overrun),
            Some(Control::Error(ack)) => DumpStep::End(DumpEnd::Failed {
                error: ack.error,
                ext_ack: ack.ext_ack,
                ext_ack_error: ack.ext_ack_error,
            }),
            Some(Control::Done(done)) if done.error != 0 => DumpStep::End(DumpEnd::Failed {
                error: done.error,
                ext_ack: done.ext_ack,
                ext_ack_error: done.ext_ack_error,
            }),
            Some(Control::Done(done)) if self.interrupted => {
                DumpStep::End(DumpEnd::Interrupted(done.ext_ack))
            }
            Some(Control::Done(done)) => DumpStep::End(DumpEnd::Complete(done.ext_ack)),
        })
    }
}

/// Writes an `NLMSG_ERROR` answering `request` (whose header is echoed, capped): `error` 0
/// for an ack, else a negative errno, with `ext_ack`'s message, offset and missing-attribute
/// fields as extended-ack attributes. For a peer that answers requests, as the kernel does
/// (a `NETLINK_USERSOCK` daemon, a kernel module). Returns the message's length.
///
/// A `NETLINK_USERSOCK` daemon refusing a request with an extended-ack message:
///
/// ```
/// use crosswire_kernel::netlink::{put_ack, Control, ExtAck, Messages, NlMsgHdr, NlWriter};
///
/// let request = NlMsgHdr { len: 16, ty: 0x10, flags: 0, seq: 9, pid: 42 };
/// let ext = ExtAck { msg: Some("no such item"), ..ExtAck::default() };
/// let mut buf = [0u8; 128];
/// let mut w = NlWriter::new(&mut buf);
/// put_ack(&mut w, &request, -2, &ext)?;
/// let msg = Messages::new(w.as_bytes()).next().unwrap()?;
/// let Some(Control::Error(ack)) = msg.control()? else { panic!("not an error") };
/// assert_eq!((ack.error, ack.request.seq, ack.ext_ack.msg), (-2, 9, Some("no such item")));
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
pub fn put_ack(
    w: &mut NlWriter<'_>,
    request: &NlMsgHdr,
    error: i32,
    ext_ack: &ExtAck<'_>,
) -> Result<u32, NlError> {
    let flags = if ext_ack.is_empty() {
        NLM_F_CAPPED
    } else {
        NLM_F_CAPPED | NLM_F_ACK_TLVS
    };
    let start = w.begin_message(NLMSG_ERROR, flags, request.seq, request.pid)?;
    w.put_bytes(&error.to_ne_bytes())?;
    w.put_bytes(&request.to_bytes())?;
    if let Some(msg) = ext_ack.msg {
        w.put_str(NLMSGERR_ATTR_MSG, msg)?;
    }
    if let Some(offset) = ext_ack.offset {
        w.put_u32(NLMSGERR_ATTR_OFFS, offset)?;
    }
    if let Some(cookie) = ext_ack.cookie {
        w.put_attr(NLMSGERR_ATTR_COOKIE, cookie)?;
    }
    if let Some(policy) = ext_ack.policy {
        w.put_attr(NLMSGERR_ATTR_POLICY | NLA_F_NESTED, policy)?;
    }
    if let Some(ty) = ext_ack.miss_type {
        w.put_u32(NLMSGERR_ATTR_MISS_TYPE, ty)?;
    }
    if let Some(nest) = ext_ack.miss_nest {
        w.put_u32(NLMSGERR_ATTR_MISS_NEST, nest)?;
    }
    w.end_message(start)
}

/// Writes the `NLMSG_DONE` that ends a dump answering `request`, with the dump's `error`.
///
/// ```
/// use crosswire_kernel::netlink::{put_done, Control, Messages, NlMsgHdr, NlWriter};
///
/// let request = NlMsgHdr { len: 16, ty: 0x10, flags: 0, seq: 3, pid: 42 };
/// let mut buf = [0u8; 32];
/// let mut w = NlWriter::new(&mut buf);
/// put_done(&mut w, &request, 0)?;
/// let msg = Messages::new(w.as_bytes()).next().unwrap()?;
/// assert!(matches!(msg.control()?, Some(Control::Done(done)) if done.error == 0));
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
pub fn put_done(w: &mut NlWriter<'_>, request: &NlMsgHdr, error: i32) -> Result<u32, NlError> {
    let start = w.begin_message(NLMSG_DONE, NLM_F_MULTI, request.seq, request.pid)?;
    w.put_bytes(&error.to_ne_bytes())?;
    w.end_message(start)
}
