extern crate cw as crosswire;

#[derive(crosswire::MaxSize)]
#[crosswire(tag = "u64")]
enum TooWide {
    A,
}

#[derive(crosswire::MaxSize)]
#[crosswire(tag = "i16")]
enum Signed {
    A,
}

#[derive(crosswire::MaxSize)]
#[crosswire(tag = u16)]
enum NotAString {
    A,
}

fn main() {}
