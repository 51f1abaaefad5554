extern crate cw as crosswire;

#[derive(crosswire::MaxSize)]
enum U8 {
    A = 1,
    B = 256,
}

#[derive(crosswire::MaxSize)]
#[crosswire(tag = "u16")]
#[repr(u32)]
enum U16 {
    Get = 0x100,
    Big = 0x1_0000,
}

#[derive(crosswire::MaxSize)]
enum ImplicitOverflow {
    A = 255,
    B,
}

#[derive(crosswire::MaxSize)]
enum Negative {
    A = -1,
}

fn main() {}
