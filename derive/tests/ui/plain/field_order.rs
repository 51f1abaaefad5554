// Without `#[repr(C)]` Rust may reorder the fields (it puts `id` first here): the memory
// order is not the wire order, so `plain` needs `repr(C)`.
extern crate cw as crosswire;

use crosswire::{Decode, Encode, MaxSize};

#[derive(Clone, Copy, Encode, Decode, MaxSize)]
#[crosswire(plain)]
struct Reordered {
    level: u8,
    id: u32,
    kind: u16,
    flag: u8,
}

fn main() {}
