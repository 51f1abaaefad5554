//! The shared-memory ring between two processes, against a Unix `SOCK_SEQPACKET` socket
//! pair, a pipe, `rtrb` between two threads (which trusts its peer) and single-core
//! `memcpy` of the same bytes; the ring also with its optional per-frame checksum. Frames
//! of 64, 256, 1024 and 4096 bytes.
//!
//! `cargo bench -p crosswire-benches --bench ring`; `docs/ring-performance.md` has the
//! results. The benchmark re-executes itself as the receiving process
//! (`CROSSWIRE_BENCH_ROLE`); `CROSSWIRE_BENCH_SCALE` scales the frame counts (default 1.0),
//! `CROSSWIRE_BENCH_ONLY` picks transports by the start of their name (`;`-separated),
//! `CROSSWIRE_BENCH_SIZES` frame sizes (comma-separated), `CROSSWIRE_BENCH_REPEAT` the
//! runs per cell (default 3; the median is reported), and `CROSSWIRE_BENCH_PEER_CPU` pins
//! the receiving process to a CPU (`benches/ring-pinned.sh` pins the sender to another).
//! The ring also through its zero-copy path (`reserve`, `commit`), one frame at a time
//! and in batches. Each row also gives the CPU time the sender and the receiver used (on
//! a busy machine, the wall-clock rates measure the scheduler as much as the transport).

use std::{
    env,
    hint::black_box,
    io::{BufRead, BufReader, Read, Write},
    os::fd::{AsFd, OwnedFd},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crosswire_kernel::ring::{Layout, PrivateSlots, RingError, SharedRing};
use rustix::net::{self, AddressFamily, SocketFlags, SocketType};

const SIZES: [usize; 4] = [64, 256, 1024, 4096];
const TIMEOUT: Duration = Duration::from_secs(10);

fn count(size: usize) -> u64 {
    let scale: f64 = env::var("CROSSWIRE_BENCH_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    let base = match size {
        64 | 256 => 2_000_000.0,
        1024 => 1_000_000.0,
        _ => 400_000.0,
    };
    (base * scale).max(1000.0) as u64
}

/// Spawns this binary as the receiver of `role`, with `stdin` as its input, and waits for
/// its "ready" line.
fn receiver(role: &str, size: usize, n: u64, stdin: Stdio, path: Option<String>) -> Child {
    // `CROSSWIRE_BENCH_PEER_CPU`: the receiver runs pinned to that CPU (`taskset`), for
    // runs that pin the sender to another (`benches/ring-pinned.sh`).
    let mut cmd = match env::var("CROSSWIRE_BENCH_PEER_CPU") {
        Ok(cpu) => {
            let mut cmd = Command::new("taskset");
            cmd.arg("-c").arg(cpu).arg(env::current_exe().unwrap());
            cmd
        }
        Err(_) => Command::new(env::current_exe().unwrap()),
    };
    cmd.env("CROSSWIRE_BENCH_ROLE", role)
        .env("CROSSWIRE_BENCH_SIZE", size.to_string())
        .env("CROSSWIRE_BENCH_COUNT", n.to_string())
        .stdin(stdin)
        .stdout(Stdio::piped());
    if let Some(path) = path {
        cmd.env("CROSSWIRE_BENCH_PATH", path);
    }
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "ready", "{role} receiver");
    child
}

fn finish(mut child: Child, started: Instant) -> Duration {
    let status = child.wait().unwrap();
    let elapsed = started.elapsed();
    assert!(status.success(), "receiver failed: {status}");
    elapsed
}

fn ready() {
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
}

fn ring(size: usize, n: u64) -> Duration {
    ring_with(Layout::standard(256, size as u32).unwrap(), size, n)
}

/// The ring with a checksum in every frame (`Layout::with_checksum`, off by default): the
/// producer computes it as it writes, the consumer over its private copy.
fn ring_checksummed(size: usize, n: u64) -> Duration {
    let layout = Layout::standard(256, size as u32).unwrap();
    ring_with(layout.with_checksum().unwrap(), size, n)
}

/// A ring in a sealed memfd, and the receiver of `role` attached to it.
fn shared_ring(layout: Layout, role: &str, size: usize, n: u64) -> (SharedRing, Child) {
    let shm = SharedRing::create("crosswire-bench", layout).unwrap();
    let path = shm.proc_path().display().to_string();
    let child = receiver(role, size, n, Stdio::null(), Some(path));
    (shm, child)
}

