//! The fuzz targets of crosswire as plain functions, shared by the libFuzzer binaries in
//! `fuzz/` (nightly, `cargo fuzz`) and the corpus replay in this crate's tests (stable,
//! `cargo test`). Each function takes the fuzzer's raw input and panics when an oracle
//! fails. See `docs/fuzzing.md`.
//!
//! | target | input | oracles |
//! | --- | --- | --- |
//! | [`decode_core`] | selector byte, then bytes decoded as one of ~60 core types | no panic, sane errors, canonical re-encoding, self-delimiting, in place = `from_bytes` |
//! | [`decode_derived`] | selector byte, then bytes decoded as one of the derived [`types`] | the same, with the §13 rules for extensible structs |
//! | [`roundtrip`] | selector byte, then `arbitrary` data building a value | encode → decode is the identity, `encoded_len` = bytes written ≤ `MAX_SIZE` |
//! | [`decode_serde`] | selector byte, then bytes decoded through the serde bridge as one of the [`bridge::types`] | no panic, sane errors, canonical re-encoding, the bridge against the derive |
//! | [`decode_reference`] | selector byte, then bytes decoded as one of a few types | crosswire's decoder against a reference decoder written from the spec alone ([`reference`](mod@crate::reference)): same verdict, error kind and offset, bytes consumed and value |
//! | [`ioctl_versioning`] | mode byte, then parameters and bytes | the ioctl size-versioning and buffer functions against reference models |
//! | [`ring_image`] | geometry byte, then a program of ring operations and hostile pokes | the ring's endpoints against a reference model of `docs/ring-format.md`; delivered values re-encode |
//! | [`netlink_parse`] | selector byte, then a receive buffer, an attribute payload or a derived attribute set | no panic, items in bounds and in order, one error at most and last, strict ⊆ liberal, attributes re-written read back the same, a decoded set re-encodes within `MAX_LEN` to itself |
//! | [`plain_runs`] | selector byte, then bytes decoded as a run of `#[crosswire(plain)]` records | the zerocopy path against the same records field by field: same verdict, error and offset, bytes consumed, re-encoded bytes; canonical, in place = `from_bytes` |

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod bridge;
pub mod check;
mod core_types;
mod ioctl;
mod netlink;
pub mod plain;
pub mod reference;
mod ring;
pub mod types;

pub use crate::{
    bridge::decode_serde, core_types::decode_core, ioctl::ioctl_versioning, netlink::netlink_parse,
    plain::plain_runs, reference::decode_reference, ring::ring_image,
};
use crate::{
    check::{raw, Rule},
    types::*,
};

/// A fuzz target: takes the fuzzer's input, panics when an oracle fails.
pub type Target = fn(&[u8]);

/// The names of the fuzz targets, as directories under `fuzz/corpus/`, with the function
/// each one runs.
pub const TARGETS: &[(&str, Target)] = &[
    ("decode_core", decode_core),
    ("decode_derived", decode_derived),
    ("roundtrip", roundtrip),
    ("ioctl_versioning", ioctl_versioning),
    ("decode_serde", decode_serde),
    ("decode_reference", decode_reference),
    ("ring_image", ring_image),
    ("netlink_parse", netlink_parse),
    ("plain_runs", plain_runs),
];

/// Runs `$check::<$ty>` for the type chosen by `$sel` (modulo the number of types).
macro_rules! dispatch {
    ($sel:expr, $input:expr, $check:ident, [$($ty:ty => $rule:expr),* $(,)?]) => {{
        const TYPES: &[&str] = &[$(stringify!($ty)),*];
        let sel = usize::from($sel) % TYPES.len();
        let mut scratch = Vec::new();
        let mut i = 0usize;
        $(
            if sel == i {
                return $check::<$ty>($input, &mut scratch, $rule);
            }
            i += 1;
        )*
        let _ = i;
    }};
}
pub(crate) use dispatch;

/// Raw bytes decoded as a derived message type: the first byte picks the type.
pub fn decode_derived(data: &[u8]) {
    let Some((&sel, input)) = data.split_first() else {
        return;
    };
    dispatch!(sel, input, raw, [
        Point => Rule::Canonical,
        Header => Rule::Canonical,
        Marker => Rule::Canonical,
        Triple => Rule::Canonical,
        Shape => Rule::Canonical,
        Cmd16 => Rule::Canonical,
        Cmd32 => Rule::Canonical,
        Fixed => Rule::Canonical,
        Borrowed<'_> => Rule::Canonical,
        Containers => Rule::Canonical,
        Generic<Option<u8>, 3> => Rule::Canonical,
        Nested<'_> => Rule::Canonical,
        HowV1 => Rule::ExtensibleTop,
        HowV2 => Rule::ExtensibleTop,
        HowV3 => Rule::ExtensibleTop,
        ExtFixed => Rule::ExtensibleTop,
        ExtBorrowed<'_> => Rule::ExtensibleTop,
        ExtContainers => Rule::ExtensibleTop,
        Envelope<'_> => Rule::ContainsExtensible,
        Request<'_> => Rule::ContainsExtensible,
        Outer => Rule::ContainsExtensible,
        CoreMix => Rule::Canonical,
        Floats => Rule::Canonical,
        [Fixed; 3] => Rule::Canonical,
        Option<Cmd16> => Rule::Canonical,
        crosswire::BoundedVec<HowV1, 2> => Rule::ContainsExtensible,
        heapless::Vec<Request<'_>, 2> => Rule::ContainsExtensible,
        (HowV1, HowV2) => Rule::ContainsExtensible,
    ]);
}

