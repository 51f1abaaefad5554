//! The serde bridge (`crosswire::serde`, feature `serde`, `docs/serde.md`): golden bytes of
//! serde's data model (`golden`), crosswire's own types through serde (`crosswire_types`),
//! the bridge against the derive (`differential`), and owned collections with hostile
//! lengths (`alloc`).
#![cfg(feature = "serde")]

mod alloc;
mod crosswire_types;
mod differential;
mod golden;