fn ring_with(layout: Layout, size: usize, n: u64) -> Duration {
    let (shm, child) = shared_ring(layout, "ring", size, n);
    let mut tx = shm.producer().unwrap();
    let frame = vec![0x5Au8; size];
    let started = Instant::now();
    for _ in 0..n {
        loop {
            match tx.try_send_bytes(&frame) {
                Ok(()) => break,
                Err(RingError::Full) => tx.wait_for_room_timeout(TIMEOUT).unwrap(),
                Err(e) => panic!("{e}"),
            }
        }
        tx.notify();
    }
    finish(child, started)
}

fn ring_receiver(size: usize, n: u64) {
    let shm = SharedRing::open(env::var("CROSSWIRE_BENCH_PATH").unwrap()).unwrap();
    let mut rx = shm.consumer().unwrap();
    let mut buf = vec![0u8; size];
    ready();
    let mut sum = 0usize;
    for _ in 0..n {
        loop {
            match rx.try_recv_bytes(&mut buf) {
                Ok(frame) => {
                    sum += frame.len();
                    break;
                }
                Err(RingError::Empty) => rx.wait_for_frame_timeout(TIMEOUT).unwrap(),
                Err(e) => panic!("{e}"),
            }
        }
        rx.notify();
    }
    assert_eq!(sum as u64, n * size as u64);
}

/// The ring's zero-copy path: each frame written straight into its slot
/// (`Producer::reserve`, then `commit`), received as by `ring`.
fn ring_reserved(size: usize, n: u64) -> Duration {
    let layout = Layout::standard(256, size as u32).unwrap();
    let (shm, child) = shared_ring(layout, "ring", size, n);
    let mut tx = shm.producer().unwrap();
    let frame = vec![0x5Au8; size];
    let private = private_slots();
    let started = Instant::now();
    for _ in 0..n {
        loop {
            match tx.reserve(size, private) {
                Ok(mut slot) => {
                    slot.copy_from_slice(black_box(&frame));
                    slot.commit(size).unwrap();
                    break;
                }
                Err(RingError::Full) => tx.wait_for_room_timeout(TIMEOUT).unwrap(),
                Err(e) => panic!("{e}"),
            }
        }
        tx.notify();
    }
    finish(child, started)
}

/// The zero-copy path in batches: up to 32 frames reserved and staged, then published
/// with one store (`flush`); received as by `ring_batched`.
fn ring_reserved_batched(size: usize, n: u64) -> Duration {
    let layout = Layout::standard(256, size as u32).unwrap();
    let (shm, child) = shared_ring(layout, "ring-batch", size, n);
    let mut tx = shm.producer().unwrap();
    let frame = vec![0x5Au8; size];
    let private = private_slots();
    let started = Instant::now();
    let mut sent = 0u64;
    while sent < n {
        let want = 32.min(n - sent);
        let mut staged = 0;
        while staged < want {
            match tx.reserve(size, private) {
                Ok(mut slot) => {
                    slot.copy_from_slice(black_box(&frame));
                    slot.stage(size).unwrap();
                    staged += 1;
                }
                Err(RingError::Full) if staged > 0 => break,
                Err(RingError::Full) => tx.wait_for_room_timeout(TIMEOUT).unwrap(),
                Err(e) => panic!("{e}"),
            }
        }
        tx.flush().unwrap();
        tx.notify();
        sent += staged;
    }
    finish(child, started)
}

/// The promise `reserve` needs: the receiver is this benchmark's own honest consumer.
fn private_slots() -> PrivateSlots {
    // SAFETY: the only other user of the ring is the receiver this benchmark runs, which
    // never writes a slot and reads one only once it is published.
    unsafe { PrivateSlots::new() }
}

/// The ring with batches: up to 32 frames published with one store, and everything
/// available released with one store.
fn ring_batched(size: usize, n: u64) -> Duration {
    let layout = Layout::standard(256, size as u32).unwrap();
    let (shm, child) = shared_ring(layout, "ring-batch", size, n);
    let mut tx = shm.producer().unwrap();
    let frame = vec![0x5Au8; size];
    let batch: Vec<&[u8]> = vec![&frame; 32];
    let started = Instant::now();
    let mut sent = 0u64;
    while sent < n {
        let want = batch.len().min((n - sent) as usize);
        match tx.send_bytes_batch(&batch[..want]) {
            Ok(k) => sent += k as u64,
            Err(RingError::Full) => tx.wait_for_room_timeout(TIMEOUT).unwrap(),
            Err(e) => panic!("{e}"),
        }
        tx.notify();
    }
    finish(child, started)
}

