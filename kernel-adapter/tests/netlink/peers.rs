//! The netlink client against peers that misbehave: scripted `NETLINK_USERSOCK` peers in
//! threads of this process answer each request with chosen bytes (or nothing), so every
//! case is exact and needs no privilege. Regression tests of issue 23 (N2, N4, N5).
// Not under qemu-user (`.ci/cross.sh`'s emulated targets): it does not translate the
// payloads of netlink sockets, which this test needs from the host kernel.
#![cfg(not(crosswire_qemu_user))]

use crate::rtnl;

use std::{
    sync::mpsc,
    thread,
    time::{Duration, Instant},
};

use crosswire_kernel::{
    netlink::{
        put_ack, put_done,
        route::{IfInfoMsg, RTM_NEWLINK},
        socket::{NlSocket, SocketError, DEFAULT_BUFFER},
        ExtAck, Messages, NlErrorKind, NlMsgHdr, NlWriter, NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS,
        NLMSG_ERROR, NLM_F_ACK, NLM_F_ACK_TLVS, NLM_F_CAPPED, NLM_F_DUMP_INTR, NLM_F_MULTI,
        NLM_F_REQUEST,
    },
    Errno,
};

/// A safety net for the code before the fix: a receive that would block forever fails
/// after this long instead (the tests then fail rather than hang).
const NET: Duration = Duration::from_secs(10);

/// A peer in a thread: receives up to `requests` requests and answers each with the
/// datagrams `script` builds from its header, `pid` set to the requester's port (none:
/// silence). Returns its port and a channel that yields the number of requests it saw
/// when it stops.
fn peer(
    requests: usize,
    script: impl Fn(&NlMsgHdr, usize) -> Vec<Vec<u8>> + Send + 'static,
) -> (u32, mpsc::Receiver<usize>) {
    let sock = NlSocket::usersock().unwrap();
    let port = sock.port();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        rustix::net::sockopt::set_socket_timeout(
            &sock,
            rustix::net::sockopt::Timeout::Recv,
            Some(Duration::from_secs(3)),
        )
        .unwrap();
        let mut buf = vec![0u8; DEFAULT_BUFFER];
        let mut seen = 0;
        while seen < requests {
            let Ok((mut msgs, from)) = sock.recv(&mut buf) else {
                break;
            };
            let Some(Ok(msg)) = msgs.next() else { continue };
            // Answers carry the requester's port, as the kernel's do.
            let hdr = NlMsgHdr {
                pid: from,
                ..*msg.header()
            };
            for datagram in script(&hdr, seen) {
                let _ = sock.send_to(&datagram, from);
            }
            seen += 1;
        }
        let _ = tx.send(seen);
    });
    (port, rx)
}

fn client(peer: u32) -> NlSocket {
    let mut sock = NlSocket::usersock().unwrap();
    sock.set_peer(peer);
    rustix::net::sockopt::set_socket_timeout(&sock, rustix::net::sockopt::Timeout::Recv, Some(NET))
        .unwrap();
    sock
}

/// A request of type 0x20 with `flags`, sequence number from the socket.
fn request(sock: &mut NlSocket, flags: u16) -> Vec<u8> {
    let seq = sock.next_seq();
    let mut buf = [0u8; 64];
    let mut w = NlWriter::new(&mut buf);
    let m = w
        .begin_message(0x20, NLM_F_REQUEST | flags, seq, sock.port())
        .unwrap();
    w.put_u32(1, 7).unwrap();
    w.end_message(m).unwrap();
    w.as_bytes().to_vec()
}

/// A reply of type 0x21 to `req`.
fn reply(req: &NlMsgHdr, flags: u16) -> Vec<u8> {
    let mut buf = vec![0u8; 64];
    let mut w = NlWriter::new(&mut buf);
    let m = w.begin_message(0x21, flags, req.seq, req.pid).unwrap();
    w.put_u32(1, 8).unwrap();
    w.end_message(m).unwrap();
    w.as_bytes().to_vec()
}

/// The `NLMSG_DONE` ending a multi-part answer to `req`.
fn done(req: &NlMsgHdr) -> Vec<u8> {
    let mut buf = vec![0u8; 32];
    let mut w = NlWriter::new(&mut buf);
    put_done(&mut w, req, 0).unwrap();
    let len = w.len();
    buf.truncate(len);
    buf
}

