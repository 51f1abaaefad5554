extern crate cw as crosswire;

#[derive(crosswire::MaxSize)]
#[crosswire(extensible)]
enum Event {
    A(u32),
    #[crosswire(other)]
    Unknown(u8, crosswire::BoundedVec<u16, 8>),
}

fn main() {}
