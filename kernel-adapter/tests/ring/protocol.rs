//! The ring's region-level protocol, in one process over private memory: FIFO, wrap-around,
//! typed and batch calls, every corruption check, poisoning, and the golden layout of
//! `docs/ring-format.md`.
#![cfg(all(not(loom), target_has_atomic = "64"))]

use std::{collections::VecDeque, sync::atomic::AtomicU64, sync::atomic::Ordering};

use crosswire::{BoundedVec, Decode, Encode, ErrorKind, MaxSize};
use crosswire_kernel::{
    ring::{Consumer, Corruption, Layout, Producer, Region, RingError, MAGIC},
    Errno,
};
use proptest::prelude::*;

/// Private memory for a ring of `layout`.
fn memory(layout: &Layout) -> Vec<AtomicU64> {
    (0..layout.region_size() / 8)
        .map(|_| AtomicU64::new(0))
        .collect()
}

fn ring(mem: &[AtomicU64], layout: Layout) -> (Producer<'_>, Consumer<'_>) {
    let region = Region::from_atomics(mem);
    layout.write(&region).unwrap();
    (
        Producer::attach(region).unwrap(),
        Consumer::attach(region).unwrap(),
    )
}

/// The region's bytes, in memory order.
fn image(mem: &[AtomicU64]) -> Vec<u8> {
    mem.iter()
        .flat_map(|w| w.load(Ordering::Relaxed).to_ne_bytes())
        .collect()
}

/// Overwrites the `u32` at byte `at`, as a hostile peer would.
fn poke(mem: &[AtomicU64], at: usize, value: u32) {
    let word = &mem[at / 8];
    let mut bytes = word.load(Ordering::Relaxed).to_ne_bytes();
    bytes[at % 8..at % 8 + 4].copy_from_slice(&value.to_ne_bytes());
    word.store(u64::from_ne_bytes(bytes), Ordering::Relaxed);
}

fn peek(mem: &[AtomicU64], at: usize) -> u32 {
    let bytes = image(mem);
    u32::from_ne_bytes(bytes[at..at + 4].try_into().unwrap())
}

#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize)]
struct Note {
    seq: u64,
    text: BoundedVec<u8, 40>,
}

fn note(seq: u64) -> Note {
    let len = usize::try_from(seq % 41).unwrap();
    Note {
        seq,
        text: BoundedVec::from_slice(&vec![u8::try_from(seq % 251).unwrap(); len]).unwrap(),
    }
}

const NOTE: usize = Note::MAX_SIZE;

#[test]
fn typed_messages_arrive_in_order_across_many_wraps() {
    let layout = Layout::standard(4, u32::try_from(NOTE).unwrap()).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    let mut next_in = 0u64;
    for round in 0..500u64 {
        // 1 to 4 frames per round, so the counters wrap the 4 slots at every phase.
        let burst = round % 4 + 1;
        for _ in 0..burst {
            tx.try_send::<_, NOTE>(&note(next_in)).unwrap();
            next_in += 1;
        }
        if burst == 4 {
            assert_eq!(tx.try_send::<_, NOTE>(&note(0)), Err(RingError::Full));
        }
        for seq in next_in - burst..next_in {
            assert_eq!(rx.try_recv::<Note, NOTE>(), Ok(note(seq)));
        }
        assert_eq!(rx.try_recv::<Note, NOTE>(), Err(RingError::Empty));
    }
}

#[test]
fn full_and_empty() {
    let layout = Layout::standard(2, 8).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    let mut buf = [0u8; 8];
    assert_eq!(rx.try_recv_bytes(&mut buf), Err(RingError::Empty));
    tx.try_send_bytes(b"one").unwrap();
    tx.try_send_bytes(b"two").unwrap();
    assert_eq!(tx.try_send_bytes(b"three"), Err(RingError::Full));
    assert_eq!(rx.try_recv_bytes(&mut buf).unwrap(), b"one");
    tx.try_send_bytes(b"three").unwrap();
    assert_eq!(rx.try_recv_bytes(&mut buf).unwrap(), b"two");
    assert_eq!(rx.try_recv_bytes(&mut buf).unwrap(), b"three");
    assert_eq!(
        tx.try_send_bytes(&[0; 9]),
        Err(RingError::FrameTooLarge { len: 9, max: 8 })
    );
}

