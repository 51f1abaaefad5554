//! Two processes, one sealed memfd ring.
//!
//! ```text
//! $ cargo run --release -p crosswire-kernel --example shm_ring -- serve
//! ring: /proc/4242/fd/3
//!                                  $ cargo run --release -p crosswire-kernel \
//!                                        --example shm_ring -- produce /proc/4242/fd/3 100000
//!                                  sent=100000
//! ^C
//! delivered=100000 corrupt=0
//! ```
//!
//! `serve` creates the ring, prints its path first, then receives and checks frames (each
//! carries a sequence number and a checksum of its payload) until SIGTERM or SIGINT, and
//! prints `delivered=<n> corrupt=<n>` last. It exits 0 unless it fails itself; what a
//! producer does wrong is counted, not fatal. `produce <path> <count>` attaches and sends
//! `<count>` frames.

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
use crosswire_kernel::ring::{Consumer, Layout, RingError, SharedRing};

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

fn serve() -> Result<(), Box<dyn std::error::Error>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let layout = Layout::standard(256, u32::try_from(FRAME)?)?;
    let ring = SharedRing::create("crosswire-shm-ring", layout)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "ring: {}", ring.proc_path().display())?;
    out.flush()?;

    let (mut delivered, mut corrupt) = (0u64, 0u64);
    let mut last: Option<u64> = None;
    let mut rx: Option<Consumer<'_>> = None;
    while !stop.load(Ordering::Relaxed) {
        let Some(consumer) = &mut rx else {
            // After corruption: attach again (the header is reread and revalidated).
            match ring.consumer() {
                Ok(c) => rx = Some(c),
                Err(_) => std::thread::sleep(POLL),
            }
            continue;
        };
        match consumer.recv_timeout::<Frame, FRAME>(POLL) {
            Ok(f) => {
                let in_order = f.seq == 0 || last == Some(f.seq.wrapping_sub(1));
                if in_order && f.checksum == checksum(f.seq, &f.payload) {
                    delivered += 1;
                } else {
                    corrupt += 1;
                }
                last = Some(f.seq);
            }
            Err(RingError::TimedOut | RingError::Empty) => {}
            Err(RingError::Corrupt { .. }) => {
                corrupt += 1;
                rx = None;
            }
            Err(_) => corrupt += 1,
        }
    }
    writeln!(out, "delivered={delivered} corrupt={corrupt}")?;
    Ok(())
}

fn produce(path: &str, count: u64) -> Result<(), Box<dyn std::error::Error>> {
    let ring = SharedRing::open(path)?;
    let mut tx = ring.producer()?;
    for seq in 0..count {
        tx.send_timeout::<_, FRAME>(&frame(seq), Duration::from_secs(10))?;
    }
    println!("sent={count}");
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["serve"] => serve(),
        ["produce", path, count] => match count.parse() {
            Ok(count) => produce(path, count),
            Err(e) => Err(e.into()),
        },
        _ => Err("usage: shm_ring serve | shm_ring produce <path> <count>".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shm_ring: {e}");
            ExitCode::FAILURE
        }
    }
}
