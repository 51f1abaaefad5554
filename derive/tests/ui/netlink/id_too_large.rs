use crosswire_derive::NlaSet;

#[derive(NlaSet)]
struct Request {
    #[nla(id = 16384)]
    name: u32,
}

fn main() {}