#[test]
fn a_frame_longer_than_the_buffer_is_consumed_and_reported() {
    let layout = Layout::standard(2, 16).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    tx.try_send_bytes(&[1; 16]).unwrap();
    tx.try_send_bytes(&[2; 3]).unwrap();
    let mut small = [0u8; 4];
    assert_eq!(
        rx.try_recv_bytes(&mut small),
        Err(RingError::FrameTooLarge { len: 16, max: 4 })
    );
    assert_eq!(rx.try_recv_bytes(&mut small).unwrap(), [2, 2, 2]);
    // As a typed message, a frame above MAX_SIZE cannot be one: a decode error.
    tx.try_send_bytes(&[0; 9]).unwrap();
    assert_eq!(
        rx.try_recv::<u64, 8>(),
        Err(RingError::Decode(crosswire::Error::new(
            ErrorKind::TrailingBytes,
            8
        )))
    );
}

#[test]
fn a_frame_that_does_not_decode_is_skipped() {
    let layout = Layout::standard(4, 8).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    tx.try_send_bytes(&[2]).unwrap(); // not a bool
    tx.try_send::<_, 1>(&true).unwrap();
    let err = rx.try_recv::<bool, 1>().unwrap_err();
    assert!(matches!(err, RingError::Decode(e) if e.kind() == ErrorKind::InvalidBool));
    assert_eq!(err.errno(), Errno::EINVAL);
    assert_eq!(rx.try_recv::<bool, 1>(), Ok(true));
}

#[test]
fn batches_publish_and_release_once() {
    let layout = Layout::standard(8, 8).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    let values: Vec<u64> = (0..20).collect();
    assert_eq!(tx.send_batch::<_, 8>(&values), Ok(8));
    assert_eq!(peek(&mem, 128), 8, "one publish of all eight");
    assert_eq!(tx.send_batch::<_, 8>(&values[8..]), Err(RingError::Full));
    let mut got = Vec::new();
    assert_eq!(
        rx.recv_batch::<u64, 8, _>(5, |v| got.push(v.unwrap())),
        Ok(5)
    );
    assert_eq!(peek(&mem, 256), 5, "one release of all five");
    assert_eq!(tx.send_batch::<_, 8>(&values[8..]), Ok(5));
    assert_eq!(
        rx.recv_batch::<u64, 8, _>(100, |v| got.push(v.unwrap())),
        Ok(8)
    );
    assert_eq!(got, values[..13]);
    assert_eq!(
        rx.recv_batch::<u64, 8, _>(100, |_| unreachable!()),
        Err(RingError::Empty)
    );
}

/// A side asks for a wake-up with its `waiting` word (line + 64) and the peer counter value
/// to be woken at (line + 68); the peer reports it only once its counter gets there.
#[test]
fn wake_ups_are_asked_for_and_reported_at_the_asked_counter() {
    let layout = Layout::standard(8, 8).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    tx.try_send_bytes(b"1").unwrap();
    assert!(!tx.take_wake(), "nobody waits");
    // The consumer sleeps until the producer counter reaches 3.
    poke(&mem, 256 + 68, 3);
    poke(&mem, 256 + 64, 1);
    tx.try_send_bytes(b"2").unwrap();
    assert!(!tx.take_wake(), "counter 2 is not 3 yet");
    tx.try_send_bytes(b"3").unwrap();
    assert!(tx.take_wake(), "counter 3 reached");
    assert!(!tx.take_wake(), "taken once");
    // The producer sleeps until the consumer counter reaches 2.
    poke(&mem, 128 + 68, 2);
    poke(&mem, 128 + 64, 1);
    let mut buf = [0u8; 8];
    rx.try_recv_bytes(&mut buf).unwrap();
    assert!(!rx.take_wake());
    rx.try_recv_bytes(&mut buf).unwrap();
    assert!(rx.take_wake());
    poke(&mem, 128 + 64, 0);
    rx.try_recv_bytes(&mut buf).unwrap();
    assert!(!rx.take_wake(), "no longer waiting");
}

