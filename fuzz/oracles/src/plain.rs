//! The `plain_runs` target: runs of `#[crosswire(plain)]` records, decoded through
//! zerocopy's byte views (feature `zerocopy`), against the same records without the
//! attribute, decoded field by field. Both must give the same verdict, the same error kind
//! and offset, the same bytes consumed, and values that encode to the same bytes; the
//! plain run also passes every oracle of [`raw`] (canonical, in place =
//! `from_bytes`).

use crosswire::{BoundedVec, Decode, Encode, MaxSize};
// `Sample` is aligned (8), so a `BoundedVec` of it is decoded through an unaligned view.
use crosswire_test_records::{Sample, SampleTwin};
use zerocopy::{Immutable, IntoBytes, KnownLayout, TryFromBytes};

use crate::check::{raw, Rule};

/// Packed (alignment 1), so runs of it are checked where they lie; a `char` and a nested
/// plain record.
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
pub struct Event {
    up: bool,
    letter: char,
    sample: Sample,
    ports: [u16; 2],
}

/// [`Event`] without the attribute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Encode, Decode, MaxSize)]
pub struct EventTwin {
    up: bool,
    letter: char,
    sample: SampleTwin,
    ports: [u16; 2],
}

/// Raw bytes decoded as a run of plain records and as the same run field by field: the
/// first byte picks the shape.
pub fn plain_runs(data: &[u8]) {
    let Some((&sel, input)) = data.split_first() else {
        return;
    };
    let scratch = &mut Vec::new();
    match sel % 5 {
        0 => agree::<BoundedVec<Sample, 40>, BoundedVec<SampleTwin, 40>>(input, scratch),
        1 => agree::<[Sample; 3], [SampleTwin; 3]>(input, scratch),
        2 => agree::<BoundedVec<Event, 12>, BoundedVec<EventTwin, 12>>(input, scratch),
        3 => agree::<[Event; 2], [EventTwin; 2]>(input, scratch),
        _ => agree::<BoundedVec<[Sample; 2], 4>, BoundedVec<[SampleTwin; 2], 4>>(input, scratch),
    }
}

/// `P` (plain) and `T` (its twin) agree on `input`.
fn agree<'de, P, T>(input: &'de [u8], scratch: &'de mut Vec<u8>)
where
    P: Decode<'de> + Encode + core::fmt::Debug + PartialEq,
    T: Decode<'de> + Encode + core::fmt::Debug,
{
    raw::<P>(input, scratch, Rule::Canonical);
    let plain = crosswire::take_from_bytes::<P>(input);
    let twin = crosswire::take_from_bytes::<T>(input);
    match (plain, twin) {
        (Ok((p, p_rest)), Ok((t, t_rest))) => {
            assert_eq!(p_rest.len(), t_rest.len(), "bytes consumed");
            let mut p_buf = vec![0u8; P::MAX_SIZE];
            let mut t_buf = vec![0u8; T::MAX_SIZE];
            let p_bytes = crosswire::to_slice(&p, &mut p_buf).expect("plain encodes");
            let t_bytes = crosswire::to_slice(&t, &mut t_buf).expect("twin encodes");
            assert_eq!(p_bytes, t_bytes, "plain {p:?} against field by field {t:?}");
        }
        (Err(p), Err(t)) => assert_eq!(p, t, "the same error at the same offset"),
        (p, t) => panic!("plain {p:?} against field by field {t:?}"),
    }
}
