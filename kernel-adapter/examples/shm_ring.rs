//! Two processes, one sealed memfd ring.
//!
//! ```text
//! $ cargo run --release -p crosswire-kernel --example shm_ring -- serve
//! ring: /proc/4242/fd/3
//!                                  $ cargo run --release -p crosswire-kernel \
//!                                        --example shm_ring -- produce /proc/4242/fd/3 100000
//!                                  sent=100000
//! ^C
//! delivered=100000 corrupt=0 lost=0 resets=0 gone=0
//! ```
//!
//! `serve` creates the ring, prints its path first, then receives and checks frames (each
//! carries a sequence number and a checksum of its payload) until SIGTERM or SIGINT, and
//! prints `delivered=<n> corrupt=<n> lost=<n> resets=<n> gone=<n>` last. It exits 0 unless
//! it fails itself; what a producer does wrong is counted, not fatal: a corrupt ring is
//! reset (after a back-off while the corruption keeps coming back), a producer that dies
//! is reported (`gone`) and the next one can attach. `produce <path> <count>` attaches and
//! sends `<count>` frames; it fails at once if another producer holds the ring, and when
//! the server resets the ring under it, it sends again the frames the reset lost (so a
//! run that ends with `sent=<count>` delivered each frame once).
//!
//! With `--async` (feature `tokio`), both ends run on tokio (`AsyncConsumer`,
//! `AsyncProducer`) and the ring travels with its doorbells over a unix socket instead of
//! by its path: `serve --async <socket>` listens at `<socket>`, prints `socket: <socket>`
//! first, and sends the ring to each producer that connects there;
//! `produce --async <socket> <count>` connects and sends as above.
//!
//! ```text
//! $ cargo run --release -p crosswire-kernel --features tokio --example shm_ring -- \
//!       serve --async /tmp/ring.sock
//! socket: /tmp/ring.sock
//!                                  $ cargo run --release -p crosswire-kernel --features tokio \
//!                                        --example shm_ring -- produce --async /tmp/ring.sock 100000
//!                                  sent=100000
//! ```

use std::{
    io::Write,
    process::ExitCode,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

use crosswire::{BoundedVec, Decode, Encode, MaxSize};
use crosswire_kernel::ring::{Layout, RingError, SharedRing};

/// One frame: a sequence number (from 0 for each producer run), a payload of 0 to 4000
/// bytes and the FNV-1a checksum of both.
#[derive(Debug, Encode, Decode, MaxSize)]
struct Frame {
    seq: u64,
    payload: BoundedVec<u8, 4000>,
    checksum: u32,
}

const FRAME: usize = Frame::MAX_SIZE;
const POLL: Duration = Duration::from_millis(100);

fn checksum(seq: u64, payload: &[u8]) -> u32 {
    seq.to_le_bytes()
        .iter()
        .chain(payload)
        .fold(0x811C_9DC5u32, |h, &b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
}

fn frame(seq: u64) -> Frame {
    let len = usize::try_from(seq.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52).unwrap_or(0) % 4001;
    let byte = seq.to_le_bytes()[0];
    let payload = BoundedVec::from_slice(&vec![byte; len]).unwrap_or_default();
    let checksum = checksum(seq, &payload);
    Frame {
        seq,
        payload,
        checksum,
    }
}

/// What `serve` counts, and prints last.
#[derive(Debug, Default)]
struct Counts {
    delivered: u64,
    corrupt: u64,
    lost: u64,
    resets: u64,
    gone: u64,
    /// The sequence number expected next; `None` after a reset or a producer's death.
    next: Option<u64>,
}

impl Counts {
    /// Counts what one receive gave.
    fn record(&mut self, received: Result<Frame, RingError>) {
        match received {
            Ok(f) => {
                // A new producer starts again from 0; a resent frame continues the run.
                let in_order = f.seq == 0 || self.next.map_or(true, |n| n == f.seq);
                if in_order && f.checksum == checksum(f.seq, &f.payload) {
                    self.delivered += 1;
                } else {
                    self.corrupt += 1;
                }
                self.next = Some(f.seq.wrapping_add(1));
            }
            Err(RingError::TimedOut | RingError::Empty) => {}
            // Reported by this side; the next call resets the ring after a back-off.
            Err(RingError::Corrupt { .. }) => self.corrupt += 1,
            Err(RingError::Reset { lost: n }) => {
                self.resets += 1;
                self.lost += u64::from(n);
                self.next = None;
            }
            Err(RingError::PeerGone) => {
                self.gone += 1;
                self.next = None;
            }
            Err(_) => self.corrupt += 1,
        }
    }
}

/// `serve`, or with `socket`, `serve --async <socket>`.
fn serve(socket: Option<&str>) -> Result<(), Box<dyn std::error::Error>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let layout = Layout::standard(256, u32::try_from(FRAME)?)?;
    let ring = SharedRing::create("crosswire-shm-ring", layout)?;
    let mut counts = Counts::default();
    let mut out = std::io::stdout().lock();
    if let Some(socket) = socket {
        serve_async(&ring, socket, &stop, &mut counts)?;
    } else {
        // The creator's consumer stays attached for good: a corrupt ring is reset, not
        // re-attached, and every wait below is bounded by `POLL`. It claims its role before
        // the path is printed, so a producer always finds a consumer to watch.
        let mut rx = ring.consumer()?;
        writeln!(out, "ring: {}", ring.proc_path().display())?;
        out.flush()?;
        while !stop.load(Ordering::Relaxed) {
            counts.record(rx.recv_timeout::<Frame, FRAME>(POLL));
        }
    }
    let Counts {
        delivered,
        corrupt,
        lost,
        resets,
        gone,
        ..
    } = counts;
    writeln!(
        out,
        "delivered={delivered} corrupt={corrupt} lost={lost} resets={resets} gone={gone}"
    )?;
    Ok(())
}

/// `serve --async <socket>`: an async consumer on a current-thread runtime, which also
/// accepts producers on the unix socket `socket` and sends each the ring.
#[cfg(feature = "tokio")]
fn serve_async(
    ring: &SharedRing,
    socket: &str,
    stop: &AtomicBool,
    counts: &mut Counts,
) -> Result<(), Box<dyn std::error::Error>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let listener = tokio::net::UnixListener::bind(socket)?;
        let mut rx = ring.async_consumer()?;
        println!("socket: {socket}");
        std::io::stdout().flush()?;
        while !stop.load(Ordering::Relaxed) {
            // Both branches are cancellation-safe: a frame is taken only when `recv`
            // completes, and a connection only when `accept` does.
            tokio::select! {
                accepted = listener.accept() => ring.send(&accepted?.0)?,
                received = tokio::time::timeout(POLL, rx.recv::<Frame, FRAME>()) => {
                    counts.record(received.unwrap_or(Err(RingError::TimedOut)));
                }
            }
        }
        let _ = std::fs::remove_file(socket);
        Ok(())
    })
}

