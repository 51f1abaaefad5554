//! Representative derived message types: nested structs, enums with `u8`/`u16`/`u32` tags
//! and explicit discriminants, every kind of bounded container, borrowed views, big-endian
//! fields and extensible structs in several versions. Each also derives `Arbitrary` for the
//! structured target; [`gen`] builds the crosswire types `arbitrary` does not know.

use arbitrary::Arbitrary;
use arrayvec::{ArrayString, ArrayVec};
use crosswire::{Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec, Decode, Encode, MaxSize};

/// A `FIXED_SIZE` struct: decoded through the derive's one-length-check fast path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub struct Point {
    /// x.
    pub x: i32,
    /// y.
    pub y: i16,
}

/// A network header: big-endian fields next to little-endian ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub struct Header {
    /// Big-endian magic.
    #[arbitrary(with = gen::be)]
    pub magic: Be<u32>,
    /// Version byte.
    pub version: u8,
    /// Big-endian flags.
    #[arbitrary(with = gen::be)]
    pub flags: Be<u16>,
    /// Big-endian signed value.
    #[arbitrary(with = gen::be)]
    pub delta: Be<i64>,
    /// Little-endian length.
    pub len: u32,
}

/// A unit struct (encodes to nothing).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub struct Marker;

/// A tuple struct of primitives with invalid encodings (`bool`, `char`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub struct Triple(pub u8, pub bool, pub char);

/// A `u8`-tagged enum (tags are variant indices) with every variant shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub enum Shape {
    /// Tag 0.
    #[default]
    Empty,
    /// Tag 1, named fields.
    Circle {
        /// Centre.
        center: Point,
        /// Radius.
        r: u16,
    },
    /// Tag 2, a bounded vector of structs.
    Poly(#[arbitrary(with = gen::bvec)] BoundedVec<Point, 4>),
    /// Tag 3, a bounded string.
    Label(#[arbitrary(with = gen::bstring)] BoundedString<8>),
    /// Tag 4, unit struct and tuple struct.
    Marked(Marker, Triple),
}

/// A `u16`-tagged enum with explicit discriminants (kernel command numbers): tag 0 is not
/// a variant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
#[crosswire(tag = "u16")]
#[repr(u16)]
pub enum Cmd16 {
    /// 0x100.
    #[default]
    Get = 0x100,
    /// 0x101 (implicit).
    Set {
        /// Key.
        key: u32,
        /// Value, if any.
        value: Option<i64>,
    },
    /// 0x200.
    Del(u32) = 0x200,
    /// 0xFFFF: the largest tag.
    Nop = 0xFFFF,
}

/// A `u32`-tagged enum with scattered explicit discriminants, including 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
#[crosswire(tag = "u32")]
#[repr(u32)]
pub enum Cmd32 {
    /// 0.
    #[default]
    Reset = 0,
    /// 7.
    Stats([u32; 4]) = 7,
    /// 0xDEAD_0000.
    Ping = 0xDEAD_0000,
    /// 0xDEAD_0001.
    Pong(u64, Option<Shape>),
    /// u32::MAX.
    Last(Header) = 0xFFFF_FFFF,
}

/// A `FIXED_SIZE` enum: every variant is 4 bytes, so the derive's fast path applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub enum Fixed {
    /// Tag 0.
    A(u32),
    /// Tag 1.
    B([u8; 4]),
    /// Tag 2.
    C(#[arbitrary(with = gen::be)] Be<u32>),
    /// Tag 3.
    D(u16, bool, bool),
    /// Tag 4.
    E(char),
}

impl Default for Fixed {
    fn default() -> Self {
        Fixed::A(0)
    }
}

/// Borrowed views into the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub struct Borrowed<'a> {
    /// A borrowed string.
    #[arbitrary(with = gen::bstr)]
    pub name: BoundedStr<'a, 16>,
    /// Borrowed bytes.
    #[arbitrary(with = gen::bbytes)]
    pub blob: BoundedBytes<'a, 32>,
    /// An optional short string.
    #[arbitrary(with = gen::opt_bstr)]
    pub tag: Option<BoundedStr<'a, 4>>,
}

