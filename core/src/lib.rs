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

mod build_error;
mod decode;
mod encode;
mod error;
pub mod hint;
#[cfg(feature = "std")]
pub mod io;
mod max_size;
mod plain;
mod reader;
pub mod schema;
#[cfg(feature = "serde")]
pub mod serde;
pub mod spec;
mod wire;
mod writer;

// The sections of the spec (`wire/`) whose modules are public API, at the crate root.
#[cfg(feature = "bitflags")]
pub use crate::wire::bitflags;
pub use crate::wire::{bounded, extensible, open_enum};

// Used by the code the derive generates; not public API (serde's `__private`).
#[doc(hidden)]
pub mod __private;

// Listed as re-exports in the documentation, which shows the types in `bounded`.
#[doc(no_inline)]
pub use crate::bounded::{
    BoundedBytes, BoundedStr, BoundedString, BoundedVec, CapacityError, PushError,
};
pub use crate::{
    decode::{from_bytes, from_bytes_in_place, take_from_bytes, Decode},
    encode::{encoded_len, to_array, to_fixed, to_slice, Encode, EncodedBuf},
    error::{Error, ErrorKind},
    max_size::{ByteArray, MaxSize, MaxSizeBuf},
    plain::Plain,
    reader::Reader,
    schema::Described,
    wire::{be::Be, bounded::cstr::BoundedCStr},
    writer::Writer,
};

#[cfg(feature = "alloc")]
pub use crate::wire::heap::{HeapString, HeapVec};
#[cfg(feature = "derive")]
pub use crosswire_derive::{Decode, Described, Encode, MaxSize};

/// The version of the wire format this crate reads and writes ([`spec`]).
pub const WIRE_FORMAT_VERSION: u32 = 1;
