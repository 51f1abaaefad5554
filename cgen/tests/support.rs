//! Shared by the C tests: the types, the differential harness, the input generator.

#![allow(dead_code, reason = "each test uses a part")]

pub mod gen;
#[macro_use]
pub mod harness;
pub mod types;
