//! [`MaxSize`]: the compile-time bound on a type's encoded size (spec §2). Each type's
//! impl lives with its rule, in `wire` and `bounded`; the const arithmetic that the impls
//! and the derive compute it with is in `__private`.

/// The largest number of bytes any value of the type encodes to, known at compile time.
///
/// A message of type `T` always fits in `[u8; T::MAX_SIZE]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no finite crosswire `MAX_SIZE`: use a bounded type or implement `MaxSize`",
    label = "no compile-time bound on the encoded size of this type",
    note = "crosswire encodes only types whose size is bounded at compile time: `BoundedVec<T, N>` for `Vec<T>`, `BoundedString<N>` for `String`, `BoundedStr<'a, N>` for `&str`, `BoundedBytes<'a, N>` for `&[u8]`, `BoundedVec<(K, V), N>` for a map, `T` for `Box<T>`; feature `float` for `f32`/`f64`; or implement the trait"
)]
pub trait MaxSize {
    /// The largest encoded size of any value of this type, in bytes.
    const MAX_SIZE: usize;
    /// `true` when every value encodes to exactly `MAX_SIZE` bytes. Encoders use it to
    /// check the room for a whole value once instead of field by field.
    const FIXED_SIZE: bool = false;
}

/// Implements [`MaxSize`] for types whose every value takes the same number of bytes:
/// `fixed_size! { u32 => 4, bool => 1 }`. Used by the modules of `wire`.
macro_rules! fixed_size {
    ($($ty:ty => $size:expr),* $(,)?) => {$(
        impl $crate::MaxSize for $ty {
            const MAX_SIZE: usize = $size;
            const FIXED_SIZE: bool = true;
        }
    )*};
}

pub(crate) use fixed_size;
