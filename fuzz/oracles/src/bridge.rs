//! The `decode_serde` target: raw bytes decoded through the serde bridge
//! (`crosswire::serde::{from_bytes, take_from_bytes}`, `docs/serde.md`), with the oracles
//! of the bridge.
//!
//! - Every type: [`check::Decoder::checked`] with the bridge's entry points (no panic,
//!   `take_from_bytes` and `from_bytes` agree, self-delimiting) and [`error_sane`].
//! - Types that derive both serde's and crosswire's traits: [`paired`], i.e. canonical
//!   re-encoding through the bridge and the [`differential`] oracle against the derive.
//! - Serde-only types (borrowed, `alloc`): [`canonical`] re-encoding.
//! - Ordered collections, which sort and merge what they read: [`collected`].
//! - `Duration`: [`timed`], which models serde's own check of the nanoseconds.

pub mod types;

use core::{fmt::Debug, marker::PhantomData, time::Duration};
use std::collections::{BTreeMap, BTreeSet};

use crosswire::{Decode, Encode, Error, ErrorKind};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use self::types::*;
use crate::{check, dispatch, types::Floats};

/// The bridge's entry points, with [`error_sane`] for its errors.
pub fn decoder<'de, T: Deserialize<'de>>() -> check::Decoder<'de, T> {
    check::Decoder {
        take: crosswire::serde::take_from_bytes::<T>,
        whole: crosswire::serde::from_bytes::<T>,
        error_sane,
        // The bridge reads no extensible bodies: every error lies within the input.
        virtual_zeros: 0,
    }
}

/// An error of the bridge's decoder is one of the kinds `docs/serde.md` §4 lists for
/// decoding (the wire rules, `LengthOverCapacity`, `Custom`, `TrailingBytes`, `TooDeep`),
/// and it is [located](check::error_located). Never an encoding kind, never a kind only crosswire's
/// own impls report (their checks are serde's `Custom` here), and never `Unsupported`: the
/// types of this target ask for nothing the format cannot express.
pub fn error_sane(e: Error, input: &[u8], virtual_zeros: usize) {
    if let ErrorKind::BufferFull
    | ErrorKind::InvalidValue
    | ErrorKind::Unsupported
    | ErrorKind::IntegerOutOfRange
    | ErrorKind::ZeroNonZero
    | ErrorKind::InvalidDuration
    | ErrorKind::NonZeroTail = e.kind()
    {
        panic!("{e:?} from the serde bridge's decoder");
    }
    check::error_located(e, input, virtual_zeros);
}

/// Encodes `v` through the bridge into `scratch`, given `room` bytes (what it was decoded
/// from), and returns the bytes; one byte less than they need fails cleanly with
/// `BufferFull`.
fn encode<'s, T: Serialize + Debug>(v: &T, room: usize, scratch: &'s mut Vec<u8>) -> &'s [u8] {
    scratch.clear();
    scratch.resize(room, 0);
    let len = match crosswire::serde::to_slice(v, scratch) {
        Ok(bytes) => bytes.len(),
        Err(e) => panic!("not canonical: {v:?} needs more than the {room} bytes read: {e:?}"),
    };
    if let Some(short) = len.checked_sub(1) {
        let mut small = vec![0u8; short];
        let e = crosswire::serde::to_slice(v, &mut small)
            .expect_err("encoding into a too-small buffer");
        assert_eq!(e.kind(), ErrorKind::BufferFull, "{v:?}");
        assert!(e.offset() <= short, "{e:?} past a buffer of {short}");
    }
    scratch.truncate(len);
    scratch
}

/// The raw-bytes oracle of a serde-only type: the bridge's decoder is [checked], and
/// whatever it decodes re-encodes through the bridge to exactly the bytes consumed
/// (`docs/serde.md` §1: the bridge decodes canonically).
///
/// [checked]: check::Decoder::checked
pub fn canonical<'de, T>(input: &'de [u8], scratch: &mut Vec<u8>)
where
    T: Deserialize<'de> + Serialize + Debug,
{
    if let Some((v, n)) = decoder::<T>().checked(input) {
        let encoded = encode(&v, n, scratch);
        assert_eq!(encoded, &input[..n], "not canonical: {v:?}");
    }
}

/// A type that derives both serde's and crosswire's traits: [`canonical`] through the
/// bridge, crosswire's own decoder [checked](check::decode_checked), and the two decoders
/// [agree](differential).
pub fn paired<'de, T>(input: &'de [u8], scratch: &mut Vec<u8>)
where
    T: Deserialize<'de> + Serialize + Decode<'de> + Encode + Debug + PartialEq,
{
    canonical::<T>(input, scratch);
    check::decode_checked::<T>(input);
    differential::<T>(input);
}

