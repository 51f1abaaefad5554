//! `crosswire_fuzz_oracles::plain_runs` under libFuzzer (see `docs/fuzzing.md`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crosswire_fuzz_oracles::plain_runs(data));
