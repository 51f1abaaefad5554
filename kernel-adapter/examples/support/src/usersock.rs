//! A key-value store over `NETLINK_USERSOCK`: the message types and attribute set that
//! `usersock_daemon` and `usersock_tool` share, declared once with `#[derive(NlaSet)]`,
//! and the two sides of the protocol.
//!
//! Requests carry no family header: the attributes follow the `nlmsghdr`. Every request
//! asks for an ack; the daemon answers as the kernel does, with `NLMSG_ERROR` (0 or a
//! negative errno, plus an extended ack naming the offending attribute).

use crosswire::{BoundedStr, BoundedString, BoundedVec};
use crosswire_kernel::{
    netlink::{
        nla, put_ack,
        socket::{Flow, NlSocket, Request, Server, ServerStats, SocketError},
        ExtAck, Mode, NlError, NlErrorKind, NlWriter, NlaSet, NLM_F_ACK, NLM_F_REQUEST,
    },
    Errno,
};

/// Store a value.
pub const KV_SET: u16 = 0x20;
/// Ask for a value; answered by a [`KV_VALUE`] message, then the ack.
pub const KV_GET: u16 = 0x21;
/// The answer to [`KV_GET`].
pub const KV_VALUE: u16 = 0x22;
/// Stop the daemon.
pub const KV_QUIT: u16 = 0x23;

/// Attribute id of [`Entry::key`], for the tests.
pub const KV_ATTR_KEY: u16 = 1;
/// Attribute id of [`Entry::value`].
pub const KV_ATTR_VALUE: u16 = 2;

/// The attributes of every message.
#[derive(Debug, Default, PartialEq, NlaSet)]
pub struct Entry<'a> {
    /// The key.
    #[nla(id = 1)]
    pub key: BoundedStr<'a, 32>,
    /// The value: required by `KV_SET`, absent in `KV_GET`.
    #[nla(id = 2)]
    pub value: Option<u64>,
    /// Marks the entry read-only (an `NLA_FLAG`).
    #[nla(id = 3)]
    pub sticky: bool,
}

/// The daemon's store: fixed capacity, no allocation.
#[derive(Default)]
struct Store {
    entries: BoundedVec<(BoundedString<32>, u64, bool), 64>,
}

impl Store {
    fn get(&self, key: &str) -> Option<(u64, bool)> {
        self.entries
            .iter()
            .find(|(k, _, _)| k.as_str() == key)
            .map(|&(_, v, s)| (v, s))
    }

    fn set(&mut self, key: &str, value: u64, sticky: bool) -> Result<(), Errno> {
        match self
            .entries
            .as_mut_slice()
            .iter_mut()
            .find(|(k, _, _)| k.as_str() == key)
        {
            Some((_, _, true)) => Err(Errno::EPERM),
            Some(slot) => {
                (slot.1, slot.2) = (value, sticky);
                Ok(())
            }
            None => {
                let key = BoundedString::try_from(key).map_err(|_| Errno::EINVAL)?;
                self.entries
                    .push((key, value, sticky))
                    .map_err(|_| Errno::ENOSPC)
            }
        }
    }
}

/// What [`serve`] saw: the server loop's counters, and the requests refused for want of
/// privilege.
#[derive(Debug)]
pub struct Served {
    /// Requests, dropped datagrams, dropped answers ([`ServerStats`]).
    pub stats: ServerStats,
    /// `KV_SET` and `KV_QUIT` refused with `EPERM`: their sender ran as another user than
    /// the daemon (and not as root).
    pub refused: u64,
}

/// Serves requests on `sock` until [`KV_QUIT`] (from the daemon's own user or root) and
/// returns what it saw. Malformed and oversized datagrams are dropped, answers a client
/// does not take are dropped (the loop is [`Server`]'s); it returns early only when the
/// socket itself fails.
pub fn serve(sock: NlSocket) -> Result<Served, SocketError> {
    let mut server = Server::new(sock)?;
    let me = rustix::process::geteuid().as_raw();
    let mut store = Store::default();
    let mut refused = 0;
    let mut buf = vec![0u8; 8192];
    let mut out = vec![0u8; 8192];
    server.serve(&mut buf, &mut out, |req, w| {
        let privileged = req.sender.is_uid_or_root(me);
        if matches!(req.msg.header().ty, KV_SET | KV_QUIT) && !privileged {
            refused += 1;
            let ext = ExtAck {
                msg: Some("only the daemon's user may change it"),
                ..ExtAck::default()
            };
            put_ack(w, &req.reply_header(), Errno::EPERM.to_negative(), &ext)?;
            return Ok(Flow::Continue);
        }
        answer(&mut store, req, w)
    })?;
    Ok(Served {
        stats: *server.stats(),
        refused,
    })
}

