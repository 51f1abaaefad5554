//! [`Deserializer`]: wire format v1 read into serde's data model (`docs/serde.md` §2).
//!
//! The format is not self-describing: every method reads what the type asks for, and
//! the requests that need the bytes to say what they are (`deserialize_any`, identifiers,
//! `deserialize_ignored_any`) are [`ErrorKind::Unsupported`].

use ::serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::locate;
use crate::{bounded, wire::option, Decode, Error, ErrorKind, Reader};

/// A serde `Deserializer` that reads wire format v1 through a crosswire [`Reader`],
/// borrowing `&str` and `&[u8]` from the input.
///
/// Use `&mut Deserializer` as the deserializer: `T::deserialize(&mut de)`. Values nest at
/// most [`MAX_DEPTH`](super::MAX_DEPTH) deep.
#[derive(Clone, Debug)]
pub struct Deserializer<'de> {
    r: Reader<'de>,
    /// How many more levels of nesting the input may open.
    depth_left: usize,
}

impl<'de> Deserializer<'de> {
    /// A deserializer over `input`, with offsets counted from its first byte.
    #[inline]
    pub fn new(input: &'de [u8]) -> Self {
        Deserializer::from_reader(Reader::new(input))
    }

    /// A deserializer that continues where `r` stands.
    #[inline]
    pub fn from_reader(r: Reader<'de>) -> Self {
        Deserializer {
            r,
            depth_left: super::MAX_DEPTH,
        }
    }

    /// The reader, positioned after everything deserialized so far.
    #[inline]
    pub fn into_reader(self) -> Reader<'de> {
        self.r
    }

    /// The input not read yet.
    #[inline]
    pub fn rest(&self) -> &'de [u8] {
        self.r.rest()
    }

    /// Succeeds when the whole input was read; otherwise [`ErrorKind::TrailingBytes`].
    #[inline]
    pub fn finish(&self) -> Result<(), Error> {
        self.r.finish()
    }

    /// The request has no answer in this format (`docs/serde.md` §3).
    #[cold]
    fn unsupported(&self) -> Error {
        self.r.error(ErrorKind::Unsupported)
    }

    /// Runs `f` one level of nesting deeper (a sequence, tuple, struct, map, `Some`, newtype
    /// or enum variant opened at `at`), or fails with [`ErrorKind::TooDeep`] there: a
    /// recursive type (`Box<List>`) must not let the input choose how deep the stack goes.
    #[inline]
    fn nested<T>(
        &mut self,
        at: usize,
        f: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let Some(left) = self.depth_left.checked_sub(1) else {
            return Err(Error::new(ErrorKind::TooDeep, at));
        };
        self.depth_left = left;
        let result = f(self);
        self.depth_left = left.saturating_add(1);
        result
    }

    /// Hands `len` back-to-back values to `visitor` (spec §10, §12), then checks that it
    /// took them all: a visitor that stopped early would leave the rest to be misread as
    /// whatever comes next.
    #[inline]
    fn seq<V: Visitor<'de>>(
        &mut self,
        at: usize,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.counted(at, len, |access| visitor.visit_seq(access))
    }

    /// Runs `visit` over `len` counted values (the collection starts at `at`); a visitor that
    /// stops before the count is used up leaves `TrailingBytes`.
    #[inline]
    fn counted<T>(
        &mut self,
        at: usize,
        len: usize,
        visit: impl FnOnce(&mut Counted<'_, 'de>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.nested(at, |de| {
            let mut access = Counted { de, left: len };
            let value = visit(&mut access).map_err(|e| locate(e, at))?;
            if access.left == 0 {
                Ok(value)
            } else {
                Err(Error::new(ErrorKind::TrailingBytes, at))
            }
        })
    }
}

/// Integers fixed-width little-endian (spec §3).
macro_rules! deserialize_int {
    ($($method:ident => $visit:ident: $ty:ty),*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let at = self.r.offset();
            let v = <$ty>::decode(&mut self.r)?;
            visitor.$visit(v).map_err(|e| locate(e, at))
        }
    )*};
}

