extern crate cw as crosswire;

#[derive(crosswire::MaxSize)]
#[crosswire(tag = "u16")]
struct TagOnStruct {
    a: u8,
}

#[derive(crosswire::MaxSize)]
#[crosswire(extensible, extensible)]
struct Twice {
    a: u8,
}

#[derive(crosswire::MaxSize)]
#[crosswire(crate = "not a path")]
struct BadPath {
    a: u8,
}

fn main() {}
