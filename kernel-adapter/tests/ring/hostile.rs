//! A hostile peer: this test binary re-executes itself (`CROSSWIRE_RING_ROLE=hostile`) as a
//! process that sends valid messages from one thread while another scribbles random values
//! over counters, frame lengths, stamps and payloads at full speed. The consumer (this
//! process, its mapping bracketed by guard pages) must never crash or hang; every value it
//! delivers must decode and re-encode to the same bytes; corruption must come out as
//! `Corrupt`; its memory use must stay flat.
//!
//! `CROSSWIRE_RING_SECONDS` sets the length (default 2; the full run is 30 s, recorded in
//! `docs/ring-format.md`).
// Not under qemu-user (`.ci/cross.sh`'s emulated targets): without binfmt_misc it cannot
// start the foreign-architecture processes this test spawns.
#![cfg(not(crosswire_qemu_user))]
#![cfg(all(feature = "std", target_os = "linux", not(loom)))]

use std::{
    env, fs,
    process::{Command, Stdio},
    sync::atomic::{AtomicBool, Ordering},
    time::{Duration, Instant},
};

use crosswire::{BoundedString, BoundedVec, Decode, Encode, MaxSize};
use crosswire_kernel::ring::{Consumer, Layout, RingError, SharedRing};

#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize)]
enum Command_ {
    Ping {
        seq: u64,
    },
    Set {
        key: BoundedString<16>,
        value: Option<i32>,
    },
    Blob(BoundedVec<u16, 40>),
    Flag(bool, char),
}

const MSG: usize = Command_::MAX_SIZE;
const SLOTS: u32 = 16;

fn seconds() -> f64 {
    env::var("CROSSWIRE_RING_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2.0)
}

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn message(seq: u64) -> Command_ {
    match seq % 4 {
        0 => Command_::Ping { seq },
        1 => Command_::Set {
            key: BoundedString::try_from("key").unwrap(),
            value: (seq % 3 != 0).then_some(seq as i32),
        },
        2 => {
            Command_::Blob(BoundedVec::from_slice(&vec![seq as u16; (seq % 41) as usize]).unwrap())
        }
        _ => Command_::Flag(seq % 2 == 0, 'λ'),
    }
}

/// The hostile process: a producer thread and a scribbler thread, until killed.
fn hostile(path: &str) {
    let ring = SharedRing::open(path).expect("attach");
    let region = ring.region();
    let layout = *ring.producer().expect("valid header").layout();
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut seq = 0u64;
            while !stop.load(Ordering::Relaxed) {
                // Re-attach whenever the scribbler poisons us.
                let Ok(mut tx) = ring.producer() else {
                    continue;
                };
                loop {
                    match tx.try_send::<_, MSG>(&message(seq)) {
                        Ok(()) => seq += 1,
                        Err(RingError::Full) if !stop.load(Ordering::Relaxed) => {
                            std::thread::yield_now()
                        }
                        Err(_) => break,
                    }
                    tx.notify();
                }
            }
        });
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let slots_at = 384usize;
        let end = layout.region_size();
        // Killed by the test when it is done; this deadline only guards against an
        // orphan outliving a test that failed before it could kill us.
        let deadline = Instant::now() + Duration::from_secs_f64(seconds() + 30.0);
        for i in 0u64.. {
            if i % 65536 == 0 && Instant::now() > deadline {
                stop.store(true, Ordering::Relaxed);
                break;
            }
            let r = xorshift(&mut state);
            let value = match r % 5 {
                0 => (r >> 32) as u32,
                1 => (r >> 40) as u32 % 64, // small: plausible lengths
                _ => (r >> 32) as u32 % 4,  // tiny: plausible counters and stamps
            };
            let at = match (r >> 8) % 8 {
                0 => 128, // producer counter
                1 => 256, // consumer counter
                2 | 3 => {
                    // a slot's length or stamp
                    let slot = (r >> 16) as usize % SLOTS as usize;
                    slots_at + slot * layout.slot_size() as usize + 4 * ((r >> 24) as usize % 2)
                }
                _ => 128 + 4 * ((r >> 16) as usize % ((end - 128) / 4)), // anywhere
            };
            region.store_u32(at, value, Ordering::Relaxed);
        }
    });
}

#[test]
fn child_role() {
    if env::var("CROSSWIRE_RING_ROLE").as_deref() == Ok("hostile") {
        hostile(&env::var("CROSSWIRE_RING_PATH").unwrap());
    }
}

