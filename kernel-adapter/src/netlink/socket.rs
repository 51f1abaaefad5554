//! The userspace netlink socket (feature `std`), on rustix: bind, requests with their acks,
//! dumps into a caller's buffer decoded in place, multicast membership.
//!
//! Set on every socket: `NETLINK_EXT_ACK` (errors carry a message and the offending
//! attribute's offset), `NETLINK_CAP_ACK` (error acks echo only the request's header) and
//! `NETLINK_GET_STRICT_CHK` (the kernel checks dump requests strictly; ignored by families
//! other than rtnetlink). Nothing is allocated after [`NlSocket::open`]: replies are
//! decoded from the caller's buffer, and handed to the caller's closure one at a time.

mod answer;
#[cfg(feature = "tokio")]
mod async_socket;
mod creds;
mod server;
mod sockopt;

use std::{
    os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd},
    time::{Duration, Instant},
};

use crosswire::BoundedString;
use rustix::{
    event::{poll, PollFd, PollFlags},
    net::{
        bind, getsockname,
        netlink::{self, SocketAddrNetlink},
        recvfrom, sendto, socket_with, AddressFamily, Protocol, RecvFlags, SendFlags, SocketFlags,
        SocketType,
    },
};

use self::answer::{DumpState, RequestState};
#[cfg(feature = "tokio")]
pub use self::async_socket::{AsyncDump, AsyncNlSocket};
pub use self::server::{Credentials, Flow, Request, Sender, Server, ServerStats};
use super::{
    genl::{self, Family, FamilyCache},
    ExtAck, Message, Messages, NlError, NlErrorKind, NlMsgHdr, NLMSGERR_ATTR_OFFS,
};
use crate::Errno;

/// The receive buffer size the examples and tests use: 32 KiB, as libmnl's
/// `MNL_SOCKET_BUFFER_SIZE` on a 4 KiB page system holds most dump datagrams.
pub const DEFAULT_BUFFER: usize = 32 * 1024;

/// How long [`NlSocket::request`] and [`NlSocket::dump`] wait for their answer unless
/// [`NlSocket::set_timeout`] says otherwise: 10 s, far more than the kernel needs for a
/// dump of thousands of links, and a bound on a peer that never answers.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// How many times [`NlSocket::dump_retrying`] runs a dump that keeps being interrupted
/// before it returns the last one, marked [`DumpOutcome::Interrupted`]. (`ip` does not
/// repeat at all: it warns and prints what it got.)
pub const DEFAULT_DUMP_TRIES: u32 = 3;

/// The longest pause between two tries of [`NlSocket::dump_retrying`].
const MAX_DUMP_PAUSE: Duration = Duration::from_millis(500);

/// The kernel's answer to a request, copied out of the receive buffer: the error (0 on
/// success) and the extended ack. The message is cut to 128 bytes at a character boundary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KernelAck {
    /// 0, or a negative errno.
    pub error: i32,
    /// The message: the error's explanation, or a warning on success.
    pub msg: BoundedString<128>,
    /// The offending attribute's offset in the request (from its `nlmsghdr`).
    pub offset: Option<u32>,
    /// The type of a missing required attribute.
    pub miss_type: Option<u32>,
    /// The offset of the nest the missing attribute belongs in.
    pub miss_nest: Option<u32>,
    /// The first fault in the extended ack: a malformed attribute, or an offset outside
    /// the request this socket sent (then left out of `offset`/`miss_nest`). The error
    /// code is kept either way.
    pub ext_ack_error: Option<NlError>,
}

