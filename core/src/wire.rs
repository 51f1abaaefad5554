//! The rules of wire format v1, one module per section of `docs/wire-format.md`.
//!
//! Each module holds every trait of the types its section describes ([`MaxSize`],
//! [`Encode`] and [`Decode`] side by side), names the section it implements, and is pinned
//! by the golden test of the same number in `core/tests/golden.rs` (`s03_1_integers` for
//! §3.1, ...). The serde bridge calls these impls rather than restating them.
//!
//! | section | kind | module |
//! | --- | --- | --- |
//! | §3.1, §3.2, §3.4 | integers, `usize`/`isize`, `NonZero` | [`int`] |
//! | §3.3 | big-endian integers ([`Be`](crate::Be)) | [`be`] |
//! | §3.5 | IP and socket addresses (`core::net`) | [`net`] |
//! | §4 | `bool` | [`bool`](self::bool) |
//! | §5 | `char` | [`char`](self::char) |
//! | §6 | `f32`, `f64` (feature `float`) | [`float`] |
//! | §7 | `()`, `PhantomData` | [`empty`] |
//! | §8 | `Option<T>` | [`option`] |
//! | §9 | `Duration` | [`duration`] |
//! | §10.1 | arrays | [`array`] |
//! | §10.2, §11 | crosswire's bounded types | `crate::bounded` (one file per type) |
//! | §10.3 | `HeapVec`, `HeapString`, `Box` (feature `alloc`) | `alloc_types` |
//! | §11.1 | C strings ([`BoundedCStr`](crate::BoundedCStr)) | [`cstr`] |
//! | §10.2, §11 | heapless and arrayvec containers | [`external`] |
//! | §12.1 | tuples (structs: the derive) | [`tuple`] |
//! | §12.2 | `Result<T, E>` | [`result`] |
//! | §12.3 | enums | the derive (`crosswire-derive`) |
//! | §13 | extensible structs | `crate::extensible` |
//!
//! `&T` encodes as the `T` it points to ([`reference`]).
//!
//! [`MaxSize`]: crate::MaxSize
//! [`Encode`]: crate::Encode
//! [`Decode`]: crate::Decode

#[cfg(feature = "alloc")]
pub(crate) mod alloc_types;
pub(crate) mod array;
pub(crate) mod be;
pub(crate) mod bool;
pub(crate) mod char;
pub(crate) mod cstr;
pub(crate) mod duration;
pub(crate) mod empty;
pub(crate) mod external;
#[cfg(feature = "float")]
pub(crate) mod float;
pub(crate) mod int;
pub(crate) mod net;
pub(crate) mod option;
pub(crate) mod reference;
pub(crate) mod result;
pub(crate) mod tuple;