#[test]
fn byte_batches() {
    let layout = Layout::standard(4, 8).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    let too_long = [0u8; 9];
    // An oversized frame first is an error; later, it ends the batch early.
    assert_eq!(
        tx.send_bytes_batch(&[&too_long, b"a"]),
        Err(RingError::FrameTooLarge { len: 9, max: 8 })
    );
    assert_eq!(tx.send_bytes_batch(&[b"a", b"bc", &too_long, b"d"]), Ok(2));
    assert_eq!(tx.send_bytes_batch(&[b"12345678", b"e", b"f"]), Ok(2));
    assert_eq!(tx.send_bytes_batch(&[b"g"]), Err(RingError::Full));
    let mut got = Vec::new();
    let mut buf = [0u8; 4];
    let taken = rx.recv_bytes_batch(&mut buf, 10, |f| got.push(f.map(<[u8]>::to_vec)));
    assert_eq!(taken, Ok(4));
    assert_eq!(
        got,
        [
            Ok(b"a".to_vec()),
            Ok(b"bc".to_vec()),
            Err(8),
            Ok(b"e".to_vec())
        ]
    );
    assert_eq!(peek(&mem, 256), 4, "one release");
    assert_eq!(
        rx.recv_bytes_batch(&mut buf, 10, |_| unreachable!()),
        Err(RingError::Empty)
    );
}

#[test]
fn shared_bytes_changed_after_the_copy_do_not_change_the_value() {
    let layout = Layout::standard(2, u32::try_from(NOTE).unwrap()).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    let sent = note(40);
    tx.try_send::<_, NOTE>(&sent).unwrap();
    let mut buf = [0u8; NOTE];
    let frame = rx.try_recv_bytes(&mut buf).unwrap();
    let copied = frame.to_vec();
    // The peer rewrites the whole slot (and everything else) after the copy.
    for w in &mem[48..] {
        w.store(u64::MAX, Ordering::Relaxed);
    }
    assert_eq!(frame, &copied[..]);
    assert_eq!(crosswire::from_bytes::<Note>(frame), Ok(sent.clone()));

    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    tx.try_send::<_, NOTE>(&sent).unwrap();
    let got = rx.try_recv::<Note, NOTE>().unwrap();
    for w in &mem[48..] {
        w.store(0x4141_4141_4141_4141, Ordering::Relaxed);
    }
    assert_eq!(got, sent);
}

/// One published frame in a ring of 4 slots of 16 bytes, then `poke` to break it.
fn broken(poke_at: usize, value: u32) -> RingError {
    let layout = Layout::standard(4, 8).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    tx.try_send_bytes(b"abc").unwrap();
    poke(&mem, poke_at, value);
    let mut buf = [0u8; 8];
    let err = rx.try_recv_bytes(&mut buf).unwrap_err();
    // Poisoned for good, even once the bytes are repaired.
    poke(&mem, 128, 1);
    poke(&mem, 384, 3);
    poke(&mem, 388, 0);
    assert_eq!(rx.try_recv_bytes(&mut buf), Err(err));
    err
}

#[test]
fn corruption_is_reported_where_it_is_and_poisons() {
    let corrupt = |what, at| RingError::Corrupt { what, at };
    // The producer counter more than a ring ahead (5 > 4 slots), or behind (wraps).
    assert_eq!(broken(128, 5), corrupt(Corruption::ProducerCounter, 128));
    assert_eq!(
        broken(128, u32::MAX),
        corrupt(Corruption::ProducerCounter, 128)
    );
    // A length above the slot's payload (8).
    assert_eq!(broken(384, 9), corrupt(Corruption::Length, 384));
    assert_eq!(broken(384, u32::MAX), corrupt(Corruption::Length, 384));
    // A stamp that is not the frame's index.
    assert_eq!(broken(388, 1), corrupt(Corruption::Stamp, 388));
    assert_eq!(broken(388, 4), corrupt(Corruption::Stamp, 388));
    assert_eq!(corrupt(Corruption::Stamp, 0).errno(), Errno::EPROTO);
}

