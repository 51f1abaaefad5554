// With crosswire's feature `zerocopy` on, a plain record needs zerocopy's traits for the
// byte views of its runs; the error says which to derive.
extern crate cw as crosswire;

use crosswire::{Decode, Encode, MaxSize};

#[derive(Clone, Copy, Encode, Decode, MaxSize)]
#[crosswire(plain)]
#[repr(C)]
struct Bare {
    id: u32,
    up: bool,
    pad: [u8; 3],
}

fn main() {}
