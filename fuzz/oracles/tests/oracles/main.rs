//! The fuzz oracles on the stable toolchain: the committed corpora and regression inputs
//! replayed (`corpus`), each oracle shown to fail on a broken type (`bite`), and the
//! reference decoder against crosswire on forward-compatible enums.

mod bite;
mod corpus;
mod reference_open_enum;