#[test]
fn a_consumer_counter_out_of_range_poisons_the_producer() {
    let layout = Layout::standard(2, 8).unwrap();
    let mem = memory(&layout);
    let (mut tx, _rx) = ring(&mem, layout);
    tx.try_send_bytes(b"a").unwrap();
    tx.try_send_bytes(b"b").unwrap();
    // Ahead of the producer: "released" frames that were never published.
    poke(&mem, 256, 7);
    let err = tx.try_send_bytes(b"c").unwrap_err();
    assert_eq!(
        err,
        RingError::Corrupt {
            what: Corruption::ConsumerCounter,
            at: 256
        }
    );
    poke(&mem, 256, 2);
    assert_eq!(tx.try_send_bytes(b"c"), Err(err));
}

#[test]
fn headers_are_validated_at_attach() {
    let layout = Layout::standard(4, 8).unwrap();
    let check = |at: usize, value: u32, what: Corruption, field: usize| {
        let mem = memory(&layout);
        let region = Region::from_atomics(&mem);
        layout.write(&region).unwrap();
        poke(&mem, at, value);
        let want = RingError::Corrupt { what, at: field };
        assert_eq!(
            Producer::attach(region).unwrap_err(),
            want,
            "poke {at}={value}"
        );
        assert_eq!(
            Consumer::attach(region).unwrap_err(),
            want,
            "poke {at}={value}"
        );
    };
    check(0, 0, Corruption::Magic, 0);
    check(4, 2, Corruption::Version, 4);
    check(8, 3, Corruption::SlotCount, 8);
    check(8, 0, Corruption::SlotCount, 8);
    check(8, 1 << 25, Corruption::SlotCount, 8);
    check(8, 8, Corruption::RegionSize, 28); // more slots than the region holds
    check(12, 20, Corruption::SlotSize, 12);
    check(12, 8, Corruption::SlotSize, 12);
    check(16, 64, Corruption::Offset, 16); // misaligned producer line
    check(16, 0, Corruption::Offset, 16); // on the header
    check(16, 256, Corruption::Offset, 16); // on the consumer line
    check(20, 384, Corruption::Offset, 20); // on the slots
    check(20, 512, Corruption::RegionSize, 28); // past the region's end
    check(24, 100, Corruption::Offset, 24);
    check(28, 1 << 20, Corruption::RegionSize, 28); // larger than the region
    check(28, 400, Corruption::RegionSize, 28);
    // A region too small for even a header.
    let tiny = [AtomicU64::new(u64::from(MAGIC))];
    assert!(Consumer::attach(Region::from_atomics(&tiny)).is_err());
}

#[test]
fn layouts_are_checked_when_built() {
    assert!(Layout::standard(3, 8).is_err());
    assert!(Layout::standard(0, 8).is_err());
    assert!(Layout::standard(1 << 24, 1 << 20).is_err());
    assert!(Layout::standard(4, u32::MAX).is_err());
    let split = Layout::new(4, 16, 4096, 8192, 12288, 16384).unwrap();
    assert_eq!(split.max_frame(), 8);
    assert!(Layout::new(4, 16, 4096, 4096, 12288, 16384).is_err());
}

/// A kernel → user layout: the consumer's line alone on its page (the only page userspace
/// would map writable), the producer's line and the slots on others.
#[test]
fn a_page_split_layout_carries_frames() {
    let layout = Layout::new(4, 16, 4096, 8192, 12288, 16384).unwrap();
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    let mut buf = [0u8; 8];
    for i in 0..10u64 {
        tx.try_send::<_, 8>(&i).unwrap();
        assert_eq!(rx.try_recv::<u64, 8>(), Ok(i));
    }
    assert_eq!(peek(&mem, 4096), 10, "published");
    assert_eq!(peek(&mem, 8192), 10, "released");
    // The consumer wrote nothing outside its page but its counter and its claim (§3.1).
    let bytes = image(&mem);
    assert_ne!(peek(&mem, 8192 + 72), 0, "claimed");
    assert!(bytes[8192 + 4..8192 + 72].iter().all(|&b| b == 0));
    assert!(bytes[8192 + 76..12288].iter().all(|&b| b == 0));
    assert_eq!(rx.try_recv_bytes(&mut buf), Err(RingError::Empty));
}

