//! The types the reference decoder is compared on, each beside its [`Shape`]: every kind
//! with an invalid encoding, every element width, borrowed views, explicit enum tags and
//! extensible structs nested, cut and holding views and strings (the corners of §13 and
//! §14), and forward-compatible enums of each form (§17), also inside short bodies.

use crosswire::{BoundedBytes, BoundedStr, BoundedString, BoundedVec, Decode, Encode, MaxSize};

use super::{decode, encode, max_size, Shape, Unknown};

const U8: Shape = Shape::Int(1, false);
const I8: Shape = Shape::Int(1, true);
const U16: Shape = Shape::Int(2, false);
const U32: Shape = Shape::Int(4, false);

/// An enum with a `u16` tag, explicit discriminants and no tag 0 (a zero tag read from a
/// short extensible body is invalid).
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(tag = "u16")]
#[repr(u16)]
pub enum Cmd {
    /// Tag 1.
    Get {
        /// Key.
        key: u8,
    } = 1,
    /// Tag 0x100.
    Reset = 0x100,
    /// Tag 7.
    Say(char) = 7,
}

const CMD: Shape = Shape::Enum(2, &[(1, &[U8]), (0x100, &[]), (7, &[Shape::Char])]);

/// An extensible struct with a string, a sequence and an option.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
pub struct Config {
    /// A byte.
    pub a: u8,
    /// An owned string.
    #[crosswire(since = 2)]
    pub name: BoundedString<4>,
    /// A sequence.
    #[crosswire(since = 2)]
    pub ports: BoundedVec<u16, 2>,
    /// An option.
    #[crosswire(since = 3)]
    pub limit: Option<u8>,
}

const CONFIG: Shape = Shape::Extensible(
    1,
    &[U8, Shape::Str(4), Shape::Seq(2, &U16), Shape::Option(&U8)],
);

/// The inner extensible struct of [`Outer`].
#[derive(Debug, Default, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
pub struct Inner {
    /// A byte.
    #[crosswire(since = 2)]
    pub a: u8,
    /// A bool.
    #[crosswire(since = 2)]
    pub b: bool,
}

/// An extensible struct nested in another one.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
pub struct Outer {
    /// The nested body.
    #[crosswire(since = 2)]
    pub inner: Inner,
    /// A field after it.
    #[crosswire(since = 2)]
    pub tail: u16,
}

const INNER: Shape = Shape::Extensible(0, &[U8, Shape::Bool]);
const OUTER: Shape = Shape::Extensible(0, &[INNER, U16]);

/// An extensible struct holding borrowed views and an enum without tag 0.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
pub struct Views<'a> {
    /// A count.
    pub n: u16,
    /// A command: no tag 0, so in the first version.
    pub cmd: Cmd,
    /// Borrowed bytes.
    #[crosswire(since = 2)]
    pub bytes: BoundedBytes<'a, 3>,
    /// A borrowed string.
    #[crosswire(since = 2)]
    pub s: BoundedStr<'a, 2>,
}

const VIEWS: Shape = Shape::Extensible(2, &[U16, CMD, Shape::BytesView(3), Shape::StrView(2)]);

/// A unit-only enum with a `u16` tag and a catch-all (§17.1).
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[repr(u16)]
pub enum State {
    /// Tag 1.
    Up = 1,
    /// Tag 0x100.
    Down = 0x100,
    /// Any other tag.
    #[crosswire(other)]
    Unknown(u16),
}

const STATE: Shape = Shape::CatchAll(2, &[1, 0x100]);

/// An extensible enum keeping unknown bodies up to 3 bytes and skipping longer ones
/// (§17.2), with a string and an optional enum without tag 0 in its bodies (a variant's fields may all be virtual zeros, so the derive
/// refuses a bare one).
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
pub enum Event {
    /// Tag 0.
    Link {
        /// A byte.
        a: u8,
        /// A bool.
        up: bool,
    },
    /// Tag 1.
    Name(BoundedString<3>),
    /// Tag 2.
    Gone,
    /// Tag 3.
    Command(Option<Cmd>),
    /// Any other tag, with its body if it fits.
    #[crosswire(other)]
    Unknown(u8, Option<BoundedVec<u8, 3>>),
}

const EVENT: Shape = Shape::ExtensibleEnum(
    1,
    &[
        (0, &[U8, Shape::Bool]),
        (1, &[Shape::Str(3)]),
        (2, &[]),
        (3, &[Shape::Option(&CMD)]),
    ],
    Unknown::KeepOrSkip(&Shape::Seq(3, &U8)),
);

/// An extensible enum with `u16` tags skipping unknown bodies, one variant holding a
/// nested extensible struct.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
#[repr(u16)]
pub enum Request {
    /// Tag 5.
    Get(u16) = 5,
    /// Tag 6.
    Set(Inner, u8) = 6,
    /// Any other tag; the body is skipped.
    #[crosswire(other)]
    Unknown(u16),
}

const REQUEST: Shape = Shape::ExtensibleEnum(2, &[(5, &[U16]), (6, &[INNER, U8])], Unknown::Skip);

