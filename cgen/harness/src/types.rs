//! Types covering every rule of the wire format, for the C differential tests.

#![allow(
    missing_docs,
    reason = "each type says which rules it covers; its fields are named for the kind they hold"
)]

use core::{
    marker::PhantomData,
    num::{NonZeroI128, NonZeroU8},
    time::Duration,
};

use crosswire::{
    Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec, Decode, Described, Encode, MaxSize,
};

/// §3: every integer kind.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub struct Ints {
    pub a: u8,
    pub b: i8,
    pub c: u16,
    pub d: i16,
    pub e: u32,
    pub f: i32,
    pub g: u64,
    pub h: i64,
    pub i: u128,
    pub j: i128,
    pub k: usize,
    pub l: isize,
    pub m: Be<u16>,
    pub n: Be<i32>,
    pub o: Be<u64>,
    pub p: Be<i128>,
    pub q: NonZeroU8,
    pub r: NonZeroI128,
}

/// §4–§9: the other scalar kinds.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub struct Scalars {
    pub flag: bool,
    pub ch: char,
    pub f: f32,
    pub g: f64,
    pub unit: (),
    pub phantom: PhantomData<String>,
    pub opt: Option<u16>,
    pub opt_unit: Option<()>,
    pub nested: Option<Option<bool>>,
    pub dur: Duration,
    pub res: Result<u8, u16>,
}

/// §10, §11: arrays, tuples, bounded sequences and strings.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub struct Containers {
    pub arr: [u16; 3],
    pub grid: [[u8; 2]; 2],
    pub units: [(); 4],
    pub none: [u8; 0],
    pub pair: (u8, u16),
    pub odd: ((), bool),
    pub bytes: BoundedVec<u8, 8>,
    pub bools: BoundedVec<bool, 6>,
    pub words: BoundedVec<i16, 4>,
    pub empties: BoundedVec<(), 3>,
    pub zero_cap: BoundedVec<u8, 0>,
    pub text: BoundedString<8>,
    pub no_text: BoundedString<0>,
    pub chars: BoundedVec<char, 2>,
}

/// Borrowed views (§10.2, §11).
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub struct Views<'a> {
    pub tag: u8,
    pub bytes: BoundedBytes<'a, 6>,
    pub text: BoundedStr<'a, 6>,
}

/// §12.3: an enum with the default `u8` tag and every variant style.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub enum State {
    Idle,
    Running { pid: u32, cpu: u16 },
    Failed(i32),
    Named(BoundedString<4>, Option<u8>),
}

/// §12.3: a `u16` tag with explicit discriminants.
#[derive(Debug, Default, Encode, Decode, MaxSize, Described)]
#[crosswire(tag = "u16")]
#[repr(u16)]
pub enum Cmd16 {
    Get {
        key: u32,
    } = 0x100,
    Delete(u32) = 0x101,
    #[default]
    Ping = 0x200,
}

/// §12.3: a `u32` tag, unit variants only.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(tag = "u32")]
#[repr(u32)]
pub enum Mode32 {
    Off = 7,
    On = 0x8000_0000,
}

/// A unit struct and an empty braced struct.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub struct Unit;

/// Nested named types, some empty.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub struct Nest {
    pub unit: Unit,
    pub state: State,
    pub states: BoundedVec<Cmd16, 2>,
    pub mode: Option<Mode32>,
}

/// A generic type, exported at several arguments.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub struct Pair<A, B> {
    pub a: A,
    pub b: B,
}

/// A const-generic type: its instances differ only by a capacity.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub struct Buf<const N: usize> {
    pub data: BoundedVec<u8, N>,
}

/// Generic instances side by side.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub struct Generics {
    pub small: Pair<u8, u16>,
    pub rich: Pair<BoundedVec<u8, 2>, Option<bool>>,
    pub two: Buf<2>,
    pub three: Buf<3>,
}

/// §13, version 1 of an extensible struct.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub struct SettingsV1 {
    pub a: u32,
}

/// §13, version 2 of the same struct: fields appended.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub struct SettingsV2 {
    pub a: u32,
    #[crosswire(since = 2)]
    pub b: (u8, u16),
    #[crosswire(since = 2)]
    pub name: BoundedString<4>,
    #[crosswire(since = 2)]
    pub list: BoundedVec<u8, 4>,
    #[crosswire(since = 2)]
    pub flag: Option<bool>,
}

/// §13: an extensible struct with borrowed views (they cannot hold virtual zeros).
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub struct ExtViews<'a> {
    pub n: u16,
    #[crosswire(since = 2)]
    pub bytes: BoundedBytes<'a, 4>,
    #[crosswire(since = 2)]
    pub text: BoundedStr<'a, 4>,
}

/// §13: extensible structs nested in an extensible struct's body.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub struct Inner {
    pub a: u8,
    #[crosswire(since = 2)]
    pub b: u16,
}

/// The outer struct of [`Inner`].
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub struct Outer {
    pub i: Inner,
    #[crosswire(since = 2)]
    pub tail: u8,
    #[crosswire(since = 2)]
    pub more: Option<Inner>,
}

/// Extensible structs inside a plain struct and an enum.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
pub enum Envelope<'a> {
    Old(SettingsV1),
    New(SettingsV2, u8),
    Views(ExtViews<'a>),
}

/// §17.1: a `u16` catch-all.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[repr(u16)]
pub enum Status {
    Idle = 0,
    Busy = 0x100,
    #[crosswire(other)]
    Unknown(u16),
}

/// §17.2: an extensible enum keeping unknown bodies that fit and skipping longer ones,
/// with a catch-all field inside (and
/// an extensible struct behind `Option`: a variant's fields may be virtual zeros, which
/// are no `Inner`).
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub enum Event {
    Link {
        ifindex: u32,
        up: bool,
    },
    Name(BoundedString<3>),
    Gone,
    State(Status, Option<Inner>),
    #[crosswire(other)]
    Unknown(u8, Option<BoundedVec<u8, 3>>),
}

/// §17.2: `u16` tags, unknown bodies skipped, a borrowed view in a body.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
#[repr(u16)]
pub enum Request<'a> {
    Get(u16) = 5,
    Put(BoundedBytes<'a, 2>, u8) = 6,
    #[crosswire(other)]
    Unknown(u16),
}

/// §17.2: no catch-all; and one keeping unknown bodies as views, both in a short body.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub enum Strict {
    Zero(u8),
    One(u16),
}

/// Keeps unknown bodies borrowed.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub enum Kept<'a> {
    A(u8),
    #[crosswire(other)]
    Unknown(u8, BoundedBytes<'a, 2>),
}

/// Forward-compatible enums inside an extensible struct, reading virtual zeros.
#[derive(Debug, Encode, Decode, MaxSize, Described)]
#[crosswire(extensible)]
pub struct Holder<'a> {
    pub event: Event,
    pub strict: Strict,
    pub kept: Kept<'a>,
    pub status: Status,
}
