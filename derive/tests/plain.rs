//! `#[crosswire(plain)]` records: runs of them (`[T; N]`, `BoundedVec<T, N>`) take the
//! one-copy path, and give exactly the bytes and the errors of a twin record without the
//! attribute, which goes field by field: golden bytes, errors at their offsets, and
//! proptest over arbitrary values and arbitrary bytes.

extern crate cw as crosswire;

use crosswire::{BoundedVec, Decode, Encode, Error, ErrorKind, MaxSize, Plain};
// The `samples` record of the benches (16 bytes, no padding) and its field-by-field twin,
// shared with the fuzz oracles and the no-panic proof. Derived there, under the crate's own
// name; `Event` and `Pair` below are derived here, through the renamed `cw`.
use crosswire_test_records::{Sample, SampleTwin};
use proptest::prelude::*;
use zerocopy::{Immutable, IntoBytes, KnownLayout, TryFromBytes};

/// Packed, with a `char`, an array and a nested plain record: 1 + 4 + 16 + 6 = 27 bytes.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Encode,
    Decode,
    MaxSize,
    IntoBytes,
    TryFromBytes,
    Immutable,
    KnownLayout,
)]
#[crosswire(plain)]
#[repr(C, packed)]
struct Event {
    up: bool,
    letter: char,
    sample: Sample,
    ports: [u16; 3],
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Encode, Decode, MaxSize)]
struct EventTwin {
    up: bool,
    letter: char,
    sample: SampleTwin,
    ports: [u16; 3],
}

/// A tuple struct.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Encode,
    Decode,
    MaxSize,
    IntoBytes,
    TryFromBytes,
    Immutable,
    KnownLayout,
)]
#[crosswire(plain)]
#[repr(C)]
struct Pair(u32, i32);

fn twin(s: Sample) -> SampleTwin {
    SampleTwin::from(s)
}

fn event_twin(e: Event) -> EventTwin {
    EventTwin {
        up: e.up,
        letter: e.letter,
        sample: twin(e.sample),
        ports: e.ports,
    }
}

fn encode<T: Encode>(value: &T) -> Result<Vec<u8>, Error> {
    let mut buf = vec![0u8; T::MAX_SIZE];
    crosswire::to_slice(value, &mut buf).map(|b| b.to_vec())
}

fn assert_plain<T: Plain>() {}

#[test]
fn plain_types() {
    assert_plain::<Sample>();
    assert_plain::<Event>();
    assert_plain::<Pair>();
    assert_plain::<[Sample; 2]>();
    assert_eq!(Sample::MAX_SIZE, core::mem::size_of::<Sample>());
    assert_eq!(Event::MAX_SIZE, 27);
}

#[test]
fn golden_run() {
    let v = BoundedVec::<Sample, 4>::from_slice(&[
        Sample {
            timestamp: 0x0102_0304_0506_0708,
            id: 0xA0B0_C0D0,
            kind: 0x1122,
            level: 7,
            valid: true,
        },
        Sample::default(),
    ])
    .unwrap();
    let bytes = encode(&v).unwrap();
    assert_eq!(
        bytes,
        [
            2, 0, 0, 0, // length
            8, 7, 6, 5, 4, 3, 2, 1, 0xD0, 0xC0, 0xB0, 0xA0, 0x22, 0x11, 7, 1, // first
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // second
        ]
    );
    assert_eq!(
        crosswire::from_bytes::<BoundedVec<Sample, 4>>(&bytes),
        Ok(v)
    );
    let mut in_place = BoundedVec::<Sample, 4>::new();
    crosswire::from_bytes_in_place(&bytes, &mut in_place).unwrap();
    assert_eq!(in_place, v);
}

#[test]
fn packed_record_round_trips() {
    let e = Event {
        up: true,
        letter: 'é',
        sample: Sample {
            timestamp: 9,
            id: 8,
            kind: 7,
            level: 6,
            valid: false,
        },
        ports: [1, 2, 0xFFFF],
    };
    let arr = [e, Event::default()];
    let bytes = encode(&arr).unwrap();
    assert_eq!(
        bytes,
        encode(&[event_twin(e), EventTwin::default()]).unwrap()
    );
    assert_eq!(bytes[..5], [1, 0xE9, 0, 0, 0]);
    assert_eq!(crosswire::from_bytes::<[Event; 2]>(&bytes), Ok(arr));
    assert_eq!(
        crosswire::from_bytes::<Pair>(&[1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]),
        Ok(Pair(1, -1))
    );
}

