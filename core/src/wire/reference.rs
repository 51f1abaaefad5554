//! `&T` encodes as the `T` it points to, so that messages can hold borrowed parts.

use crate::{Encode, Error, MaxSize, Writer};

impl<T: MaxSize + ?Sized> MaxSize for &T {
    const MAX_SIZE: usize = T::MAX_SIZE;
    const FIXED_SIZE: bool = T::FIXED_SIZE;
}

impl<T: crate::MaxSizeBuf + ?Sized> crate::MaxSizeBuf for &T {
    type Buf = T::Buf;
}

/// As the value it points to.
impl<T: Encode + ?Sized> Encode for &T {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        (**self).encode(w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        (**self).encoded_len()
    }
}

impl<T: crate::schema::Described + ?Sized> crate::schema::Described for &T {
    const SCHEMA: &'static crate::schema::Schema = T::SCHEMA;
}
