//! [`MaxSize`]: the compile-time bound on a type's encoded size (spec §2), and the const
//! arithmetic that computes it. Each type's impl lives with its rule, in `wire` and
//! `bounded`.

/// The largest number of bytes any value of the type encodes to, known at compile time.
///
/// A message of type `T` always fits in `[u8; T::MAX_SIZE]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no finite crosswire `MAX_SIZE`",
    label = "no compile-time bound on the encoded size of this type",
    note = "crosswire encodes only types whose size is bounded at compile time: use a bounded \
            type such as `BoundedVec<T, N>`, `BoundedString<N>`, `BoundedBytes<'a, N>` or \
            `BoundedStr<'a, N>`, or implement `MaxSize` for it"
)]
pub trait MaxSize {
    /// The largest encoded size of any value of this type, in bytes.
    const MAX_SIZE: usize;
    /// `true` when every value encodes to exactly `MAX_SIZE` bytes. Encoders use it to
    /// check the room for a whole value once instead of field by field.
    const FIXED_SIZE: bool = false;
}

/// `a + b` for `MAX_SIZE` arithmetic; overflow stops compilation.
#[doc(hidden)]
pub const fn add(a: usize, b: usize) -> usize {
    match a.checked_add(b) {
        Some(sum) => sum,
        None => const_overflow(),
    }
}

/// `a * b` for `MAX_SIZE` arithmetic; overflow stops compilation.
#[doc(hidden)]
pub const fn mul(a: usize, b: usize) -> usize {
    match a.checked_mul(b) {
        Some(product) => product,
        None => const_overflow(),
    }
}

/// The larger of `a` and `b`, for enum `MAX_SIZE` arithmetic.
#[doc(hidden)]
pub const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

#[expect(
    clippy::panic,
    reason = "only ever evaluated at compile time, where it is a build error"
)]
const fn const_overflow() -> usize {
    panic!("crosswire: MAX_SIZE overflows usize")
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

/// `MAX_SIZE` of a bounded sequence: the `u32` length, then up to `capacity` elements
/// (spec §10.2). A capacity the `u32` length cannot express stops compilation.
#[doc(hidden)]
pub const fn bounded_max_size(capacity: usize, element: usize) -> usize {
    if capacity > 0xFFFF_FFFF {
        return const_overflow();
    }
    add(4, mul(capacity, element))
}

/// `FIXED_SIZE` of a bounded sequence (spec §2): every value is its `u32` length alone when
/// no element can take a byte, the capacity is 0 or the elements are empty types.
#[doc(hidden)]
pub const fn bounded_fixed_size(capacity: usize, element: usize) -> bool {
    capacity == 0 || element == 0
}
