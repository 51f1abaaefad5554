//! The zero-copy producer path: `reserve`, write or encode in place, `commit` or `stage`
//! and `flush`, against the copying path.

use std::collections::VecDeque;

use super::*;
use crosswire_kernel::ring::PrivateSlots;

/// The promise every test here keeps: nothing but the ring's two endpoints touches the
/// memory while a reservation lives (the tests poke only between reservations).
fn private() -> PrivateSlots {
    // SAFETY: each test's memory is used only by its producer and its honest consumer
    // while a reservation lives; pokes and peeks happen only between reservations.
    unsafe { PrivateSlots::new() }
}

/// The region's bytes without the two claim words (each endpoint's token differs).
fn unclaimed(mem: &[AtomicU64]) -> Vec<u8> {
    let mut bytes = image(mem);
    for owner in [128 + 72, 256 + 72] {
        bytes[owner..owner + 4].fill(0);
    }
    bytes
}

fn recv(rx: &mut Consumer<'_>) -> Result<Vec<u8>, RingError> {
    let mut buf = [0u8; 64];
    rx.try_recv_bytes(&mut buf).map(|f| f.to_vec())
}

#[test]
fn a_reserved_frame_arrives_as_written() {
    let layout = Layout::standard(4, 32).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    let mut slot = tx.reserve(32, private()).unwrap();
    assert_eq!(slot.len(), 32);
    slot[..3].copy_from_slice(&[7, 8, 9]);
    slot.commit(3).unwrap();
    assert_eq!(recv(&mut rx), Ok(vec![7, 8, 9]));
    assert_eq!(recv(&mut rx), Err(RingError::Empty));
}

/// The same frames sent by either path leave the same bytes in the region.
#[test]
fn both_paths_write_the_same_image() {
    let layout = Layout::standard(4, 24).unwrap();
    let (copied, reserved) = (memory(&layout), memory(&layout));
    let (mut a, _ra) = ring(&copied, layout);
    let (mut b, _rb) = ring(&reserved, layout);
    // Dirty the slots first, so that padding left unzeroed would show.
    for frame in [[0xEE; 24], [0xDD; 24], [0xCC; 24], [0xBB; 24]] {
        let mut slot = b.reserve(24, private()).unwrap();
        slot.copy_from_slice(&frame);
        // Abandoned: only its bytes stay.
        b.try_send_bytes(&frame).unwrap();
        a.try_send_bytes(&frame).unwrap();
    }
    let (mut ra, mut rb) = (_ra, _rb);
    for _ in 0..4 {
        assert_eq!(recv(&mut ra), recv(&mut rb));
    }
    for frame in [&b"abc"[..], b"", b"12345678", b"123456789abcdefghij"] {
        a.try_send_bytes(frame).unwrap();
        let mut slot = b.reserve(24, private()).unwrap();
        slot[..frame.len()].copy_from_slice(frame);
        slot.commit(frame.len()).unwrap();
    }
    // Payload padding is zeroed to the next word by both; what lies beyond it is the
    // earlier frames' bytes, the same in both.
    assert_eq!(unclaimed(&copied), unclaimed(&reserved));
}

#[test]
fn an_abandoned_reservation_publishes_nothing() {
    let layout = Layout::standard(2, 16).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    let counter = peek(&mem, 128);
    let mut slot = tx.reserve(4, private()).unwrap();
    slot.copy_from_slice(b"lost");
    assert_eq!(peek(&mem, 128), counter);
    assert_eq!(recv(&mut rx), Err(RingError::Empty));
    assert_eq!(tx.staged(), 0);
    // The slot is reserved again, and only what is committed arrives.
    let mut slot = tx.reserve(4, private()).unwrap();
    slot[..2].copy_from_slice(b"ok");
    slot.commit(2).unwrap();
    assert_eq!(recv(&mut rx), Ok(b"ok".to_vec()));
    // An abandoned reservation does not take a slot: a full ring stays full, no more.
    tx.try_send_bytes(b"a").unwrap();
    let _ = tx.reserve(1, private()).unwrap();
    tx.try_send_bytes(b"b").unwrap();
    assert!(matches!(tx.reserve(1, private()), Err(RingError::Full)));
    assert_eq!(recv(&mut rx), Ok(b"a".to_vec()));
    assert_eq!(recv(&mut rx), Ok(b"b".to_vec()));
}