/// The differential oracle: the derive and the bridge decode `input` to the same value
/// from the same prefix, or both fail, with errors that [agree](errors_agree).
pub fn differential<'de, T>(input: &'de [u8])
where
    T: Deserialize<'de> + Decode<'de> + Debug + PartialEq,
{
    let native = crosswire::take_from_bytes::<T>(input).map(|(v, rest)| (v, rest.len()));
    let bridged = crosswire::serde::take_from_bytes::<T>(input).map(|(v, rest)| (v, rest.len()));
    match (native, bridged) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the derive and the bridge decode {input:02x?}"),
        (Err(a), Err(b)) => errors_agree(a, b, input),
        (a, b) => panic!("the derive gives {a:?}, the bridge {b:?}, for {input:02x?}"),
    }
}

/// What `docs/serde.md` §4 promises about the errors of the two decoders on one input:
///
/// - a wire rule (end of input, bad `bool`/`char`/tag/UTF-8): the same kind, the same offset;
/// - `LengthOverCapacity`: the derive checks a length against the capacity before any
///   element, the bridge's visitor only at the element past it, so the bridge may report
///   an error inside those elements instead (after the length), or the same error;
/// - the derive's own value checks (`ZeroNonZero`, `InvalidDuration`, ...): serde's impls
///   make their own checks, which the bridge reports as `Custom` (offset not promised).
pub fn errors_agree(native: Error, bridged: Error, input: &[u8]) {
    let agree = match native.kind() {
        ErrorKind::UnexpectedEnd
        | ErrorKind::InvalidBool
        | ErrorKind::InvalidChar
        | ErrorKind::InvalidTag
        | ErrorKind::InvalidUtf8 => bridged == native,
        ErrorKind::LengthOverCapacity => bridged == native || bridged.offset() > native.offset(),
        _ => bridged.kind() == ErrorKind::Custom,
    };
    assert!(
        agree,
        "the derive says {native:?}, the bridge {bridged:?}, for {input:02x?}"
    );
}

/// [`paired`] for [`Timed`], but for the one known divergence (`docs/fuzzing.md`,
/// findings): serde's `Duration` impl accepts nanoseconds of `1_000_000_000` or more and
/// carries them into the seconds (rejecting only a sum that overflows, as `Custom` at the
/// `Duration`), where the derive rejects them with `InvalidDuration` (spec §9). For such
/// inputs the bridge must give exactly what the derive gives for the input carried that
/// way, so that the rest of `Timed` is still checked.
pub fn timed(input: &[u8], scratch: &mut Vec<u8>) {
    const SECS: usize = 2;
    const NANOS: usize = SECS + 8;
    const NANOS_PER_SEC: u32 = 1_000_000_000;
    let native = crosswire::take_from_bytes::<Timed>(input);
    if !matches!(native, Err(e) if e.kind() == ErrorKind::InvalidDuration) {
        return paired::<Timed>(input, scratch);
    }
    check::decode_checked::<Timed>(input);
    decoder::<Timed>().checked(input);
    let field = |at: usize, n: usize| {
        let mut b = [0u8; 8];
        b[..n].copy_from_slice(&input[at..at + n]);
        u64::from_le_bytes(b)
    };
    let (secs, nanos) = (field(SECS, 8), field(NANOS, 4) as u32);
    let bridged = crosswire::serde::take_from_bytes::<Timed>(input);
    let Some(secs) = secs.checked_add(u64::from(nanos / NANOS_PER_SEC)) else {
        assert_eq!(
            bridged.map(|(v, _)| v),
            Err(Error::new(ErrorKind::Custom, SECS)),
            "{input:02x?}"
        );
        return;
    };
    let mut carried = input.to_vec();
    carried[SECS..NANOS].copy_from_slice(&secs.to_le_bytes());
    carried[NANOS..NANOS + 4].copy_from_slice(&(nanos % NANOS_PER_SEC).to_le_bytes());
    let want = crosswire::take_from_bytes::<Timed>(&carried);
    assert_eq!(
        bridged.map(|(v, rest)| (v, rest.len())),
        want.map(|(v, rest)| (v, rest.len())),
        "the bridge on {input:02x?} against the derive on {carried:02x?}"
    );
    if let Ok((v, _)) = want {
        assert_eq!(v.d, Duration::new(secs, nanos % NANOS_PER_SEC));
    }
}

/// An ordered collection, which serde's impl builds by inserting what it reads: out of
/// order and repeated keys are accepted, sorted and merged, so its inputs are not all
/// canonical. Its wire form is that of a sequence (`docs/serde.md` §2: a map is a
/// sequence of pairs).
pub trait Collection: Serialize + DeserializeOwned + Debug + PartialEq {
    /// The same bytes read as a sequence of entries.
    type Entries: DeserializeOwned + Debug;
    /// What inserting the entries in order gives.
    fn collect(entries: Self::Entries) -> Self;
    /// The entries are strictly increasing: nothing to sort or merge.
    fn is_canonical(entries: &Self::Entries) -> bool;
}

impl<K, V> Collection for BTreeMap<K, V>
where
    K: Ord + Serialize + DeserializeOwned + Debug,
    V: Serialize + DeserializeOwned + Debug + PartialEq,
{
    type Entries = Vec<(K, V)>;

    fn collect(entries: Self::Entries) -> Self {
        entries.into_iter().collect()
    }

    fn is_canonical(entries: &Self::Entries) -> bool {
        entries.windows(2).all(|w| w[0].0 < w[1].0)
    }
}

