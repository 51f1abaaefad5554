//! A receive loop for userspace netlink servers: a `NETLINK_USERSOCK` daemon, or any
//! process answering requests as the kernel does. It keeps serving whatever its clients
//! do: a datagram that does not frame, or is larger than the buffer, is dropped and
//! counted; answers are sent without blocking (`MSG_DONTWAIT`), so a client that does not
//! read, or has closed its socket, loses its answers (counted) and never stalls the
//! server; each request comes with its sender's port and credentials (`SO_PASSCRED`,
//! `SCM_CREDENTIALS`), so a server can refuse an unprivileged sender.

use std::os::fd::AsFd;

use rustix::net::{netlink::SocketAddrNetlink, sendto, sockopt, SendFlags};

use super::{creds, NlSocket, SocketError};
use crate::netlink::{
    put_ack, ExtAck, Message, Messages, NlError, NlMsgHdr, NlWriter, NLMSG_MIN_TYPE, NLM_F_REQUEST,
};

/// The credentials the kernel attached to a datagram (`struct ucred`): those of the
/// sending process when it sent, checked by the kernel, not claimed by the sender.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// The sender's process id (0: the kernel).
    pub pid: i32,
    /// Its user id.
    pub uid: u32,
    /// Its group id.
    pub gid: u32,
}

/// Who sent a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sender {
    /// The sender's netlink port id (0: the kernel). Answers go there.
    pub port: u32,
    /// Its credentials; `None` only when the kernel attached none.
    pub creds: Option<Credentials>,
}

impl Sender {
    /// Whether the sender runs as `uid` or as root (uid 0); `false` without credentials.
    #[inline]
    pub fn is_uid_or_root(&self, uid: u32) -> bool {
        self.creds.is_some_and(|c| c.uid == uid || c.uid == 0)
    }
}

/// One request handed to a [`Server`]'s handler.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The message, borrowed from the receive buffer.
    pub msg: Message<'a>,
    /// Who sent it.
    pub sender: Sender,
}

impl Request<'_> {
    /// The header to answer with ([`put_ack`], replies): the request's, with `pid` set
    /// to the sender's port, as the kernel answers, whatever the request's `nlmsg_pid`
    /// claims.
    #[inline]
    pub fn reply_header(&self) -> NlMsgHdr {
        NlMsgHdr {
            pid: self.sender.port,
            ..*self.msg.header()
        }
    }
}

/// Whether a [`Server`] goes on after a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Serve the next request.
    Continue,
    /// Stop: [`Server::serve`] returns after sending this request's answer.
    Stop,
}

/// What a [`Server`] has seen. Every counter only grows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerStats {
    /// Datagrams received.
    pub datagrams: u64,
    /// Requests handed to the handler.
    pub requests: u64,
    /// Datagrams larger than the receive buffer (`MSG_TRUNC`), dropped.
    pub truncated: u64,
    /// Datagrams that do not frame as netlink messages, dropped whole.
    pub malformed: u64,
    /// Messages that are no request (a control message, or no `NLM_F_REQUEST`), not
    /// answered: two servers never answer each other's acks.
    pub ignored: u64,
    /// Answers the client did not take (its receive queue full, its socket closed),
    /// dropped.
    pub dropped: u64,
    /// Requests whose handler failed ([`NlError`], usually an answer that did not fit
    /// the output buffer), answered with that error's errno.
    pub failed: u64,
    /// Times the server's own receive queue overflowed (`ENOBUFS`): requests were lost.
    pub overruns: u64,
}

/// A userspace netlink server's receive loop over an [`NlSocket`].
///
/// ```
/// use crosswire_kernel::netlink::{put_ack, socket::{Flow, NlSocket, Server}, ExtAck, NlWriter, NLM_F_ACK, NLM_F_REQUEST};
///
/// let mut server = Server::new(NlSocket::usersock()?)?;
/// let mut client = NlSocket::usersock()?;
/// client.set_peer(server.socket().port());
/// // A stray datagram first: dropped and counted, the server carries on.
/// client.send(&[1, 2, 3, 4, 5])?;
/// let mut req = [0u8; 16];
/// let mut w = NlWriter::new(&mut req);
/// let seq = client.next_seq();
/// let m = w.begin_message(0x20, NLM_F_REQUEST | NLM_F_ACK, seq, client.port())?;
/// w.end_message(m)?;
/// client.send(w.as_bytes())?;
///
/// let (mut buf, mut out) = (vec![0u8; 8192], vec![0u8; 8192]);
/// let me = rustix::process::geteuid().as_raw();
/// let handler = |req: &crosswire_kernel::netlink::socket::Request<'_>, w: &mut NlWriter<'_>| {
///     let error = if req.sender.is_uid_or_root(me) { 0 } else { -1 }; // EPERM
///     put_ack(w, &req.reply_header(), error, &ExtAck::default())?;
///     Ok(Flow::Stop)
/// };
/// server.serve(&mut buf, &mut out, handler)?;
/// assert_eq!((server.stats().malformed, server.stats().requests), (1, 1));
///
/// let mut reply = vec![0u8; 8192];
/// let (mut msgs, from) = client.recv(&mut reply)?;
/// assert_eq!(from, server.socket().port());
/// assert!(msgs.next().is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Server {
    sock: NlSocket,
    stats: ServerStats,
}