impl KernelAck {
    /// `request_len` is the length of the request sent: offsets must point into it.
    fn new(error: i32, ext: &ExtAck<'_>, fault: Option<NlError>, request_len: u32) -> Self {
        let mut ext = *ext;
        let mut fault = fault;
        if ext.clamp_offsets(request_len) && fault.is_none() {
            fault = Some(NlError::new(
                NlErrorKind::BadValue {
                    id: NLMSGERR_ATTR_OFFS,
                },
                0,
            ));
        }
        let mut msg = BoundedString::new();
        if let Some(text) = ext.msg {
            let mut cut = text.len().min(128);
            while !text.is_char_boundary(cut) {
                cut = cut.saturating_sub(1);
            }
            // Cannot fail: at most 128 bytes.
            let _ = msg.push_str(text.get(..cut).unwrap_or_default());
        }
        KernelAck {
            error,
            msg,
            offset: ext.offset,
            miss_type: ext.miss_type,
            miss_nest: ext.miss_nest,
            ext_ack_error: fault,
        }
    }

    /// The error as an [`Errno`]; `None` on success.
    #[inline]
    pub fn errno(&self) -> Option<Errno> {
        Errno::from_negative(self.error)
    }
}

/// Why a socket operation failed.
///
/// ```
/// use crosswire_kernel::{netlink::{genl, socket::{NlSocket, SocketError, DEFAULT_BUFFER}}, Errno};
///
/// let mut sock = NlSocket::generic()?;
/// let mut req = [0u8; 64];
/// let seq = sock.next_seq();
/// let req = genl::getfamily_request(&mut req, seq, "no-such-family")?;
/// let mut buf = vec![0u8; DEFAULT_BUFFER];
/// match sock.request(req, &mut buf, |_| Ok(())) {
///     Err(SocketError::Refused { error, .. }) => assert_eq!(Errno::from_negative(error), Some(Errno::ENOENT)),
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), SocketError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SocketError {
    /// A system call failed.
    Io(Errno),
    /// `ENOBUFS`: the socket's receive queue overflowed and messages were lost (a dump or
    /// multicast stream is no longer complete). Start over, or enlarge `SO_RCVBUF`.
    NoBuffers,
    /// A reply that does not parse, or a datagram larger than the buffer
    /// ([`NlErrorKind::DatagramTruncated`]).
    Malformed(NlError),
    /// The kernel (or the peer) refused the request; the whole extended ack, message
    /// included, is [`NlSocket::last_ack`].
    Refused {
        /// The negative errno.
        error: i32,
        /// The offending attribute's offset in the request.
        offset: Option<u32>,
        /// The type of a missing required attribute.
        miss_type: Option<u32>,
    },
    /// `NLMSG_OVERRUN`: the peer lost messages.
    Overrun,
    /// The answer did not end before the deadline ([`NlSocket::set_timeout`]): the peer
    /// is silent, or never sent the ack or `NLMSG_DONE`. A late answer to this request is
    /// skipped by later ones (its sequence number is old).
    TimedOut,
}

impl From<NlError> for SocketError {
    fn from(e: NlError) -> Self {
        SocketError::Malformed(e)
    }
}

impl From<rustix::io::Errno> for SocketError {
    fn from(e: rustix::io::Errno) -> Self {
        if e == rustix::io::Errno::NOBUFS {
            SocketError::NoBuffers
        } else {
            SocketError::Io(e.into())
        }
    }
}

impl From<Errno> for SocketError {
    fn from(e: Errno) -> Self {
        SocketError::Io(e)
    }
}

impl core::fmt::Display for SocketError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            SocketError::Io(e) => write!(f, "netlink socket: {e}"),
            SocketError::NoBuffers => {
                f.write_str("netlink socket: receive queue overflowed (ENOBUFS)")
            }
            SocketError::Malformed(e) => write!(f, "{e}"),
            SocketError::Refused {
                error,
                offset,
                miss_type,
            } => {
                match Errno::from_negative(*error) {
                    Some(e) => write!(f, "netlink: request refused: {e}")?,
                    None => write!(f, "netlink: request refused: error {error}")?,
                }
                if let Some(off) = offset {
                    write!(f, " (attribute at byte {off})")?;
                }
                if let Some(ty) = miss_type {
                    write!(f, " (missing attribute {ty})")?;
                }
                Ok(())
            }
            SocketError::Overrun => f.write_str("netlink: peer overrun, messages lost"),
            SocketError::TimedOut => f.write_str("netlink: no answer before the deadline"),
        }
    }
}

