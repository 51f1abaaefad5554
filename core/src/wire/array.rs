//! Arrays `[T; N]`: the elements back to back, no length (spec §10.1). Runs of integers
//! and bytes are copied in one go (their `encode_slice`/`decode_slice`, in `int`).
//! Golden test: `s10_1_arrays`.

use crate::{__private, encode, Decode, Encode, Error, MaxSize, Reader, Writer};

impl<T: MaxSize, const N: usize> MaxSize for [T; N] {
    const MAX_SIZE: usize = __private::mul(N, T::MAX_SIZE);
    const FIXED_SIZE: bool = T::FIXED_SIZE || N == 0 || T::MAX_SIZE == 0;
    const ZERO_VALID: bool = T::ZERO_VALID || N == 0;
}

/// The elements back to back, no length (spec §10.1).
impl<T: Encode, const N: usize> Encode for [T; N] {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        T::encode_slice(self, w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        if T::FIXED_SIZE {
            Self::MAX_SIZE
        } else {
            encode::sum_len(self)
        }
    }
}

/// The elements back to back (spec §10.1).
///
/// Elements implement `Default`: without `unsafe` there is no way to build an array
/// element by element that can stop half-way, so the array starts as defaults and is
/// overwritten in place.
impl<'de, T: Decode<'de> + Default, const N: usize> Decode<'de> for [T; N] {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        T::decode_array(r)
    }

    #[inline]
    fn decode_in_place(&mut self, r: &mut Reader<'de>) -> Result<(), Error> {
        T::decode_slice(r, self)
    }
}

impl<T: crate::schema::Described, const N: usize> crate::schema::Described for [T; N] {
    const SCHEMA: &'static crate::schema::Schema = &crate::schema::Schema::Array {
        len: N,
        item: T::SCHEMA,
    };
}