fn ring_batch_receiver(size: usize, n: u64) {
    let shm = SharedRing::open(env::var("CROSSWIRE_BENCH_PATH").unwrap()).unwrap();
    let mut rx = shm.consumer().unwrap();
    let mut buf = vec![0u8; size];
    ready();
    let (mut got, mut sum) = (0u64, 0usize);
    while got < n {
        match rx.recv_bytes_batch(&mut buf, 256, |frame| sum += frame.unwrap().len()) {
            Ok(k) => got += k as u64,
            Err(RingError::Empty) => rx.wait_for_frame_timeout(TIMEOUT).unwrap(),
            Err(e) => panic!("{e}"),
        }
        rx.notify();
    }
    assert_eq!(sum as u64, n * size as u64);
}

fn socket(size: usize, n: u64) -> Duration {
    let (mine, theirs) = net::socketpair(
        AddressFamily::UNIX,
        SocketType::SEQPACKET,
        SocketFlags::CLOEXEC,
        None,
    )
    .unwrap();
    // Room for many frames in flight, as the ring has.
    let _ = net::sockopt::set_socket_send_buffer_size(&mine, 1 << 21);
    let child = receiver("socket", size, n, Stdio::from(theirs), None);
    let frame = vec![0x5Au8; size];
    let started = Instant::now();
    for _ in 0..n {
        let sent = net::send(&mine, &frame, net::SendFlags::empty()).unwrap();
        assert_eq!(sent, size);
    }
    finish(child, started)
}

fn socket_receiver(size: usize, n: u64) {
    let stdin: OwnedFd = std::io::stdin().as_fd().try_clone_to_owned().unwrap();
    let _ = net::sockopt::set_socket_recv_buffer_size(&stdin, 1 << 21);
    let mut buf = vec![0u8; size];
    ready();
    for _ in 0..n {
        let (got, _) = net::recv(&stdin, &mut buf[..], net::RecvFlags::empty()).unwrap();
        assert_eq!(got, size);
    }
}

fn pipe(size: usize, n: u64) -> Duration {
    let (reader, mut writer) = std::io::pipe().unwrap();
    let child = receiver("pipe", size, n, Stdio::from(reader), None);
    let frame = vec![0x5Au8; size];
    let started = Instant::now();
    for _ in 0..n {
        writer.write_all(&frame).unwrap();
    }
    drop(writer);
    finish(child, started)
}

fn pipe_receiver(size: usize, n: u64) {
    let mut stdin = std::io::stdin().lock();
    let mut buf = vec![0u8; size];
    ready();
    for _ in 0..n {
        stdin.read_exact(&mut buf).unwrap();
    }
}

/// What an rtrb side does when it cannot go on: what the ring's sides do before they
/// sleep (spin 200 times, then yield), without ever sleeping; on a shared 2-core machine
/// pure spinning would measure the scheduler.
fn backoff(idle: &mut u32) {
    *idle += 1;
    if *idle < 200 {
        std::hint::spin_loop();
    } else {
        std::thread::yield_now();
    }
}

fn rtrb_threads<const S: usize>(n: u64) -> Duration {
    let (mut tx, mut rx) = rtrb::RingBuffer::<[u8; S]>::new(256);
    let started = Instant::now();
    std::thread::scope(|s| {
        s.spawn(move || {
            let (mut got, mut idle) = (0u64, 0u32);
            while got < n {
                match rx.pop() {
                    Ok(frame) => {
                        black_box(&frame);
                        got += 1;
                        idle = 0;
                    }
                    Err(_) => backoff(&mut idle),
                }
            }
        });
        let frame = [0x5Au8; S];
        let (mut sent, mut idle) = (0u64, 0u32);
        while sent < n {
            if tx.push(frame).is_ok() {
                sent += 1;
                idle = 0;
            } else {
                backoff(&mut idle);
            }
        }
    });
    started.elapsed()
}

fn rtrb(size: usize, n: u64) -> Duration {
    match size {
        64 => rtrb_threads::<64>(n),
        256 => rtrb_threads::<256>(n),
        1024 => rtrb_threads::<1024>(n),
        _ => rtrb_threads::<4096>(n),
    }
}

