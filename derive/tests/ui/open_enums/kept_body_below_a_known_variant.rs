// The catch-all keeps fewer bytes than `Link`'s body: a warning (here denied, so that the
// test sees it) that points at the body's type; the `Option` form, which skips such a
// body, and a capacity that holds every known variant raise none.
#![deny(deprecated)]

extern crate cw as crosswire;

use crosswire::{BoundedVec, Decode, Encode, MaxSize};

#[derive(Encode, Decode, MaxSize)]
#[crosswire(extensible)]
enum Small {
    Link { ifindex: u32, mtu: u32 },
    #[crosswire(other)]
    Unknown(u8, BoundedVec<u8, 4>),
}

#[derive(Encode, Decode, MaxSize)]
#[crosswire(extensible)]
enum Skips {
    Link { ifindex: u32, mtu: u32 },
    #[crosswire(other)]
    Unknown(u8, Option<BoundedVec<u8, 4>>),
}

#[derive(Encode, Decode, MaxSize)]
#[crosswire(extensible)]
enum Holds {
    Link { ifindex: u32, mtu: u32 },
    #[crosswire(other)]
    Unknown(u8, BoundedVec<u8, 8>),
}

#[derive(Encode, Decode, MaxSize)]
#[crosswire(extensible)]
#[allow(deprecated)]
enum Allowed {
    Link { ifindex: u32, mtu: u32 },
    #[crosswire(other)]
    Unknown(u8, BoundedVec<u8, 4>),
}

fn main() {}
