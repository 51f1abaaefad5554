//! The message layer both sides of the border share: the buffer rule, the read-once
//! request, the size-versioning rules, versions across the border and the errno table.

mod errno_map;
mod layer;
mod request_in_place;
mod versioned;
mod versions_across;
