extern crate cw as crosswire;

#[derive(crosswire::Encode)]
enum Event {
    Link { ifindex: u32 },
    Gone,
    #[crosswire(other)]
    Unknown(u8),
}

fn main() {}
