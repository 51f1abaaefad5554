extern crate cw as crosswire;

#[derive(crosswire::MaxSize)]
#[crosswire(rename = "Other")]
struct Renamed {
    a: u8,
}

#[derive(crosswire::MaxSize)]
#[crosswire(extensible, packed)]
struct Packed {
    a: u8,
}

fn main() {}
