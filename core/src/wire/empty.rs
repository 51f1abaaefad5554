//! The empty types, `()` and `PhantomData<T>`: nothing on the wire (spec §7). Unit
//! structs are the derive's. Golden test: `s07_empty_types`.

use core::marker::PhantomData;

use crate::{max_size::fixed_size, Decode, Encode, Error, MaxSize, Reader, Writer};

fixed_size! { () => 0 }

impl<T: ?Sized> MaxSize for PhantomData<T> {
    const MAX_SIZE: usize = 0;
    const FIXED_SIZE: bool = true;
}

macro_rules! empty {
    ($([$($generics:tt)*] $ty:ty => $value:expr),*) => {$(
        /// Nothing (spec §7).
        impl<$($generics)*> Encode for $ty {
            #[inline]
            fn encode(&self, _: &mut Writer<'_>) -> Result<(), Error> {
                Ok(())
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                0
            }
        }

        /// Nothing (spec §7).
        impl<'de, $($generics)*> Decode<'de> for $ty {
            #[inline]
            fn decode(_: &mut Reader<'de>) -> Result<Self, Error> {
                Ok($value)
            }
        }
    )*};
}

empty!([] () => (), [T: ?Sized] PhantomData<T> => PhantomData);

crate::schema::described! { () => crate::schema::Schema::Unit }

impl<T: ?Sized> crate::schema::Described for PhantomData<T> {
    const SCHEMA: &'static crate::schema::Schema = &crate::schema::Schema::Unit;
}