/// An extensible enum without a catch-all, and one keeping unknown bodies as views.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
pub enum Strict<'a> {
    /// Tag 0.
    View(BoundedBytes<'a, 2>),
    /// Tag 1.
    Pair(u8, u8),
}

const STRICT: Shape = Shape::ExtensibleEnum(
    1,
    &[(0, &[Shape::BytesView(2)]), (1, &[U8, U8])],
    Unknown::Reject,
);

/// An extensible enum keeping unknown bodies as borrowed views.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
pub enum Kept<'a> {
    /// Tag 0.
    A(u8),
    /// Any other tag, with its body borrowed.
    #[crosswire(other)]
    Unknown(u8, BoundedBytes<'a, 2>),
}

const KEPT: Shape = Shape::ExtensibleEnum(1, &[(0, &[U8])], Unknown::Keep(&Shape::BytesView(2)));

/// Forward-compatible enums inside an extensible struct, where they may read virtual
/// zeros.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
pub struct Holder<'a> {
    /// An extensible enum keeping bodies.
    #[crosswire(since = 2)]
    pub event: Event,
    /// A catch-all.
    #[crosswire(since = 2)]
    pub state: State,
    /// An extensible enum keeping views.
    #[crosswire(since = 2)]
    pub kept: Kept<'a>,
}

const HOLDER: Shape = Shape::Extensible(0, &[EVENT, STATE, KEPT]);

/// Decodes `input` with crosswire as `T` and with the reference as `shape`, and panics
/// unless they agree: both fail with the same error kind at the same offset, or both
/// succeed having consumed the same bytes, with values that encode alike.
pub fn agree<'de, T>(shape: &Shape, input: &'de [u8])
where
    T: Decode<'de> + Encode + std::fmt::Debug,
{
    assert_eq!(T::MAX_SIZE, max_size(shape), "MAX_SIZE of {shape:?}");
    let ours = crosswire::take_from_bytes::<T>(input);
    let reference = decode(shape, input);
    match (ours, reference) {
        (Ok((value, rest)), Ok((expected, consumed))) => {
            assert_eq!(input.len() - rest.len(), consumed, "consumed, {input:02x?}");
            let mut want = Vec::new();
            let complete = encode(&expected, &mut want);
            let mut buf = vec![0; T::MAX_SIZE];
            let got = crosswire::to_slice(&value, &mut buf);
            if complete {
                let got = got.expect("MAX_SIZE is enough");
                assert_eq!(got, &want[..], "value of {input:02x?}: {value:?}");
            } else {
                // A skipped unknown variant (§17.2): `InvalidValue` where it starts.
                let e = got.expect_err("a skipped body cannot be encoded");
                assert_eq!(
                    (e.kind(), e.offset()),
                    (crosswire::ErrorKind::InvalidValue, want.len()),
                    "encoding {input:02x?}: {value:?}"
                );
            }
        }
        (Err(e), Err(expected)) => {
            assert_eq!((e.kind(), e.offset()), expected, "error of {input:02x?}");
        }
        (ours, reference) => {
            panic!("{input:02x?}: crosswire {ours:?}, reference {reference:?}")
        }
    }
}

/// Fuzz target: the first byte picks a type; crosswire's decoder and the reference decoder
/// must agree on the rest (see [`agree`]).
pub fn decode_reference(data: &[u8]) {
    let Some((&sel, input)) = data.split_first() else {
        return;
    };
    match sel % 20 {
        0 => agree::<(u8, bool, Option<u16>)>(
            &Shape::Struct(&[U8, Shape::Bool, Shape::Option(&U16)]),
            input,
        ),
        1 => agree::<BoundedVec<bool, 6>>(&Shape::Seq(6, &Shape::Bool), input),
        2 => agree::<[u8; 3]>(&Shape::Array(3, &U8), input),
        3 => agree::<[i8; 3]>(&Shape::Array(3, &I8), input),
        4 => agree::<[u16; 3]>(&Shape::Array(3, &U16), input),
        5 => agree::<BoundedString<4>>(&Shape::Str(4), input),
        6 => agree::<BoundedStr<'_, 4>>(&Shape::StrView(4), input),
        7 => agree::<(char, BoundedBytes<'_, 5>)>(
            &Shape::Struct(&[Shape::Char, Shape::BytesView(5)]),
            input,
        ),
        8 => agree::<Cmd>(&CMD, input),
        9 => agree::<Config>(&CONFIG, input),
        10 => agree::<Outer>(&OUTER, input),
        11 => agree::<Views<'_>>(&VIEWS, input),
        12 => agree::<(Outer, Config)>(&Shape::Struct(&[OUTER, CONFIG]), input),
        13 => agree::<BoundedVec<(u32, Inner), 3>>(
            &Shape::Seq(3, &Shape::Struct(&[U32, INNER])),
            input,
        ),
        14 => agree::<State>(&STATE, input),
        15 => agree::<Event>(&EVENT, input),
        16 => agree::<Request>(&REQUEST, input),
        17 => agree::<Strict<'_>>(&STRICT, input),
        18 => agree::<Holder<'_>>(&HOLDER, input),
        _ => agree::<Kept<'_>>(&KEPT, input),
    }
}
