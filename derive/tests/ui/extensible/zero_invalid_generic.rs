// A generic field added in a later version: checked when `decode` is instantiated with a
// type that has no all-zero value.
extern crate cw as crosswire;

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize, Debug)]
enum State {
    Up = 1,
    Down = 2,
}

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize, Debug)]
#[crosswire(extensible)]
struct Generic<T> {
    flags: u32,
    #[crosswire(since = 2)]
    extra: T,
}

fn main() {
    // Fine: u8 has a zero.
    let _ = crosswire::from_bytes::<Generic<u8>>(&[4, 0, 0, 0, 1, 0, 0, 0]);
    let _ = crosswire::from_bytes::<Generic<State>>(&[4, 0, 0, 0, 1, 0, 0, 0]);
}
