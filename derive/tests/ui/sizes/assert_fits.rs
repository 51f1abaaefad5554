// `assert_fits!` checks a buffer size in the user's crate, at the macro's line, and under
// `cargo check` as well.
extern crate cw as crosswire;

#[derive(crosswire::Encode, crosswire::MaxSize)]
struct Triple {
    a: u64,
    b: u64,
    c: u64,
}

const BUF: usize = 8;
crosswire::assert_fits!(Triple, BUF);
crosswire::assert_fits!(Triple, 24);

fn main() {}
