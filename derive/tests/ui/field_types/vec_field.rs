// One `Vec<u8>` field in a type with all three derives: one error, at the field's type,
// naming the bounded types to use instead.
extern crate cw as crosswire;

use crosswire::{Decode, Encode, MaxSize};

#[derive(Encode, Decode, MaxSize)]
struct Upload {
    id: u32,
    data: Vec<u8>,
}

fn main() {}
