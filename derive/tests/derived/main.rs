//! The derived impls at run time: golden bytes, bounds, attributes, in-place decoding,
//! versions, forward-compatible enums, property tests and schemas. One module per topic.
//! The runtime crate under another name is `renamed.rs`'s binary, which must not see it as
//! `crosswire`; plain records are `plain.rs`'s; compile errors are `ui.rs`'s.

// The dev-dependency is named `cw` (for `renamed.rs`); the derive's default paths say
// `crosswire`.
extern crate cw as crosswire;

mod bounds;
mod field_attributes;
mod golden;
mod hints;
mod in_place;
mod max_size_buf;
mod open_enum;
mod properties;
mod schema;
mod schema_open_enum;
mod versions;
