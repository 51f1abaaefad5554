// An extensible enum's variant body has no first version: an older sender may leave out
// any field, which then reads as zeros. A field type without an all-zero value is refused
// at compile time, at the field.
extern crate cw as crosswire;

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize, Debug)]
enum State {
    Up = 1,
    Down = 2,
}

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize, Debug)]
#[crosswire(extensible)]
enum Event {
    Link { ifindex: u32, state: State },
    // Fine: None is the zero value.
    Gone(Option<State>),
    // The catch-all's fields are not a variant body.
    #[crosswire(other)]
    Unknown(u8),
}

fn main() {}
