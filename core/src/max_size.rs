//! [`MaxSize`]: the compile-time bound on a type's encoded size (spec §2).

use core::{marker::PhantomData, num, time::Duration};

use crate::{
    __private::{add, max, mul},
    Be,
};

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

macro_rules! fixed_size {
    ($($ty:ty => $size:expr),* $(,)?) => {$(
        impl MaxSize for $ty {
            const MAX_SIZE: usize = $size;
            const FIXED_SIZE: bool = true;
        }
    )*};
}

fixed_size! {
    u8 => 1, u16 => 2, u32 => 4, u64 => 8, u128 => 16, usize => 8,
    i8 => 1, i16 => 2, i32 => 4, i64 => 8, i128 => 16, isize => 8,
    bool => 1, char => 4, () => 0, Duration => 12,
    num::NonZeroU8 => 1, num::NonZeroU16 => 2, num::NonZeroU32 => 4,
    num::NonZeroU64 => 8, num::NonZeroU128 => 16, num::NonZeroUsize => 8,
    num::NonZeroI8 => 1, num::NonZeroI16 => 2, num::NonZeroI32 => 4,
    num::NonZeroI64 => 8, num::NonZeroI128 => 16, num::NonZeroIsize => 8,
}

#[cfg(feature = "float")]
fixed_size! { f32 => 4, f64 => 8 }

impl<T: ?Sized> MaxSize for PhantomData<T> {
    const MAX_SIZE: usize = 0;
    const FIXED_SIZE: bool = true;
}

impl<T: MaxSize + ?Sized> MaxSize for &T {
    const MAX_SIZE: usize = T::MAX_SIZE;
    const FIXED_SIZE: bool = T::FIXED_SIZE;
}

impl<T: MaxSize> MaxSize for Be<T> {
    const MAX_SIZE: usize = T::MAX_SIZE;
    const FIXED_SIZE: bool = T::FIXED_SIZE;
}

impl<T: MaxSize> MaxSize for Option<T> {
    const MAX_SIZE: usize = add(1, T::MAX_SIZE);
    // `None` is shorter than `Some` unless `T` is empty.
    const FIXED_SIZE: bool = T::FIXED_SIZE && T::MAX_SIZE == 0;
}

impl<T: MaxSize, E: MaxSize> MaxSize for Result<T, E> {
    const MAX_SIZE: usize = add(1, max(T::MAX_SIZE, E::MAX_SIZE));
    const FIXED_SIZE: bool = T::FIXED_SIZE && E::FIXED_SIZE && T::MAX_SIZE == E::MAX_SIZE;
}

impl<T: MaxSize, const N: usize> MaxSize for [T; N] {
    const MAX_SIZE: usize = mul(N, T::MAX_SIZE);
    const FIXED_SIZE: bool = T::FIXED_SIZE || N == 0;
}

macro_rules! tuple_max_size {
    ($($name:ident)+) => {
        impl<$($name: MaxSize),+> MaxSize for ($($name,)+) {
            const MAX_SIZE: usize = {
                let mut sum = 0;
                $(sum = add(sum, $name::MAX_SIZE);)+
                sum
            };
            const FIXED_SIZE: bool = true $(&& $name::FIXED_SIZE)+;
        }
    };
}

crate::for_each_tuple!(tuple_max_size);
