use crosswire_derive::NlaSet;

#[derive(NlaSet)]
enum Request {
    Get,
}

#[derive(NlaSet)]
struct Generic<T> {
    #[nla(id = 1)]
    value: T,
}

fn main() {}
