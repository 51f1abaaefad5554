//! Encoding of the compound kinds: `Option`, `Result`, arrays, tuples and references
//! (spec §8, §10.1, §12.2).

use super::{add_len, sum_len};
use crate::{Encode, Error, MaxSize, Writer};

/// Tag `0`, or tag `1` then the value (spec §8).
impl<T: Encode> Encode for Option<T> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        match self {
            None => w.write_u8(0),
            Some(v) => {
                w.write_u8(1)?;
                v.encode(w)
            }
        }
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        match self {
            None => 1,
            Some(v) => add_len(1, v.encoded_len()),
        }
    }
}

/// Tag `0` then the `Ok` value, or tag `1` then the `Err` value (spec §12.2).
impl<T: Encode, E: Encode> Encode for Result<T, E> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        match self {
            Ok(v) => {
                w.write_u8(0)?;
                v.encode(w)
            }
            Err(e) => {
                w.write_u8(1)?;
                e.encode(w)
            }
        }
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        match self {
            Ok(v) => add_len(1, v.encoded_len()),
            Err(e) => add_len(1, e.encoded_len()),
        }
    }
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
            sum_len(self)
        }
    }
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

/// Fields in order, back to back (spec §12.1).
macro_rules! tuple_encode {
    ($($name:ident)+) => {
        #[allow(non_snake_case, reason = "the type parameters name the fields")]
        impl<$($name: Encode),+> Encode for ($($name,)+) {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                let ($($name,)+) = self;
                $($name.encode(w)?;)+
                Ok(())
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                let ($($name,)+) = self;
                0usize $(.saturating_add($name.encoded_len()))+
            }
        }
    };
}

crate::for_each_tuple!(tuple_encode);
