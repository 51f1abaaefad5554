//! The generated C header compiled and run: against the Rust codec (`differential`), on
//! the generator's corner cases (`probes`), and for forward-compatible enums
//! (`open_enum`). The sample module's header is `sample_header.rs`'s binary.

mod differential;
mod open_enum;
mod probes;