/// Every kind of owned bounded container, with derived elements.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub struct Containers {
    /// heapless vector of fixed-size structs.
    #[arbitrary(with = gen::hvec)]
    pub hv: heapless::Vec<Point, 3>,
    /// heapless string.
    #[arbitrary(with = gen::hstring)]
    pub hs: heapless::String<8>,
    /// arrayvec vector of enums.
    #[arbitrary(with = gen::avec)]
    pub av: ArrayVec<Shape, 2>,
    /// arrayvec string.
    #[arbitrary(with = gen::astring)]
    pub astr: ArrayString<6>,
    /// crosswire vector of u16-tagged enums.
    #[arbitrary(with = gen::bvec)]
    pub bv: BoundedVec<Cmd16, 2>,
    /// crosswire vector of bounded strings.
    #[arbitrary(with = gen::bvec_bstring)]
    pub names: BoundedVec<BoundedString<3>, 2>,
    /// A zero-capacity vector: only length 0 is valid.
    #[arbitrary(with = gen::bvec)]
    pub none: BoundedVec<u64, 0>,
    /// A vector of empty elements: a length and nothing else.
    #[arbitrary(with = gen::hvec)]
    pub units: heapless::Vec<(), 4>,
}

/// A generic struct with a const parameter.
/// (`T: Default` because crosswire decodes arrays in place.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub struct Generic<T: Default, const N: usize> {
    /// Items.
    pub items: [T; N],
    /// One more, optional.
    pub extra: Option<T>,
}

/// Deep nesting of the above (no extensible struct inside).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub struct Nested<'a> {
    /// Header first.
    pub header: Header,
    /// A command.
    pub cmd: Cmd32,
    /// Some fixed-size enums.
    pub fixed: [Fixed; 2],
    /// Borrowed views.
    pub borrowed: Borrowed<'a>,
    /// Generic.
    pub generic: Generic<Option<u8>, 3>,
    /// A result.
    pub result: Result<Shape, Cmd16>,
}

/// Extensible, version 1 (`openat2`'s `open_how` has the same shape of history).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
#[crosswire(extensible)]
pub struct HowV1 {
    /// Flags.
    pub flags: u64,
}

/// Extensible, version 2: V1 plus fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
#[crosswire(extensible)]
pub struct HowV2 {
    /// Flags.
    pub flags: u64,
    /// Mode.
    #[crosswire(since = 2)]
    pub mode: u32,
    /// Optional resolve flags.
    #[crosswire(since = 2)]
    pub resolve: Option<u16>,
}

/// Extensible, version 3: V2 plus a fixed-size struct and a bool.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
#[crosswire(extensible)]
pub struct HowV3 {
    /// Flags.
    pub flags: u64,
    /// Mode.
    #[crosswire(since = 2)]
    pub mode: u32,
    /// Optional resolve flags.
    #[crosswire(since = 2)]
    pub resolve: Option<u16>,
    /// A fixed-size struct: zero-extension may cut it in the middle.
    #[crosswire(since = 3)]
    pub at: Point,
    /// Must be 0 or 1, also when zero-extended.
    #[crosswire(since = 3)]
    pub follow: bool,
}

/// Extensible, with fixed-size derived fields and enums (the derive's fast path inside a
/// zero-extended body) and tags that zero cannot express (`Cmd16`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
#[crosswire(extensible)]
pub struct ExtFixed {
    /// A byte.
    pub a: u8,
    /// A u16-tagged enum whose tag 0 is not: in the first version, which zeros never
    /// extend.
    pub cmd16: Cmd16,
    /// A header of big-endian fields.
    #[crosswire(since = 2)]
    pub header: Header,
    /// A fixed-size enum.
    #[crosswire(since = 2)]
    pub fixed: Fixed,
    /// A u32-tagged enum whose tag 0 is valid.
    #[crosswire(since = 2)]
    pub cmd: Cmd32,
}

