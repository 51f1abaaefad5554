extern crate cw as crosswire;

#[derive(crosswire::MaxSize)]
enum Twice {
    A = 1,
    B = 0,
    // Implicitly 1 again.
    C,
}

fn main() {}
