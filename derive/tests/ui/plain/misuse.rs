// What `plain` does not apply to, all reported at once: enums, extensible structs,
// generic structs, skipped fields, empty structs.
extern crate cw as crosswire;

use crosswire::{Decode, Encode, MaxSize};

#[derive(Encode, Decode, MaxSize)]
#[crosswire(plain)]
#[repr(C)]
enum Mode {
    Off,
    On,
}

#[derive(Encode, Decode, MaxSize)]
#[crosswire(plain, extensible)]
#[repr(C)]
struct Grows {
    id: u32,
}

#[derive(Encode, Decode, MaxSize)]
#[crosswire(plain)]
#[repr(C)]
struct Generic<T> {
    value: T,
}

#[derive(Encode, Decode, MaxSize)]
#[crosswire(plain)]
#[repr(C)]
struct Skips {
    id: u32,
    #[crosswire(skip)]
    cache: u32,
}

#[derive(Encode, Decode, MaxSize)]
#[crosswire(plain)]
#[repr(C)]
struct Empty;

fn main() {}
