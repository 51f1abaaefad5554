//! The generated C codec against the Rust codec (`cdiff::check`): same acceptance, same
//! consumed length, same re-encoding, same error kind and offset, same `BufferFull`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| crosswire_fuzz_cdiff::check(data));
