//! `char`: its scalar value as a `u32`, which must be a Unicode scalar value (spec §5).
//! Golden test: `s05_char`.

use crate::{max_size::fixed_size, Decode, Encode, Error, ErrorKind, Reader, Writer};

fixed_size! { char => 4 }

/// The scalar value as `u32` (spec §5).
impl Encode for char {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        u32::from(*self).encode(w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        4
    }
}

/// A `u32` that must be a Unicode scalar value, else [`ErrorKind::InvalidChar`] at its
/// first byte (spec §5).
impl<'de> Decode<'de> for char {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        let raw = u32::decode(r)?;
        char::from_u32(raw).ok_or(Error::new(ErrorKind::InvalidChar, at))
    }
}

crate::schema::described! { char => crate::schema::Schema::Char }
