// A capacity the u32 length cannot express: the error names the capacity and the cause,
// not an overflow of usize.
extern crate cw as crosswire;

use crosswire::{BoundedVec, MaxSize};

#[derive(MaxSize)]
struct Huge {
    samples: BoundedVec<u64, 1_000_000_000_000>,
}

fn main() {
    let _ = Huge::MAX_SIZE;
}
