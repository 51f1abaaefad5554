// `since` only on the wire fields of an extensible struct, from version 2 on, and never
// followed by a field of an earlier version.
extern crate cw as crosswire;

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
struct NotExtensible {
    #[crosswire(since = 2)]
    a: u8,
}

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
#[crosswire(extensible)]
struct Misordered {
    a: u8,
    #[crosswire(since = 3)]
    b: u8,
    #[crosswire(since = 2)]
    c: u8,
    d: u8,
}

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
#[crosswire(extensible)]
struct BadVersions {
    #[crosswire(since = 1)]
    a: u8,
    #[crosswire(since = "2")]
    b: u8,
    #[crosswire(skip, since = 2)]
    c: u8,
}

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
enum Variant {
    A(#[crosswire(since = 2)] u8),
}

fn main() {}
