use crosswire_derive::NlaSet;

#[derive(NlaSet)]
#[nla(family = "nlctrl")]
struct Request {
    #[nla(id = 0)]
    a: u32,
    #[nla(id = 2, nested)]
    b: u32,
    #[nla(id = 3)]
    c: u32,
    #[nla(id = 3)]
    d: u32,
}

fn main() {}
