use crosswire_derive::NlaSet;

#[derive(NlaSet)]
struct Request {
    #[nla(id = 1)]
    name: u32,
    #[nla(id = 2)]
    version: u32,
    #[nla(id = 1)]
    again: u32,
}

fn main() {}
