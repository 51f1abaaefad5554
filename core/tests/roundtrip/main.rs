//! Round trips and the properties that hold for every value: every impl round-trips
//! (`values`), decoding is canonical (`canonical`), decoding in place gives what
//! `from_bytes` gives (`in_place`), and the bounded containers behave like their `std`
//! counterparts (`containers`).
//!
//! proptest keeps the seeds of failures in `core/tests/proptest-regressions/<module>.txt`
//! (its default beside a `main.rs`: one folder for every test binary of the crate, a file
//! per module name), and replays them first.

mod canonical;
mod containers;
mod cstr;
#[cfg(feature = "alloc")]
mod heap;
mod in_place;
mod values;
