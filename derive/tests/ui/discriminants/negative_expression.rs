// A negated discriminant is rejected by the derive, literal or not: tags are unsigned.
extern crate cw as crosswire;

const GET: isize = 7;

#[derive(crosswire::MaxSize)]
enum Named {
    A = -GET,
    B = GET,
}

fn main() {}