/// Answers one request into `w`: a reply when there is one, then the ack.
fn answer(store: &mut Store, req: &Request<'_>, w: &mut NlWriter<'_>) -> Result<Flow, NlError> {
    let msg = &req.msg;
    let hdr = &req.reply_header();
    let at = msg.offset();
    // Offsets in an extended ack count from the request's nlmsghdr.
    let rel = |offset: usize| u32::try_from(offset - at).ok();
    let decoded = nla::decode::<Entry<'_>>(msg.payload(), msg.payload_offset(), Mode::Strict);
    let entry = match (hdr.ty, decoded) {
        (KV_QUIT, _) => {
            put_ack(w, hdr, 0, &ExtAck::default())?;
            return Ok(Flow::Stop);
        }
        (_, Err(e)) => {
            let mut ext = ExtAck {
                msg: Some("malformed request"),
                offset: rel(e.offset()),
                ..ExtAck::default()
            };
            if let NlErrorKind::MissingAttribute { id } = e.kind() {
                ext.msg = Some("missing attribute");
                ext.offset = None;
                ext.miss_type = Some(u32::from(id));
            }
            put_ack(w, hdr, Errno::EINVAL.to_negative(), &ext)?;
            return Ok(Flow::Continue);
        }
        (_, Ok((entry, _))) => entry,
    };
    let key_offset = rel(msg.payload_offset());
    match hdr.ty {
        KV_SET => {
            let Some(value) = entry.value else {
                let ext = ExtAck {
                    msg: Some("KV_SET needs a value"),
                    miss_type: Some(u32::from(KV_ATTR_VALUE)),
                    ..ExtAck::default()
                };
                put_ack(w, hdr, Errno::EINVAL.to_negative(), &ext)?;
                return Ok(Flow::Continue);
            };
            match store.set(&entry.key, value, entry.sticky) {
                Ok(()) => put_ack(w, hdr, 0, &ExtAck::default())?,
                Err(e) => {
                    let ext = ExtAck {
                        msg: Some("key is sticky"),
                        offset: key_offset,
                        ..ExtAck::default()
                    };
                    put_ack(w, hdr, e.to_negative(), &ext)?
                }
            };
        }
        KV_GET => match store.get(&entry.key) {
            Some((value, sticky)) => {
                let start = w.begin_message(KV_VALUE, 0, hdr.seq, hdr.pid)?;
                let reply = Entry {
                    key: entry.key,
                    value: Some(value),
                    sticky,
                };
                reply.put_attrs(w)?;
                w.end_message(start)?;
                put_ack(w, hdr, 0, &ExtAck::default())?;
            }
            None => {
                let ext = ExtAck {
                    msg: Some("no such key"),
                    offset: key_offset,
                    ..ExtAck::default()
                };
                put_ack(w, hdr, Errno::ENOENT.to_negative(), &ext)?;
            }
        },
        _ => {
            let ext = ExtAck {
                msg: Some("unknown message type"),
                ..ExtAck::default()
            };
            put_ack(w, hdr, Errno::EOPNOTSUPP.to_negative(), &ext)?;
        }
    }
    Ok(Flow::Continue)
}

/// The client side: one request with `entry`, answered by an ack (and for `KV_GET` a
/// value first).
pub fn call(
    sock: &mut NlSocket,
    ty: u16,
    entry: &Entry<'_>,
) -> Result<Option<(u64, bool)>, SocketError> {
    let mut req = [0u8; 16 + Entry::MAX_LEN];
    let seq = sock.next_seq();
    let mut w = NlWriter::new(&mut req);
    let start = w.begin_message(ty, NLM_F_REQUEST | NLM_F_ACK, seq, sock.port())?;
    entry.put_attrs(&mut w)?;
    w.end_message(start)?;
    let len = w.len();
    let mut buf = [0u8; 1024];
    let mut got = None;
    sock.request(&req[..len], &mut buf, |reply| {
        if reply.header().ty == KV_VALUE {
            let (e, _) =
                nla::decode::<Entry<'_>>(reply.payload(), reply.payload_offset(), Mode::Strict)?;
            got = e.value.map(|v| (v, e.sticky));
        }
        Ok(())
    })?;
    Ok(got)
}

/// Stores `key` = `value`.
pub fn set(sock: &mut NlSocket, key: &str, value: u64, sticky: bool) -> Result<(), SocketError> {
    let key = BoundedStr::new(key).map_err(|_| SocketError::Io(Errno::EINVAL))?;
    call(
        sock,
        KV_SET,
        &Entry {
            key,
            value: Some(value),
            sticky,
        },
    )
    .map(|_| ())
}

/// The value of `key` and whether it is sticky.
pub fn get(sock: &mut NlSocket, key: &str) -> Result<Option<(u64, bool)>, SocketError> {
    let key = BoundedStr::new(key).map_err(|_| SocketError::Io(Errno::EINVAL))?;
    call(
        sock,
        KV_GET,
        &Entry {
            key,
            ..Entry::default()
        },
    )
}

/// Stops the daemon.
pub fn quit(sock: &mut NlSocket) -> Result<(), SocketError> {
    call(sock, KV_QUIT, &Entry::default()).map(|_| ())
}
