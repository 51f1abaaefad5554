//! The ring's memory ordering, model-checked with loom: a producer thread and a consumer
//! thread over a ring of one or two slots, through wrap-around. Every interleaving and
//! every value a relaxed load may return (within loom's bounds) must deliver the frames in
//! order and intact.
//!
//! Then the claim and generation protocol (`docs/ring-format.md` §3.1, §5.2): two
//! producers racing for the role, and a reset by the consumer while the producer sends.
//!
//! Run by `kernel-adapter/tests/loom.sh`: once as is (must pass), then once per weakened
//! build, where the model must find the failure and the tests expect it (`should_panic`):
//! `--cfg crosswire_ring_weak_publish` (the producer publishes with Relaxed instead of
//! Release: a stale or torn frame), `--cfg crosswire_ring_weak_claim` (a claim is a load
//! then a store instead of a compare-and-exchange: two producers) and
//! `--cfg crosswire_ring_weak_generation` (a side stores its counter plainly instead of by
//! compare-and-exchange: a publish made stale by the reset lands in the new generation).
#![cfg(loom)]

use crosswire_kernel::ring::{Consumer, Layout, Producer, Region, RingError};
use loom::{
    sync::{
        atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering},
        Arc,
    },
    thread,
};

/// Frame `i`: `4 + 4 * (i % 2)` bytes, every byte `i + 1` (never the zero of fresh
/// memory, and different from the frame a slot held one lap earlier).
fn frame(i: u32) -> Vec<u8> {
    let len = 4 + 4 * (i % 2) as usize;
    vec![(i + 1) as u8; len]
}

fn model(slots: u32, frames: u32) {
    loom::model(move || {
        let layout = Layout::standard(slots, 8).unwrap();
        let memory: Arc<Vec<AtomicU32>> = Arc::new(
            (0..layout.region_size() / 4)
                .map(|_| AtomicU32::new(0))
                .collect(),
        );
        layout.write(&Region::from_loom(&memory)).unwrap();

        let shared = Arc::clone(&memory);
        let producer = thread::spawn(move || {
            let mut tx = Producer::attach(Region::from_loom(&shared)).unwrap();
            let mut i = 0;
            while i < frames {
                match tx.try_send_bytes(&frame(i)) {
                    Ok(()) => i += 1,
                    Err(RingError::Full) => thread::yield_now(),
                    Err(e) => panic!("frame {i}: producer saw {e}"),
                }
            }
        });

        let mut rx = Consumer::attach(Region::from_loom(&memory)).unwrap();
        let mut buf = [0u8; 8];
        let mut next = 0;
        while next < frames {
            match rx.try_recv_bytes(&mut buf) {
                Ok(got) => {
                    assert_eq!(got, &frame(next)[..], "frame {next}: torn or stale");
                    next += 1;
                }
                Err(RingError::Empty) => thread::yield_now(),
                Err(e) => panic!("frame {next}: consumer saw {e}"),
            }
        }
        producer.join().unwrap();
        assert_eq!(rx.try_recv_bytes(&mut buf), Err(RingError::Empty));
    });
}

/// One slot: every frame reuses it, so a frame published before its slot was released, or
/// read before it was published, shows up.
#[test]
#[cfg_attr(crosswire_ring_weak_publish, should_panic(expected = "frame"))]
fn one_slot_three_frames() {
    model(1, 3);
}

/// Two slots, wrapping once and a half.
#[test]
#[cfg_attr(crosswire_ring_weak_publish, should_panic(expected = "frame"))]
fn two_slots_three_frames() {
    model(2, 3);
}

/// Two slots, five frames: both slots reused twice, at every phase of the counters.
#[test]
#[cfg_attr(crosswire_ring_weak_publish, should_panic(expected = "frame"))]
fn two_slots_five_frames() {
    model(2, 5);
}

/// Batches: the producer publishes up to two frames with one store, the consumer releases
/// everything it took with one store.
#[test]
#[cfg_attr(crosswire_ring_weak_publish, should_panic(expected = "frame"))]
fn batches() {
    loom::model(|| {
        let layout = Layout::standard(2, 8).unwrap();
        let memory: Arc<Vec<AtomicU32>> = Arc::new(
            (0..layout.region_size() / 4)
                .map(|_| AtomicU32::new(0))
                .collect(),
        );
        layout.write(&Region::from_loom(&memory)).unwrap();
        let values: [u64; 3] = [
            0x1111_2222_3333_4444,
            0x5555_6666_7777_8888,
            0x9999_AAAA_BBBB_CCCC,
        ];

        let shared = Arc::clone(&memory);
        let producer = thread::spawn(move || {
            let mut tx = Producer::attach(Region::from_loom(&shared)).unwrap();
            let mut sent = 0;
            while sent < values.len() {
                match tx.send_batch::<u64, 8>(&values[sent..]) {
                    Ok(n) => sent += n,
                    Err(RingError::Full) => thread::yield_now(),
                    Err(e) => panic!("frame {sent}: producer saw {e}"),
                }
            }
        });

        let mut rx = Consumer::attach(Region::from_loom(&memory)).unwrap();
        let mut got = Vec::new();
        while got.len() < values.len() {
            match rx.recv_batch::<u64, 8, _>(2, |v| got.push(v.expect("frame decodes"))) {
                Ok(_) => {}
                Err(RingError::Empty) => thread::yield_now(),
                Err(e) => panic!("frame {}: consumer saw {e}", got.len()),
            }
        }
        producer.join().unwrap();
        assert_eq!(got, values, "frame values torn or stale");
    });
}