/// An `NLMSG_ERROR` answering `req` with `error`, its extended-ack attributes written by
/// `tlvs`.
fn ack(req: &NlMsgHdr, error: i32, tlvs: impl FnOnce(&mut NlWriter<'_>)) -> Vec<u8> {
    let mut buf = vec![0u8; 256];
    let mut w = NlWriter::new(&mut buf);
    let m = w
        .begin_message(NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS, req.seq, req.pid)
        .unwrap();
    w.put_bytes(&error.to_ne_bytes()).unwrap();
    w.put_bytes(&req.to_bytes()).unwrap();
    tlvs(&mut w);
    w.end_message(m).unwrap();
    w.as_bytes().to_vec()
}

/// N4: a request without `NLM_F_ACK` ends at its reply; at 413071a `request` waited on
/// for an ack that never comes.
#[test]
fn request_without_ack_ends_at_the_reply() {
    let (port, seen) = peer(1, |req, _| vec![reply(req, 0)]);
    let mut sock = client(port);
    let req = request(&mut sock, 0);
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let mut replies = 0;
    let start = Instant::now();
    sock.request(&req, &mut buf, |m| {
        assert_eq!(m.header().ty, 0x21);
        replies += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(replies, 1);
    assert!(start.elapsed() < NET, "request waited past its reply");
    assert_eq!(seen.recv().unwrap(), 1);
    // A multi-part answer to a request without NLM_F_ACK ends at its NLMSG_DONE.
    let (port, _) = peer(1, |req, _| {
        vec![reply(req, NLM_F_MULTI), reply(req, NLM_F_MULTI), done(req)]
    });
    let mut sock = client(port);
    let req = request(&mut sock, 0);
    let mut replies = 0;
    sock.request(&req, &mut buf, |_| {
        replies += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(replies, 2);
}

/// N4: a peer that answers with a reply but never with the ack, and one that never
/// answers a dump's end: both end at the socket's deadline.
#[test]
fn silent_peers_hit_the_deadline() {
    let (port, _) = peer(2, |req, _| vec![reply(req, NLM_F_MULTI)]);
    let mut sock = client(port);
    sock.set_timeout(Some(Duration::from_millis(300)));
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let req = request(&mut sock, NLM_F_ACK);
    let got = sock.request(&req, &mut buf, |_| Ok(()));
    assert_eq!(got, Err(SocketError::TimedOut));
    let req = request(&mut sock, crosswire_kernel::netlink::NLM_F_DUMP);
    let mut items = 0;
    let got = sock.dump(&req, &mut buf, |_| {
        items += 1;
        Ok(())
    });
    assert_eq!(got, Err(SocketError::TimedOut));
    assert_eq!(items, 1);
}

/// N5: a refusal whose extended ack does not parse is still a refusal with its errno; at
/// 413071a it became `Malformed`.
#[test]
fn malformed_extended_ack_stays_a_refusal() {
    let (port, _) = peer(1, |req, _| {
        vec![ack(req, Errno::EPERM.to_negative(), |w| {
            w.put_attr(NLMSGERR_ATTR_MSG, b"\xff\0").unwrap();
            w.put_attr(NLMSGERR_ATTR_OFFS, &[0]).unwrap();
        })]
    });
    let mut sock = client(port);
    let req = request(&mut sock, NLM_F_ACK);
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let got = sock.request(&req, &mut buf, |_| Ok(()));
    assert_eq!(
        got,
        Err(SocketError::Refused {
            error: Errno::EPERM.to_negative(),
            offset: None,
            miss_type: None
        })
    );
    assert_eq!(sock.last_ack().errno(), Some(Errno::EPERM));
    assert!(sock.last_ack().ext_ack_error.is_some());
}

/// N5: an offset past the request the socket sent is dropped; at 413071a it was handed
/// on as it was.
#[test]
fn extended_ack_offset_past_the_request_is_dropped() {
    let (port, _) = peer(2, |req, n| {
        let offset: u32 = if n == 0 { 1000 } else { 20 };
        vec![ack(req, Errno::EINVAL.to_negative(), |w| {
            w.put_u32(NLMSGERR_ATTR_OFFS, offset).unwrap();
        })]
    });
    let mut sock = client(port);
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let req = request(&mut sock, NLM_F_ACK);
    assert_eq!(req.len(), 24);
    let got = sock.request(&req, &mut buf, |_| Ok(()));
    assert!(
        matches!(
            got,
            Err(SocketError::Refused {
                error: -22,
                offset: None,
                ..
            })
        ),
        "{got:?}"
    );
    assert_eq!(sock.last_ack().offset, None);
    let req = request(&mut sock, NLM_F_ACK);
    let got = sock.request(&req, &mut buf, |_| Ok(()));
    assert!(
        matches!(
            got,
            Err(SocketError::Refused {
                offset: Some(20),
                ..
            })
        ),
        "{got:?}"
    );
}

/// N5: bytes after the ack in the same datagram that are not a whole message are
/// `Truncated` (docs/netlink.md §3), not silently ignored as at 413071a.
#[test]
fn junk_after_an_ack_is_reported() {
    let (port, _) = peer(1, |req, _| {
        let mut d = ack(req, 0, |_| {});
        d.extend_from_slice(&[1, 2, 3, 4, 5]);
        vec![d]
    });
    let mut sock = client(port);
    let req = request(&mut sock, NLM_F_ACK);
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let got = sock.request(&req, &mut buf, |_| Ok(()));
    let Err(SocketError::Malformed(e)) = got else {
        panic!("junk after the ack accepted: {got:?}");
    };
    assert_eq!((e.kind(), e.offset()), (NlErrorKind::Truncated, 36));
    // The same bytes are refused the same way by the parser.
    let mut d = [0u8; 64];
    let mut w = NlWriter::new(&mut d);
    put_ack(
        &mut w,
        &NlMsgHdr::from_prefix(&req).unwrap(),
        0,
        &ExtAck::default(),
    )
    .unwrap();
    let n = w.len();
    let mut d = d[..n].to_vec();
    d.extend_from_slice(&[1, 2, 3, 4, 5]);
    let last = Messages::new(&d).last().unwrap();
    assert_eq!(last.unwrap_err().kind(), NlErrorKind::Truncated);
}

/// One `RTM_NEWLINK` item for the fake rtnetlink peer, flagged `NLM_F_DUMP_INTR`.
fn interrupted_link(req: &NlMsgHdr, index: i32) -> Vec<u8> {
    let mut buf = vec![0u8; 128];
    let mut w = NlWriter::new(&mut buf);
    let m = w
        .begin_message(RTM_NEWLINK, NLM_F_MULTI | NLM_F_DUMP_INTR, req.seq, req.pid)
        .unwrap();
    let hdr = IfInfoMsg {
        index,
        ..IfInfoMsg::default()
    };
    let mut raw = [0u8; 16];
    crosswire_kernel::netlink::CLayout::write_to(&hdr, &mut raw);
    w.put_bytes(&raw).unwrap();
    w.put_str(3, "x").unwrap();
    w.put_u32(4, 1500).unwrap();
    w.end_message(m).unwrap();
    let len = w.len();
    buf.truncate(len);
    buf
}

/// N2: a peer whose every dump is interrupted (a kernel under heavy link churn). The
/// examples' dump helper gives up after a bounded number of tries and returns the last
/// dump, marked interrupted; at 413071a it retried without limit.
#[test]
fn always_interrupted_dump_ends_after_bounded_tries() {
    let (port, seen) = peer(1000, |req, _| {
        vec![
            interrupted_link(req, 1),
            interrupted_link(req, 2),
            done(req),
        ]
    });
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut sock = client(port);
        let mut buf = vec![0u8; DEFAULT_BUFFER];
        let _ = tx.send(rtnl::dump_links(&mut sock, &mut buf).map(|(l, i)| (l.len(), i)));
    });
    let got = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the dump never ended");
    assert_eq!(got, Ok((2, true)), "two links, marked interrupted");
    drop(rx);
    let tries = seen.recv().unwrap();
    assert_eq!(tries, rtnl::DUMP_TRIES as usize);
}
