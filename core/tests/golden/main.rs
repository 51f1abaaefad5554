//! Golden bytes for every section of docs/wire-format.md, one module per section, named as
//! the section's "Golden test:" line names it. A change to any expected byte here is a
//! format break (spec §16).
//!
//! A module pins its section: golden bytes, the errors with their offsets and, where a rule
//! covers every value (every bit pattern, every byte string), the rule checked on all of
//! them. Round trips are in `tests/roundtrip`, error offsets across sections in
//! `tests/errors`.

mod s02_max_size;
mod s03_1_integers;
mod s03_2_usize_isize;
mod s03_3_big_endian;
mod s03_4_nonzero;
mod s03_5_network_addresses;
#[cfg(feature = "bitflags")]
mod s03_6_bit_flags;
mod s04_bool;
mod s05_char;
#[cfg(feature = "float")]
mod s06_floats;
mod s07_empty_types;
mod s08_option;
mod s09_duration;
mod s10_1_arrays;
mod s10_2_bounded_sequences;
#[cfg(feature = "alloc")]
mod s10_3_heap;
mod s11_1_c_strings;
mod s11_bounded_strings;
mod s12_1_structs_and_tuples;
mod s12_2_result;
mod s12_3_enums;
mod s13_extensible_structs;
mod s14_error_order_and_offsets;
mod s17_1_catch_all;
mod s17_2_extensible_enums;