/// Extensible, with borrowed views (which zeros cannot extend, spec §13).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
#[crosswire(extensible)]
pub struct ExtBorrowed<'a> {
    /// Id.
    pub id: u32,
    /// A borrowed string.
    #[arbitrary(with = gen::bstr)]
    #[crosswire(since = 2)]
    pub name: BoundedStr<'a, 8>,
    /// Borrowed bytes.
    #[arbitrary(with = gen::bbytes)]
    #[crosswire(since = 2)]
    pub data: BoundedBytes<'a, 4>,
    /// A flag.
    #[crosswire(since = 2)]
    pub flag: bool,
}

/// Extensible, with owned bounded containers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
#[crosswire(extensible)]
pub struct ExtContainers {
    /// Id.
    pub id: u16,
    /// Containers.
    #[crosswire(since = 2)]
    pub c: Containers,
}

/// Extensible structs nested in a struct: only the fixed-point rule applies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
pub struct Envelope<'a> {
    /// Sequence number.
    pub seq: u32,
    /// A version-2 struct.
    pub how: HowV2,
    /// A borrowed extensible struct.
    pub body: ExtBorrowed<'a>,
    /// An optional version-1 struct.
    pub old: Option<HowV1>,
    /// A big-endian trailer.
    #[arbitrary(with = gen::be)]
    pub trailer: Be<u16>,
}

