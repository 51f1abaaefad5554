//! Helpers shared by the integration tests of the workspace's crates: golden bytes,
//! rejections at an exact offset, decoding in place over stale state, and proptest
//! strategies. Test files import it as `common` (`use crosswire_test_support as common;`).
//!
//! The repository README's examples are this crate's doctests (below), so they cannot rot.
#![doc = ""]
#![doc = include_str!("../../../README.md")]

pub mod open_enum;

use core::fmt::Debug;

use crosswire::{BoundedString, BoundedVec, Decode, Encode, Error, Reader};
use proptest::{prelude::*, sample::Index};

/// Encodes `value` into a fresh buffer of exactly `MAX_SIZE` bytes.
pub fn encode<T: Encode>(value: &T) -> Vec<u8> {
    let mut buf = vec![0u8; T::MAX_SIZE];
    let out = crosswire::to_slice(value, &mut buf).expect("MAX_SIZE is always enough");
    assert_eq!(out.len(), value.encoded_len(), "encoded_len disagrees");
    out.to_vec()
}

/// Asserts that `value` encodes to exactly `bytes` and that `bytes` decode back to it,
/// also in place ([`crosswire::from_bytes_in_place`]) over stale state.
pub fn golden<'de, T>(value: T, bytes: &'de [u8])
where
    T: Encode + Decode<'de> + PartialEq + Debug,
{
    assert_eq!(encode(&value), bytes, "encoding of {value:?}");
    let decoded = crosswire::from_bytes::<T>(bytes);
    assert_eq!(decoded.as_ref(), Ok(&value));
    // `T` need not be `Default`, so the stale state starts from the decoded value, which
    // each suffix of `bytes` (another message: every field shifted) then overwrites as
    // far as it decodes. The suffixes borrow from `bytes`, as a `T<'de>` must.
    let Ok(mut reused) = decoded else { return };
    for skip in 1..=bytes.len().min(32) {
        let _ = reused.decode_in_place(&mut Reader::new(&bytes[skip..]));
        assert_eq!(
            crosswire::from_bytes_in_place(bytes, &mut reused),
            Ok(()),
            "in place, after bytes[{skip}..]"
        );
        assert_eq!(reused, value, "in place, after bytes[{skip}..]");
    }
}

/// Asserts that decoding `bytes` as `T` fails with `kind` at `offset`.
pub fn rejects<'de, T>(bytes: &'de [u8], kind: crosswire::ErrorKind, offset: usize)
where
    T: Decode<'de> + Debug,
{
    let err: Error = crosswire::from_bytes::<T>(bytes).expect_err("must be rejected");
    assert_eq!(
        (err.kind(), err.offset()),
        (kind, offset),
        "decoding {bytes:02x?}"
    );
}

/// The canonical property (spec §1): when decoding `bytes` succeeds having consumed `n`
/// bytes, re-encoding gives exactly those `n` bytes; when it fails, the error's offset lies
/// within the input.
pub fn check_canonical<'de, T>(bytes: &'de [u8]) -> Result<(), TestCaseError>
where
    T: Encode + Decode<'de>,
{
    match crosswire::take_from_bytes::<T>(bytes) {
        Ok((value, rest)) => {
            let consumed = &bytes[..bytes.len() - rest.len()];
            let mut buf = vec![0u8; T::MAX_SIZE];
            let encoded = crosswire::to_slice(&value, &mut buf).unwrap();
            prop_assert_eq!(&*encoded, consumed);
        }
        Err(e) => prop_assert!(
            e.offset() <= bytes.len(),
            "offset {} past input",
            e.offset()
        ),
    }
    Ok(())
}