impl<T> Collection for BTreeSet<T>
where
    T: Ord + Serialize + DeserializeOwned + Debug,
{
    type Entries = Vec<T>;

    fn collect(entries: Self::Entries) -> Self {
        entries.into_iter().collect()
    }

    fn is_canonical(entries: &Self::Entries) -> bool {
        entries.windows(2).all(|w| w[0] < w[1])
    }
}

/// The oracle of an ordered [`Collection`]: the bridge's decoder is [checked]; the
/// collection and its entries decode from the same bytes or fail with the same error; the
/// collection is what inserting the entries gives; its re-encoding decodes back to it
/// and its entries are strictly increasing (the canonical form); and it is the consumed
/// bytes exactly when those were canonical.
///
/// [checked]: check::Decoder::checked
pub fn collected<C: Collection>(input: &[u8], scratch: &mut Vec<u8>) {
    let entries = crosswire::serde::take_from_bytes::<C::Entries>(input);
    let Some((c, n)) = decoder::<C>().checked(input) else {
        let e = crosswire::serde::take_from_bytes::<C>(input).err();
        assert_eq!(
            e,
            entries.err(),
            "a collection and its entries on {input:02x?}"
        );
        return;
    };
    let (entries, rest) = entries
        .unwrap_or_else(|e| panic!("{c:?} decoded from {input:02x?}, but not its entries: {e:?}"));
    assert_eq!(input.len() - rest.len(), n, "entries of {c:?}");
    let canonical = C::is_canonical(&entries);
    assert_eq!(c, C::collect(entries), "the collection of {input:02x?}");
    let encoded = encode(&c, n, scratch);
    assert_eq!(crosswire::serde::from_bytes::<C>(encoded).as_ref(), Ok(&c));
    match crosswire::serde::from_bytes::<C::Entries>(encoded) {
        Ok(again) => assert!(C::is_canonical(&again), "{c:?} re-encodes unsorted"),
        Err(e) => panic!("the re-encoding of {c:?} is no sequence of entries: {e:?}"),
    }
    if canonical {
        assert_eq!(encoded, &input[..n], "not canonical: {c:?}");
    }
}

/// How the `decode_serde` dispatch checks a type.
trait Case<'de> {
    fn check(input: &'de [u8], scratch: &mut Vec<u8>);
}

/// [`paired`]: the derive and the bridge.
struct Both<T>(PhantomData<T>);

impl<'de, T> Case<'de> for Both<T>
where
    T: Deserialize<'de> + Serialize + Decode<'de> + Encode + Debug + PartialEq,
{
    fn check(input: &'de [u8], scratch: &mut Vec<u8>) {
        paired::<T>(input, scratch);
    }
}

/// [`canonical`]: the bridge only.
struct Serde<T>(PhantomData<T>);

impl<'de, T> Case<'de> for Serde<T>
where
    T: Deserialize<'de> + Serialize + Debug,
{
    fn check(input: &'de [u8], scratch: &mut Vec<u8>) {
        canonical::<T>(input, scratch);
    }
}

/// [`collected`]: an ordered collection.
struct Collected<C>(PhantomData<C>);

impl<C: Collection> Case<'_> for Collected<C> {
    fn check(input: &[u8], scratch: &mut Vec<u8>) {
        collected::<C>(input, scratch);
    }
}

impl Case<'_> for Timed {
    fn check(input: &[u8], scratch: &mut Vec<u8>) {
        timed(input, scratch);
    }
}

/// Adapts [`Case::check`] to the dispatch macro.
fn case<'de, C: Case<'de>>(input: &'de [u8], scratch: &mut Vec<u8>, _: ()) {
    C::check(input, scratch);
}

/// Raw bytes decoded through the serde bridge: the first byte picks the type.
pub fn decode_serde(data: &[u8]) {
    let Some((&sel, input)) = data.split_first() else {
        return;
    };
    dispatch!(sel, input, case, [
        Both<Point> => (),
        Both<Triple> => (),
        Both<Kind> => (),
        Both<Shape> => (),
        Both<Ints> => (),
        Both<Values> => (),
        Both<Floats> => (),
        Both<Msg> => (),
        Both<Wrapper> => (),
        Both<Option<Shape>> => (),
        Both<Result<Shape, Kind>> => (),
        Both<[Point; 2]> => (),
        Both<(u8, bool, Option<char>, i64)> => (),
        Both<heapless::Vec<Shape, 2>> => (),
        Both<heapless::String<12>> => (),
        Timed => (),
        Serde<Borrowed<'_>> => (),
        Serde<Owned> => (),
        Serde<List> => (),
        Serde<Vec<Shape>> => (),
        Serde<String> => (),
        Serde<Option<Box<Msg>>> => (),
        Serde<(Vec<Point>, &str, heapless::Vec<String, 2>)> => (),
        Collected<IntMap> => (),
        Collected<StrMap> => (),
        Collected<Set> => (),
    ]);
}
