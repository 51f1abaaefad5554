extern crate cw as crosswire;

#[derive(crosswire::MaxSize, crosswire::Encode, crosswire::Decode)]
union Bits {
    word: u32,
    bytes: [u8; 4],
}

fn main() {}
