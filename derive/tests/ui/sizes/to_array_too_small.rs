// A buffer smaller than MAX_SIZE: a post-monomorphization error (`cargo build`, not
// `cargo check`) that carries both sizes, with the caller's line in a note.
extern crate cw as crosswire;

#[derive(crosswire::Encode, crosswire::MaxSize)]
struct Triple {
    a: u64,
    b: u64,
    c: u64,
}

fn main() {
    let _ = crosswire::to_array::<_, 8>(&Triple { a: 1, b: 2, c: 3 });
}
