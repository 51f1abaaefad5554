//! The netlink socket on tokio (feature `tokio`): [`AsyncNlSocket`] waits for datagrams
//! through `tokio::io::unix::AsyncFd` instead of blocking, with the same types, errors,
//! deadlines and rules as [`NlSocket`] (the same code decides which messages are ours and
//! when an answer ends).
#![allow(
    unsafe_code,
    reason = "tokio's AsyncFd constructors that are not unsafe are deprecated (I/O safety)"
)]

use tokio::{
    io::{unix::AsyncFd, Interest},
    time::Instant,
};

use super::{
    answer::{self, DumpState, Progress, RequestState},
    DumpOutcome, NlSocket, SocketError,
};
use crate::netlink::{Message, Messages};

/// A bound netlink socket whose receives are `async` (tokio). Open it inside a tokio
/// runtime with the `net` and `time` drivers enabled.
///
/// Listening to link notifications (`ip monitor link`) on a current-thread runtime:
///
/// ```no_run
/// use crosswire_kernel::netlink::{route::RTNLGRP_LINK, socket::{AsyncNlSocket, SocketError, DEFAULT_BUFFER}};
///
/// let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
/// let listened: Result<(), SocketError> = rt.block_on(async {
///     let sock = AsyncNlSocket::route()?;
///     sock.get_ref().add_membership(RTNLGRP_LINK)?;
///     let mut buf = vec![0u8; DEFAULT_BUFFER];
///     loop {
///         let (msgs, _) = sock.recv(&mut buf).await?;
///         for msg in msgs {
///             println!("type {}", msg?.header().ty);
///         }
///     }
/// });
/// listened?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct AsyncNlSocket {
    fd: AsyncFd<NlSocket>,
}

impl AsyncNlSocket {
    /// Makes `sock` non-blocking and registers it with the current tokio runtime.
    pub fn new(sock: NlSocket) -> Result<Self, SocketError> {
        rustix::io::ioctl_fionbio(&sock, true)?;
        // SAFETY: `NlSocket::as_raw_fd` returns the descriptor of its `OwnedFd`, which is
        // open from `NlSocket::open` until the `NlSocket` is dropped, and which no method
        // replaces or closes; the `AsyncFd` owns the `NlSocket`, so the descriptor stays
        // open and the same for the `AsyncFd`'s whole life.
        let fd = unsafe { AsyncFd::register_with_interest(sock, Interest::READABLE) }
            .map_err(|e| io_error(e.into_parts().1))?;
        Ok(AsyncNlSocket { fd })
    }

    /// A `NETLINK_ROUTE` socket (rtnetlink).
    pub fn route() -> Result<Self, SocketError> {
        AsyncNlSocket::new(NlSocket::route()?)
    }

    /// A `NETLINK_GENERIC` socket.
    pub fn generic() -> Result<Self, SocketError> {
        AsyncNlSocket::new(NlSocket::generic()?)
    }

    /// A `NETLINK_USERSOCK` socket.
    pub fn usersock() -> Result<Self, SocketError> {
        AsyncNlSocket::new(NlSocket::usersock()?)
    }

    /// The socket: its port, peer, deadline, sequence numbers, last ack, multicast
    /// membership, and `send` (which does not wait: sending to a full peer is
    /// `Io(EAGAIN)`).
    #[inline]
    pub fn get_ref(&self) -> &NlSocket {
        self.fd.get_ref()
    }

    /// The socket, to change it ([`NlSocket::set_peer`], [`NlSocket::set_timeout`],
    /// [`NlSocket::next_seq`]).
    #[inline]
    pub fn get_mut(&mut self) -> &mut NlSocket {
        self.fd.get_mut()
    }