/// Adapts [`check::roundtrip`] to the dispatch macro: builds a `T` from `data` with
/// `arbitrary` and round-trips it.
fn roundtrip_one<'a, T>(data: &'a [u8], scratch: &'a mut Vec<u8>, _: ())
where
    T: RoundTrip<'a>,
{
    T::run(data, scratch);
}

/// What the `roundtrip` dispatch runs for a type: [`check::roundtrip`] of a value built by
/// `arbitrary`, or a custom check.
trait RoundTrip<'a> {
    fn run(data: &'a [u8], scratch: &'a mut Vec<u8>);
}

impl<'a, T> RoundTrip<'a> for T
where
    T: arbitrary::Arbitrary<'a>
        + crosswire::Decode<'a>
        + crosswire::Encode
        + core::fmt::Debug
        + PartialEq,
{
    fn run(data: &'a [u8], scratch: &'a mut Vec<u8>) {
        let mut u = arbitrary::Unstructured::new(data);
        if let Ok(v) = T::arbitrary(&mut u) {
            check::roundtrip(&v, scratch);
        }
    }
}

impl<'a> RoundTrip<'a> for Versions {
    fn run(data: &'a [u8], _: &'a mut Vec<u8>) {
        versions(data);
    }
}

/// Values built by `arbitrary` from the input, encoded and decoded: the first byte picks
/// the type.
pub fn roundtrip(data: &[u8]) {
    let Some((&sel, input)) = data.split_first() else {
        return;
    };
    dispatch!(sel, input, roundtrip_one, [
        Point => (),
        Header => (),
        Triple => (),
        Shape => (),
        Cmd16 => (),
        Cmd32 => (),
        Fixed => (),
        Borrowed<'_> => (),
        Containers => (),
        Generic<Option<u8>, 3> => (),
        Nested<'_> => (),
        HowV1 => (),
        HowV2 => (),
        HowV3 => (),
        ExtFixed => (),
        ExtBorrowed<'_> => (),
        ExtContainers => (),
        Envelope<'_> => (),
        Request<'_> => (),
        Outer => (),
        CoreMix => (),
        Floats => (),
        Versions => (),
    ]);
}

/// Marker for [`versions`] in the `roundtrip` dispatch.
#[derive(Debug, PartialEq)]
struct Versions;

/// Cross-version decoding of the extensible `HowV1..V3` (spec §13), from a `HowV3` built by
/// `arbitrary`: a newer sender's bytes decode as an older version exactly when the fields
/// that version does not know are zero (else `NonZeroTail`), and an older sender's bytes
/// decode as the newest version with the missing fields zero.
fn versions(data: &[u8]) {
    use arbitrary::Arbitrary;
    use crosswire::ErrorKind;

    let mut u = arbitrary::Unstructured::new(data);
    let Ok(v3) = HowV3::arbitrary(&mut u) else {
        return;
    };
    let mut scratch = Vec::new();
    let bytes = check::encode_checked(&v3, &mut scratch);

    let v2_ok = v3.at == Point::default() && !v3.follow;
    match crosswire::from_bytes::<HowV2>(bytes) {
        Ok(v2) => {
            assert!(v2_ok, "{v3:?} decoded as {v2:?} despite non-zero V3 fields");
            assert_eq!(
                (v2.flags, v2.mode, v2.resolve),
                (v3.flags, v3.mode, v3.resolve)
            );
        }
        Err(e) => {
            assert!(!v2_ok, "{v3:?} as HowV2: {e:?}");
            assert_eq!(e.kind(), ErrorKind::NonZeroTail);
            check::error_sane(e, bytes, <HowV2 as crosswire::MaxSize>::MAX_SIZE);
        }
    }
    let v1_ok = v2_ok && v3.mode == 0 && v3.resolve.is_none();
    match crosswire::from_bytes::<HowV1>(bytes) {
        Ok(v1) => {
            assert!(v1_ok, "{v3:?} decoded as {v1:?} despite non-zero V2 fields");
            assert_eq!(v1.flags, v3.flags);
        }
        Err(e) => {
            assert!(!v1_ok, "{v3:?} as HowV1: {e:?}");
            assert_eq!(e.kind(), ErrorKind::NonZeroTail);
            check::error_sane(e, bytes, <HowV1 as crosswire::MaxSize>::MAX_SIZE);
        }
    }

    let older = HowV2 {
        flags: v3.flags,
        mode: v3.mode,
        resolve: v3.resolve,
    };
    let mut scratch = Vec::new();
    let got = crosswire::from_bytes::<HowV3>(check::encode_checked(&older, &mut scratch));
    let want = HowV3 {
        at: Point::default(),
        follow: false,
        ..v3
    };
    assert_eq!(got, Ok(want), "V2 sender to V3 receiver");
    let oldest = HowV1 { flags: v3.flags };
    let got = crosswire::from_bytes::<HowV3>(check::encode_checked(&oldest, &mut scratch));
    let want = HowV3 {
        flags: v3.flags,
        ..HowV3::default()
    };
    assert_eq!(got, Ok(want), "V1 sender to V3 receiver");
}
