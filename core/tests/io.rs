//! `crosswire::io` (feature `std`): frames over real streams, the bound checked before any
//! allocation, and precise errors for short and invalid frames.
#![cfg(all(feature = "std", feature = "derive"))]

use std::{
    alloc::{GlobalAlloc, Layout, System},
    cell::Cell,
    io::{Cursor, ErrorKind as IoKind, Read, Write},
    os::unix::net::UnixStream,
    thread,
};

use crosswire::{
    io::{to_vec, write_message, MessageReader, ReadError},
    BoundedStr, BoundedVec, Decode, Encode, ErrorKind, MaxSize,
};
use proptest::prelude::*;

/// The system allocator, recording the largest single allocation of each thread.
struct Recording;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// recording touches only a `const`-initialised thread-local, which does not allocate.
unsafe impl GlobalAlloc for Recording {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = LARGEST.try_with(|l| l.set(l.get().max(layout.size())));
        // SAFETY: the caller's contract for `alloc` is `System::alloc`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this `layout` (above).
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Recording = Recording;

fn largest_allocation_during(f: impl FnOnce()) -> usize {
    LARGEST.with(|l| l.set(0));
    f();
    LARGEST.with(Cell::get)
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Event<'a> {
    seq: u32,
    name: BoundedStr<'a, 16>,
    samples: BoundedVec<u16, 8>,
}

fn event<'a>(seq: u32, name: &'a str, samples: &[u16]) -> Event<'a> {
    Event {
        seq,
        name: BoundedStr::new(name).unwrap(),
        samples: BoundedVec::from_slice(samples).unwrap(),
    }
}

#[test]
fn to_vec_is_the_encoding() {
    let value = event(7, "up", &[1]);
    let mut buf = [0u8; Event::MAX_SIZE];
    let expected = crosswire::to_slice(&value, &mut buf).unwrap();
    assert_eq!(to_vec(&value).unwrap(), expected);
    assert_eq!(to_vec(&value).unwrap().capacity(), expected.len());
}

#[test]
fn frames_are_a_u32_length_then_the_message() {
    let mut out = Vec::new();
    write_message(&mut out, &0xAABBu16).unwrap();
    write_message(&mut out, &()).unwrap();
    assert_eq!(out, [2, 0, 0, 0, 0xBB, 0xAA, 0, 0, 0, 0]);
}

#[test]
fn messages_cross_a_socket_between_threads() {
    let (mut tx, rx) = UnixStream::pair().unwrap();
    let sender = thread::spawn(move || {
        for seq in 0..100u32 {
            let name = format!("ev{seq}");
            write_message(&mut tx, &event(seq, &name, &[seq as u16; 3])).unwrap();
        }
    });
    let mut rx = MessageReader::for_type::<Event<'_>>(rx);
    let mut seq = 0;
    while let Some(ev) = rx.read::<Event<'_>>().unwrap() {
        assert_eq!(ev, event(seq, &format!("ev{seq}"), &[seq as u16; 3]));
        seq += 1;
    }
    assert_eq!(seq, 100);
    sender.join().unwrap();
}

#[test]
fn a_length_over_the_bound_fails_before_any_allocation() {
    let mut input = u32::MAX.to_le_bytes().to_vec();
    input.extend_from_slice(&[0; 64]);
    let mut rx = MessageReader::new(Cursor::new(input), 64);
    let mut result = None;
    let largest = largest_allocation_during(|| {
        result = Some(rx.read::<BoundedVec<u8, 64>>().map(|_| ()));
    });
    match result.unwrap() {
        Err(ReadError::TooLong { len, limit }) => assert_eq!((len, limit), (u32::MAX, 64)),
        other => panic!("{other:?}"),
    }
    assert_eq!(largest, 0, "nothing is allocated for a rejected frame");
    // The body was not read either.
    assert_eq!(rx.into_inner().position(), 4);
}

#[test]
fn the_reader_allocates_what_arrives_not_what_is_announced() {
    let (mut tx, rx) = UnixStream::pair().unwrap();
    let sender = thread::spawn(move || {
        // Announces 1 MiB, sends 10 bytes, hangs up.
        tx.write_all(&(1u32 << 20).to_le_bytes()).unwrap();
        tx.write_all(&[0; 10]).unwrap();
    });
    let mut rx = MessageReader::new(rx, 2 << 20);
    let mut result = None;
    let largest = largest_allocation_during(|| result = Some(rx.read::<()>().map(|_| ())));
    match result.unwrap() {
        Err(ReadError::Io(e)) => assert_eq!(e.kind(), IoKind::UnexpectedEof),
        other => panic!("{other:?}"),
    }
    // Grown with what arrived, not the announced megabyte.
    assert!(largest < 1024, "{largest}");
    sender.join().unwrap();
}

#[test]
fn end_of_stream_between_frames_is_none_and_inside_one_is_an_error() {
    let mut rx = MessageReader::new(Cursor::new(Vec::new()), 8);
    assert!(matches!(rx.read::<u8>(), Ok(None)));
    for cut in [&[1u8, 0][..], &[2, 0, 0, 0, 9]] {
        let mut rx = MessageReader::new(Cursor::new(cut.to_vec()), 8);
        match rx.read::<u16>() {
            Err(ReadError::Io(e)) => assert_eq!(e.kind(), IoKind::UnexpectedEof),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn an_invalid_message_is_a_decode_error_at_its_offset() {
    // A bool of 2, then a frame with a trailing byte.
    let input = [1, 0, 0, 0, 2, 2, 0, 0, 0, 1, 9];
    let mut rx = MessageReader::new(Cursor::new(input), 8);
    match rx.read::<bool>() {
        Err(ReadError::Decode(e)) => {
            assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidBool, 0))
        }
        other => panic!("{other:?}"),
    }
    match rx.read::<bool>() {
        Err(ReadError::Decode(e)) => {
            assert_eq!((e.kind(), e.offset()), (ErrorKind::TrailingBytes, 1))
        }
        other => panic!("{other:?}"),
    }
    let shown = ReadError::TooLong { len: 9, limit: 8 }.to_string();
    assert_eq!(
        shown,
        "crosswire frame of 9 bytes is over the limit of 8 bytes"
    );
}

/// A reader that returns one byte per call, interrupted every other call.
struct Trickle<'a>(&'a [u8], bool);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.1 = !self.1;
        if self.1 {
            return Err(IoKind::Interrupted.into());
        }
        let Some((first, rest)) = self.0.split_first() else {
            return Ok(0);
        };
        match buf.first_mut() {
            Some(slot) => *slot = *first,
            None => return Ok(0),
        }
        self.0 = rest;
        Ok(1)
    }
}

proptest! {
    /// Any sequence of messages comes back in order, whatever the stream's chunking.
    #[test]
    fn any_messages_round_trip(msgs in proptest::collection::vec(
        (any::<u32>(), "[a-z]{0,16}", proptest::collection::vec(any::<u16>(), 0..=8)), 0..20)
    ) {
        let mut wire = Vec::new();
        for (seq, name, samples) in &msgs {
            write_message(&mut wire, &event(*seq, name, samples)).unwrap();
        }
        let mut rx = MessageReader::for_type::<Event<'_>>(Trickle(&wire, false));
        for (seq, name, samples) in &msgs {
            let got = rx.read::<Event<'_>>().unwrap();
            prop_assert_eq!(got, Some(event(*seq, name, samples)));
        }
        prop_assert!(matches!(rx.read::<Event<'_>>(), Ok(None)));
    }
}
