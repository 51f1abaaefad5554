//! Shared by the C tests and the `c_differential` fuzz target: the types, the differential
//! harness, the input generator. (`mod.rs`, as Cargo wants for a module of tests that is not
//! a test of its own, and so that `#[path]` finds its children from the fuzz crate too.)

#![allow(dead_code, reason = "each test uses a part")]

#[macro_use]
pub mod cases;
pub mod gen;
#[macro_use]
pub mod harness;
pub mod types;
