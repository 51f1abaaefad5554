// A plain record's memory layout must be its wire layout: padding between fields and at
// the end (8 bytes in memory, 5 on the wire) are compile errors, with the sizes, each
// crosswire's first; zerocopy's `IntoBytes` derive reports the padding too, and so do the
// bounds of the run codecs (their errors still name `__private`).
extern crate cw as crosswire;

use crosswire::{Decode, Encode, MaxSize};
use zerocopy::{Immutable, IntoBytes, KnownLayout, TryFromBytes};

#[derive(Clone, Copy, Encode, Decode, MaxSize, IntoBytes, TryFromBytes, Immutable, KnownLayout)]
#[crosswire(plain)]
#[repr(C)]
struct Gap {
    level: u8,
    id: u32,
}

#[derive(Clone, Copy, Encode, Decode, MaxSize, IntoBytes, TryFromBytes, Immutable, KnownLayout)]
#[crosswire(plain)]
#[repr(C)]
struct Tail {
    id: u32,
    level: u8,
}

fn main() {}
