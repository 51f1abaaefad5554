//! `usersock_daemon` (the documented pattern for a userspace netlink server, served by
//! `examples/shared/usersock.rs`) against hostile local clients: each attack of issue 23's
//! N1 must neither stop nor block it. The daemon runs in a thread of the test; after each
//! attack a well-behaved client must still be served, and `KV_QUIT` must end it cleanly.
// Not under qemu-user (`.ci/cross.sh`'s emulated targets): it does not translate the
// payloads of netlink sockets, which this test needs from the host kernel.
#![cfg(not(crosswire_qemu_user))]

use crate::{netns, usersock};

use std::{process::Command, sync::mpsc, thread, time::Duration};

use crosswire_kernel::{
    netlink::{
        socket::{NlSocket, SocketError},
        NlWriter, NLM_F_ACK, NLM_F_REQUEST,
    },
    Errno,
};

/// How long a well-behaved client waits for the daemon before the test fails (generous:
/// the daemon answers in microseconds when it is alive).
const PATIENCE: Duration = Duration::from_secs(10);

struct Daemon {
    port: u32,
    result: mpsc::Receiver<Result<usersock::Served, SocketError>>,
}

fn start() -> Daemon {
    let (tx_port, rx_port) = mpsc::channel();
    let (tx, result) = mpsc::channel();
    thread::spawn(move || {
        let sock = NlSocket::usersock().unwrap();
        tx_port.send(sock.port()).unwrap();
        let _ = tx.send(usersock::serve(sock));
    });
    Daemon {
        port: rx_port.recv().unwrap(),
        result,
    }
}

/// A client whose receives give up after [`PATIENCE`].
fn client(port: u32) -> NlSocket {
    let mut sock = NlSocket::usersock().unwrap();
    sock.set_peer(port);
    rustix::net::sockopt::set_socket_timeout(
        &sock,
        rustix::net::sockopt::Timeout::Recv,
        Some(PATIENCE),
    )
    .unwrap();
    sock
}

impl Daemon {
    /// A well-behaved client, opened before any attack: a port freed by a client that
    /// closed early may be given to a socket opened later, which then receives the
    /// answers meant for the closed one (netlink ports are reused), and may lose its own
    /// when they fill its queue.
    fn client(&self) -> NlSocket {
        client(self.port)
    }

    /// `sock` is still answered.
    fn answers(&self, sock: &mut NlSocket, value: u64) {
        usersock::set(sock, "alive", value, false).expect("the daemon stopped answering");
        assert_eq!(usersock::get(sock, "alive").unwrap(), Some((value, false)));
        if let Ok(r) = self.result.try_recv() {
            panic!("the daemon ended: {r:?}");
        }
    }

    /// `KV_QUIT`: the daemon ends without error; returns what it counted.
    fn stop(self, sock: &mut NlSocket) -> usersock::Served {
        usersock::quit(sock).unwrap();
        self.result
            .recv_timeout(PATIENCE)
            .expect("the daemon did not stop")
            .expect("the daemon failed")
    }
}

/// `KV_GET` requests for `alive`, `n` messages in one datagram. Their sequence numbers
/// start at 1000000: after the client has gone, its port may be given to the next
/// client, which must not take these answers for its own (it numbers from 1).
fn gets(n: usize, port: u32) -> Vec<u8> {
    let mut buf = vec![0u8; n * 64];
    let mut w = NlWriter::new(&mut buf);
    for seq in 0..n {
        let m = w
            .begin_message(
                usersock::KV_GET,
                NLM_F_REQUEST | NLM_F_ACK,
                1_000_000 + u32::try_from(seq).unwrap(),
                port,
            )
            .unwrap();
        w.put_str(usersock::KV_ATTR_KEY, "alive").unwrap();
        w.end_message(m).unwrap();
    }
    let len = w.len();
    buf.truncate(len);
    buf
}

/// N1: a 5-byte datagram from another user (uid 65534, this binary re-run as it, in the
/// test's own network namespace). At 413071a the daemon exited with `Malformed(Truncated)`.
/// The same user's `KV_SET` is refused with `EPERM` (credentials, `SCM_CREDENTIALS`), its
/// `KV_GET` answered.
#[test]
fn five_bytes_from_another_user() {
    const ATTACK: &str = "CROSSWIRE_N1_ATTACK_PORT";
    if let Some(port) = std::env::var_os(ATTACK) {
        let port: u32 = port.to_str().unwrap().parse().unwrap();
        assert_eq!(rustix::process::geteuid().as_raw(), 65534);
        let sock = NlSocket::usersock().unwrap();
        sock.send_to(&[1, 2, 3, 4, 5], port).unwrap();
        let mut sock = client(port);
        match usersock::set(&mut sock, "alive", 666, false) {
            Err(SocketError::Refused { error, .. }) => {
                println!("SET REFUSED {}", -error);
            }
            other => println!("SET {other:?}"),
        }
        println!("GET {:?}", usersock::get(&mut sock, "alive"));
        return;
    }
    if !netns::enter("server::five_bytes_from_another_user") {
        return;
    }
    let daemon = start();
    let mut me = daemon.client();
    daemon.answers(&mut me, 1);
    let exe = std::env::current_exe().unwrap();
    let out = std::os::unix::process::CommandExt::uid(
        Command::new(exe).args([
            "--exact",
            "server::five_bytes_from_another_user",
            "--nocapture",
            "--test-threads=1",
        ]),
        65534,
    )
    .env(ATTACK, daemon.port.to_string())
    .output()
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    daemon.answers(&mut me, 2);
    assert!(
        stdout.contains(&format!("SET REFUSED {}", Errno::EPERM.get())),
        "{stdout}"
    );
    assert!(stdout.contains("GET Ok(Some((1, false)))"), "{stdout}");
    let served = daemon.stop(&mut me);
    assert_eq!(served.stats.malformed, 1, "{served:?}");
    assert_eq!(served.refused, 1, "{served:?}");
}

