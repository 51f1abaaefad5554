//! The async ring endpoints (feature `tokio`, `docs/ring-format.md` §5.4) between two
//! processes: this test binary re-executes itself as the peer (`CROSSWIRE_RING_ROLE`),
//! which receives the ring and its doorbells over a unix socket (`SharedRing::send`,
//! `SharedRing::receive`). Frames are those of the `process` tests (1 to 4096 bytes, each
//! checked whole); async against async, async against blocking both ways, a peer killed
//! with SIGKILL, and an idle async consumer's CPU time.
// Not under qemu-user (`.ci/cross.sh`'s emulated targets): without binfmt_misc it cannot
// start the foreign-architecture processes this test spawns.
#![cfg(not(crosswire_qemu_user))]
#![cfg(all(feature = "std", target_os = "linux"))]

use std::{
    env,
    io::{BufRead, BufReader},
    os::unix::net::{UnixListener, UnixStream},
    path::PathBuf,
    process::{Child, ChildStdout, Command, Stdio},
    sync::atomic::{AtomicU32, Ordering},
    time::{Duration, Instant},
};

use crosswire_kernel::ring::{Layout, RingError, SharedRing};
use rustix::{
    process::{kill_process, Pid, Signal},
    time::{clock_gettime, ClockId},
};

use crate::process::{fill, MAX_FRAME};

const TIMEOUT: Duration = Duration::from_secs(20);

