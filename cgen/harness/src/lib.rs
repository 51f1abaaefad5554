//! The C differential's shared parts, for `crosswire-cgen`'s tests and the `c_differential`
//! fuzz target: the types covering every rule of the wire format, the harness that runs the
//! generated C codec against the Rust one, and the input generator.

pub mod cases;
pub mod gen;
pub mod harness;
pub mod types;
