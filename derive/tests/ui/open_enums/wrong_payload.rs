extern crate cw as crosswire;

#[derive(crosswire::Decode)]
#[repr(u16)]
enum NarrowTag {
    A = 1,
    #[crosswire(other)]
    Unknown(u8),
}

#[derive(crosswire::Decode)]
enum NoTag {
    A,
    #[crosswire(other)]
    Unknown,
}

#[derive(crosswire::Decode)]
enum TwoFields {
    A,
    #[crosswire(other)]
    Unknown(u8, u8),
}

#[derive(crosswire::Decode)]
#[crosswire(extensible)]
enum ThreeFields {
    A(u32),
    #[crosswire(other)]
    Unknown(u8, crosswire::BoundedVec<u8, 8>, u8),
}

fn main() {}
