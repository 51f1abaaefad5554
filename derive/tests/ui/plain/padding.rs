// A plain record's memory layout must be its wire layout: padding between fields (`id`
// is at byte 4 in memory, byte 1 on the wire) and at the end (8 bytes in memory, 5 on
// the wire) are both compile errors, with the offsets and sizes; zerocopy's `IntoBytes`
// derive reports the padding too.
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