impl std::error::Error for SocketError {}

/// How a dump ended, when it ended without error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "an interrupted dump is inconsistent and usually needs to be repeated"]
pub enum DumpOutcome {
    /// Every item was delivered from one consistent state.
    Complete {
        /// The number of items.
        items: usize,
    },
    /// The data changed during the dump (`NLM_F_DUMP_INTR`): the items may be
    /// inconsistent. Dump again.
    Interrupted {
        /// The number of items delivered.
        items: usize,
    },
}

/// What [`NlSocket::dump_retrying`] hands its callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpEvent<'a> {
    /// A try begins (the first is 1): forget the items of the tries before.
    Start {
        /// Which try, from 1.
        attempt: u32,
    },
    /// One item of the current try.
    Item(Message<'a>),
}

/// A bound netlink socket of one protocol.
///
/// Resolving a generic netlink family on the host (no privilege needed):
///
/// ```
/// use crosswire_kernel::netlink::{genl::{FamilyCache, GENL_ID_CTRL}, socket::{NlSocket, DEFAULT_BUFFER}};
///
/// let mut sock = NlSocket::generic()?;
/// let mut cache = FamilyCache::<4>::new();
/// let mut buf = vec![0u8; DEFAULT_BUFFER];
/// let nlctrl = sock.resolve(&mut cache, "nlctrl", &mut buf)?.expect("every kernel has nlctrl");
/// assert_eq!(nlctrl.id, GENL_ID_CTRL);
/// assert!(cache.get("nlctrl").is_some());
/// assert!(sock.resolve(&mut cache, "no-such-family", &mut buf)?.is_none());
/// # Ok::<(), crosswire_kernel::netlink::socket::SocketError>(())
/// ```
#[derive(Debug)]
pub struct NlSocket {
    fd: OwnedFd,
    port: u32,
    peer: u32,
    seq: u32,
    timeout: Option<Duration>,
    last_ack: KernelAck,
}

impl NlSocket {
    /// Opens a socket of `protocol` (`rustix::net::netlink::ROUTE` is `None`), binds it
    /// (the kernel picks the port id), and sets `NETLINK_EXT_ACK`, `NETLINK_CAP_ACK` and
    /// `NETLINK_GET_STRICT_CHK`.
    pub fn open(protocol: Option<Protocol>) -> Result<Self, SocketError> {
        let fd = socket_with(
            AddressFamily::NETLINK,
            SocketType::RAW,
            SocketFlags::CLOEXEC,
            protocol,
        )?;
        bind(&fd, &SocketAddrNetlink::new(0, 0))?;
        let port = SocketAddrNetlink::try_from(getsockname(&fd)?)
            .map_err(SocketError::from)?
            .pid();
        sockopt::set(&fd, sockopt::NETLINK_EXT_ACK, 1)?;
        sockopt::set(&fd, sockopt::NETLINK_CAP_ACK, 1)?;
        // Kernels before 4.20 do not know it; they check dumps liberally.
        if let Err(e) = sockopt::set(&fd, sockopt::NETLINK_GET_STRICT_CHK, 1) {
            if e.get() != rustix::io::Errno::NOPROTOOPT.raw_os_error() {
                return Err(e.into());
            }
        }
        Ok(NlSocket {
            fd,
            port,
            peer: 0,
            seq: 0,
            timeout: Some(DEFAULT_TIMEOUT),
            last_ack: KernelAck::default(),
        })
    }

    /// A `NETLINK_ROUTE` socket (rtnetlink).
    pub fn route() -> Result<Self, SocketError> {
        NlSocket::open(None)
    }

    /// A `NETLINK_GENERIC` socket.
    pub fn generic() -> Result<Self, SocketError> {
        NlSocket::open(Some(netlink::GENERIC))
    }

