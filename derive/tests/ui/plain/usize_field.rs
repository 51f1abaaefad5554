// `usize` is 8 bytes on the wire whatever the target, and 4 in memory on a 32-bit one:
// not plain, on any target.
extern crate cw as crosswire;

use crosswire::{Decode, Encode, MaxSize};
use zerocopy::{Immutable, IntoBytes, KnownLayout, TryFromBytes};

#[derive(Clone, Copy, Encode, Decode, MaxSize, IntoBytes, TryFromBytes, Immutable, KnownLayout)]
#[crosswire(plain)]
#[repr(C)]
struct Len {
    len: usize,
}

fn main() {}
