extern crate cw as crosswire;

#[derive(crosswire::MaxSize, crosswire::Encode, crosswire::Decode)]
struct Unbounded<'a> {
    id: u32,
    name: &'a str,
}

#[derive(crosswire::MaxSize)]
enum WithString {
    A(u8),
    B { text: String },
}

fn main() {}
