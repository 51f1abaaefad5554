//! [`Be`]: big-endian integers for network-order fields (spec §3.3).
//! Golden test: `s03_3_big_endian`.

use crate::{Decode, Encode, Error, MaxSize, Reader, Writer};

/// An integer stored big-endian on the wire, for fields that protocols define in network
/// byte order (IP addresses, ports). The value inside is a native integer.
///
/// ```
/// use crosswire::Be;
/// let mut buf = [0u8; 2];
/// assert_eq!(crosswire::to_slice(&Be(0x1234u16), &mut buf).unwrap(), [0x12, 0x34]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Be<T>(pub T);

/// As wide as the integer inside.
impl<T: MaxSize> MaxSize for Be<T> {
    const MAX_SIZE: usize = T::MAX_SIZE;
    const FIXED_SIZE: bool = T::FIXED_SIZE;
    const ZERO_VALID: bool = T::ZERO_VALID;
}

impl<T: crate::MaxSizeBuf> crate::MaxSizeBuf for Be<T> {
    type Buf = T::Buf;
}

/// Fixed width, most significant byte first (spec §3.3).
macro_rules! big_endian {
    ($($ty:ty),*) => {$(
        impl Encode for Be<$ty> {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                w.write_array(self.0.to_be_bytes())
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                Self::MAX_SIZE
            }
        }

        impl<'de> Decode<'de> for Be<$ty> {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                r.read_array().map(|b| Be(<$ty>::from_be_bytes(b)))
            }
        }
    )*};
}

big_endian!(u16, u32, u64, u128, i16, i32, i64, i128);

/// The wire shape of a big-endian integer (spec §3.3).
const fn big_endian_schema(width: u8, signed: bool) -> crate::schema::Schema {
    crate::schema::Schema::Int {
        int: crate::schema::Int {
            big_endian: true,
            ..crate::schema::Int::new(width, signed)
        },
    }
}

crate::schema::described! {
    Be<u16> => big_endian_schema(2, false), Be<u32> => big_endian_schema(4, false),
    Be<u64> => big_endian_schema(8, false), Be<u128> => big_endian_schema(16, false),
    Be<i16> => big_endian_schema(2, true), Be<i32> => big_endian_schema(4, true),
    Be<i64> => big_endian_schema(8, true), Be<i128> => big_endian_schema(16, true),
}