#[test]
fn error_size_is_pinned_and_errnos_map() {
    // Its largest variants hold two `usize`s (and a tag): 24 bytes on 64-bit targets,
    // 12 on 32-bit ones.
    let expected = if cfg!(target_pointer_width = "64") {
        24
    } else {
        12
    };
    assert_eq!(std::mem::size_of::<RingError>(), expected);
    assert_eq!(RingError::Full.errno(), Errno::EAGAIN);
    assert_eq!(RingError::Empty.errno(), Errno::EAGAIN);
    assert_eq!(RingError::TimedOut.errno(), Errno::EAGAIN);
    assert_eq!(RingError::Reset { lost: 1 }.errno(), Errno::EAGAIN);
    assert_eq!(RingError::Busy.errno(), Errno::EBUSY);
    assert_eq!(RingError::PeerGone.errno(), Errno::EIO);
    assert_eq!(RingError::NotCreator.errno(), Errno::EPERM);
    assert_eq!(
        Errno::from(RingError::FrameTooLarge { len: 1, max: 0 }),
        Errno::EMSGSIZE
    );
    let full = crosswire::Error::new(ErrorKind::BufferFull, 0);
    assert_eq!(RingError::Encode(full).errno(), Errno::EMSGSIZE);
}

/// The golden image of `docs/ring-format.md` §6: a ring of 2 slots of 16 bytes after
/// sending `[0xA1, 0xA2, 0xA3]` and `0x0102030405060708u64`, and receiving the first.
#[cfg(target_endian = "little")]
#[test]
fn golden_layout() {
    let layout = Layout::standard(2, 8).unwrap();
    assert_eq!(layout.region_size(), 416);
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    tx.try_send_bytes(&[0xA1, 0xA2, 0xA3]).unwrap();
    tx.try_send::<_, 8>(&0x0102_0304_0506_0708u64).unwrap();
    let mut buf = [0u8; 8];
    rx.try_recv_bytes(&mut buf).unwrap();
    // While attached, each side holds the claim word of its line (§3.1); dropping an
    // endpoint releases it.
    assert_ne!(peek(&mem, 128 + 72), 0);
    assert_ne!(peek(&mem, 256 + 72), 0);
    drop((tx, rx));
    let bytes = image(&mem);
    #[rustfmt::skip]
    let header = [
        b'C', b'W', b'R', b'G', // magic
        1, 0, 0, 0,             // version
        2, 0, 0, 0,             // slot count
        16, 0, 0, 0,            // slot size
        128, 0, 0, 0,           // producer line
        0, 1, 0, 0,             // consumer line (256)
        128, 1, 0, 0,           // slots (384)
        160, 1, 0, 0,           // region size (416)
    ];
    assert_eq!(bytes[..32], header);
    assert!(bytes[32..128].iter().all(|&b| b == 0), "reserved");
    assert_eq!(bytes[128..136], [2, 0, 0, 0, 0, 0, 0, 0], "published 2");
    assert!(bytes[136..256].iter().all(|&b| b == 0));
    assert_eq!(bytes[256..264], [1, 0, 0, 0, 0, 0, 0, 0], "released 1");
    assert!(bytes[264..384].iter().all(|&b| b == 0));
    #[rustfmt::skip]
    let slots = [
        3, 0, 0, 0,  0, 0, 0, 0,  0xA1, 0xA2, 0xA3, 0, 0, 0, 0, 0, // frame 0, padded
        8, 0, 0, 0,  1, 0, 0, 0,  8, 7, 6, 5, 4, 3, 2, 1,          // frame 1
    ];
    assert_eq!(bytes[384..], slots);
}

#[derive(Debug, Clone)]
enum Op {
    Send(Vec<u8>),
    Recv,
    SendBatch(u8),
    RecvBatch(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..=24).prop_map(Op::Send),
        Just(Op::Recv),
        (0u8..6).prop_map(Op::SendBatch),
        (0u8..6).prop_map(Op::RecvBatch),
    ]
}

