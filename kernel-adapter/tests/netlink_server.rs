//! `usersock_daemon` (the documented pattern for a userspace netlink server, served by
//! `examples/shared/usersock.rs`) against hostile local clients: each attack of issue 23's
//! N1 must neither stop nor block it. The daemon runs in a thread of the test; after each
//! attack a well-behaved client must still be served, and `KV_QUIT` must end it cleanly.

#[path = "netlink_support/netns.rs"]
mod netns;
#[path = "../examples/shared/usersock.rs"]
mod usersock;

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
    /// A well-behaved client is still answered.
    fn answers(&self, value: u64) {
        let mut sock = client(self.port);
        usersock::set(&mut sock, "alive", value, false).expect("the daemon stopped answering");
        assert_eq!(
            usersock::get(&mut sock, "alive").unwrap(),
            Some((value, false))
        );
        if let Ok(r) = self.result.try_recv() {
            panic!("the daemon ended: {r:?}");
        }
    }

    /// `KV_QUIT`: the daemon ends without error; returns what it counted.
    fn stop(self) -> usersock::Served {
        usersock::quit(&mut client(self.port)).unwrap();
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
    if !netns::enter("five_bytes_from_another_user") {
        return;
    }
    let daemon = start();
    daemon.answers(1);
    let exe = std::env::current_exe().unwrap();
    let out = std::os::unix::process::CommandExt::uid(
        Command::new(exe).args([
            "--exact",
            "five_bytes_from_another_user",
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
    daemon.answers(2);
    assert!(
        stdout.contains(&format!("SET REFUSED {}", Errno::EPERM.get())),
        "{stdout}"
    );
    assert!(stdout.contains("GET Ok(Some((1, false)))"), "{stdout}");
    let served = daemon.stop();
    assert_eq!(served.stats.malformed, 1, "{served:?}");
    assert_eq!(served.refused, 1, "{served:?}");
}

/// N1: a datagram larger than the daemon's receive buffer. At 413071a the daemon exited
/// with `DatagramTruncated`.
#[test]
fn datagram_larger_than_the_daemon_buffer() {
    let daemon = start();
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
    daemon.answers(3);
    let served = daemon.stop();
    assert_eq!(served.stats.truncated, 2, "{served:?}");
}

/// N1: a client that sends requests and closes its socket before the answers arrive. At
/// 413071a the daemon exited with `ECONNREFUSED`.
#[test]
fn client_that_closes_early() {
    let daemon = start();
    for _ in 0..3 {
        let sock = NlSocket::usersock().unwrap();
        sock.send_to(&gets(150, sock.port()), daemon.port).unwrap();
        drop(sock);
    }
    daemon.answers(4);
    let served = daemon.stop();
    assert!(served.stats.requests >= 450, "{served:?}");
}

/// N1: a client that never reads its replies (its receive queue as small as the kernel
/// allows). At 413071a the daemon blocked in `send` for good, so nobody else was served.
#[test]
fn client_that_never_reads() {
    let daemon = start();
    let sock = NlSocket::usersock().unwrap();
    rustix::net::sockopt::set_socket_recv_buffer_size(&sock, 1).unwrap();
    for _ in 0..4 {
        sock.send_to(&gets(100, sock.port()), daemon.port).unwrap();
    }
    daemon.answers(5);
    let served = daemon.stop();
    assert!(served.stats.dropped > 0, "{served:?}");
    drop(sock);
}