/// Floats from their IEEE-754 bits (spec §6), only with the `float` feature.
macro_rules! deserialize_float {
    ($($method:ident => $visit:ident: $ty:ty, $bits:ty),*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            #[cfg(feature = "float")]
            {
                let at = self.r.offset();
                let v = <$ty>::decode(&mut self.r)?;
                visitor.$visit(v).map_err(|e| locate(e, at))
            }
            #[cfg(not(feature = "float"))]
            {
                let _ = visitor;
                Err(self.unsupported())
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    deserialize_int!(
        deserialize_i8 => visit_i8: i8, deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32, deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128, deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16, deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64, deserialize_u128 => visit_u128: u128
    );

    deserialize_float!(
        deserialize_f32 => visit_f32: f32, u32,
        deserialize_f64 => visit_f64: f64, u64
    );

    /// The bytes do not say what they are.
    #[cold]
    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(self.unsupported())
    }

    /// `0` or `1`; any other byte is an error (spec §4).
    #[inline]
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.offset();
        let v = bool::decode(&mut self.r)?;
        visitor.visit_bool(v).map_err(|e| locate(e, at))
    }

    /// A `u32` that must be a Unicode scalar value (spec §5).
    #[inline]
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.offset();
        let v = char::decode(&mut self.r)?;
        visitor.visit_char(v).map_err(|e| locate(e, at))
    }

    /// `u32` length, then UTF-8, borrowed from the input (spec §11).
    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.offset();
        let v = bounded::decode_str(&mut self.r, usize::MAX)?;
        visitor.visit_borrowed_str(v).map_err(|e| locate(e, at))
    }

    /// As `deserialize_str`: the visitor copies if it must own.
    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    /// `u32` length, then the bytes, borrowed from the input (spec §10.2). The length is
    /// checked against the input before the visitor sees anything.
    #[inline]
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.offset();
        let v = bounded::decode_bytes(&mut self.r, usize::MAX)?;
        visitor.visit_borrowed_bytes(v).map_err(|e| locate(e, at))
    }

    /// As `deserialize_bytes`.
    #[inline]
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    /// Tag `0` = `None`, tag `1` then the value; any other tag is an error (spec §8).
    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.offset();
        match option::tag_at(self.r.read_u8()?, at)? {
            false => visitor.visit_none(),
            true => self.nested(at, |de| visitor.visit_some(de)),
        }
        .map_err(|e| locate(e, at))
    }

    /// Nothing (spec §7).
    #[inline]
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.offset();
        visitor.visit_unit().map_err(|e| locate(e, at))
    }

    /// Nothing (spec §7).
    #[inline]
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    /// Transparent: as the inner value.
    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let at = self.r.offset();
        self.nested(at, |de| visitor.visit_newtype_struct(de))
            .map_err(|e| locate(e, at))
    }

    /// `u32` count, then the elements (spec §10.2). The visitor's `size_hint` is the count
    /// capped by the bytes left, so no visitor preallocates for a length the input cannot
    /// hold.
    #[inline]
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.offset();
        let len = self.r.read_len(usize::MAX)?;
        self.seq(at, len, visitor)
    }

    /// The elements back to back (spec §10.1, §12.1).
    #[inline]
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.offset();
        self.seq(at, len, visitor)
    }

    /// The fields back to back (spec §12.1).
    #[inline]
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_tuple(len, visitor)
    }

    /// `u32` count of entries, then key, value, key, value... (`docs/serde.md` §2).
    #[inline]
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.r.offset();
        let len = self.r.read_len(usize::MAX)?;
        self.counted(at, len, |access| visitor.visit_map(access))
    }

    /// The fields back to back, in declaration order, no names (spec §12.1).
    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_tuple(fields.len(), visitor)
    }

    /// The `u8` tag, which must name one of `variants`, then the variant's fields
    /// (spec §12.3). An enum of more than 256 variants has no wire form.
    #[inline]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let at = self.r.offset();
        if variants.len() > 256 {
            return Err(self.unsupported());
        }
        let tag = u8::decode(&mut self.r)?;
        if usize::from(tag) >= variants.len() {
            return Err(Error::new(ErrorKind::InvalidTag, at));
        }
        self.nested(at, |de| visitor.visit_enum(Enum { de, tag }))
            .map_err(|e| locate(e, at))
    }

    /// Fields and variants are named by position, never by name.
    #[cold]
    fn deserialize_identifier<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(self.unsupported())
    }

    /// Skipping needs to know the type of what is skipped.
    #[cold]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(self.unsupported())
    }

    #[inline]
    fn is_human_readable(&self) -> bool {
        false
    }
}

/// `left` more values back to back: the elements of a sequence, or the keys and values of a
/// map (each key counts one entry).
struct Counted<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    left: usize,
}

impl<'de> Counted<'_, 'de> {
    /// The next counted value, or `None` once the count is used up.
    #[inline]
    fn next<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        match self.left.checked_sub(1) {
            None => Ok(None),
            Some(left) => {
                self.left = left;
                seed.deserialize(&mut *self.de).map(Some)
            }
        }
    }

    /// Never more than the bytes left: each value but the empty ones takes at least one.
    #[inline]
    fn bounded_hint(&self) -> Option<usize> {
        Some(self.left.min(self.de.r.remaining()))
    }
}

impl<'de> de::SeqAccess<'de> for Counted<'_, 'de> {
    type Error = Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.next(seed)
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        self.bounded_hint()
    }
}

impl<'de> de::MapAccess<'de> for Counted<'_, 'de> {
    type Error = Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        self.next(seed)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.de)
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        self.bounded_hint()
    }
}

/// An enum whose tag has been read and checked.
struct Enum<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    tag: u8,
}

impl<'a, 'de> de::EnumAccess<'de> for Enum<'a, 'de> {
    type Error = Error;
    type Variant = Self;

    /// The variant is identified by its index, which serde's derive accepts as an integer.
    #[inline]
    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let index: de::value::U32Deserializer<Error> = u32::from(self.tag).into_deserializer();
        let value = seed.deserialize(index)?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Enum<'_, 'de> {
    type Error = Error;

    /// Nothing follows the tag.
    #[inline]
    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    /// The value follows the tag.
    #[inline]
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(&mut *self.de)
    }

    /// The fields follow the tag, back to back.
    #[inline]
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        let at = self.de.r.offset();
        self.de.seq(at, len, visitor)
    }

    /// The fields follow the tag, back to back, no names.
    #[inline]
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let at = self.de.r.offset();
        self.de.seq(at, fields.len(), visitor)
    }
}
