extern crate cw as crosswire;

#[derive(crosswire::Encode)]
enum TwoOthers {
    A,
    #[crosswire(other)]
    First(u8),
    #[crosswire(other)]
    Second(u8),
}

#[derive(crosswire::Encode)]
enum NotLast {
    A,
    #[crosswire(other)]
    Unknown(u8),
    B,
}

fn main() {}