/// Resident set size in bytes, from `/proc/self/statm`.
fn rss() -> u64 {
    let statm = fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * rustix::param::page_size() as u64
}

/// The hostile process, killed however the test ends.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[derive(Default, Debug)]
struct Tally {
    delivered: u64,
    decode_errors: u64,
    corrupt: u64,
    resets: u64,
    attach_errors: u64,
}

#[test]
fn a_hostile_peer_cannot_crash_hang_or_fool_the_consumer() {
    let _turn = crate::turns::take(module_path!());
    let layout = Layout::standard(SLOTS, MSG as u32).unwrap();
    let ring = SharedRing::create("crosswire-ring-hostile", layout).unwrap();
    let mut child = KillOnDrop(
        Command::new(env::current_exe().unwrap())
            .args([
                "--exact",
                "hostile::child_role",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("CROSSWIRE_RING_ROLE", "hostile")
            .env("CROSSWIRE_RING_PATH", ring.proc_path())
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let run = Duration::from_secs_f64(seconds());
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut rss_at_warmup = None;
    let mut slowest = Duration::ZERO;
    let mut rx: Option<Consumer<'_>> = None;
    let mut buf = [0u8; MSG];
    let mut again = [0u8; MSG];
    let mut typed = false;
    while started.elapsed() < run {
        if rss_at_warmup.is_none() && started.elapsed() > run / 4 {
            rss_at_warmup = Some(rss());
        }
        let call = Instant::now();
        let consumer = match &mut rx {
            Some(c) => c,
            None => match ring.consumer() {
                Ok(c) => rx.insert(c),
                Err(e) => {
                    // Busy: the scribbler wrote our line's claim word (§3.1).
                    assert!(e.is_corrupt() || e == RingError::Busy, "{e}");
                    tally.attach_errors += 1;
                    continue;
                }
            },
        };
        typed = !typed;
        let got = if typed {
            // The typed path: the value must survive a round trip.
            consumer.try_recv::<Command_, MSG>().map(|v| {
                let bytes = crosswire::to_slice(&v, &mut again).unwrap();
                assert_eq!(crosswire::from_bytes::<Command_>(bytes), Ok(v));
                true
            })
        } else {
            // The bytes path: a frame that decodes re-encodes to exactly its bytes.
            consumer.try_recv_bytes(&mut buf).map(|frame| {
                let decoded = crosswire::from_bytes::<Command_>(frame);
                if let Ok(v) = &decoded {
                    let bytes = crosswire::to_slice(v, &mut again).unwrap();
                    assert_eq!(bytes, frame, "{v:?}");
                }
                decoded.is_ok()
            })
        };
        match got {
            Ok(true) => tally.delivered += 1,
            Ok(false) => tally.decode_errors += 1,
            Err(RingError::Empty) => {
                let _ = consumer.wait_for_frame_timeout(Duration::from_millis(20));
            }
            Err(RingError::TimedOut) => {}
            Err(RingError::Decode(_)) => tally.decode_errors += 1,
            Err(e @ RingError::Corrupt { .. }) => {
                tally.corrupt += 1;
                // Poisoned: the same error again; then, in turn, a fresh attach or a
                // reset by this side, the ring's creator (§5.2).
                assert_eq!(consumer.try_recv_bytes(&mut buf), Err(e));
                if tally.corrupt % 2 == 0 {
                    rx = None;
                } else {
                    assert!(consumer.reset().is_ok());
                    tally.resets += 1;
                }
            }
            Err(e) => panic!("unexpected {e}"),
        }
        if let Some(c) = &mut rx {
            c.notify();
        }
        slowest = slowest.max(call.elapsed());
    }
    child.0.kill().unwrap();
    child.0.wait().unwrap();
    let grown = rss().saturating_sub(rss_at_warmup.unwrap_or(0));
    eprintln!(
        "{:.0} s: {tally:?}, slowest call {slowest:?}, rss grew {grown} B",
        run.as_secs_f64()
    );
    assert!(
        tally.corrupt > 0,
        "the scribbler never broke the ring: {tally:?}"
    );
    assert!(tally.delivered > 0, "nothing got through: {tally:?}");
    assert!(slowest < Duration::from_secs(1), "a call took {slowest:?}");
    assert!(grown < 1 << 20, "memory grew by {grown} bytes");
}