/// One core copying `size`-byte frames out of a buffer as large as the ring's slots.
fn memcpy(size: usize, n: u64) -> Duration {
    let src = vec![0x5Au8; 256 * size];
    let mut dst = vec![0u8; size];
    let started = Instant::now();
    for i in 0..n as usize {
        let at = (i % 256) * size;
        dst.copy_from_slice(black_box(&src[at..at + size]));
        black_box(&mut dst);
    }
    started.elapsed()
}

/// The CPU time (user and system) this process has used, and its waited-for children
/// (the receivers), in seconds: fields 14 to 17 of `/proc/self/stat`, in clock ticks of
/// 10 ms (`USER_HZ` is 100 on Linux).
fn cpu_seconds() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which ends with the last `)`: field 3 first.
    let fields: Vec<f64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default()
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    let tick = |i: usize| fields.get(i - 3).copied().unwrap_or(0.0) / 100.0;
    (tick(14) + tick(15), tick(16) + tick(17))
}

fn main() {
    if let Ok(role) = env::var("CROSSWIRE_BENCH_ROLE") {
        let size = env::var("CROSSWIRE_BENCH_SIZE").unwrap().parse().unwrap();
        let n = env::var("CROSSWIRE_BENCH_COUNT").unwrap().parse().unwrap();
        match role.as_str() {
            "ring" => ring_receiver(size, n),
            "ring-batch" => ring_batch_receiver(size, n),
            "socket" => socket_receiver(size, n),
            "pipe" => pipe_receiver(size, n),
            _ => panic!("unknown role {role}"),
        }
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing of ours.
    if !env::args().any(|a| a == "--bench") {
        println!("ring bench: run with `cargo bench -p crosswire-benches --bench ring`");
        return;
    }
    type Run = fn(usize, u64) -> Duration;
    let peers: [(&str, Run); 9] = [
        ("ring (2 processes)", ring),
        ("ring with checksums (2 processes)", ring_checksummed),
        ("ring, batches of 32 (2 processes)", ring_batched),
        ("ring, reserve/commit (2 processes)", ring_reserved),
        (
            "ring, reserve/commit, batches of 32 (2 processes)",
            ring_reserved_batched,
        ),
        ("SOCK_SEQPACKET (2 processes)", socket),
        ("pipe (2 processes)", pipe),
        ("rtrb (2 threads)", rtrb),
        ("memcpy (1 core)", memcpy),
    ];
    // Each cell is the median of `CROSSWIRE_BENCH_REPEAT` runs (default 3), with the range.
    let repeat: usize = env::var("CROSSWIRE_BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    println!(
        "| frame | transport | frames | Mmsg/s (median) | GB/s (median) | Mmsg/s (range) \
         | sender CPU s | receiver CPU s |"
    );
    println!("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    // `CROSSWIRE_BENCH_ONLY=ring` runs only the transports whose name starts so; a `;`
    // separates several starts (`ring (;SOCK;memcpy`).
    let only = env::var("CROSSWIRE_BENCH_ONLY").unwrap_or_default();
    // `CROSSWIRE_BENCH_SIZES=64,4096` picks frame sizes (default: all four).
    let sizes: Vec<usize> = env::var("CROSSWIRE_BENCH_SIZES")
        .map(|v| v.split(',').map(|s| s.trim().parse().unwrap()).collect())
        .unwrap_or_else(|_| SIZES.to_vec());
    for size in sizes {
        let n = count(size);
        for (name, run) in peers
            .into_iter()
            .filter(|(name, _)| only.split(';').any(|start| name.starts_with(start)))
        {
            // (frames/s, this process's CPU seconds, the receiver's) of each run.
            let mut runs: Vec<(f64, f64, f64)> = (0..repeat)
                .map(|_| {
                    let before = cpu_seconds();
                    let rate = n as f64 / run(size, n).as_secs_f64();
                    let after = cpu_seconds();
                    (rate, after.0 - before.0, after.1 - before.1)
                })
                .collect();
            runs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (median, sender, receiver) = runs[runs.len() / 2];
            println!(
                "| {size} | {name} | {n} | {:.3} | {:.3} | {:.3} to {:.3} | {sender:.2} | {receiver:.2} |",
                median / 1e6,
                median * size as f64 / 1e9,
                runs[0].0 / 1e6,
                runs[runs.len() - 1].0 / 1e6,
            );
        }
    }
}
