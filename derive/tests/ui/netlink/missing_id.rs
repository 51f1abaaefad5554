use crosswire_derive::NlaSet;

#[derive(NlaSet)]
struct Request {
    #[nla(id = 1)]
    name: u32,
    version: u32,
}

fn main() {}
