extern crate cw as crosswire;

const GET: isize = 7;

#[derive(crosswire::MaxSize)]
enum Named {
    A = GET,
}

fn main() {}