#[test]
fn a_commit_shorter_than_reserved_sends_that_many_and_zeroes_the_padding() {
    let layout = Layout::standard(2, 24).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    let mut slot = tx.reserve(24, private()).unwrap();
    slot.fill(0xAB);
    slot.commit(5).unwrap();
    // Slot 0 at 384: length 5, stamp 0, the 5 bytes, zeros to the word's end, then the
    // rest as the caller left it.
    let bytes = image(&mem);
    assert_eq!(bytes[384..388], 5u32.to_ne_bytes());
    assert_eq!(bytes[392..397], [0xAB; 5]);
    assert_eq!(bytes[397..400], [0; 3]);
    assert_eq!(bytes[400..416], [0xAB; 16]);
    assert_eq!(recv(&mut rx), Ok(vec![0xAB; 5]));
    // Zero bytes is a frame too.
    tx.reserve(8, private()).unwrap().commit(0).unwrap();
    assert_eq!(recv(&mut rx), Ok(vec![]));
}

#[test]
fn a_commit_longer_than_reserved_is_refused_and_sends_nothing() {
    let layout = Layout::standard(2, 24).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    let slot = tx.reserve(3, private()).unwrap();
    assert_eq!(slot.len(), 3);
    assert_eq!(
        slot.commit(4),
        Err(RingError::FrameTooLarge { len: 4, max: 3 })
    );
    assert_eq!(recv(&mut rx), Err(RingError::Empty));
    assert_eq!(tx.try_send_bytes(b"next"), Ok(()));
    assert_eq!(recv(&mut rx), Ok(b"next".to_vec()));
}

#[test]
fn a_reservation_above_the_largest_frame_is_refused() {
    let layout = Layout::standard(2, 24).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    assert!(matches!(
        tx.reserve(25, private()),
        Err(RingError::FrameTooLarge { len: 25, max: 24 })
    ));
    assert!(matches!(
        tx.reserve(usize::MAX, private()),
        Err(RingError::FrameTooLarge { .. })
    ));
    assert!(tx.reserve(24, private()).is_ok());
    assert_eq!(recv(&mut rx), Err(RingError::Empty));
}

#[test]
fn typed_values_are_encoded_in_place() {
    let layout = Layout::standard(4, u32::try_from(NOTE).unwrap()).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    for seq in 0..40 {
        tx.try_send_in_place(&note(seq), private()).unwrap();
        assert_eq!(rx.try_recv::<Note, NOTE>(), Ok(note(seq)));
    }
    // A value longer than the reservation: its length, and nothing sent.
    let mut slot = tx.reserve(8, private()).unwrap();
    assert_eq!(
        slot.encode(&note(30)),
        Err(RingError::FrameTooLarge {
            len: 8 + 4 + 30,
            max: 8
        })
    );
    let len = slot.encode(&7u64).unwrap();
    assert_eq!(len, 8);
    slot.commit(len).unwrap();
    assert_eq!(recv(&mut rx), Ok(7u64.to_le_bytes().to_vec()));
    // A ring whose frames are smaller than the value.
    let small = Layout::standard(2, 16).unwrap();
    let mem = memory(&small);
    let (mut tx, mut rx) = ring(&mem, small);
    assert_eq!(
        tx.try_send_in_place(&note(40), private()),
        Err(RingError::FrameTooLarge { len: 52, max: 16 })
    );
    assert_eq!(recv(&mut rx), Err(RingError::Empty));
}

#[test]
fn staged_frames_are_published_together_by_flush() {
    let layout = Layout::standard(4, 16).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    for i in 0..3u8 {
        let mut slot = tx.reserve(1, private()).unwrap();
        slot[0] = i;
        slot.stage(1).unwrap();
    }
    assert_eq!(tx.staged(), 3);
    assert_eq!(peek(&mem, 128), 0);
    assert_eq!(recv(&mut rx), Err(RingError::Empty));
    tx.flush().unwrap();
    assert_eq!((tx.staged(), peek(&mem, 128)), (0, 3));
    tx.flush().unwrap(); // nothing staged: nothing to do
    for i in 0..3u8 {
        assert_eq!(recv(&mut rx), Ok(vec![i]));
    }
    // A commit, or a copying send, publishes what was staged before it, in order.
    let mut slot = tx.reserve(1, private()).unwrap();
    slot[0] = 10;
    slot.stage(1).unwrap();
    tx.try_send_bytes(&[11]).unwrap();
    assert_eq!(recv(&mut rx), Ok(vec![10]));
    assert_eq!(recv(&mut rx), Ok(vec![11]));
}

