// A field of the user's own type without crosswire's derives: one error, naming the type
// and the derive to add to it.
extern crate cw as crosswire;

use crosswire::{Decode, Encode, MaxSize};

struct Inner {
    a: u32,
}

#[derive(Encode, Decode, MaxSize)]
struct Outer {
    id: u32,
    inner: Inner,
}

fn main() {}