impl Server {
    /// Serves on `sock`, and asks the kernel for each datagram's credentials
    /// (`SO_PASSCRED`).
    pub fn new(sock: NlSocket) -> Result<Self, SocketError> {
        sockopt::set_socket_passcred(&sock, true)?;
        Ok(Server {
            sock,
            stats: ServerStats::default(),
        })
    }

    /// The socket (its port is the server's address).
    #[inline]
    pub fn socket(&self) -> &NlSocket {
        &self.sock
    }

    /// What the server has seen so far.
    #[inline]
    pub fn stats(&self) -> &ServerStats {
        &self.stats
    }

    /// Serves until a handler returns [`Flow::Stop`]. Datagrams are received into `buf`
    /// (one larger than `buf` is dropped and counted); each request's answer is written
    /// into `out` by `handler` and sent to the sender without blocking. `handler` gets
    /// each request (a message with `NLM_F_REQUEST` and a type of a family, not a control
    /// message); an error from it is counted and answered with its errno.
    ///
    /// Returns only for [`Flow::Stop`] or a failure of the socket itself (never for what
    /// a client sent or failed to read).
    pub fn serve(
        &mut self,
        buf: &mut [u8],
        out: &mut [u8],
        mut handler: impl FnMut(&Request<'_>, &mut NlWriter<'_>) -> Result<Flow, NlError>,
    ) -> Result<(), SocketError> {
        while self.serve_one(buf, out, &mut handler)? == Flow::Continue {}
        Ok(())
    }

    /// Receives one datagram (waiting as the socket does) and serves its requests, as
    /// [`Server::serve`] does; [`Flow::Stop`] when a handler said so.
    pub fn serve_one(
        &mut self,
        buf: &mut [u8],
        out: &mut [u8],
        mut handler: impl FnMut(&Request<'_>, &mut NlWriter<'_>) -> Result<Flow, NlError>,
    ) -> Result<Flow, SocketError> {
        let Some((len, sender)) = self.receive(buf)? else {
            return Ok(Flow::Continue);
        };
        self.stats.datagrams = self.stats.datagrams.saturating_add(1);
        let Ok(msgs) = Messages::received(buf, len) else {
            self.stats.truncated = self.stats.truncated.saturating_add(1);
            return Ok(Flow::Continue);
        };
        if msgs.clone().any(|m| m.is_err()) {
            self.stats.malformed = self.stats.malformed.saturating_add(1);
            return Ok(Flow::Continue);
        }
        for msg in msgs.flatten() {
            let hdr = msg.header();
            if hdr.ty < NLMSG_MIN_TYPE || !hdr.has(NLM_F_REQUEST) {
                self.stats.ignored = self.stats.ignored.saturating_add(1);
                continue;
            }
            self.stats.requests = self.stats.requests.saturating_add(1);
            let req = Request { msg, sender };
            let mut w = NlWriter::new(out);
            let flow = match handler(&req, &mut w) {
                Ok(flow) => flow,
                Err(e) => {
                    self.stats.failed = self.stats.failed.saturating_add(1);
                    w = NlWriter::new(out);
                    // An ack fits any buffer of 36 bytes; with a smaller one, no answer.
                    let _ = put_ack(
                        &mut w,
                        &req.reply_header(),
                        e.errno().to_negative(),
                        &ExtAck::default(),
                    );
                    Flow::Continue
                }
            };
            self.reply(w.as_bytes(), sender.port);
            if flow == Flow::Stop {
                return Ok(Flow::Stop);
            }
        }
        Ok(Flow::Continue)
    }

    /// Sends `bytes` (nothing when empty) to `port` without blocking; an answer the
    /// client does not take is dropped and counted ([`ServerStats::dropped`]). Returns
    /// whether it was sent. For answers outside a handler (notifications).
    pub fn reply(&mut self, bytes: &[u8], port: u32) -> bool {
        if bytes.is_empty() {
            return true;
        }
        let sent = sendto(
            &self.sock,
            bytes,
            SendFlags::DONTWAIT,
            &SocketAddrNetlink::new(port, 0),
        );
        // EAGAIN: the client's queue is full; ECONNREFUSED: its socket is gone. Any other
        // failure is about this one client as well: the server goes on either way.
        let ok = sent == Ok(bytes.len());
        if !ok {
            self.stats.dropped = self.stats.dropped.saturating_add(1);
        }
        ok
    }

    /// One `recvmsg` with the credentials: the datagram's real length and its sender, or
    /// `None` after an interruption or an overflow of the receive queue (counted).
    fn receive(&mut self, buf: &mut [u8]) -> Result<Option<(usize, Sender)>, SocketError> {
        match creds::recv(self.sock.as_fd(), buf) {
            Ok((len, port, creds)) => Ok(Some((len, Sender { port, creds }))),
            Err(rustix::io::Errno::INTR) => Ok(None),
            Err(rustix::io::Errno::NOBUFS) => {
                self.stats.overruns = self.stats.overruns.saturating_add(1);
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }
}
