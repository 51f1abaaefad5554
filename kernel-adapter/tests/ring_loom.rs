//! The ring's memory ordering, model-checked with loom: a producer thread and a consumer
//! thread over a ring of one or two slots, through wrap-around. Every interleaving and
//! every value a relaxed load may return (within loom's bounds) must deliver the frames in
//! order and intact.
//!
//! Run by `kernel-adapter/tests/loom.sh`: once as is (must pass), and once with
//! `--cfg crosswire_ring_weak_publish`, which makes the producer publish with Relaxed
//! instead of Release; then the model must find a stale or torn frame, and the test
//! expects that failure (`should_panic`).
#![cfg(loom)]

use crosswire_kernel::ring::{Consumer, Layout, Producer, Region, RingError};
use loom::{
    sync::{atomic::AtomicU32, Arc},
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
