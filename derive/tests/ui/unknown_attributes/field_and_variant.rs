extern crate cw as crosswire;

#[derive(crosswire::MaxSize)]
struct Field {
    #[crosswire(default)]
    a: u8,
}

#[derive(crosswire::MaxSize)]
enum Variant {
    #[crosswire(rename = "b")]
    A,
}

fn main() {}
