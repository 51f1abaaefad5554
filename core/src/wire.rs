//! The rules of wire format v1, one module per section of `docs/wire-format.md`.
//!
//! Each module holds every trait of the types its section describes ([`MaxSize`],
//! [`Encode`] and [`Decode`] side by side), names the section it implements, and is pinned
//! by the golden test module of the same number in `core/tests/golden/` (`s03_1_integers.rs`
//! for §3.1, ...). The serde bridge calls these impls rather than restating them. The
//! sections that have public items of their own (`bitflags`, `bounded`, `extensible`,
//! `open_enum`) are re-exported at the crate root under their names.
//!
//! | section | kind | module |
//! | --- | --- | --- |
//! | §3.1, §3.2, §3.4 | integers, `usize`/`isize`, `NonZero` | [`int`] |
//! | §3.3 | big-endian integers ([`Be`](crate::Be)) | [`be`] |
//! | §3.5 | IP and socket addresses (`core::net`) | [`net`] |
//! | §3.6 | bit flags (feature `bitflags`) | [`bitflags`] (public: `crosswire::bitflags`) |
//! | §4 | `bool` | [`bool`](self::bool) |
//! | §5 | `char` | [`char`](self::char) |
//! | §6 | `f32`, `f64` (feature `float`) | [`float`] |
//! | §7 | `()`, `PhantomData` | [`empty`] |
//! | §8 | `Option<T>` | [`option`] |
//! | §9 | `Duration` | [`duration`] |
//! | §10.1 | arrays | [`array`] |
//! | §10.2, §11 | bounded sequences and strings: crosswire's (one file per type), heapless's and arrayvec's (`bounded/external.rs`) | [`bounded`] (public: `crosswire::bounded`) |
//! | §10.3 | `HeapVec`, `HeapString`, `Box` (feature `alloc`) | `heap` |
//! | §11.1 | C strings ([`BoundedCStr`](crate::BoundedCStr)) | `bounded/cstr.rs` |
//! | §12.1 | tuples (structs: the derive) | [`tuple`] |
//! | §12.2 | `Result<T, E>` | [`result`] |
//! | §12.3 | enums | the derive (`crosswire-derive`) |
//! | §13 | extensible structs | [`extensible`] (public: `crosswire::extensible`) |
//! | §17 | forward-compatible enums | [`open_enum`] (public: `crosswire::open_enum`), and the derive |
//!
//! `&T` encodes as the `T` it points to ([`reference`]).
//!
//! [`MaxSize`]: crate::MaxSize
//! [`Encode`]: crate::Encode
//! [`Decode`]: crate::Decode

pub(crate) mod array;
pub(crate) mod be;
#[cfg(feature = "bitflags")]
pub mod bitflags;
pub(crate) mod bool;
pub mod bounded;
pub(crate) mod char;
pub(crate) mod duration;
pub(crate) mod empty;
pub mod extensible;
#[cfg(feature = "float")]
pub(crate) mod float;
#[cfg(feature = "alloc")]
pub(crate) mod heap;
pub(crate) mod int;
pub(crate) mod net;
pub mod open_enum;
pub(crate) mod option;
pub(crate) mod reference;
pub(crate) mod result;
pub(crate) mod tuple;
