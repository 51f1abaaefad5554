use crosswire_derive::NlaSet;

#[derive(NlaSet)]
struct Request {
    #[nla(id = 1)]
    name: u32,
    #[nla(id = 0)]
    unspec: u32,
}

fn main() {}