proptest! {
    /// Any sequence of calls behaves as a bounded FIFO queue.
    #[test]
    fn behaves_as_a_bounded_fifo(ops in proptest::collection::vec(op(), 0..200), shift in 0u32..3) {
        let layout = Layout::standard(1 << shift, 24).unwrap();
        let cap = 1usize << shift;
        let mem = memory(&layout);
        let (mut tx, mut rx) = ring(&mem, layout);
        let mut model: VecDeque<Vec<u8>> = VecDeque::new();
        let mut counter = 0u32;
        for op in ops {
            match op {
                Op::Send(frame) => {
                    let got = tx.try_send_bytes(&frame);
                    if model.len() == cap {
                        prop_assert_eq!(got, Err(RingError::Full));
                    } else {
                        prop_assert_eq!(got, Ok(()));
                        model.push_back(frame);
                    }
                }
                Op::Recv => {
                    let mut buf = [0u8; 24];
                    match model.pop_front() {
                        Some(want) => prop_assert_eq!(rx.try_recv_bytes(&mut buf).unwrap(), &want[..]),
                        None => prop_assert_eq!(rx.try_recv_bytes(&mut buf), Err(RingError::Empty)),
                    }
                }
                Op::SendBatch(n) => {
                    let values: Vec<u32> = (0..n).map(|i| counter.wrapping_add(u32::from(i))).collect();
                    let room = cap - model.len();
                    match tx.send_batch::<_, 4>(&values) {
                        Ok(sent) => {
                            prop_assert_eq!(sent, values.len().min(room));
                            counter = counter.wrapping_add(u32::try_from(sent).unwrap());
                            model.extend(values[..sent].iter().map(|v| v.to_le_bytes().to_vec()));
                        }
                        Err(e) => prop_assert!(e == RingError::Full && room == 0 && n > 0),
                    }
                }
                Op::RecvBatch(n) => {
                    let mut got = Vec::new();
                    let want = usize::from(n).min(model.len());
                    match rx.recv_batch::<BoundedVec<u8, 0>, 4, _>(usize::from(n), |v| got.push(v)) {
                        Ok(taken) => prop_assert_eq!(taken, want),
                        Err(e) => prop_assert!(e == RingError::Empty && model.is_empty() && n > 0),
                    }
                    // Checks order only: each frame is a decode error or an empty vec.
                    for _ in 0..got.len() {
                        model.pop_front();
                    }
                }
            }
        }
    }
}

/// §3.1: each role is claimed at attach; a second endpoint of the same role is refused
/// before it can send or take anything, until the first is dropped.
#[test]
fn roles_are_claimed_once() {
    let layout = Layout::standard(4, 8).unwrap();
    let mem = memory(&layout);
    let (tx, rx) = ring(&mem, layout);
    let region = Region::from_atomics(&mem);
    assert_eq!(Producer::attach(region).unwrap_err(), RingError::Busy);
    assert_eq!(Consumer::attach(region).unwrap_err(), RingError::Busy);
    assert_eq!(RingError::Busy.errno(), Errno::EBUSY);
    // Anonymous claims (no process named: bit 31) at offset 72 of each line.
    assert_eq!(peek(&mem, 128 + 72) >> 31, 1);
    assert_eq!(peek(&mem, 256 + 72) >> 31, 1);
    drop(tx);
    assert_eq!(peek(&mem, 128 + 72), 0);
    let _tx = Producer::attach(region).unwrap();
    drop(rx);
    let _rx = Consumer::attach(region).unwrap();
}

