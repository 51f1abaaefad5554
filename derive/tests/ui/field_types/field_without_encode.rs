// A field type with `MaxSize` but without `Encode`: one error, for the trait it lacks.
extern crate cw as crosswire;

use crosswire::{Decode, Encode, MaxSize};

#[derive(MaxSize, Decode)]
struct DecodeOnly {
    a: u32,
}

#[derive(Encode, Decode, MaxSize)]
struct Outer {
    id: u32,
    inner: DecodeOnly,
}

fn main() {}