#[cfg(not(feature = "tokio"))]
fn serve_async(
    _: &SharedRing,
    _: &str,
    _: &AtomicBool,
    _: &mut Counts,
) -> Result<(), Box<dyn std::error::Error>> {
    Err(NO_TOKIO.into())
}

#[cfg(not(feature = "tokio"))]
const NO_TOKIO: &str = "--async needs the example built with the feature tokio";

/// What a producer does after a send: the next frame, the lost ones again after a reset,
/// or (after a few `Corrupt`) gives up.
fn sent(
    result: Result<(), RingError>,
    seq: &mut u64,
    failures: &mut u32,
) -> Result<(), Box<dyn std::error::Error>> {
    match result {
        Ok(()) => {
            *seq += 1;
            *failures = 0;
        }
        // The server reset the ring: the last `lost` frames never arrived; send them
        // again (the reset delivered none of them, so none arrives twice).
        Err(RingError::Reset { lost }) => {
            eprintln!("shm_ring: the ring was reset, {lost} frames lost; sending them again");
            *seq = seq.saturating_sub(u64::from(lost));
        }
        // Corrupt: the next call waits for the server's reset (at most 10 s each).
        Err(e @ RingError::Corrupt { .. }) if *failures < 3 => {
            eprintln!("shm_ring: {e}; waiting for the server to reset the ring");
            *failures += 1;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

fn produce(path: &str, count: u64) -> Result<(), Box<dyn std::error::Error>> {
    let ring = SharedRing::open(path)?;
    // A ring found corrupt at attach asks the server for a reset: try again a few times,
    // waiting longer each time.
    let mut delay = Duration::from_millis(10);
    let mut tx = loop {
        match ring.producer() {
            Ok(tx) => break tx,
            Err(RingError::Corrupt { .. }) if delay < Duration::from_secs(5) => {
                std::thread::sleep(delay);
                delay *= 2;
            }
            Err(e) => return Err(e.into()),
        }
    };
    let (mut seq, mut failures) = (0, 0);
    while seq < count {
        let result = tx.send_timeout::<_, FRAME>(&frame(seq), Duration::from_secs(10));
        sent(result, &mut seq, &mut failures)?;
    }
    println!("sent={count}");
    Ok(())
}

/// `produce --async <socket> <count>`: receives the ring over the unix socket `socket`
/// and sends from an async producer.
#[cfg(feature = "tokio")]
fn produce_async(socket: &str, count: u64) -> Result<(), Box<dyn std::error::Error>> {
    let stream = std::os::unix::net::UnixStream::connect(socket)?;
    let ring = SharedRing::receive(&stream)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let mut tx = ring.async_producer()?;
        let (mut seq, mut failures) = (0, 0);
        while seq < count {
            let frame = frame(seq);
            let send = tx.send::<_, FRAME>(&frame);
            let result = tokio::time::timeout(Duration::from_secs(10), send).await;
            sent(
                result.unwrap_or(Err(RingError::TimedOut)),
                &mut seq,
                &mut failures,
            )?;
        }
        println!("sent={count}");
        Ok(())
    })
}

#[cfg(not(feature = "tokio"))]
fn produce_async(_: &str, _: u64) -> Result<(), Box<dyn std::error::Error>> {
    Err(NO_TOKIO.into())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["serve"] => serve(None),
        ["serve", "--async", socket] => serve(Some(socket)),
        ["produce", path, count] => match count.parse() {
            Ok(count) => produce(path, count),
            Err(e) => Err(e.into()),
        },
        ["produce", "--async", socket, count] => match count.parse() {
            Ok(count) => produce_async(socket, count),
            Err(e) => Err(e.into()),
        },
        _ => Err("usage: shm_ring serve [--async <socket>] | \
                  shm_ring produce <path> <count> | shm_ring produce --async <socket> <count>"
            .into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shm_ring: {e}");
            ExitCode::FAILURE
        }
    }
}