/// §5.2: the consumer, as creator, resets; the producer notices at its next call and
/// reports exactly the frames the reset lost; nothing from before is delivered after.
#[test]
fn a_reset_by_the_consumer_is_reported_to_the_producer() {
    let layout = Layout::standard(4, 8).unwrap();
    let mem = memory(&layout);
    let region = Region::from_atomics(&mem);
    let mut rx = Consumer::create(region, &layout).unwrap();
    let mut tx = Producer::attach(region).unwrap();
    let mut buf = [0u8; 8];
    for frame in [b"a", b"b", b"c"] {
        tx.try_send_bytes(frame).unwrap();
    }
    assert_eq!(
        rx.try_recv_bytes(&mut buf).map(|f| f.to_vec()),
        Ok(b"a".to_vec())
    );
    assert_eq!(tx.reset(), Err(RingError::NotCreator));
    assert_eq!(rx.reset(), Ok(2));
    assert_eq!(rx.generation(), 1);
    assert_eq!(peek(&mem, 32), 1, "generation");
    assert_eq!(
        (peek(&mem, 36), peek(&mem, 40)),
        (3, 1),
        "counters at the reset"
    );
    assert_eq!(rx.try_recv_bytes(&mut buf), Err(RingError::Empty));
    assert_eq!(tx.try_send_bytes(b"d"), Err(RingError::Reset { lost: 2 }));
    assert_eq!(tx.generation(), 1);
    tx.try_send_bytes(b"d").unwrap();
    assert_eq!(
        rx.try_recv_bytes(&mut buf).map(|f| f.to_vec()),
        Ok(b"d".to_vec())
    );
    assert_eq!(rx.try_recv_bytes(&mut buf), Err(RingError::Empty));
    // The claims survived the reset.
    assert_eq!(Producer::attach(region).unwrap_err(), RingError::Busy);
}

/// §5.2: the producer, as creator, resets; the consumer reports what it had not taken,
/// at its next call, even with nothing new published (the idle path).
#[test]
fn a_reset_by_the_producer_is_reported_to_the_consumer() {
    let layout = Layout::standard(4, 8).unwrap();
    let mem = memory(&layout);
    let region = Region::from_atomics(&mem);
    let mut tx = Producer::create(region, &layout).unwrap();
    let mut rx = Consumer::attach(region).unwrap();
    let mut buf = [0u8; 8];
    for frame in [b"a", b"b", b"c"] {
        tx.try_send_bytes(frame).unwrap();
    }
    rx.try_recv_bytes(&mut buf).unwrap();
    assert_eq!(tx.reset(), Ok(3), "the producer's view: its cached counter");
    assert_eq!(
        rx.try_recv_bytes(&mut buf),
        Err(RingError::Reset { lost: 2 })
    );
    assert_eq!(rx.try_recv_bytes(&mut buf), Err(RingError::Empty));
    tx.try_send_bytes(b"d").unwrap();
    assert_eq!(
        rx.try_recv_bytes(&mut buf).map(|f| f.to_vec()),
        Ok(b"d".to_vec())
    );
}

/// §5.2: a producer that had not looked at the generation yet cannot publish into the new
/// one (its compare-and-exchange from its last counter fails: the reset moved both
/// counters half the counter space away); an old counter value written there anyway is
/// corruption, and no frame of the old generation is taken again.
#[test]
fn an_old_generation_frame_is_never_taken_again() {
    let layout = Layout::standard(4, 8).unwrap();
    let mem = memory(&layout);
    let region = Region::from_atomics(&mem);
    let mut rx = Consumer::create(region, &layout).unwrap();
    let mut tx = Producer::attach(region).unwrap();
    tx.try_send_bytes(b"old").unwrap();
    tx.try_send_bytes(b"old").unwrap();
    assert_eq!(
        rx.reset(),
        Ok(0),
        "nothing read yet: the consumer knew of none"
    );
    let base = peek(&mem, 128);
    assert_eq!(
        base,
        1 << 31,
        "half the counter space from the head the consumer saw"
    );
    assert_eq!(peek(&mem, 256), base);
    // The producer's third frame: its publish fails, the frame is not published.
    assert_eq!(tx.try_send_bytes(b"new"), Err(RingError::Reset { lost: 2 }));
    assert_eq!(peek(&mem, 128), base);
    let mut buf = [0u8; 8];
    assert_eq!(rx.try_recv_bytes(&mut buf), Err(RingError::Empty));
    // The old counter value, written over the new one.
    poke(&mem, 128, 2);
    assert_eq!(
        rx.try_recv_bytes(&mut buf),
        Err(RingError::Corrupt {
            what: Corruption::ProducerCounter,
            at: 128
        })
    );
}

