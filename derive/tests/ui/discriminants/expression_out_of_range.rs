// A constant-expression discriminant that does not fit the tag: a build error with the
// value and the width, at compile time.
extern crate cw as crosswire;

const BASE: u16 = 0x100;

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
#[crosswire(tag = "u8")]
#[repr(u16)]
enum Op {
    Open = 1,
    Read = BASE + 1,
}

fn main() {
    let mut buf = [0u8; 1];
    let _ = crosswire::to_slice(&Op::Open, &mut buf);
    let _ = crosswire::from_bytes::<Op>(&buf);
}
