//! `Result<T, E>`: tag `0` then the `Ok` value, or tag `1` then the `Err` value; any other
//! tag is an error (spec §12.2). Golden test: `s12_2_result`.

use super::option::{read_tag, write_tag};
use crate::{__private, Decode, Encode, Error, MaxSize, Reader, Writer};

impl<T: MaxSize, E: MaxSize> MaxSize for Result<T, E> {
    const MAX_SIZE: usize = __private::add(1, __private::max(T::MAX_SIZE, E::MAX_SIZE));
    const FIXED_SIZE: bool = T::FIXED_SIZE && E::FIXED_SIZE && T::MAX_SIZE == E::MAX_SIZE;
    // Tag 0 is `Ok`.
    const ZERO_VALID: bool = T::ZERO_VALID;
}

/// Tag `0` then the `Ok` value, or tag `1` then the `Err` value (spec §12.2).
impl<T: Encode, E: Encode> Encode for Result<T, E> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        match self {
            Ok(v) => {
                write_tag(w, false)?;
                v.encode(w)
            }
            Err(e) => {
                write_tag(w, true)?;
                e.encode(w)
            }
        }
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        match self {
            Ok(v) => v.encoded_len(),
            Err(e) => e.encoded_len(),
        }
        .saturating_add(1)
    }
}

/// Tag `0` then `Ok`, tag `1` then `Err`; any other tag is an error (spec §12.2).
impl<'de, T: Decode<'de>, E: Decode<'de>> Decode<'de> for Result<T, E> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        match read_tag(r)? {
            false => T::decode(r).map(Ok),
            true => E::decode(r).map(Err),
        }
    }
}

impl<T: crate::schema::Described, E: crate::schema::Described> crate::schema::Described
    for Result<T, E>
{
    const SCHEMA: &'static crate::schema::Schema = &crate::schema::Schema::Result {
        ok: T::SCHEMA,
        err: E::SCHEMA,
    };
}