/// §5.2: corruption is reported by the side that finds it, whichever counter was hit;
/// a peer's finding reaches the creator through its `broken` word, and the creator
/// repairs a zeroed header.
#[test]
fn corruption_reaches_the_creator_whichever_side_finds_it() {
    let layout = Layout::standard(2, 8).unwrap();
    let mem = memory(&layout);
    let region = Region::from_atomics(&mem);
    let mut rx = Consumer::create(region, &layout).unwrap();
    let mut tx = Producer::attach(region).unwrap();
    assert_eq!(rx.health(), Ok(()));
    // The consumer counter, which only the producer reads on its hot path.
    tx.try_send_bytes(b"a").unwrap();
    tx.try_send_bytes(b"b").unwrap();
    poke(&mem, 256, 7);
    let found = tx.try_send_bytes(b"c").unwrap_err();
    assert!(found.is_corrupt(), "{found}");
    assert_ne!(peek(&mem, 128 + 76), 0, "the producer asked for a reset");
    // The consumer finds its own counter changed, and the producer's request.
    assert_eq!(
        rx.health(),
        Err(RingError::Corrupt {
            what: Corruption::ConsumerCounter,
            at: 256
        })
    );
    assert_eq!(rx.reset(), Ok(0));
    assert_eq!(peek(&mem, 128 + 76), 0, "the reset clears the request");
    assert!(matches!(
        tx.try_send_bytes(b"c"),
        Err(RingError::Reset { .. })
    ));
    tx.try_send_bytes(b"c").unwrap();
    // The producer's request alone.
    poke(&mem, 128 + 76, 1);
    assert_eq!(
        rx.health(),
        Err(RingError::Corrupt {
            what: Corruption::Peer,
            at: 128 + 76
        })
    );
    rx.reset().unwrap();
    // A zeroed header (a hole punched in a memfd).
    for at in (0..128).step_by(4) {
        poke(&mem, at, 0);
    }
    assert_eq!(
        rx.health(),
        Err(RingError::Corrupt {
            what: Corruption::Magic,
            at: 0
        })
    );
    rx.reset().unwrap();
    assert_eq!(peek(&mem, 0), MAGIC);
    assert_eq!(Layout::read(&region), Ok(layout));
}

/// §4.1: a ring with checksums (a header flag, off by default) carries frames as any
/// other, and a payload byte changed between the publish and the copy is `Corrupt {
/// Checksum }`, where a ring without them delivers it. An unknown flag is refused.
#[test]
fn checksums_find_a_scribbled_payload() {
    let layout = Layout::standard(4, 16).unwrap().with_checksum().unwrap();
    assert!(layout.has_checksum());
    let mem = memory(&layout);
    let (mut tx, mut rx) = ring(&mem, layout);
    assert_eq!(peek(&mem, 44), 1, "the flag");
    let mut buf = [0u8; 16];
    for i in 0..20u8 {
        let frame = vec![i; usize::from(i % 17)];
        tx.try_send_bytes(&frame).unwrap();
        assert_eq!(rx.try_recv_bytes(&mut buf).map(|f| f.to_vec()), Ok(frame));
    }
    assert!(tx.try_send_bytes(&[0; 17]).is_err(), "max_frame is kept");
    tx.try_send_bytes(b"abcdefgh").unwrap();
    // Frame 20, slot 0: its payload's first byte.
    poke(&mem, 384 + 8, u32::from_ne_bytes(*b"Xbcd"));
    let slot_size = usize::try_from(layout.slot_size()).unwrap();
    assert_eq!(
        rx.try_recv_bytes(&mut buf),
        Err(RingError::Corrupt {
            what: Corruption::Checksum,
            at: 384 + slot_size - 8
        })
    );

    // The same scribble without checksums: delivered (what the option is for).
    let plain = Layout::standard(4, 16).unwrap();
    let mem = memory(&plain);
    let (mut tx, mut rx) = ring(&mem, plain);
    tx.try_send_bytes(b"abcdefgh").unwrap();
    poke(&mem, 384 + 8, u32::from_ne_bytes(*b"Xbcd"));
    assert_eq!(
        rx.try_recv_bytes(&mut buf).map(|f| f.to_vec()),
        Ok(b"Xbcdefgh".to_vec())
    );

    let region = Region::from_atomics(&mem);
    poke(&mem, 44, 2);
    drop((tx, rx));
    assert_eq!(
        Producer::attach(region).unwrap_err(),
        RingError::Corrupt {
            what: Corruption::Flags,
            at: 44
        }
    );
}

mod reserve;