    /// Receives one datagram into `buf` when one arrives, as [`NlSocket::recv`] does
    /// (multicast notifications, for one); does not time out.
    pub async fn recv<'b>(&self, buf: &'b mut [u8]) -> Result<(Messages<'b>, u32), SocketError> {
        let (len, sender) = self.recv_len(buf, None).await?;
        Ok((Messages::received(buf, len)?, sender))
    }

    async fn recv_len(
        &self,
        buf: &mut [u8],
        deadline: Option<Instant>,
    ) -> Result<(usize, u32), SocketError> {
        let wait = async {
            loop {
                let mut ready = self.fd.readable().await.map_err(io_error)?;
                match ready.try_io(|fd| fd.get_ref().recv_len(buf).map_err(Into::into)) {
                    Ok(got) => return got.map_err(io_error),
                    Err(_would_block) => continue,
                }
            }
        };
        match deadline {
            None => wait.await,
            Some(at) => tokio::time::timeout_at(at, wait)
                .await
                .map_err(|_| SocketError::TimedOut)?,
        }
    }

    fn deadline(&self) -> Option<Instant> {
        self.get_ref()
            .timeout()
            .and_then(|t| Instant::now().checked_add(t))
    }

    /// [`NlSocket::request`], waiting without blocking: the same replies to `on_reply`,
    /// the same end (the ack, or the reply without `NLM_F_ACK`), the same deadline.
    pub async fn request(
        &mut self,
        request: &[u8],
        buf: &mut [u8],
        mut on_reply: impl FnMut(Message<'_>) -> Result<(), SocketError>,
    ) -> Result<(), SocketError> {
        let state = RequestState::new(request)?;
        let deadline = self.deadline();
        self.get_ref().send(request)?;
        loop {
            let (len, sender) = self.recv_len(buf, deadline).await?;
            let msgs = Messages::received(buf, len)?;
            answer::framed(&msgs)?;
            if let Some(done) = state.feed(self.fd.get_mut(), msgs, sender, &mut on_reply) {
                return done;
            }
        }
    }

    /// Sends the dump `request` and returns its items as a stream over `buf`:
    /// [`AsyncDump::next`] yields one item at a time, decoded in place, until the end,
    /// whose outcome is [`AsyncDump::outcome`]. The socket's deadline covers the dump.
    pub async fn dump<'s>(
        &'s mut self,
        request: &[u8],
        buf: &'s mut [u8],
    ) -> Result<AsyncDump<'s>, SocketError> {
        let state = DumpState::new(request)?;
        let deadline = self.deadline();
        self.get_ref().send(request)?;
        Ok(AsyncDump {
            sock: self,
            buf,
            state,
            deadline,
            len: 0,
            next: 0,
            sender: 0,
            end: None,
        })
    }
}

/// The items of a dump, one at a time ([`AsyncNlSocket::dump`]).
///
/// ```no_run
/// # async fn f(sock: &mut crosswire_kernel::netlink::socket::AsyncNlSocket, request: &[u8]) -> Result<(), crosswire_kernel::netlink::socket::SocketError> {
/// let mut buf = vec![0u8; 32 * 1024];
/// let mut dump = sock.dump(request, &mut buf).await?;
/// while let Some(item) = dump.next().await? {
///     println!("{}", item.header().ty);
/// }
/// assert!(dump.outcome().is_some());
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct AsyncDump<'s> {
    sock: &'s mut AsyncNlSocket,
    buf: &'s mut [u8],
    state: DumpState,
    deadline: Option<Instant>,
    /// The length of the datagram in `buf`.
    len: usize,
    /// Where its next message starts.
    next: usize,
    sender: u32,
    end: Option<DumpOutcome>,
}

/// What the message at a position is to the dump, without borrowing the buffer.
enum Seen {
    Item,
    Skip,
    End(DumpOutcome),
}

impl AsyncDump<'_> {
    /// The next item, decoded in place; `None` at the end of the dump (then
    /// [`AsyncDump::outcome`] says how it ended). Errors as [`NlSocket::dump`]'s.
    pub async fn next(&mut self) -> Result<Option<Message<'_>>, SocketError> {
        loop {
            if self.end.is_some() {
                return Ok(None);
            }
            if self.next >= self.len {
                let (len, sender) = self.sock.recv_len(self.buf, self.deadline).await?;
                answer::framed(&Messages::received(self.buf, len)?)?;
                (self.len, self.next, self.sender) = (len, 0, sender);
                continue;
            }
            let at = self.next;
            let buf = self.buf.get(..self.len).unwrap_or_default();
            let mut msgs = Messages::resume(buf, at);
            let Some(msg) = msgs.next().transpose()? else {
                self.next = self.len;
                continue;
            };
            self.next = msgs.position();
            let seen = match self.state.step(self.sock.fd.get_mut(), msg, self.sender)? {
                Progress::Item(_) => Seen::Item,
                Progress::Skip => Seen::Skip,
                Progress::End(outcome) => Seen::End(outcome),
            };
            match seen {
                Seen::Item => {
                    let buf = self.buf.get(..self.len).unwrap_or_default();
                    return Ok(Messages::resume(buf, at).next().transpose()?);
                }
                Seen::Skip => {}
                Seen::End(outcome) => self.end = Some(outcome),
            }
        }
    }

    /// How the dump ended: `None` until [`AsyncDump::next`] has returned `None`.
    #[inline]
    pub fn outcome(&self) -> Option<DumpOutcome> {
        self.end
    }
}

/// An I/O error from tokio or a syscall, as the blocking socket reports it.
fn io_error(e: std::io::Error) -> SocketError {
    rustix::io::Errno::from_io_error(&e).map_or(SocketError::Io(crate::Errno::EIO), Into::into)
}