/// Extensible structs as enum payloads, and an extensible struct holding another.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
#[crosswire(tag = "u16")]
#[repr(u16)]
pub enum Request<'a> {
    /// Open.
    Open(HowV3) = 1,
    /// Named.
    Named(ExtBorrowed<'a>) = 2,
    /// Raw bytes.
    Raw(#[arbitrary(with = gen::bbytes)] BoundedBytes<'a, 8>) = 3,
    /// Nothing.
    #[default]
    Nop = 0x8000,
    /// Nested extensible structs.
    Outer(Outer) = 0x8001,
}

/// An extensible struct with an extensible struct inside.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxSize, Arbitrary)]
#[crosswire(extensible)]
pub struct Outer {
    /// Inner, extensible (with a first version, so in the first version itself).
    pub inner: HowV2,
    /// After it.
    #[crosswire(since = 2)]
    pub after: u32,
}

/// The core types behind derived fields, for the structured target.
#[derive(Clone, Debug, PartialEq, Encode, Decode, MaxSize, Arbitrary)]
pub struct CoreMix {
    /// Integers.
    pub ints: (u8, u16, u32, u64, u128, i8, i16, i32, i64, i128),
    /// usize/isize.
    pub sizes: (usize, isize),
    /// NonZero integers.
    pub nonzero: (
        core::num::NonZeroU8,
        core::num::NonZeroI32,
        core::num::NonZeroU128,
    ),
    /// A duration.
    pub duration: core::time::Duration,
    /// A char and a bool.
    pub text: (char, bool),
    /// Big-endian integers.
    #[arbitrary(with = gen::be_tuple)]
    pub be: (Be<u16>, Be<i32>, Be<u64>, Be<i128>),
    /// Nested options and a result.
    pub options: (Option<Option<bool>>, Result<u16, char>),
    /// An array of empty values.
    pub units: [(); 3],
    /// Bounded vector of options.
    #[arbitrary(with = gen::bvec)]
    pub chars: BoundedVec<Option<char>, 4>,
}

/// A float struct (feature `float`), compared by bits so that NaN round-trips. Also a
/// serde type, for the serde bridge's target.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    Encode,
    Decode,
    MaxSize,
    Arbitrary,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Floats {
    /// f32.
    pub a: f32,
    /// f64.
    pub b: f64,
}

impl PartialEq for Floats {
    fn eq(&self, other: &Self) -> bool {
        self.a.to_bits() == other.a.to_bits() && self.b.to_bits() == other.b.to_bits()
    }
}

/// Builders for the crosswire and container types `arbitrary` has no impl for.
pub mod gen {
    use arbitrary::{Arbitrary, Result, Unstructured};

    use super::*;

    /// `Be(T)`.
    pub fn be<'a, T: Arbitrary<'a>>(u: &mut Unstructured<'a>) -> Result<Be<T>> {
        T::arbitrary(u).map(Be)
    }

    /// Four big-endian integers.
    #[expect(clippy::type_complexity, reason = "the field's own type")]
    pub fn be_tuple(u: &mut Unstructured<'_>) -> Result<(Be<u16>, Be<i32>, Be<u64>, Be<i128>)> {
        Ok((be(u)?, be(u)?, be(u)?, be(u)?))
    }

    fn count(u: &mut Unstructured<'_>, cap: usize) -> Result<usize> {
        if cap == 0 {
            return Ok(0);
        }
        u.int_in_range(0..=cap)
    }

    /// Cuts `s` to at most `cap` bytes at a char boundary.
    pub fn cut(s: &str, cap: usize) -> &str {
        let mut end = s.len().min(cap);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        &s[..end]
    }

    /// A crosswire `BoundedVec`.
    pub fn bvec<'a, T: Arbitrary<'a> + Default, const N: usize>(
        u: &mut Unstructured<'a>,
    ) -> Result<BoundedVec<T, N>> {
        let mut v = BoundedVec::new();
        for _ in 0..count(u, N)? {
            let _ = v.push(T::arbitrary(u)?);
        }
        Ok(v)
    }

    /// A crosswire `BoundedVec` of `BoundedString`s.
    pub fn bvec_bstring<const S: usize, const N: usize>(
        u: &mut Unstructured<'_>,
    ) -> Result<BoundedVec<BoundedString<S>, N>> {
        let mut v = BoundedVec::new();
        for _ in 0..count(u, N)? {
            let _ = v.push(bstring(u)?);
        }
        Ok(v)
    }

    /// A crosswire `BoundedString`.
    pub fn bstring<const N: usize>(u: &mut Unstructured<'_>) -> Result<BoundedString<N>> {
        let s = <&str>::arbitrary(u)?;
        Ok(BoundedString::try_from(cut(s, N)).unwrap_or_default())
    }

    /// A crosswire `BoundedStr` borrowing from the fuzzer's input.
    pub fn bstr<'a, const N: usize>(u: &mut Unstructured<'a>) -> Result<BoundedStr<'a, N>> {
        let s = <&'a str>::arbitrary(u)?;
        Ok(BoundedStr::new(cut(s, N)).unwrap_or_default())
    }

    /// An optional `BoundedStr`.
    pub fn opt_bstr<'a, const N: usize>(
        u: &mut Unstructured<'a>,
    ) -> Result<Option<BoundedStr<'a, N>>> {
        Ok(if bool::arbitrary(u)? {
            Some(bstr(u)?)
        } else {
            None
        })
    }

    /// A crosswire `BoundedBytes` borrowing from the fuzzer's input.
    pub fn bbytes<'a, const N: usize>(u: &mut Unstructured<'a>) -> Result<BoundedBytes<'a, N>> {
        let len = count(u, N)?;
        let bytes = u.bytes(len)?;
        Ok(BoundedBytes::new(bytes).unwrap_or_default())
    }

    /// A `heapless::Vec`.
    pub fn hvec<'a, T: Arbitrary<'a>, const N: usize>(
        u: &mut Unstructured<'a>,
    ) -> Result<heapless::Vec<T, N>> {
        let mut v = heapless::Vec::new();
        for _ in 0..count(u, N)? {
            let _ = v.push(T::arbitrary(u)?);
        }
        Ok(v)
    }

    /// A `heapless::String`.
    pub fn hstring<const N: usize>(u: &mut Unstructured<'_>) -> Result<heapless::String<N>> {
        let mut out = heapless::String::new();
        let _ = out.push_str(cut(<&str>::arbitrary(u)?, N));
        Ok(out)
    }

    /// An `arrayvec::ArrayVec`.
    pub fn avec<'a, T: Arbitrary<'a>, const N: usize>(
        u: &mut Unstructured<'a>,
    ) -> Result<ArrayVec<T, N>> {
        let mut v = ArrayVec::new();
        for _ in 0..count(u, N)? {
            let _ = v.try_push(T::arbitrary(u)?);
        }
        Ok(v)
    }

    /// An `arrayvec::ArrayString`.
    pub fn astring<const N: usize>(u: &mut Unstructured<'_>) -> Result<ArrayString<N>> {
        let mut out = ArrayString::new();
        let _ = out.try_push_str(cut(<&str>::arbitrary(u)?, N));
        Ok(out)
    }
}
