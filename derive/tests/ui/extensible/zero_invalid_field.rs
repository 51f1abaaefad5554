// A field added in a later version reads as zeros from an older sender: a type without an
// all-zero value is refused at compile time, at the field.
extern crate cw as crosswire;

use core::num::NonZeroU32;

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize, Debug)]
enum State {
    Up = 1,
    Down = 2,
}

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize, Debug)]
#[crosswire(extensible)]
struct Inner {
    id: u32,
}

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize, Debug)]
#[crosswire(extensible)]
struct Config {
    flags: u32,
    #[crosswire(since = 2)]
    state: State,
    #[crosswire(since = 2)]
    count: NonZeroU32,
    #[crosswire(since = 3)]
    inner: Inner,
    // Fine: None is the zero value.
    #[crosswire(since = 3)]
    maybe: Option<State>,
}

fn main() {}