    /// A `NETLINK_USERSOCK` socket, for two userspace processes.
    pub fn usersock() -> Result<Self, SocketError> {
        NlSocket::open(Some(netlink::USERSOCK))
    }

    /// How long [`NlSocket::request`] and [`NlSocket::dump`] wait, from sending the request
    /// to the end of the answer, before [`SocketError::TimedOut`]; `None` waits for ever.
    /// [`DEFAULT_TIMEOUT`] until set. [`NlSocket::recv`] is not affected (it waits as the
    /// socket does: `SO_RCVTIMEO`, `O_NONBLOCK`).
    #[inline]
    pub fn set_timeout(&mut self, timeout: Option<Duration>) {
        self.timeout = timeout;
    }

    /// The deadline of requests and dumps ([`NlSocket::set_timeout`]).
    #[inline]
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// The port id the kernel gave this socket.
    #[inline]
    pub fn port(&self) -> u32 {
        self.port
    }

    /// Sends requests to port `peer` instead of the kernel (port 0), and accepts replies
    /// only from it: for `NETLINK_USERSOCK`.
    #[inline]
    pub fn set_peer(&mut self, peer: u32) {
        self.peer = peer;
    }

    /// The next sequence number, for a request about to be built.
    #[inline]
    pub fn next_seq(&mut self) -> u32 {
        self.seq = self.seq.wrapping_add(1);
        self.seq
    }

    /// Sends one datagram (one or more messages) to the peer.
    pub fn send(&self, bytes: &[u8]) -> Result<(), SocketError> {
        self.send_to(bytes, self.peer)
    }

    /// Sends one datagram to port `port` (0: the kernel).
    pub fn send_to(&self, bytes: &[u8], port: u32) -> Result<(), SocketError> {
        let sent = sendto(
            &self.fd,
            bytes,
            SendFlags::empty(),
            &SocketAddrNetlink::new(port, 0),
        )?;
        if sent == bytes.len() {
            Ok(())
        } else {
            Err(SocketError::Io(Errno::EMSGSIZE))
        }
    }

