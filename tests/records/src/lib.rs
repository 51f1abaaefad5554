//! The plain record written once for every crate that tests or measures
//! `#[crosswire(plain)]` runs: [`Sample`], 16 bytes with no padding in `#[repr(C)]`, and
//! [`SampleTwin`], the same fields without the attribute, which encode and decode field by
//! field. The records that differ between those crates (`Event` with 0, 2 or 3 ports, the
//! benches' `PlainSmall`) stay with them: their sizes are part of their golden bytes and
//! corpora.
#![no_std]

use crosswire::{Decode, Encode, MaxSize};
use zerocopy::{Immutable, IntoBytes, KnownLayout, TryFromBytes};

/// A driver's sample record: 16 bytes, no padding in `#[repr(C)]`, aligned to 8, plain (a
/// run of it is decoded through zerocopy's byte views and encoded in one copy).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
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
pub struct Sample {
    /// Timestamp.
    pub timestamp: u64,
    /// Source id.
    pub id: u32,
    /// Sample kind.
    pub kind: u16,
    /// Severity level.
    pub level: u8,
    /// Whether the reading is valid.
    pub valid: bool,
}

/// [`Sample`] without `#[crosswire(plain)]`: the same bytes, field by field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxSize)]
pub struct SampleTwin {
    /// Timestamp.
    pub timestamp: u64,
    /// Source id.
    pub id: u32,
    /// Sample kind.
    pub kind: u16,
    /// Severity level.
    pub level: u8,
    /// Whether the reading is valid.
    pub valid: bool,
}

impl From<Sample> for SampleTwin {
    fn from(s: Sample) -> Self {
        SampleTwin {
            timestamp: s.timestamp,
            id: s.id,
            kind: s.kind,
            level: s.level,
            valid: s.valid,
        }
    }
}
