// Each std type without a `MaxSize`: the first error at the field names the bounded type
// to use instead.
extern crate cw as crosswire;

use std::{collections::HashMap, sync::Arc};

#[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
struct Config<'a> {
    ids: Vec<u32>,
    name: String,
    limits: HashMap<u8, u32>,
    parent: Box<u32>,
    shared: Arc<u8>,
    label: &'a str,
    raw: &'a [u8],
    nested: [Vec<u16>; 2],
}

fn main() {}