/// The in-place property: decoding `bytes` in place over the state that decoding
/// `previous` in place left (whether that succeeded or not) gives exactly what
/// `from_bytes(bytes)` gives: the same value, or the same error (kind and offset). After
/// an error the value is unspecified but valid: it encodes, and decodes back to itself.
pub fn check_in_place<T>(previous: &[u8], bytes: &[u8]) -> Result<(), TestCaseError>
where
    T: for<'de> Decode<'de> + Encode + Default + PartialEq + Debug,
{
    let mut out = T::default();
    // As `take_from_bytes` would: a previous message followed by noise still leaves all
    // of its state behind.
    let _ = out.decode_in_place(&mut Reader::new(previous));
    let stale = format!("{out:?}");
    let got = crosswire::from_bytes_in_place(bytes, &mut out);
    match crosswire::from_bytes::<T>(bytes) {
        Ok(want) => {
            prop_assert_eq!(got, Ok(()), "over {}", stale);
            prop_assert_eq!(out, want, "over {}", stale);
        }
        Err(e) => {
            prop_assert_eq!(got, Err(e), "over {}", stale);
            let again = crosswire::from_bytes::<T>(&encode(&out));
            prop_assert_eq!(again.as_ref(), Ok(&out), "invalid after {:?}", e);
        }
    }
    Ok(())
}

/// One property test per type: [`check_in_place`] over [`in_place_inputs`] of the values
/// that the strategy after `=` builds.
#[macro_export]
macro_rules! in_place_tests {
    ($($name:ident: $ty:ty = $values:expr;)*) => {
        ::proptest::proptest! {$(
            #[test]
            fn $name((previous, bytes) in $crate::in_place_inputs::<$ty, _>($values)) {
                $crate::check_in_place::<$ty>(&previous, &bytes)?;
            }
        )*}
    };
}

/// Asserts that decoding `bytes` in place into `out` fails exactly as `from_bytes` does,
/// with `kind` at `offset`.
pub fn rejects_in_place<T>(bytes: &[u8], mut out: T, kind: crosswire::ErrorKind, offset: usize)
where
    T: for<'de> Decode<'de> + Debug,
{
    let want = crosswire::from_bytes::<T>(bytes).expect_err("must be rejected");
    assert_eq!((want.kind(), want.offset()), (kind, offset), "{bytes:02x?}");
    assert_eq!(crosswire::from_bytes_in_place(bytes, &mut out), Err(want));
}

/// Inputs for [`check_in_place`]: `previous` is mostly a whole encoding of one value (the
/// most stale state), `bytes` mostly another value's encoding, as is, cut short, with one
/// byte changed or with one byte appended; either is sometimes arbitrary bytes.
pub fn in_place_inputs<T, S>(values: S) -> impl Strategy<Value = (Vec<u8>, Vec<u8>)>
where
    T: Encode + Debug,
    S: Strategy<Value = T> + 'static,
{
    let values = values.boxed();
    let previous = prop_oneof![3 => values.clone().prop_map(|v| encode(&v)), 1 => input()];
    let edited = (values, 0u8..4, any::<Index>(), any::<u8>()).prop_map(|(v, how, at, byte)| {
        let mut bytes = encode(&v);
        match how {
            0 => {}
            1 => bytes.truncate(at.index(bytes.len() + 1)),
            2 if !bytes.is_empty() => {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            _ => bytes.push(byte),
        }
        bytes
    });
    (previous, prop_oneof![3 => edited, 1 => input()])
}

/// A `BoundedVec` of up to `N` elements.
pub fn bounded_vec<T: Default + Clone + Debug, const N: usize>(
    element: impl Strategy<Value = T>,
) -> impl Strategy<Value = BoundedVec<T, N>> {
    prop::collection::vec(element, 0..=N).prop_map(|v| BoundedVec::from_slice(&v).unwrap())
}

/// A `BoundedString` of up to `N` bytes, from characters of every UTF-8 width; never
/// rejects (characters that do not fit are left out).
pub fn bounded_string<const N: usize>() -> impl Strategy<Value = BoundedString<N>> {
    let ch = prop_oneof![3 => prop::char::range('a', 'z'), 1 => any::<char>()];
    prop::collection::vec(ch, 0..=N).prop_map(|chars| {
        let mut s = BoundedString::new();
        for c in chars {
            let _ = s.push_str(c.encode_utf8(&mut [0; 4]));
        }
        s
    })
}

/// Byte strings biased towards small values, so tags, bools and lengths are often valid.
pub fn input() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop_oneof![4 => 0u8..3, 1 => any::<u8>()], 0..64)
}
