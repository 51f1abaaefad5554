//! Decoding of the compound kinds: `Option`, `Result`, arrays and tuples
//! (spec §8, §10.1, §12.2).

use crate::{Decode, Error, ErrorKind, Reader};

/// Tag `0` = `None`, tag `1` then the value; any other tag is an error (spec §8).
impl<'de, T: Decode<'de>> Decode<'de> for Option<T> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        match r.read_u8()? {
            0 => Ok(None),
            1 => T::decode(r).map(Some),
            _ => Err(Error::new(ErrorKind::InvalidTag, at)),
        }
    }
}

/// Tag `0` then `Ok`, tag `1` then `Err`; any other tag is an error (spec §12.2).
impl<'de, T: Decode<'de>, E: Decode<'de>> Decode<'de> for Result<T, E> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        match r.read_u8()? {
            0 => T::decode(r).map(Ok),
            1 => E::decode(r).map(Err),
            _ => Err(Error::new(ErrorKind::InvalidTag, at)),
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

/// Fields in order, back to back (spec §12.1).
macro_rules! tuple_decode {
    ($($name:ident)+) => {
        impl<'de, $($name: Decode<'de>),+> Decode<'de> for ($($name,)+) {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                Ok(($($name::decode(r)?,)+))
            }
        }
    };
}

crate::for_each_tuple!(tuple_decode);