#[test]
fn a_full_ring_publishes_the_staged_frames_before_saying_so() {
    let layout = Layout::standard(2, 16).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    for i in 0..2u8 {
        let mut slot = tx.reserve(1, private()).unwrap();
        slot[0] = i;
        slot.stage(1).unwrap();
    }
    assert_eq!(peek(&mem, 128), 0);
    assert!(matches!(tx.reserve(1, private()), Err(RingError::Full)));
    assert_eq!((tx.staged(), peek(&mem, 128)), (0, 2));
    assert_eq!(recv(&mut rx), Ok(vec![0]));
    assert!(tx.reserve(1, private()).is_ok());
}

#[test]
fn batches_in_place_match_copied_batches() {
    let layout = Layout::standard(4, 8).unwrap();
    let (a_mem, b_mem) = (memory(&layout), memory(&layout));
    let (mut a, mut ra) = ring(&a_mem, layout);
    let (mut b, mut rb) = ring(&b_mem, layout);
    let values: Vec<u64> = (100..106).collect();
    assert_eq!(a.send_batch::<u64, 8>(&values), Ok(4));
    assert_eq!(b.send_batch_in_place(&values, private()), Ok(4));
    assert_eq!(peek(&b_mem, 128), 4);
    assert_eq!(unclaimed(&a_mem), unclaimed(&b_mem));
    assert_eq!(a.send_batch::<u64, 8>(&values), Err(RingError::Full));
    assert_eq!(
        b.send_batch_in_place(&values, private()),
        Err(RingError::Full)
    );
    for _ in 0..4 {
        assert_eq!(ra.try_recv::<u64, 8>(), rb.try_recv::<u64, 8>());
    }
    // A later value too large for the slot ends the batch; the next call reports it.
    let notes = [vec![1; 4], vec![1; 9]];
    let bytes: Vec<BoundedVec<u8, 9>> = notes
        .iter()
        .map(|n| BoundedVec::from_slice(n).unwrap())
        .collect();
    assert_eq!(b.send_batch_in_place(&bytes, private()), Ok(1));
    assert!(matches!(
        b.send_batch_in_place(&bytes[1..], private()),
        Err(RingError::FrameTooLarge { len: 13, max: 8 })
    ));
}

#[test]
fn reserved_frames_carry_checksums() {
    let layout = Layout::standard(2, 16).unwrap().with_checksum().unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    for i in 0..5u8 {
        let mut slot = tx.reserve(16, private()).unwrap();
        slot.fill(i);
        slot.commit(usize::from(i) * 3).unwrap();
        assert_eq!(recv(&mut rx), Ok(vec![i; usize::from(i) * 3]));
    }
    // A scribbled payload is still found.
    let mut slot = tx.reserve(4, private()).unwrap();
    slot.copy_from_slice(b"sums");
    slot.commit(4).unwrap();
    // Slot 1 (frame 5): its payload at 384 + 32 + 8.
    poke(&mem, 384 + 32 + 8, 0x5555_5555);
    assert!(matches!(
        recv(&mut rx),
        Err(RingError::Corrupt {
            what: Corruption::Checksum,
            ..
        })
    ));
}

