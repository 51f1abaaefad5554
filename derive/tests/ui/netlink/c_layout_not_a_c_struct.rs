use crosswire_derive::CLayout;

#[derive(CLayout)]
struct Tuple(u32, u16);

#[derive(CLayout)]
enum Flags {
    A,
}

#[derive(CLayout)]
#[nla(id = 1)]
struct Wrong {
    a: u32,
}

fn main() {}
