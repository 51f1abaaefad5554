//! Two processes over a sealed memfd ring: this test binary re-executes itself as the
//! producer (`CROSSWIRE_RING_ROLE=produce`), which opens the ring through
//! `/proc/<pid>/fd/<n>` and sends frames of 1 to 4096 bytes, each carrying its sequence
//! number and a checksum when it has room for them. The consumer checks every frame against
//! the one it expects next: nothing lost, duplicated, reordered or changed.
//!
//! `CROSSWIRE_RING_FRAMES` sets the number of frames (default 100 000; the full run is
//! 10 000 000, recorded in `docs/ring-format.md`).
// Not under qemu-user (`.ci/cross.sh`'s emulated targets): without binfmt_misc it cannot
// start the foreign-architecture processes this test spawns.
#![cfg(not(crosswire_qemu_user))]
#![cfg(all(feature = "std", target_os = "linux", not(loom)))]

use std::{
    env,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use crosswire_kernel::ring::{Layout, RingError, SharedRing};

pub(crate) const MAX_FRAME: usize = 4096;
const TIMEOUT: Duration = Duration::from_secs(20);

fn frames() -> u64 {
    env::var("CROSSWIRE_RING_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// SplitMix64: a well-mixed function of the sequence number.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

pub(crate) fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811C_9DC5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Frame `seq`: 1 to 4096 bytes of data derived from `seq`; from 12 bytes on, the first 8
/// are `seq` and the last 4 the FNV-1a checksum of the rest.
pub(crate) fn fill(seq: u64, buf: &mut [u8; MAX_FRAME]) -> usize {
    // Mostly small frames, with the full range covered.
    let r = mix(seq);
    let len = if r % 4 == 0 {
        1 + (r >> 8) as usize % MAX_FRAME
    } else {
        1 + (r >> 8) as usize % 256
    };
    let mut state = r;
    for chunk in buf[..len].chunks_mut(8) {
        state = mix(state);
        chunk.copy_from_slice(&state.to_le_bytes()[..chunk.len()]);
    }
    if len >= 12 {
        buf[..8].copy_from_slice(&seq.to_le_bytes());
        let sum = fnv1a(&buf[..len - 4]);
        buf[len - 4..len].copy_from_slice(&sum.to_le_bytes());
    }
    len
}

fn produce(path: &str, count: u64) {
    let ring = SharedRing::open(path).expect("attach to the parent's ring");
    let mut tx = ring.producer().expect("valid header");
    let mut buf = [0u8; MAX_FRAME];
    for seq in 0..count {
        let len = fill(seq, &mut buf);
        tx.send_bytes_timeout(&buf[..len], TIMEOUT)
            .unwrap_or_else(|e| panic!("frame {seq}: {e}"));
    }
}

/// The producer's side when re-executed; does nothing in a normal test run.
#[test]
fn child_role() {
    if env::var("CROSSWIRE_RING_ROLE").as_deref() == Ok("produce") {
        let path = env::var("CROSSWIRE_RING_PATH").unwrap();
        let count = env::var("CROSSWIRE_RING_COUNT").unwrap().parse().unwrap();
        produce(&path, count);
    }
}

#[test]
fn frames_cross_processes_in_order_and_intact() {
    let _turn = crate::turns::take(module_path!());
    let count = frames();
    let layout = Layout::standard(256, MAX_FRAME as u32).unwrap();
    let ring = SharedRing::create("crosswire-ring-test", layout).unwrap();
    let mut child = Command::new(env::current_exe().unwrap())
        .args([
            "--exact",
            "process::child_role",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("CROSSWIRE_RING_ROLE", "produce")
        .env("CROSSWIRE_RING_PATH", ring.proc_path())
        .env("CROSSWIRE_RING_COUNT", count.to_string())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut rx = ring.consumer().unwrap();
    let started = Instant::now();
    let mut want = [0u8; MAX_FRAME];
    let mut got = [0u8; MAX_FRAME];
    let mut bytes = 0u64;
    for seq in 0..count {
        let len = fill(seq, &mut want);
        let frame = rx
            .recv_bytes_timeout(&mut got, TIMEOUT)
            .unwrap_or_else(|e| panic!("frame {seq}: {e}"));
        assert_eq!(frame.len(), len, "frame {seq}: length");
        if len >= 12 {
            assert_eq!(
                frame[..8],
                seq.to_le_bytes(),
                "frame {seq}: sequence number"
            );
            let sum = fnv1a(&frame[..len - 4]);
            assert_eq!(frame[len - 4..], sum.to_le_bytes(), "frame {seq}: checksum");
        }
        assert!(frame == &want[..len], "frame {seq}: contents");
        bytes += len as u64;
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "producer: {status}");
    // Nothing after the last frame: no duplicates at the end.
    assert_eq!(rx.try_recv_bytes(&mut got), Err(RingError::Empty));
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{count} frames, {bytes} bytes in {secs:.2} s: {:.0} frames/s, {:.1} MB/s",
        count as f64 / secs,
        bytes as f64 / secs / 1e6
    );
}

#[test]
fn a_silent_peer_is_reported_as_a_timeout() {
    let _turn = crate::turns::take(module_path!());
    let layout = Layout::standard(2, 64).unwrap();
    let ring = SharedRing::create("crosswire-ring-silent", layout).unwrap();
    let mut rx = ring.consumer().unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 64];
    assert_eq!(
        rx.recv_bytes_timeout(&mut buf, Duration::from_millis(50)),
        Err(RingError::TimedOut)
    );
    assert!(started.elapsed() >= Duration::from_millis(50));
    assert!(started.elapsed() < Duration::from_secs(5));
    // And a producer facing a consumer that never reads.
    let mut tx = ring.producer().unwrap();
    tx.try_send_bytes(b"1").unwrap();
    tx.try_send_bytes(b"2").unwrap();
    assert_eq!(
        tx.send_bytes_timeout(b"3", Duration::from_millis(50)),
        Err(RingError::TimedOut)
    );
}

#[test]
fn attach_refuses_unsealed_or_resizable_memfds() {
    let _turn = crate::turns::take(module_path!());
    use rustix::fs::{self, MemfdFlags, SealFlags};
    let unsealed = fs::memfd_create("unsealed", MemfdFlags::CLOEXEC).unwrap();
    fs::ftruncate(&unsealed, 4096).unwrap();
    assert!(SharedRing::attach(unsealed).is_err());

    let growable = fs::memfd_create("growable", MemfdFlags::ALLOW_SEALING).unwrap();
    fs::ftruncate(&growable, 4096).unwrap();
    fs::fcntl_add_seals(&growable, SealFlags::SHRINK | SealFlags::SEAL).unwrap();
    assert!(SharedRing::attach(growable).is_err());

    // Sealed, but no ring in it.
    let empty = fs::memfd_create("empty", MemfdFlags::ALLOW_SEALING).unwrap();
    fs::ftruncate(&empty, 4096).unwrap();
    fs::fcntl_add_seals(
        &empty,
        SealFlags::SHRINK | SealFlags::GROW | SealFlags::SEAL,
    )
    .unwrap();
    let err = SharedRing::attach(empty).unwrap_err();
    assert!(err.to_string().contains("Magic"), "{err}");

    // A real ring's memfd cannot be shrunk by the peer.
    let ring = SharedRing::create("sealed", Layout::standard(2, 64).unwrap()).unwrap();
    assert!(fs::ftruncate(ring.fd(), 8).is_err());
    let dup = ring.fd().try_clone_to_owned().unwrap();
    SharedRing::attach(dup).unwrap();
}
