//! The traits behind the derive's compile errors. Field-type checks: the one error for a
//! field type without `MaxSize`. The `MaxSize` derive names `<T as Trait>::check` of one
//! of these traits for each field type `T`: the trait named for the type when the derive
//! recognises its name (`Vec`, `String`, `&str`, `f32` without `float`...), with a message
//! naming the fix, else `DeriveMaxSize`, which names the derive to add. Each holds for
//! every type with `MaxSize`, so a type of a recognised name that has it (a user's own
//! `String`) passes, and Rust reports the failed trait with its message, at the field
//! type. And `NoPadding`, the layout check of a `#[crosswire(plain)]` record.
//!
//! Public, and in a file of its own, so that the errors name these traits and their
//! source by a public path; not to be named or implemented by hand.

use crate::MaxSize;

macro_rules! hints {
    ($($(#[$doc:meta])* $trait:ident = $message:literal, $label:literal, $note:literal;)*) => {$(
        $(#[$doc])*
        #[diagnostic::on_unimplemented(message = $message, label = $label, note = $note)]
        pub trait $trait {
            /// Does nothing: the derive names it, which asks for the trait.
            fn check() {}
        }
        impl<T: MaxSize + ?Sized> $trait for T {}
    )*};
}

hints! {
    /// `Vec<T>`, `VecDeque<T>`.
    UseBoundedVec =
        "crosswire: a `Vec` has no bound on its length: use `crosswire::BoundedVec<T, N>` (at most N elements, stored inline), or with feature `alloc` `crosswire::HeapVec<T, N>` (a `Vec` of at most N)",
        "use `BoundedVec<T, N>` or `HeapVec<T, N>` here",
        "every crosswire type has a `MAX_SIZE`, the most bytes a value takes on the wire, known at compile time";
    /// `String`.
    UseBoundedString =
        "crosswire: a `String` has no bound on its length: use `crosswire::BoundedString<N>` (at most N bytes, stored inline), `BoundedStr<'a, N>` to borrow from the input, or with feature `alloc` `crosswire::HeapString<N>`",
        "use `BoundedString<N>` or `HeapString<N>` here",
        "every crosswire type has a `MAX_SIZE`, the most bytes a value takes on the wire, known at compile time";
    /// `HashMap`, `BTreeMap`, `HashSet`, `BTreeSet`.
    UseBoundedVecOfPairs =
        "crosswire: maps and sets have no bound on their length and no canonical order: use `crosswire::BoundedVec<(K, V), N>` (or `BoundedVec<K, N>` for a set), sorted by the sender",
        "use `BoundedVec<(K, V), N>` here",
        "every crosswire type has a `MAX_SIZE`, the most bytes a value takes on the wire, known at compile time";
    /// `Box<T>`, `Rc<T>`, `Arc<T>`.
    UseTheValue =
        "crosswire: a `Box`, `Rc` or `Arc` is not a wire type: use the value itself (`T`), which crosswire stores inline, or enable feature `alloc` for `Box<T>`",
        "use the boxed type itself here",
        "a pointer is meaningless to the peer: crosswire sends the value";
    /// `&str`, `&mut str`.
    UseBoundedStr =
        "crosswire: a `&str` has no bound on its length: use `crosswire::BoundedStr<'a, N>` (borrowed from the input, at most N bytes) or `BoundedString<N>`",
        "use `BoundedStr<'a, N>` here",
        "every crosswire type has a `MAX_SIZE`, the most bytes a value takes on the wire, known at compile time";
    /// `&[T]`, `&mut [T]`.
    UseBoundedBytes =
        "crosswire: a slice has no bound on its length: use `crosswire::BoundedBytes<'a, N>` for bytes (borrowed from the input) or `BoundedVec<T, N>`",
        "use `BoundedBytes<'a, N>` or `BoundedVec<T, N>` here",
        "every crosswire type has a `MAX_SIZE`, the most bytes a value takes on the wire, known at compile time";
    /// `f32`, `f64`.
    EnableFloat =
        "crosswire: `f32` and `f64` need crosswire's feature `float` (off by default: kernel code must not use floating point); enable it in Cargo.toml: crosswire = {{ features = [\"float\"] }}",
        "a float field needs feature `float`",
        "the feature changes no other type's encoding";
    /// Any other field type.
    DeriveMaxSize =
        "`{Self}` is not a crosswire wire type (no `MaxSize`): add `#[derive(Encode, Decode, MaxSize)]` to `{Self}`, or implement the traits",
        "add `#[derive(MaxSize)]` to `{Self}`",
        "crosswire encodes only types whose size is bounded at compile time: `BoundedVec<T, N>` (or `HeapVec<T, N>`, feature `alloc`) for `Vec<T>`, `BoundedString<N>` (or `HeapString<N>`) for `String`, `BoundedStr<'a, N>` for `&str`, `BoundedBytes<'a, N>` for `&[u8]`, `BoundedVec<(K, V), N>` for a map";
}

/// The size check of a `#[crosswire(plain)]` record `R`: holds when `MEMORY` (its size in
/// memory) is `WIRE` (its `MAX_SIZE`). The derive asks for it in a `where` clause, which
/// Rust checks before the bodies of the items that zerocopy's derives generate, so this is
/// the first error of a padded record.
#[diagnostic::on_unimplemented(
    message = "crosswire: plain record `{R}` is {MEMORY} bytes in memory but {WIRE} on the wire: it has padding; reorder or widen its fields, or use #[repr(C, packed)]",
    label = "padding in this record",
    note = "a plain record's memory is copied as its wire bytes, so it may have no padding"
)]
pub trait NoPadding<R: ?Sized, const MEMORY: usize, const WIRE: usize> {}

impl<R: ?Sized, const N: usize> NoPadding<R, N, N> for () {}
