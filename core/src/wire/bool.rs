//! `bool`: one byte, `0` or `1`; any other byte is an error (spec §4).
//! Golden test: `s04_bool`.

use crate::{max_size::fixed_size, Decode, Encode, Error, ErrorKind, Reader, Writer};

fixed_size! { bool => 1 }

/// `0` or `1` (spec §4).
impl Encode for bool {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_u8(u8::from(*self))
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        1
    }
}

/// `0` or `1`; any other byte is [`ErrorKind::InvalidBool`] at that byte (spec §4).
impl<'de> Decode<'de> for bool {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        match r.read_u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Error::new(ErrorKind::InvalidBool, at)),
        }
    }
}

crate::schema::described! { bool => crate::schema::Schema::Bool }