#[test]
fn a_poisoned_or_reset_producer_reserves_nothing() {
    let layout = Layout::standard(2, 16).unwrap();
    let mem = memory(&layout);
    let region = Region::from_atomics(&mem);
    let mut rx = Consumer::create(region, &layout).unwrap();
    let mut tx = Producer::attach(region).unwrap();
    // Staged frames are dropped by a reset, and counted as lost by neither side.
    let mut slot = tx.reserve(1, private()).unwrap();
    slot[0] = 1;
    slot.stage(1).unwrap();
    assert_eq!(rx.reset(), Ok(0));
    assert_eq!(tx.flush(), Err(RingError::Reset { lost: 0 }));
    assert_eq!(tx.staged(), 0);
    assert_eq!(recv(&mut rx), Err(RingError::Empty));
    tx.reserve(1, private()).unwrap().commit(0).unwrap();
    assert_eq!(recv(&mut rx), Ok(vec![]));
    // A consumer counter out of range poisons the producer, reserve included.
    tx.try_send_bytes(b"x").unwrap();
    tx.try_send_bytes(b"y").unwrap();
    poke(&mem, 256, 0x7000_0000);
    let e = tx.reserve(1, private()).unwrap_err();
    assert!(matches!(
        e,
        RingError::Corrupt {
            what: Corruption::ConsumerCounter,
            ..
        }
    ));
    assert_eq!(tx.reserve(1, private()).unwrap_err(), e);
    assert_eq!(tx.flush(), Err(e));
}

#[derive(Debug, Clone)]
enum Step {
    Copy(Vec<u8>),
    Commit(Vec<u8>, usize),
    Stage(Vec<u8>),
    Abandon(Vec<u8>),
    Flush,
    Recv,
}

fn step() -> impl Strategy<Value = Step> {
    let bytes = || proptest::collection::vec(any::<u8>(), 0..=24);
    prop_oneof![
        bytes().prop_map(Step::Copy),
        (bytes(), 0usize..=24).prop_map(|(b, extra)| Step::Commit(b, extra)),
        bytes().prop_map(Step::Stage),
        bytes().prop_map(Step::Abandon),
        Just(Step::Flush),
        Just(Step::Recv),
        Just(Step::Recv),
    ]
}

proptest! {
    /// Reservations mixed with copying sends behave as a bounded FIFO queue whose staged
    /// frames become visible at the next publish.
    #[test]
    fn reservations_and_copies_behave_as_one_fifo(
        steps in proptest::collection::vec(step(), 0..200),
        shift in 0u32..3,
    ) {
        let layout = Layout::standard(1 << shift, 24).unwrap();
        let cap = 1usize << shift;
        let mem = memory(&layout);
        let (mut tx, mut rx) = ring(&mem, layout);
        // Published frames, then staged ones.
        let (mut model, mut staged): (VecDeque<Vec<u8>>, Vec<Vec<u8>>) = Default::default();
        for step in steps {
            let full = model.len() + staged.len() == cap;
            match step {
                Step::Copy(frame) => {
                    let got = tx.try_send_bytes(&frame);
                    if full {
                        prop_assert_eq!(got, Err(RingError::Full));
                    } else {
                        prop_assert_eq!(got, Ok(()));
                        model.extend(staged.drain(..));
                        model.push_back(frame);
                    }
                }
                Step::Commit(frame, _) | Step::Stage(frame) if full => {
                    prop_assert!(matches!(tx.reserve(frame.len(), private()), Err(RingError::Full)));
                    model.extend(staged.drain(..));
                }
                Step::Commit(frame, extra) => {
                    let room = (frame.len() + extra).min(24);
                    let mut slot = tx.reserve(room, private()).unwrap();
                    slot.fill(0xEE);
                    slot[..frame.len()].copy_from_slice(&frame);
                    slot.commit(frame.len()).unwrap();
                    model.extend(staged.drain(..));
                    model.push_back(frame);
                }
                Step::Stage(frame) => {
                    let mut slot = tx.reserve(frame.len(), private()).unwrap();
                    slot.copy_from_slice(&frame);
                    slot.stage(frame.len()).unwrap();
                    staged.push(frame);
                }
                Step::Abandon(frame) => match tx.reserve(frame.len(), private()) {
                    Ok(mut slot) => slot.copy_from_slice(&frame),
                    Err(e) => {
                        prop_assert!(full && e == RingError::Full);
                        model.extend(staged.drain(..));
                    }
                },
                Step::Flush => {
                    prop_assert_eq!(tx.flush(), Ok(()));
                    model.extend(staged.drain(..));
                }
                Step::Recv => match model.pop_front() {
                    Some(want) => prop_assert_eq!(recv(&mut rx), Ok(want)),
                    None => prop_assert_eq!(recv(&mut rx), Err(RingError::Empty)),
                },
            }
            prop_assert_eq!(usize::try_from(tx.staged()).unwrap(), staged.len());
        }
    }
}