fn frames() -> u64 {
    env::var("CROSSWIRE_RING_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Checks that `frame` is frame `seq`, whole.
fn check(seq: u64, frame: &[u8]) {
    let mut want = [0u8; MAX_FRAME];
    let len = fill(seq, &mut want);
    assert_eq!(frame.len(), len, "frame {seq}: length");
    assert!(frame == &want[..len], "frame {seq}: contents");
}

/// A peer process (this binary in `role`), killed and reaped on drop unless it was
/// waited for, with its stdout.
struct Peer {
    child: Option<Child>,
    out: BufReader<ChildStdout>,
}

impl Peer {
    /// Starts the peer and sends it `ring` over a unix socket.
    fn start(role: &str, ring: &SharedRing, count: u64) -> Peer {
        static N: AtomicU32 = AtomicU32::new(0);
        let path: PathBuf = env::temp_dir().join(format!(
            "crosswire-ring-{}-{}.sock",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path).unwrap();
        let mut child = Command::new(env::current_exe().unwrap())
            .args([
                "--exact",
                "asynchronous::child_role",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("CROSSWIRE_RING_ROLE", role)
            .env("CROSSWIRE_RING_SOCKET", &path)
            .env("CROSSWIRE_RING_COUNT", count.to_string())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        listener.set_nonblocking(true).unwrap();
        let started = Instant::now();
        let stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    assert!(started.elapsed() < TIMEOUT, "the peer did not connect");
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => panic!("accept: {e}"),
            }
        };
        let _ = std::fs::remove_file(&path);
        ring.send(&stream).unwrap();
        Peer {
            child: Some(child),
            out,
        }
    }

    /// The next line the peer prints after `peer: ` (the test harness prints its own
    /// lines too), without its newline; empty at the end of its output.
    fn line(&mut self) -> String {
        loop {
            let mut line = String::new();
            if self.out.read_line(&mut line).unwrap() == 0 {
                return line;
            }
            // With one test thread, the harness's `test ... ` starts our first line.
            if let Some((_, ours)) = line.split_once("peer: ") {
                return ours.trim_end().to_owned();
            }
        }
    }

    fn pid(&self) -> Pid {
        Pid::from_raw(i32::try_from(self.child.as_ref().unwrap().id()).unwrap()).unwrap()
    }

    /// Waits for the peer to exit, which it must do successfully.
    fn finish(mut self) {
        let status = self.child.take().unwrap().wait().unwrap();
        assert!(status.success(), "peer: {status}");
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The peer's side when re-executed; does nothing in a normal test run.
#[test]
fn child_role() {
    let Ok(role) = env::var("CROSSWIRE_RING_ROLE") else {
        return;
    };
    let socket = UnixStream::connect(env::var("CROSSWIRE_RING_SOCKET").unwrap()).unwrap();
    let count: u64 = env::var("CROSSWIRE_RING_COUNT").unwrap().parse().unwrap();
    let ring = SharedRing::receive(&socket).expect("a ring with doorbells");
    assert!(ring.has_doorbells());
    let mut buf = [0u8; MAX_FRAME];
    match role.as_str() {
        "async-produce" | "async-produce-linger" => runtime().block_on(async {
            let mut tx = ring.async_producer().unwrap();
            for seq in 0..count {
                let len = fill(seq, &mut buf);
                tx.send_bytes(&buf[..len])
                    .await
                    .unwrap_or_else(|e| panic!("frame {seq}: {e}"));
            }
            println!("peer: sent");
            if role.ends_with("-linger") {
                // Until the test kills this process.
                std::future::pending::<()>().await;
            }
        }),
        "blocking-consume-linger" => {
            let _rx = ring.consumer().unwrap();
            println!("peer: attached");
            // Until the test kills this process, holding the consumer's role.
            loop {
                std::thread::park();
            }
        }
        "blocking-produce" => {
            let mut tx = ring.producer().unwrap();
            for seq in 0..count {
                let len = fill(seq, &mut buf);
                tx.send_bytes_timeout(&buf[..len], TIMEOUT)
                    .unwrap_or_else(|e| panic!("frame {seq}: {e}"));
            }
        }
        "blocking-consume" => {
            let mut rx = ring.consumer().unwrap();
            for seq in 0..count {
                let frame = rx
                    .recv_bytes_timeout(&mut buf, TIMEOUT)
                    .unwrap_or_else(|e| panic!("frame {seq}: {e}"));
                check(seq, frame);
            }
            assert_eq!(rx.try_recv_bytes(&mut buf), Err(RingError::Empty));
        }
        "idle-consume" => runtime().block_on(async {
            let mut rx = ring.async_consumer().unwrap();
            println!("peer: attached");
            let cpu = || clock_gettime(ClockId::ProcessCPUTime);
            let (cpu0, wall0) = (cpu(), Instant::now());
            let idle = tokio::time::timeout(Duration::from_secs(1), rx.recv_bytes(&mut buf)).await;
            let (cpu1, wall) = (cpu(), wall0.elapsed());
            assert!(idle.is_err(), "a frame came while idle: {idle:?}");
            let used = Duration::from_secs((cpu1.tv_sec - cpu0.tv_sec) as u64)
                .checked_add(Duration::from_nanos(cpu1.tv_nsec as u64))
                .and_then(|d| d.checked_sub(Duration::from_nanos(cpu0.tv_nsec as u64)))
                .unwrap();
            println!(
                "peer: idle cpu_ns={} wall_ns={}",
                used.as_nanos(),
                wall.as_nanos()
            );
            // Then the first frame, which the producer sends on this line.
            let frame = tokio::time::timeout(TIMEOUT, rx.recv_bytes(&mut buf))
                .await
                .unwrap()
                .unwrap();
            check(0, frame);
        }),
        other => panic!("unknown role {other}"),
    }
}

/// Receives `count` frames through an async consumer and checks each.
fn consume_async(ring: &SharedRing, count: u64) {
    runtime().block_on(async {
        let mut rx = ring.async_consumer().unwrap();
        let mut buf = [0u8; MAX_FRAME];
        for seq in 0..count {
            let frame = tokio::time::timeout(TIMEOUT, rx.recv_bytes(&mut buf))
                .await
                .unwrap_or_else(|_| panic!("frame {seq}: timed out"))
                .unwrap_or_else(|e| panic!("frame {seq}: {e}"));
            check(seq, frame);
        }
        assert_eq!(rx.get_mut().try_recv_bytes(&mut buf), Err(RingError::Empty));
    });
}

fn ring(slots: u32) -> SharedRing {
    let layout = Layout::standard(slots, MAX_FRAME as u32).unwrap();
    SharedRing::create("crosswire-ring-async", layout).unwrap()
}

#[test]
fn async_endpoints_exchange_frames_across_processes() {
    let _turn = crate::turns::take(module_path!());
    let ring = ring(64);
    let count = frames();
    let started = Instant::now();
    let peer = Peer::start("async-produce", &ring, count);
    consume_async(&ring, count);
    peer.finish();
    eprintln!("{count} frames async to async in {:?}", started.elapsed());
}

#[test]
fn an_async_consumer_is_woken_by_a_blocking_producer() {
    let _turn = crate::turns::take(module_path!());
    let ring = ring(16);
    let count = frames();
    let peer = Peer::start("blocking-produce", &ring, count);
    consume_async(&ring, count);
    peer.finish();
}

#[test]
fn an_async_producer_is_woken_by_a_blocking_consumer() {
    let _turn = crate::turns::take(module_path!());
    // Two slots: the producer waits for room at nearly every frame.
    let ring = ring(2);
    let count = frames();
    let peer = Peer::start("blocking-consume", &ring, count);
    runtime().block_on(async {
        let mut tx = ring.async_producer().unwrap();
        let mut buf = [0u8; MAX_FRAME];
        for seq in 0..count {
            let len = fill(seq, &mut buf);
            tokio::time::timeout(TIMEOUT, tx.send_bytes(&buf[..len]))
                .await
                .unwrap_or_else(|_| panic!("frame {seq}: timed out"))
                .unwrap_or_else(|e| panic!("frame {seq}: {e}"));
        }
    });
    peer.finish();
}

#[test]
fn a_killed_peer_is_reported_to_an_async_endpoint_within_a_second() {
    let _turn = crate::turns::take(module_path!());
    // The producer dies: its consumer takes what it sent, then gets `PeerGone`.
    let ring = ring(8);
    let mut peer = Peer::start("async-produce-linger", &ring, 3);
    assert_eq!(peer.line(), "sent");
    runtime().block_on(async {
        let mut rx = ring.async_consumer().unwrap();
        let mut buf = [0u8; MAX_FRAME];
        for seq in 0..3 {
            let frame = rx.recv_bytes(&mut buf).await.unwrap();
            check(seq, frame);
        }
        kill_process(peer.pid(), Signal::KILL).unwrap();
        let killed = Instant::now();
        let result = tokio::time::timeout(TIMEOUT, rx.recv_bytes(&mut buf)).await;
        let took = killed.elapsed();
        assert_eq!(
            result.map(|r| r.map(|f| f.len())),
            Ok(Err(RingError::PeerGone))
        );
        assert!(took < Duration::from_secs(1), "PeerGone after {took:?}");
        eprintln!("producer killed: PeerGone after {took:?}");
    });
    drop(peer);

    // The consumer dies: the producer that fills the ring gets `PeerGone`.
    let ring2 = self::ring(2);
    let mut peer = Peer::start("blocking-consume-linger", &ring2, 0);
    assert_eq!(peer.line(), "attached");
    kill_process(peer.pid(), Signal::KILL).unwrap();
    runtime().block_on(async {
        let mut tx = ring2.async_producer().unwrap();
        let started = Instant::now();
        let mut result = Ok(());
        for _ in 0..3 {
            result = tokio::time::timeout(TIMEOUT, tx.send_bytes(b"x"))
                .await
                .unwrap();
            if result.is_err() {
                break;
            }
        }
        let took = started.elapsed();
        assert_eq!(result, Err(RingError::PeerGone));
        assert!(took < Duration::from_secs(1), "PeerGone after {took:?}");
    });
}

#[test]
fn an_idle_async_consumer_does_not_burn_cpu() {
    let _turn = crate::turns::take(module_path!());
    let ring = ring(4);
    // This process holds the producer's role: a live peer, which sends nothing for a
    // second, then one frame.
    let mut tx = ring.producer().unwrap();
    let mut peer = Peer::start("idle-consume", &ring, 1);
    assert_eq!(peer.line(), "attached");
    let idle = peer.line();
    let field = |name: &str| -> u128 {
        idle.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("{idle}"))
            .parse()
            .unwrap()
    };
    let (cpu, wall) = (field("cpu_ns"), field("wall_ns"));
    let share = cpu as f64 / wall as f64;
    eprintln!(
        "idle async consumer: {cpu} ns of CPU in {wall} ns ({:.3} %)",
        share * 100.0
    );
    assert!(share < 0.05, "{:.2} % of a core while idle", share * 100.0);
    let mut buf = [0u8; MAX_FRAME];
    let len = fill(0, &mut buf);
    tx.send_bytes_timeout(&buf[..len], TIMEOUT).unwrap();
    peer.finish();
}

/// The doorbell, not the nap, wakes an async consumer: a blocking producer (another
/// thread) sends one frame at a time, and the consumer gets most of them within 10 ms;
/// woken by its naps alone (every 100 ms) it would get about one in ten so soon.
#[test]
fn the_doorbell_wakes_an_async_consumer_at_once() {
    let _turn = crate::turns::take(module_path!());
    const ROUNDS: u64 = 15;
    let ring = ring(4);
    let rt = runtime();
    let _entered = rt.enter();
    let mut rx = ring.async_consumer().unwrap();
    let sent = std::sync::Mutex::new(Vec::new());
    let received = std::thread::scope(|s| {
        s.spawn(|| {
            let mut tx = ring.producer().unwrap();
            for round in 0..ROUNDS {
                // Long enough for the consumer to be asleep on its doorbell.
                std::thread::sleep(Duration::from_millis(30 + 7 * round));
                sent.lock().unwrap().push(Instant::now());
                tx.send_bytes_timeout(b"ding", TIMEOUT).unwrap();
            }
        });
        rt.block_on(async {
            let mut buf = [0u8; 8];
            let mut at = Vec::new();
            for _ in 0..ROUNDS {
                let frame = tokio::time::timeout(TIMEOUT, rx.recv_bytes(&mut buf)).await;
                at.push(Instant::now());
                assert_eq!(frame.unwrap().unwrap(), b"ding");
            }
            at
        })
    });
    let latencies: Vec<Duration> = received
        .iter()
        .zip(sent.lock().unwrap().iter())
        .map(|(got, sent)| got.saturating_duration_since(*sent))
        .collect();
    let soon = latencies
        .iter()
        .filter(|l| **l < Duration::from_millis(10))
        .count();
    eprintln!("doorbell wake-ups: {latencies:?}");
    assert!(soon >= 12, "{soon} of {ROUNDS} within 10 ms: {latencies:?}");
}

/// `shm_ring serve --async <socket>` and `produce --async <socket> <count>`: every frame
/// delivered, then the counters on SIGTERM.
#[test]
fn the_example_serves_and_produces_on_tokio() {
    let _turn = crate::turns::take(module_path!());
    let socket = env::temp_dir().join(format!("crosswire-shm-ring-{}.sock", std::process::id()));
    let _ = std::fs::remove_file(&socket);
    let mut child = Command::new(crate::example::example())
        .args(["serve", "--async"])
        .arg(&socket)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the shm_ring example is built by cargo test");
    // Killed on drop if the test fails.
    let mut server = Peer {
        out: BufReader::new(child.stdout.take().unwrap()),
        child: Some(child),
    };
    let mut first = String::new();
    server.out.read_line(&mut first).unwrap();
    assert_eq!(first.trim_end(), format!("socket: {}", socket.display()));
    for _ in 0..2 {
        let produced = Command::new(crate::example::example())
            .args(["produce", "--async"])
            .arg(&socket)
            .arg("5000")
            .output()
            .unwrap();
        assert!(produced.status.success(), "{produced:?}");
        assert_eq!(String::from_utf8_lossy(&produced.stdout), "sent=5000\n");
    }
    // The last frames may still be in flight when `produce` exits: wait until the
    // consumer counter reaches the producer's, in a ring received as a producer would.
    let ring = SharedRing::receive(UnixStream::connect(&socket).unwrap()).unwrap();
    let region = ring.region();
    let started = Instant::now();
    while region.load_u32(128, Ordering::Acquire) != region.load_u32(256, Ordering::Acquire) {
        assert!(
            started.elapsed() < TIMEOUT,
            "the server does not take every frame"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    kill_process(server.pid(), Signal::TERM).unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut server.out, &mut rest).unwrap();
    server.finish();
    assert_eq!(
        rest.lines().last(),
        Some("delivered=10000 corrupt=0 lost=0 resets=0 gone=0"),
        "{rest}"
    );
}

/// The async calls' futures are `Send`, so a multi-threaded runtime can run them (this
/// test fails to compile otherwise).
#[test]
fn the_async_calls_can_move_between_threads() {
    fn send<T: Send>(_: T) {}
    let ring = ring(2);
    let rt = runtime();
    let _entered = rt.enter();
    let mut rx = ring.async_consumer().unwrap();
    let mut tx = ring.async_producer().unwrap();
    let mut buf = [0u8; 8];
    send(rx.recv_bytes(&mut buf));
    send(rx.recv::<u32, 4>());
    send(tx.send_bytes(b"x"));
    send(tx.send::<u32, 4>(&7));
}

/// `SharedRing::receive` takes a ring with its doorbells, and refuses "doorbells" that are
/// not eventfds (here the memfd again) and messages that are no ring.
#[test]
fn receive_checks_what_it_is_sent() {
    use std::{io::IoSlice, mem::MaybeUninit};

    use rustix::net::{sendmsg, SendAncillaryBuffer, SendAncillaryMessage, SendFlags};

    let ring = ring(2);
    let (a, b) = UnixStream::pair().unwrap();
    ring.send(&a).unwrap();
    assert!(SharedRing::receive(&b).unwrap().has_doorbells());

    let fds = [ring.fd(), ring.fd(), ring.fd()];
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(3))];
    let mut control = SendAncillaryBuffer::new(&mut space);
    assert!(control.push(SendAncillaryMessage::ScmRights(&fds)));
    sendmsg(
        &a,
        &[IoSlice::new(b"CWRG")],
        &mut control,
        SendFlags::empty(),
    )
    .unwrap();
    let err = SharedRing::receive(&b).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    assert!(err.to_string().contains("eventfd"), "{err}");

    std::io::Write::write_all(&mut &a, b"nope").unwrap();
    let err = SharedRing::receive(&b).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData, "{err}");

    drop(a);
    let err = SharedRing::receive(&b).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::UnexpectedEof, "{err}");
}
