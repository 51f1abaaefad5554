//! `crosswire_fuzz_oracles::ring_image` under libFuzzer (see `docs/fuzzing.md`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crosswire_fuzz_oracles::ring_image(data));
