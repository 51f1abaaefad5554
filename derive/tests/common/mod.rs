//! Helpers shared by the derive's integration tests.
#![allow(dead_code, reason = "each test file uses a different subset")]

use core::fmt::Debug;

use cw::{Decode, Encode, Error};

/// Encodes `value` into a fresh buffer of exactly `MAX_SIZE` bytes.
pub fn encode<T: Encode>(value: &T) -> Vec<u8> {
    let mut buf = vec![0u8; T::MAX_SIZE];
    let out = cw::to_slice(value, &mut buf).expect("MAX_SIZE is always enough");
    assert_eq!(out.len(), value.encoded_len(), "encoded_len disagrees");
    out.to_vec()
}

/// Asserts that `value` encodes to exactly `bytes` and that `bytes` decode back to it.
pub fn golden<'de, T>(value: T, bytes: &'de [u8])
where
    T: Encode + Decode<'de> + PartialEq + Debug,
{
    assert_eq!(encode(&value), bytes, "encoding of {value:?}");
    assert_eq!(cw::from_bytes::<T>(bytes), Ok(value));
}

/// Asserts that decoding `bytes` as `T` fails with `kind` at `offset`.
pub fn rejects<'de, T>(bytes: &'de [u8], kind: cw::ErrorKind, offset: usize)
where
    T: Decode<'de> + Debug,
{
    let err: Error = cw::from_bytes::<T>(bytes).expect_err("must be rejected");
    assert_eq!(
        (err.kind(), err.offset()),
        (kind, offset),
        "decoding {bytes:02x?}"
    );
}
