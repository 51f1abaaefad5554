//! Forward-compatible enums (spec §17), one of each form, shared by crosswire's golden,
//! round trip and error tests.
#![expect(
    missing_docs,
    reason = "the variants and fields are the examples; each type says what it shows"
)]

use crosswire::{BoundedBytes, BoundedString, BoundedVec, Decode, Described, Encode, MaxSize};

/// Unit-only, `u16` tag from the repr, with a catch-all (§17.1).
#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize, Described)]
#[repr(u16)]
pub enum State {
    Down = 1,
    Up = 2,
    Dormant = 0x100,
    #[crosswire(other)]
    Unknown(u16),
}

/// Unit-only, implicit `u8` tags, a named catch-all field.
#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize, Described)]
pub enum Kind {
    A,
    B,
    #[crosswire(other)]
    Other {
        raw: u8,
    },
}

/// Extensible, keeping an unknown variant's body (§17.2).
#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub enum Event {
    Link {
        ifindex: u32,
        up: bool,
    },
    Gone,
    Rename(BoundedString<8>),
    #[crosswire(other)]
    Unknown {
        tag: u8,
        body: BoundedVec<u8, 16>,
    },
}

/// Extensible, `u16` tags, skipping an unknown variant's body.
#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
#[repr(u16)]
pub enum Command {
    Get {
        key: u32,
    } = 0x10,
    Set {
        key: u32,
        value: u64,
    } = 0x11,
    #[crosswire(other)]
    Unknown(u16),
}

/// Extensible without a catch-all: an unknown tag is an error.
#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub enum Strict {
    Zero(u8),
    One(u16),
}

/// Extensible, keeping an unknown body borrowed from the input.
#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub enum Borrowed<'a> {
    Data(BoundedBytes<'a, 4>),
    #[crosswire(other)]
    Unknown(u8, BoundedBytes<'a, 8>),
}

/// An extensible enum inside an extensible struct, whose body may end early (the field is
/// a later version's, so its bytes may be virtual zeros).
#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub struct Wrap {
    #[crosswire(since = 2)]
    pub event: Event,
}
