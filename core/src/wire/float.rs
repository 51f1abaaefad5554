//! `f32` and `f64`: their IEEE-754 bits as `u32`/`u64`, every bit pattern accepted
//! (spec §6). Only with the `float` feature: kernel code must not touch floating point.
//! Golden test: `s06_floats`.

use crate::{max_size::fixed_size, Decode, Encode, Error, MaxSize, Reader, Writer};

fixed_size! { f32 => 4, f64 => 8 }

macro_rules! float {
    ($($ty:ty => $bits:ty),*) => {$(
        /// IEEE-754 bits, little-endian (spec §6).
        impl Encode for $ty {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                self.to_bits().encode(w)
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                Self::MAX_SIZE
            }
        }

        /// IEEE-754 bits, little-endian; every bit pattern is accepted (spec §6).
        impl<'de> Decode<'de> for $ty {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                <$bits>::decode(r).map(<$ty>::from_bits)
            }
        }
    )*};
}

float!(f32 => u32, f64 => u64);

crate::schema::described! {
    f32 => crate::schema::Schema::Float { width: 4 },
    f64 => crate::schema::Schema::Float { width: 8 },
}
