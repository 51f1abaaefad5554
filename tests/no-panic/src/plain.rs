//! `#[crosswire(plain)]` records (feature `zerocopy`): runs of them decoded through
//! zerocopy's byte views, aligned (a packed record) and unaligned (an aligned record after a
//! `BoundedVec`'s length), and encoded in one copy.

use crosswire::{BoundedVec, Decode, Encode, MaxSize};
use crosswire_test_records::Sample;
use zerocopy::{Immutable, IntoBytes, KnownLayout, TryFromBytes};

use crate::exercise;

#[derive(
    Clone, Copy, Default, Encode, Decode, MaxSize, IntoBytes, TryFromBytes, Immutable, KnownLayout,
)]
#[crosswire(plain)]
#[repr(C, packed)]
struct Event {
    up: bool,
    letter: char,
    sample: Sample,
}

/// Every plain run shape, on the opaque input.
pub(crate) fn plain(input: &[u8], out: &mut [u8]) -> usize {
    let mut score = 0;
    score += exercise::<BoundedVec<Sample, 64>>(input, out);
    score += exercise::<[Sample; 3]>(input, out);
    score += exercise::<BoundedVec<Event, 8>>(input, out);
    score += exercise::<[Event; 2]>(input, out);
    score
}