    /// Receives one datagram into `buf`: its messages and the sender's port. A datagram
    /// larger than `buf` is [`NlErrorKind::DatagramTruncated`](super::NlErrorKind) with the
    /// size needed (the kernel has dropped it: receive the next ones with a buffer that
    /// large, and repeat a dump); `ENOBUFS` is [`SocketError::NoBuffers`].
    pub fn recv<'b>(&self, buf: &'b mut [u8]) -> Result<(Messages<'b>, u32), SocketError> {
        let (full, sender) = self.recv_len(buf)?;
        Ok((Messages::received(buf, full)?, sender))
    }

    /// One `recvfrom` with `MSG_TRUNC`: the datagram's real length and its sender's port.
    fn recv_len(&self, buf: &mut [u8]) -> Result<(usize, u32), rustix::io::Errno> {
        let (_, full, from) = recvfrom(&self.fd, buf, RecvFlags::TRUNC)?;
        let sender = from
            .and_then(|a| SocketAddrNetlink::try_from(a).ok())
            .map_or(u32::MAX, |a| a.pid());
        Ok((full, sender))
    }

    /// Joins multicast group `group` (a genl group id from `nlctrl`, an `RTNLGRP_*`).
    pub fn add_membership(&self, group: u32) -> Result<(), SocketError> {
        Ok(sockopt::set(
            &self.fd,
            sockopt::NETLINK_ADD_MEMBERSHIP,
            group,
        )?)
    }

    /// Leaves multicast group `group`.
    pub fn drop_membership(&self, group: u32) -> Result<(), SocketError> {
        Ok(sockopt::set(
            &self.fd,
            sockopt::NETLINK_DROP_MEMBERSHIP,
            group,
        )?)
    }

    /// The last ack or error [`NlSocket::request`] or [`NlSocket::dump`] received, with
    /// its extended-ack message.
    #[inline]
    pub fn last_ack(&self) -> &KernelAck {
        &self.last_ack
    }

    /// Records the answer to a request of `request_len` bytes; an error becomes
    /// [`SocketError::Refused`].
    fn answer(
        &mut self,
        error: i32,
        ext: &ExtAck<'_>,
        fault: Option<NlError>,
        request_len: u32,
    ) -> Result<(), SocketError> {
        self.last_ack = KernelAck::new(error, ext, fault, request_len);
        if error == 0 {
            Ok(())
        } else {
            Err(SocketError::Refused {
                error,
                offset: self.last_ack.offset,
                miss_type: self.last_ack.miss_type,
            })
        }
    }

    /// Whether `msg`, received from `sender`, answers our request `seq`.
    fn ours(&self, msg: &NlMsgHdr, sender: u32, seq: u32) -> bool {
        sender == self.peer && msg.seq == seq && msg.pid == self.port
    }

    /// Receives one datagram as [`NlSocket::recv`] does, waiting at most until
    /// `deadline`, and checks that all of it frames (bytes after the last whole message
    /// are [`NlErrorKind::Truncated`], a bad length `BadMessageLength`) before any of it
    /// is used.
    fn recv_until<'b>(
        &self,
        buf: &'b mut [u8],
        deadline: Option<Instant>,
    ) -> Result<(Messages<'b>, u32), SocketError> {
        if let Some(deadline) = deadline {
            loop {
                let left = deadline
                    .checked_duration_since(Instant::now())
                    .filter(|left| !left.is_zero())
                    .ok_or(SocketError::TimedOut)?;
                let left =
                    rustix::time::Timespec::try_from(left).unwrap_or(rustix::time::Timespec {
                        tv_sec: i64::MAX,
                        tv_nsec: 0,
                    });
                let mut fds = [PollFd::new(&self.fd, PollFlags::IN)];
                match poll(&mut fds, Some(&left)) {
                    Ok(0) | Err(rustix::io::Errno::INTR) => {}
                    Ok(_) => break,
                    Err(e) => return Err(e.into()),
                }
            }
        }
        let (msgs, sender) = self.recv(buf)?;
        answer::framed(&msgs)?;
        Ok((msgs, sender))
    }

    fn deadline(&self) -> Option<Instant> {
        self.timeout.and_then(|t| Instant::now().checked_add(t))
    }

    /// Sends `request` (with a sequence number from [`NlSocket::next_seq`]) and receives
    /// its answer, until the socket's deadline ([`NlSocket::set_timeout`]). Replies go to
    /// `on_reply`; messages with another sequence number or port are skipped.
    ///
    /// - With `NLM_F_ACK` in the request, the answer ends at its ack: `Ok`, with the ack
    ///   in [`NlSocket::last_ack`] (whose `msg` may be a warning), or
    ///   [`SocketError::Refused`].
    /// - Without `NLM_F_ACK`, it ends at the first reply, or at the `NLMSG_DONE` of a
    ///   multi-part reply (`NLM_F_MULTI`), or at an error. A request that has no reply
    ///   then ends only at the deadline: ask for the ack.
    ///
    /// A datagram that does not frame to its end is [`SocketError::Malformed`], before
    /// any of it is used; a malformed extended ack leaves the error code as it is (the
    /// fault is in [`KernelAck::ext_ack_error`]), and offsets outside `request` are
    /// dropped.
    ///
    /// ```
    /// use crosswire_kernel::netlink::{genl, socket::{NlSocket, DEFAULT_BUFFER}};
    ///
    /// let mut sock = NlSocket::generic()?;
    /// let mut req = [0u8; 64];
    /// let seq = sock.next_seq();
    /// let req = genl::getfamily_request(&mut req, seq, "nlctrl")?;
    /// let mut buf = vec![0u8; DEFAULT_BUFFER];
    /// let mut replies = 0;
    /// sock.request(req, &mut buf, |_reply| {
    ///     replies += 1;
    ///     Ok(())
    /// })?;
    /// assert_eq!(replies, 1);
    /// assert_eq!(sock.last_ack().errno(), None); // an ack, not an error
    /// # Ok::<(), crosswire_kernel::netlink::socket::SocketError>(())
    /// ```
    pub fn request(
        &mut self,
        request: &[u8],
        buf: &mut [u8],
        mut on_reply: impl FnMut(Message<'_>) -> Result<(), SocketError>,
    ) -> Result<(), SocketError> {
        let state = RequestState::new(request)?;
        let deadline = self.deadline();
        self.send(request)?;
        loop {
            let (msgs, sender) = self.recv_until(buf, deadline)?;
            if let Some(done) = state.feed(self, msgs, sender, &mut on_reply) {
                return done;
            }
        }
    }

    /// Sends the dump `request` (built with `NLM_F_DUMP` and a sequence number from
    /// [`NlSocket::next_seq`]) and hands every item to `on_item`, decoded in place from
    /// `buf`, until `NLMSG_DONE` or the socket's deadline ([`NlSocket::set_timeout`],
    /// for the whole dump). [`NlSocket::dump_retrying`] repeats an interrupted dump.
    ///
    /// Every generic netlink family of the host, as `genl ctrl list` asks for them:
    ///
    /// ```
    /// use crosswire::BoundedString;
    /// use crosswire_kernel::netlink::{genl, socket::{DumpOutcome, NlSocket, DEFAULT_BUFFER}, Mode, NlWriter, NlaSet, NLM_F_DUMP, NLM_F_REQUEST};
    ///
    /// #[derive(NlaSet)]
    /// #[nla(family = "nlctrl", version = 2, cmd = 3)]
    /// struct AllFamilies {}
    ///
    /// #[derive(NlaSet)]
    /// struct Name {
    ///     #[nla(id = 2)]
    ///     name: BoundedString<16>,
    /// }
    ///
    /// let mut sock = NlSocket::generic()?;
    /// let mut req = [0u8; 64];
    /// let mut w = NlWriter::new(&mut req);
    /// let seq = sock.next_seq();
    /// genl::put_message(&mut w, &AllFamilies {}, genl::GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_DUMP, seq)?;
    /// let mut buf = vec![0u8; DEFAULT_BUFFER];
    /// let mut names = Vec::new();
    /// let outcome = sock.dump(w.as_bytes(), &mut buf, |msg| {
    ///     let (_, family, _) = genl::read_message::<Name>(&msg, Mode::Liberal)?;
    ///     names.push(family.name);
    ///     Ok(())
    /// })?;
    /// assert!(matches!(outcome, DumpOutcome::Complete { .. } | DumpOutcome::Interrupted { .. }));
    /// assert!(names.iter().any(|n| n.as_str() == "nlctrl"));
    /// # Ok::<(), crosswire_kernel::netlink::socket::SocketError>(())
    /// ```
    pub fn dump(
        &mut self,
        request: &[u8],
        buf: &mut [u8],
        mut on_item: impl FnMut(Message<'_>) -> Result<(), SocketError>,
    ) -> Result<DumpOutcome, SocketError> {
        let mut state = DumpState::new(request)?;
        let deadline = self.deadline();
        self.send(request)?;
        loop {
            let (msgs, sender) = self.recv_until(buf, deadline)?;
            if let Some(done) = state.feed(self, msgs, sender, &mut on_item) {
                return done;
            }
        }
    }

    /// Runs the dump `request` up to `tries` times (at least once) while it comes back
    /// interrupted (`NLM_F_DUMP_INTR`: the data changed during the dump), and returns the
    /// first complete one, or after `tries` the last one, [`DumpOutcome::Interrupted`]:
    /// under constant churn no dump is consistent, and the caller should use the last
    /// one and say so, as `ip` does ("Dump was interrupted and may be inconsistent").
    ///
    /// Each try gets a new sequence number, written into `request`'s header, and its own
    /// deadline ([`NlSocket::set_timeout`]); between tries it waits 10 ms, then 20, 40...
    /// up to 0.5 s (changes come in bursts). `on_event` receives [`DumpEvent::Start`] before each
    /// try (forget the items collected so far) and then each item.
    ///
    /// ```
    /// use crosswire_kernel::netlink::{genl, socket::{DumpEvent, DumpOutcome, NlSocket, DEFAULT_BUFFER, DEFAULT_DUMP_TRIES}, NlWriter, NLM_F_DUMP, NLM_F_REQUEST};
    ///
    /// let mut sock = NlSocket::generic()?;
    /// let mut req = [0u8; 64];
    /// let mut w = NlWriter::new(&mut req);
    /// let m = w.begin_message(genl::GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_DUMP, 0, 0)?;
    /// w.put_bytes(&[genl::CTRL_CMD_GETFAMILY, 2, 0, 0])?;
    /// w.end_message(m)?;
    /// let len = w.len();
    /// let mut buf = vec![0u8; DEFAULT_BUFFER];
    /// let mut families = 0;
    /// let outcome = sock.dump_retrying(&mut req[..len], &mut buf, DEFAULT_DUMP_TRIES, |event| {
    ///     match event {
    ///         DumpEvent::Start { .. } => families = 0,
    ///         DumpEvent::Item(_) => families += 1,
    ///     }
    ///     Ok(())
    /// })?;
    /// if let DumpOutcome::Interrupted { .. } = outcome {
    ///     eprintln!("Dump was interrupted and may be inconsistent.");
    /// }
    /// assert!(families > 0);
    /// # Ok::<(), crosswire_kernel::netlink::socket::SocketError>(())
    /// ```
    pub fn dump_retrying(
        &mut self,
        request: &mut [u8],
        buf: &mut [u8],
        tries: u32,
        mut on_event: impl FnMut(DumpEvent<'_>) -> Result<(), SocketError>,
    ) -> Result<DumpOutcome, SocketError> {
        let mut pause = Duration::from_millis(10);
        let mut attempt = 1;
        loop {
            let seq = self.next_seq();
            let field = request
                .get_mut(8..12)
                .ok_or(SocketError::Malformed(NlError::new(
                    NlErrorKind::Truncated,
                    0,
                )))?;
            field.copy_from_slice(&seq.to_ne_bytes());
            on_event(DumpEvent::Start { attempt })?;
            let outcome = self.dump(request, buf, |m| on_event(DumpEvent::Item(m)))?;
            if matches!(outcome, DumpOutcome::Complete { .. }) || attempt >= tries {
                return Ok(outcome);
            }
            std::thread::sleep(pause);
            pause = pause.saturating_mul(2).min(MAX_DUMP_PAUSE);
            attempt = attempt.saturating_add(1);
        }
    }
}

impl NlSocket {
    /// The generic netlink family `name`: from `cache`, or asked of `nlctrl` (this socket
    /// must be a `NETLINK_GENERIC` one) and kept in `cache`. `None` when the kernel has no
    /// such family (`ENOENT`).
    pub fn resolve<const N: usize>(
        &mut self,
        cache: &mut FamilyCache<N>,
        name: &str,
        buf: &mut [u8],
    ) -> Result<Option<Family>, SocketError> {
        if let Some(family) = cache.get(name) {
            return Ok(Some(family.clone()));
        }
        let mut req = [0u8; 64];
        let seq = self.next_seq();
        let req = genl::getfamily_request(&mut req, seq, name)?;
        let mut found = None;
        let result = self.request(req, buf, |msg| {
            found = Some(Family::from_message(&msg)?);
            Ok(())
        });
        match result {
            Ok(()) => {}
            Err(SocketError::Refused { error, .. })
                if Errno::from_negative(error) == Some(Errno::ENOENT) =>
            {
                return Ok(None)
            }
            Err(e) => return Err(e),
        }
        if let Some(family) = &found {
            cache.insert(family.clone());
        }
        Ok(found)
    }
}

impl AsFd for NlSocket {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

/// The socket's descriptor: the same one from `open` until the socket is dropped.
impl AsRawFd for NlSocket {
    fn as_raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}
