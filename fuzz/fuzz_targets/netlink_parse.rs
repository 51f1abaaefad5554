//! `crosswire_fuzz_oracles::netlink_parse` under libFuzzer (see `docs/fuzzing.md`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crosswire_fuzz_oracles::netlink_parse(data));