/// §3.1, claims: two producers attach at once; exactly one gets the role, the other is
/// refused. With the claim weakened to a load and a store (`--cfg
/// crosswire_ring_weak_claim`), both can win, and the model must find it.
#[test]
#[cfg_attr(crosswire_ring_weak_claim, should_panic(expected = "claimed twice"))]
fn one_of_two_producers_gets_the_role() {
    loom::model(|| {
        let layout = Layout::standard(1, 8).unwrap();
        let memory: Arc<Vec<AtomicU32>> = Arc::new(
            (0..layout.region_size() / 4)
                .map(|_| AtomicU32::new(0))
                .collect(),
        );
        layout.write(&Region::from_loom(&memory)).unwrap();
        let winners = Arc::new(AtomicUsize::new(0));
        let contenders: Vec<_> = (0..2)
            .map(|_| {
                let memory = Arc::clone(&memory);
                let winners = Arc::clone(&winners);
                thread::spawn(move || match Producer::attach(Region::from_loom(&memory)) {
                    Ok(tx) => {
                        winners.fetch_add(1, Ordering::SeqCst);
                        // Keeps the claim: dropping would release it.
                        core::mem::forget(tx);
                    }
                    Err(RingError::Busy) => {}
                    Err(e) => panic!("attach: {e}"),
                })
            })
            .collect();
        for contender in contenders {
            contender.join().unwrap();
        }
        assert_eq!(
            winners.load(Ordering::SeqCst),
            1,
            "claimed twice (or never)"
        );
    });
}

/// §5.2, generations: the consumer, as the ring's creator, takes the first frame, resets
/// the ring, then takes the rest; the producer sends three frames and, on `Reset`, sends
/// again the frames the reset lost. Whatever the interleaving, each frame arrives exactly
/// once, in order, and the consumer never sees corruption: the producer's publish cannot
/// land in the new generation. With the publish a plain store (`--cfg
/// crosswire_ring_weak_generation`), a publish made stale by the reset lands there, and
/// the model must find it.
#[test]
#[cfg_attr(crosswire_ring_weak_generation, should_panic(expected = "frame"))]
#[cfg_attr(
    crosswire_ring_weak_publish,
    ignore = "the FIFO models cover the publish"
)]
fn a_reset_loses_nothing_it_does_not_report() {
    generation_model(3);
}

fn generation_model(frames: u32) {
    loom::model(move || {
        let layout = Layout::standard(2, 8).unwrap();
        let memory: Arc<Vec<AtomicU32>> = Arc::new(
            (0..layout.region_size() / 4)
                .map(|_| AtomicU32::new(0))
                .collect(),
        );
        let mut rx = Consumer::create(Region::from_loom(&memory), &layout).unwrap();

        let done = Arc::new(AtomicBool::new(false));
        let shared = Arc::clone(&memory);
        let finished = Arc::clone(&done);
        let producer = thread::spawn(move || {
            let mut tx = Producer::attach(Region::from_loom(&shared)).unwrap();
            let mut i = 0;
            // After its last frame, the producer still looks for a reset (as its next
            // call would), until the consumer has everything.
            while !finished.load(Ordering::SeqCst) {
                let result = if i < frames {
                    tx.try_send_bytes(&frame(i))
                } else {
                    tx.health().and(Err(RingError::Full))
                };
                match result {
                    Ok(()) => i += 1,
                    Err(RingError::Reset { lost }) => i -= lost.min(i),
                    Err(RingError::Full) => thread::yield_now(),
                    Err(e) => panic!("frame {i}: producer saw {e}"),
                }
            }
        });

        let mut buf = [0u8; 8];
        let mut got = Vec::new();
        let mut reset = false;
        while got.last() != Some(&(frames - 1)) {
            match rx.try_recv_bytes(&mut buf) {
                Ok(bytes) => {
                    let i = (0..frames)
                        .find(|&i| frame(i) == *bytes)
                        .unwrap_or_else(|| panic!("frame {}: torn: {bytes:?}", got.len()));
                    got.push(i);
                    if !reset {
                        reset = true;
                        rx.reset().unwrap();
                    }
                }
                Err(RingError::Empty) => thread::yield_now(),
                Err(e) => panic!("frame {}: consumer saw {e}", got.len()),
            }
        }
        done.store(true, Ordering::SeqCst);
        producer.join().unwrap();
        assert_eq!(
            got,
            (0..frames).collect::<Vec<_>>(),
            "frame order: lost or taken twice"
        );
    });
}
