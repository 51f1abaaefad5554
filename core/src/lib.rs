#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::as_conversions,
        clippy::float_arithmetic,
    )
)]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "bitflags")]
pub mod bitflags;
pub mod bounded;
mod const_message;
mod decode;
mod encode;
mod error;
pub mod extensible;
#[cfg(feature = "std")]
pub mod io;
mod max_size;
pub mod open_enum;
mod plain;
mod reader;
pub mod schema;
#[cfg(feature = "serde")]
pub mod serde;
pub mod spec;
mod wire;
mod writer;

// Used by the code the derive generates; not public API (serde's `__private`).
// The file is `private.rs`: a rename to `__private.rs` would change the paths that the
// derive's UI-test snapshots print (derive/tests/ui/*.stderr).
#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use crate::{
    bounded::{BoundedBytes, BoundedStr, BoundedString, BoundedVec, CapacityError, PushError},
    decode::{from_bytes, from_bytes_in_place, take_from_bytes, Decode},
    encode::{encoded_len, to_array, to_fixed, to_slice, Encode, EncodedBuf},
    error::{Error, ErrorKind},
    max_size::{ByteArray, MaxSize, MaxSizeBuf},
    plain::Plain,
    reader::Reader,
    schema::Described,
    wire::{be::Be, cstr::BoundedCStr},
    writer::Writer,
};

#[cfg(feature = "alloc")]
pub use crate::wire::alloc_types::{HeapString, HeapVec};
#[cfg(feature = "derive")]
pub use crosswire_derive::{Decode, Described, Encode, MaxSize};

/// The version of the wire format this crate reads and writes ([`spec`]).
pub const WIRE_FORMAT_VERSION: u32 = 1;
