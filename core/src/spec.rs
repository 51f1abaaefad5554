//! The wire format, version 1: `docs/wire-format.md` of the repository, included here so
//! that the specification travels with the crate.
#![doc = include_str!("../wire-format.md")]
