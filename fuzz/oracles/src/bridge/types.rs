//! The message types of the `decode_serde` target.
//!
//! Paired types derive both serde's and crosswire's traits over the same fields, as
//! `core/tests/serde/differential.rs` pairs them, so that the bridge and the derive can be
//! compared on the same input. The others exist only on the serde side: borrowed `&str`
//! and `&[u8]`, and with `alloc` `Vec`, `String`, `Box` and the ordered collections.
//!
//! No sequence, set or map here has zero-sized elements or keys (`Vec<()>`, a map keyed
//! by `()`): those consume no input per element, so a hostile count of up to 2³² makes the
//! decoder loop that often (`docs/serde.md` §5). The only zero-sized elements are in
//! `heapless::Vec<(), 4>`, whose visitor stops after 5 elements.

use core::{
    marker::PhantomData,
    num::{NonZeroI32, NonZeroU128, NonZeroU8},
    time::Duration,
};
use std::collections::{BTreeMap, BTreeSet};

use crosswire::{Decode, Encode, MaxSize};
use serde::{Deserialize, Serialize};

/// Scalars with invalid encodings (`bool`, `char`).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Serialize, Deserialize,
)]
pub struct Point {
    /// x.
    pub x: i32,
    /// y.
    pub y: u16,
    /// 0 or 1.
    pub on: bool,
    /// A scalar value.
    pub c: char,
}

/// A unit struct: no bytes.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Serialize, Deserialize,
)]
pub struct Unit;

/// A newtype struct: transparent.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Serialize, Deserialize,
)]
pub struct Wrapper(pub u64);

/// A tuple struct.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Serialize, Deserialize,
)]
pub struct Triple(pub u8, pub bool, pub char);

/// A unit-only enum: tags 0 and 1.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Serialize, Deserialize,
)]
pub enum Kind {
    /// Tag 0.
    #[default]
    A,
    /// Tag 1.
    B,
}

/// Every variant shape serde has: unit, newtype, tuple and struct variants, with nested
/// enums, options and heapless containers inside.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Serialize, Deserialize)]
pub enum Shape {
    /// Unit variant.
    #[default]
    Empty,
    /// Newtype variant.
    Newtype(u32),
    /// Tuple variant.
    Tuple(u8, Option<u16>, bool),
    /// Struct variant.
    Named {
        /// A struct.
        at: Point,
        /// An enum.
        kind: Kind,
    },
    /// A heapless vector.
    Poly(heapless::Vec<Point, 3>),
    /// A heapless string.
    Label(heapless::String<8>),
    /// Unit and newtype structs.
    Marked(Unit, Wrapper, Triple),
}

/// Every integer width.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Serialize, Deserialize,
)]
pub struct Ints {
    /// Up to 32 bits.
    pub small: (u8, i8, u16, i16, u32, i32),
    /// 64 and 128 bits.
    pub big: (u64, i64, u128, i128),
    /// Sent as `u64`/`i64` by serde.
    pub sizes: (usize, isize),
}

/// The values serde's impls check themselves (`NonZero*`, which the bridge reports as
/// `Custom` where the derive says `ZeroNonZero`), with options, a result, the empty types
/// and arrays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxSize, Serialize, Deserialize)]
pub struct Values {
    /// Zero is invalid.
    pub nonzero: (NonZeroU8, NonZeroI32, NonZeroU128),
    /// Nested options.
    pub options: Option<Option<bool>>,
    /// A result: serde's `Ok`/`Err` are tags 0/1, as crosswire's.
    pub result: Result<u16, char>,
    /// No bytes.
    pub empty: ((), PhantomData<u64>, Unit),
    /// Arrays are tuples.
    pub arrays: ([u16; 3], [bool; 4], [Kind; 2]),
}

/// A `Duration` beside other fields: serde reads it as a struct of `secs: u64` and
/// `nanos: u32`, the derive's wire form (spec §9), but checks the nanoseconds its own way
/// (see `duration` in the oracles).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Serialize, Deserialize,
)]
pub struct Timed {
    /// Before.
    pub seq: u16,
    /// The duration.
    pub d: Duration,
    /// After.
    pub flag: bool,
}

/// Everything nested, with every heapless container shape: strings in vectors, options of
/// enums, a zero-capacity vector and zero-sized elements.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxSize, Serialize, Deserialize)]
pub struct Msg {
    /// Newtype.
    pub id: Wrapper,
    /// Enum.
    pub shape: Shape,
    /// Optional struct.
    pub at: Option<Point>,
    /// String.
    pub name: heapless::String<8>,
    /// Structs.
    pub points: heapless::Vec<Point, 3>,
    /// Options of enums.
    pub shapes: heapless::Vec<Option<Shape>, 2>,
    /// Strings.
    pub names: heapless::Vec<heapless::String<4>, 2>,
    /// Only length 0 is valid.
    pub none: heapless::Vec<u64, 0>,
    /// Zero-sized elements: at most 4, the visitor stops at the fifth.
    pub units: heapless::Vec<(), 4>,
    /// A tuple.
    pub pair: (u8, i128),
}

/// Borrowed from the input (serde side only: `&str` and `&[u8]` have no crosswire impl).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Borrowed<'a> {
    /// A string, `visit_borrowed_str`.
    pub name: &'a str,
    /// Bytes, `visit_borrowed_bytes` (serialized back as a sequence of `u8`: the same bytes).
    pub blob: &'a [u8],
    /// Optional.
    #[serde(borrow)]
    pub tag: Option<&'a str>,
    /// A vector of borrowed strings.
    #[serde(borrow)]
    pub words: Vec<&'a str>,
}

/// Owned through `alloc` (serde side only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owned {
    /// A string.
    pub name: String,
    /// Bytes, as a sequence.
    pub data: Vec<u8>,
    /// Nested vectors.
    pub nested: Vec<Vec<Option<bool>>>,
    /// Boxed enum.
    pub boxed: Box<Shape>,
    /// Strings.
    pub strings: Vec<String>,
    /// Wide integers.
    pub wide: Vec<i128>,
}

/// A recursive type: one level per 2 bytes of input. The bridge has no depth limit, so the
/// depth is bounded only by the input (1024 bytes under `fuzz/run.sh`: 511 levels).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum List {
    /// Tag 0.
    Nil,
    /// Tag 1: a byte and the rest.
    Cons(u8, Box<List>),
}

/// A map keyed by integers: serde's `BTreeMap` sorts and merges what the input sends.
pub type IntMap = BTreeMap<u16, String>;

/// A map keyed by strings, with enum values.
pub type StrMap = BTreeMap<String, Option<Kind>>;

/// A set of structs (`Point` is not `Ord`, so `(u8, char)`).
pub type Set = BTreeSet<(u8, char)>;
