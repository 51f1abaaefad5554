//! The fuzz targets of crosswire as plain functions, shared by the libFuzzer binaries in
//! `fuzz/` (nightly, `cargo fuzz`) and the corpus replay in this crate's tests (stable,
//! `cargo test`). Each function takes the fuzzer's raw input and panics when an oracle
//! fails. See `docs/fuzzing.md`.
//!
//! | target | input | oracles |
//! | --- | --- | --- |
//! | [`decode_core`] | selector byte, then bytes decoded as one of ~60 core types | no panic, sane errors, canonical re-encoding, self-delimiting |
//! | [`decode_derived`] | selector byte, then bytes decoded as one of the derived [`types`] | the same, with the §13 rules for extensible structs |
//! | [`roundtrip`] | selector byte, then `arbitrary` data building a value | encode → decode is the identity, `encoded_len` = bytes written ≤ `MAX_SIZE` |
//! | [`ioctl_versioning`] | mode byte, then parameters and bytes | the ioctl size-versioning and buffer functions against reference models |

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
mod core_types;
mod ioctl;
pub mod types;

use crate::{
    check::{raw, Rule},
    types::*,
};
pub use crate::{core_types::decode_core, ioctl::ioctl_versioning};

/// A fuzz target: takes the fuzzer's input, panics when an oracle fails.
pub type Target = fn(&[u8]);

/// The names of the fuzz targets, as directories under `fuzz/corpus/`, with the function
/// each one runs.
pub const TARGETS: &[(&str, Target)] = &[
    ("decode_core", decode_core),
    ("decode_derived", decode_derived),
    ("roundtrip", roundtrip),
    ("ioctl_versioning", ioctl_versioning),
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
    T: arbitrary::Arbitrary<'a>
        + crosswire::Decode<'a>
        + crosswire::Encode
        + core::fmt::Debug
        + PartialEq,
{
    let mut u = arbitrary::Unstructured::new(data);
    if let Ok(v) = T::arbitrary(&mut u) {
        check::roundtrip(&v, scratch);
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
    ]);
}
