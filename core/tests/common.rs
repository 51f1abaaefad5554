//! Helpers shared by the integration tests of the core and of the derive (which includes
//! this file by path, with `crosswire` renamed).
#![allow(dead_code, reason = "each test file uses a different subset")]

use core::fmt::Debug;

use crosswire::{Decode, Encode, Error};
use proptest::prelude::*;

/// Encodes `value` into a fresh buffer of exactly `MAX_SIZE` bytes.
pub fn encode<T: Encode>(value: &T) -> Vec<u8> {
    let mut buf = vec![0u8; T::MAX_SIZE];
    let out = crosswire::to_slice(value, &mut buf).expect("MAX_SIZE is always enough");
    assert_eq!(out.len(), value.encoded_len(), "encoded_len disagrees");
    out.to_vec()
}

/// Asserts that `value` encodes to exactly `bytes` and that `bytes` decode back to it.
pub fn golden<'de, T>(value: T, bytes: &'de [u8])
where
    T: Encode + Decode<'de> + PartialEq + Debug,
{
    assert_eq!(encode(&value), bytes, "encoding of {value:?}");
    assert_eq!(crosswire::from_bytes::<T>(bytes), Ok(value));
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

/// Byte strings biased towards small values, so tags, bools and lengths are often valid.
pub fn input() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop_oneof![4 => 0u8..3, 1 => any::<u8>()], 0..64)
}
