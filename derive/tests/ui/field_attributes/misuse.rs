extern crate cw as crosswire;

/// A skipped field must implement `Default`: the error is at the field's type.
#[derive(crosswire::Decode, crosswire::MaxSize)]
struct NoDefault {
    id: u32,
    #[crosswire(skip)]
    handle: std::fs::File,
}

/// One of `skip` and `with`, once; `with` takes a path.
#[derive(crosswire::MaxSize)]
struct Conflicting {
    #[crosswire(skip, with = "codec")]
    a: u32,
    #[crosswire(with = "not a path")]
    b: u32,
    #[crosswire(with)]
    c: u32,
}

fn main() {}
