//! `Option<T>`: tag `0` for `None`; tag `1`, then the value; any other tag is an error
//! (spec §8). The same one-byte tag heads `Result` (§12.2). Golden test: `s08_option`.

use crate::{__private, Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer};

impl<T: MaxSize> MaxSize for Option<T> {
    const MAX_SIZE: usize = __private::add(1, T::MAX_SIZE);
    // `None` is shorter than `Some` unless `T` is empty.
    const FIXED_SIZE: bool = T::MAX_SIZE == 0;
}

/// Writes the one-byte tag of `Option` (`1` when `second`, for `Some`) or of `Result`
/// (`1` for `Err`).
#[inline]
pub(crate) fn write_tag(w: &mut Writer<'_>, second: bool) -> Result<(), Error> {
    w.write_u8(u8::from(second))
}

/// Reads the one-byte tag of `Option` or `Result`: `0` is `false` (`None`, `Ok`), `1` is
/// `true` (`Some`, `Err`), any other byte [`ErrorKind::InvalidTag`] at the tag.
#[inline]
pub(crate) fn read_tag(r: &mut Reader<'_>) -> Result<bool, Error> {
    let at = r.offset();
    tag_at(r.read_u8()?, at)
}

/// The rule of [`read_tag`] for a tag byte already read from offset `at`.
#[inline]
pub(crate) fn tag_at(tag: u8, at: usize) -> Result<bool, Error> {
    match tag {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(Error::new(ErrorKind::InvalidTag, at)),
    }
}

/// Tag `0`, or tag `1` then the value (spec §8).
impl<T: Encode> Encode for Option<T> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        match self {
            None => write_tag(w, false),
            Some(v) => {
                write_tag(w, true)?;
                v.encode(w)
            }
        }
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        match self {
            None => 1,
            Some(v) => v.encoded_len().saturating_add(1),
        }
    }
}

/// Tag `0` = `None`, tag `1` then the value; any other tag is an error (spec §8).
impl<'de, T: Decode<'de>> Decode<'de> for Option<T> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        match read_tag(r)? {
            false => Ok(None),
            true => T::decode(r).map(Some),
        }
    }
}

impl<T: crate::schema::Described> crate::schema::Described for Option<T> {
    const SCHEMA: &'static crate::schema::Schema =
        &crate::schema::Schema::Option { some: T::SCHEMA };
}