#[test]
fn errors_at_the_field_by_field_offsets() {
    let mut bytes =
        encode(&BoundedVec::<Sample, 4>::from_slice(&[Sample::default(); 3]).unwrap()).unwrap();
    // The third record's `bool`: 4 + 2 * 16 + 15.
    bytes[4 + 2 * 16 + 15] = 2;
    let err = crosswire::from_bytes::<BoundedVec<Sample, 4>>(&bytes).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::InvalidBool, 51));
    // A surrogate in the second event's `char` (offset 27 + 1).
    let mut bytes = encode(&[Event::default(); 2]).unwrap();
    bytes[28..32].copy_from_slice(&0xD800u32.to_le_bytes());
    let err = crosswire::from_bytes::<[Event; 2]>(&bytes).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::InvalidChar, 28));
    // Short input: record by record, the end of the input.
    let err = crosswire::from_bytes::<[Sample; 2]>(&[0; 20]).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::UnexpectedEnd, 20));
    // No room: `BufferFull` where the buffer ends, as field by field.
    let v = BoundedVec::<Sample, 4>::from_slice(&[Sample::default(); 2]).unwrap();
    let mut small = [0u8; 30];
    let err = crosswire::to_slice(&v, &mut small).unwrap_err();
    let mut small_twin = [0u8; 30];
    let twin_v = BoundedVec::<SampleTwin, 4>::from_slice(&[SampleTwin::default(); 2]).unwrap();
    assert_eq!(
        err,
        crosswire::to_slice(&twin_v, &mut small_twin).unwrap_err()
    );
    assert_eq!(err.kind(), ErrorKind::BufferFull);
}

fn sample() -> impl Strategy<Value = Sample> {
    (
        any::<u64>(),
        any::<u32>(),
        any::<u16>(),
        any::<u8>(),
        any::<bool>(),
    )
        .prop_map(|(timestamp, id, kind, level, valid)| Sample {
            timestamp,
            id,
            kind,
            level,
            valid,
        })
}

fn event() -> impl Strategy<Value = Event> {
    (any::<bool>(), any::<char>(), sample(), any::<[u16; 3]>()).prop_map(
        |(up, letter, sample, ports)| Event {
            up,
            letter,
            sample,
            ports,
        },
    )
}

/// Decodes `bytes` as `P` (plain) and as `T` (its twin) and checks they agree: the same
/// error, or values that map to each other.
fn same_decode<'de, P, T>(bytes: &'de [u8], map: impl Fn(&P) -> T)
where
    P: Decode<'de> + core::fmt::Debug,
    T: Decode<'de> + core::fmt::Debug + PartialEq,
{
    let plain = crosswire::from_bytes::<P>(bytes);
    let field_by_field = crosswire::from_bytes::<T>(bytes);
    match (plain, field_by_field) {
        (Ok(p), Ok(t)) => assert_eq!(map(&p), t),
        (p, t) => assert_eq!(p.map(|_| ()), t.map(|_| ()), "{bytes:02x?}"),
    }
}

proptest! {
    #[test]
    fn runs_encode_as_field_by_field(samples in prop::collection::vec(sample(), 0..=8)) {
        let plain = BoundedVec::<Sample, 8>::from_slice(&samples).unwrap();
        let twins: Vec<SampleTwin> = samples.iter().copied().map(twin).collect();
        let field_by_field = BoundedVec::<SampleTwin, 8>::from_slice(&twins).unwrap();
        let bytes = encode(&plain).unwrap();
        prop_assert_eq!(&bytes, &encode(&field_by_field).unwrap());
        prop_assert_eq!(crosswire::from_bytes::<BoundedVec<Sample, 8>>(&bytes), Ok(plain));
    }

    #[test]
    fn arrays_of_packed_records_encode_as_field_by_field(events in any::<[u8; 0]>().prop_flat_map(|_| [event(), event(), event()])) {
        let twins = events.map(event_twin);
        let bytes = encode(&events).unwrap();
        prop_assert_eq!(&bytes, &encode(&twins).unwrap());
        prop_assert_eq!(crosswire::from_bytes::<[Event; 3]>(&bytes), Ok(events));
    }

    #[test]
    fn arbitrary_bytes_decode_as_field_by_field(mut bytes in prop::collection::vec(any::<u8>(), 0..160), len in 0u32..=9, flip in any::<bool>()) {
        // Mostly valid lengths, so that the records themselves are reached.
        if flip && bytes.len() >= 4 {
            bytes[..4].copy_from_slice(&len.to_le_bytes());
        }
        // Bools are mostly valid, so that later records are reached too.
        for b in bytes.iter_mut().skip(19).step_by(16) {
            if flip {
                *b &= 1;
            }
        }
        same_decode::<BoundedVec<Sample, 8>, BoundedVec<SampleTwin, 8>>(&bytes, |v| {
            BoundedVec::from_slice(&v.iter().copied().map(twin).collect::<Vec<_>>()).unwrap()
        });
        same_decode::<[Sample; 2], [SampleTwin; 2]>(&bytes, |a| a.map(twin));
        same_decode::<[Event; 3], [EventTwin; 3]>(&bytes, |a| a.map(event_twin));
    }
}
