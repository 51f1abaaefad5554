// Floats need crosswire's feature `float`: the error says so, rather than "no MAX_SIZE".
extern crate cw as crosswire;

#[derive(crosswire::Encode, crosswire::MaxSize)]
struct Reading {
    sensor: u8,
    celsius: f32,
    history: [f64; 4],
}

fn main() {}