/// N1: a datagram larger than the daemon's receive buffer. At 413071a the daemon exited
/// with `DatagramTruncated`.
#[test]
fn datagram_larger_than_the_daemon_buffer() {
    let daemon = start();
    let mut me = daemon.client();
    let sock = NlSocket::usersock().unwrap();
    let mut big = vec![0u8; 9000];
    let mut w = NlWriter::new(&mut big);
    let m = w
        .begin_message(usersock::KV_SET, NLM_F_REQUEST | NLM_F_ACK, 1, sock.port())
        .unwrap();
    w.put_attr(9, &[0xAB; 8900]).unwrap();
    w.end_message(m).unwrap();
    let len = w.len();
    sock.send_to(&big[..len], daemon.port).unwrap();
    sock.send_to(&[0xEE; 9000], daemon.port).unwrap();
    daemon.answers(&mut me, 3);
    let served = daemon.stop(&mut me);
    assert_eq!(served.stats.truncated, 2, "{served:?}");
}

/// N1: a client that sends requests and closes its socket before the answers arrive. At
/// 413071a the daemon exited with `ECONNREFUSED`.
#[test]
fn client_that_closes_early() {
    let daemon = start();
    let mut me = daemon.client();
    for _ in 0..3 {
        let sock = NlSocket::usersock().unwrap();
        sock.send_to(&gets(150, sock.port()), daemon.port).unwrap();
        drop(sock);
    }
    daemon.answers(&mut me, 4);
    let served = daemon.stop(&mut me);
    assert!(served.stats.requests >= 450, "{served:?}");
}

/// N1: a client that never reads its replies (its receive queue as small as the kernel
/// allows). At 413071a the daemon blocked in `send` for good, so nobody else was served.
#[test]
fn client_that_never_reads() {
    let daemon = start();
    let mut me = daemon.client();
    let sock = NlSocket::usersock().unwrap();
    rustix::net::sockopt::set_socket_recv_buffer_size(&sock, 1).unwrap();
    for _ in 0..4 {
        sock.send_to(&gets(100, sock.port()), daemon.port).unwrap();
    }
    daemon.answers(&mut me, 5);
    let served = daemon.stop(&mut me);
    assert!(served.stats.dropped > 0, "{served:?}");
    drop(sock);
}

/// The server loop's other rules, on a handler of its own: control messages and messages
/// without `NLM_F_REQUEST` are not answered (two servers never answer each other's acks);
/// a handler that fails (here: an answer larger than the output buffer) is answered with
/// its errno, and the loop goes on; answers carry the sender's port whatever the request's
/// `nlmsg_pid` says.
#[test]
fn server_ignores_acks_and_answers_handler_failures() {
    use crosswire_kernel::netlink::{
        put_ack,
        socket::{Flow, Server},
        ExtAck, NlMsgHdr, NLMSG_ERROR,
    };
    let mut server = Server::new(NlSocket::usersock().unwrap()).unwrap();
    let sock = client(server.socket().port());
    let port = sock.port();
    let mut msgs = vec![0u8; 256];
    let mut w = NlWriter::new(&mut msgs);
    // An ack, as a confused peer would send it; a message that is no request; a request
    // whose answer does not fit; a request claiming another port; then stop.
    let hdr = NlMsgHdr {
        len: 16,
        ty: 0x20,
        flags: NLM_F_REQUEST,
        seq: 1,
        pid: port,
    };
    put_ack(&mut w, &hdr, 0, &ExtAck::default()).unwrap();
    for (flags, seq, pid) in [
        (0, 2, port),
        (NLM_F_REQUEST, 3, port),
        (NLM_F_REQUEST, 4, 99),
    ] {
        let m = w.begin_message(0x20, flags, seq, pid).unwrap();
        w.end_message(m).unwrap();
    }
    let m = w.begin_message(0x21, NLM_F_REQUEST, 5, port).unwrap();
    w.end_message(m).unwrap();
    let len = w.len();
    sock.send(&msgs[..len]).unwrap();
    let (mut buf, mut out) = (vec![0u8; 4096], vec![0u8; 64]);
    server
        .serve(&mut buf, &mut out, |req, w| {
            let hdr = req.reply_header();
            if hdr.seq == 3 {
                w.put_attr(1, &[0u8; 100])?; // BufferFull: 64 bytes of room
            }
            put_ack(w, &hdr, 0, &ExtAck::default())?;
            Ok(if hdr.ty == 0x21 {
                Flow::Stop
            } else {
                Flow::Continue
            })
        })
        .unwrap();
    let stats = *server.stats();
    assert_eq!(
        (
            stats.datagrams,
            stats.requests,
            stats.ignored,
            stats.failed,
            stats.dropped
        ),
        (1, 3, 2, 1, 0),
        "{stats:?}"
    );
    // The answers: seq 3 refused with EMSGSIZE, 4 and 5 acked, all addressed to us.
    let mut answers = Vec::new();
    while answers.len() < 3 {
        let (got, from) = sock.recv(&mut buf).unwrap();
        assert_eq!(from, server.socket().port());
        for m in got {
            let m = m.unwrap();
            assert_eq!((m.header().ty, m.header().pid), (NLMSG_ERROR, port));
            let error = i32::from_ne_bytes(m.payload()[..4].try_into().unwrap());
            answers.push((m.header().seq, error));
        }
    }
    assert_eq!(answers, [(3, -Errno::EMSGSIZE.get()), (4, 0), (5, 0)]);
}
