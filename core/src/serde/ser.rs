//! [`Serializer`]: serde's data model written in wire format v1 (`docs/serde.md` §2).

use core::fmt::{self, Display};

use ::serde::ser::{self, Serialize};

use super::locate;
use crate::{bounded, wire::option, Encode, Error, ErrorKind, Writer};

/// A serde `Serializer` that writes wire format v1 through a crosswire [`Writer`].
///
/// Use `&mut Serializer` as the serializer: `value.serialize(&mut ser)`.
#[derive(Debug)]
pub struct Serializer<'a> {
    w: Writer<'a>,
}

impl<'a> Serializer<'a> {
    /// A serializer that fills `buf` from its start.
    #[inline]
    pub fn new(buf: &'a mut [u8]) -> Self {
        Serializer {
            w: Writer::new(buf),
        }
    }

    /// A serializer that continues where `w` stands.
    #[inline]
    pub fn from_writer(w: Writer<'a>) -> Self {
        Serializer { w }
    }

    /// The writer, positioned after everything serialized so far.
    #[inline]
    pub fn into_writer(self) -> Writer<'a> {
        self.w
    }

    /// How many bytes have been written so far.
    #[inline]
    pub fn written(&self) -> usize {
        self.w.written()
    }

    /// An error of `kind` at the current output offset.
    #[cold]
    fn error(&self, kind: ErrorKind) -> Error {
        Error::new(kind, self.w.written())
    }

    /// An enum's variant index as its `u8` tag (spec §12.3); an index above 255 has no
    /// wire form.
    #[inline]
    fn tag(&mut self, index: u32) -> Result<(), Error> {
        match u8::try_from(index) {
            Ok(tag) => self.w.write_u8(tag),
            Err(_) => Err(self.error(ErrorKind::Unsupported)),
        }
    }

    /// Serializes a nested value, giving errors from its serde impl this offset.
    #[inline]
    fn nested<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let at = self.w.written();
        value.serialize(&mut *self).map_err(|e| locate(e, at))
    }

    /// Starts a sequence or map: the `u32` count now when it is known, otherwise a slot
    /// that [`Compound::end`] fills in once the elements have been counted.
    #[inline]
    fn counted(&mut self, len: Option<usize>) -> Result<Compound<'_, 'a>, Error> {
        let slot = match len {
            Some(len) => {
                let at = self.w.written();
                self.w.write_len(len)?;
                // `write_len` accepted it, so it fits a `u32`.
                let len =
                    u32::try_from(len).map_err(|_| Error::new(ErrorKind::InvalidValue, at))?;
                LenSlot::Written { len, at }
            }
            None => LenSlot::Reserved(self.w.reserve_array::<4>()?),
        };
        Ok(Compound {
            ser: self,
            count: Some(Count { slot, count: 0 }),
        })
    }

    /// Starts a tuple, struct or variant body: fields back to back, no count.
    #[inline]
    fn fields(&mut self) -> Compound<'_, 'a> {
        Compound {
            ser: self,
            count: None,
        }
    }
}

/// Where a sequence's or map's `u32` count goes.
#[derive(Debug)]
enum LenSlot<'a> {
    /// Written up front at offset `at`; the elements must number `len`.
    Written { len: u32, at: usize },
    /// Four bytes reserved up front, filled in at the end (`len: None` from serde).
    Reserved(&'a mut [u8; 4]),
}

/// The element count of a sequence or map being serialized.
#[derive(Debug)]
struct Count<'a> {
    slot: LenSlot<'a>,
    count: u32,
}

/// The serializer of serde's compound kinds: sequences and maps (counted, spec §10.2) and
/// tuples, structs and variant bodies (fields back to back, spec §12).
#[derive(Debug)]
pub struct Compound<'s, 'a> {
    ser: &'s mut Serializer<'a>,
    count: Option<Count<'a>>,
}

impl Compound<'_, '_> {
    /// Counts one element of a sequence or one entry of a map.
    #[inline]
    fn bump(&mut self) -> Result<(), Error> {
        if let Some(c) = &mut self.count {
            c.count = match c.count.checked_add(1) {
                Some(n) => n,
                None => return Err(self.ser.error(ErrorKind::InvalidValue)),
            };
        }
        Ok(())
    }

    /// Ends the value: fills in a reserved count, or checks that serde's announced length
    /// was the truth (a wrong count would make the bytes undecodable).
    #[inline]
    fn end(self) -> Result<(), Error> {
        match self.count {
            None => Ok(()),
            Some(Count {
                slot: LenSlot::Reserved(slot),
                count,
            }) => {
                *slot = count.to_le_bytes();
                Ok(())
            }
            Some(Count {
                slot: LenSlot::Written { len, at },
                count,
            }) => {
                if len == count {
                    Ok(())
                } else {
                    Err(Error::new(ErrorKind::InvalidValue, at))
                }
            }
        }
    }

    #[inline]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.bump()?;
        self.ser.nested(value)
    }

    /// `#[serde(skip_serializing_if = ...)]` would drop a field that the decoder expects:
    /// there are no field names to tell it so (`docs/serde.md` §3).
    #[cold]
    fn skip(&mut self) -> Result<(), Error> {
        Err(self.ser.error(ErrorKind::Unsupported))
    }
}

/// Floats as their IEEE-754 bits (spec §6), only with the `float` feature.
macro_rules! serialize_float {
    ($($method:ident: $ty:ty),*) => {$(
        #[inline]
        fn $method(self, v: $ty) -> Result<(), Error> {
            #[cfg(feature = "float")]
            {
                v.encode(&mut self.w)
            }
            #[cfg(not(feature = "float"))]
            {
                let _ = v;
                Err(self.error(ErrorKind::Unsupported))
            }
        }
    )*};
}

/// Integers fixed-width little-endian (spec §3).
macro_rules! serialize_int {
    ($($method:ident: $ty:ty),*) => {$(
        #[inline]
        fn $method(self, v: $ty) -> Result<(), Error> {
            v.encode(&mut self.w)
        }
    )*};
}

impl<'s, 'a> ser::Serializer for &'s mut Serializer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'s, 'a>;
    type SerializeTuple = Compound<'s, 'a>;
    type SerializeTupleStruct = Compound<'s, 'a>;
    type SerializeTupleVariant = Compound<'s, 'a>;
    type SerializeMap = Compound<'s, 'a>;
    type SerializeStruct = Compound<'s, 'a>;
    type SerializeStructVariant = Compound<'s, 'a>;

    serialize_int!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128
    );

    serialize_float!(serialize_f32: f32, serialize_f64: f64);

    /// `0` or `1` (spec §4).
    #[inline]
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        v.encode(&mut self.w)
    }

    /// The scalar value as `u32` (spec §5).
    #[inline]
    fn serialize_char(self, v: char) -> Result<(), Error> {
        v.encode(&mut self.w)
    }

    /// `u32` length, then the UTF-8 bytes (spec §11).
    #[inline]
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.serialize_bytes(v.as_bytes())
    }

    /// `u32` length, then the bytes (spec §10.2).
    #[inline]
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        bounded::encode_bytes(&mut self.w, v)
    }

    /// Tag `0` (spec §8).
    #[inline]
    fn serialize_none(self) -> Result<(), Error> {
        option::write_tag(&mut self.w, false)
    }

    /// Tag `1`, then the value (spec §8).
    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        option::write_tag(&mut self.w, true)?;
        self.nested(value)
    }

    /// Nothing (spec §7).
    #[inline]
    fn serialize_unit(self) -> Result<(), Error> {
        Ok(())
    }

    /// Nothing (spec §7).
    #[inline]
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Ok(())
    }

    /// The variant's `u8` tag (spec §12.3).
    #[inline]
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
    ) -> Result<(), Error> {
        self.tag(variant_index)
    }

    /// Transparent: as the inner value.
    #[inline]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.nested(value)
    }

    /// The variant's `u8` tag, then the value (spec §12.3).
    #[inline]
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.tag(variant_index)?;
        self.nested(value)
    }

    /// `u32` count, then the elements (spec §10.2). An unknown length reserves the count
    /// and fills it in at the end.
    #[inline]
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'s, 'a>, Error> {
        self.counted(len)
    }

    /// The elements back to back (spec §10.1, §12.1).
    #[inline]
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'s, 'a>, Error> {
        Ok(self.fields())
    }

    /// The fields back to back (spec §12.1).
    #[inline]
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        Ok(self.fields())
    }

    /// The variant's `u8` tag, then its fields (spec §12.3).
    #[inline]
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        self.tag(variant_index)?;
        Ok(self.fields())
    }

    /// `u32` count of entries, then key, value, key, value... (`docs/serde.md` §2).
    #[inline]
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'s, 'a>, Error> {
        self.counted(len)
    }

    /// The fields back to back, no names (spec §12.1).
    #[inline]
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'s, 'a>, Error> {
        Ok(self.fields())
    }

    /// The variant's `u8` tag, then its fields (spec §12.3).
    #[inline]
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        self.tag(variant_index)?;
        Ok(self.fields())
    }

    /// As a string: the `Display` output goes straight into the buffer and its length is
    /// filled in afterwards, so no allocation is needed.
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        let at = self.w.written();
        let slot = self.w.reserve_array::<4>()?;
        let start = self.w.written();
        let mut out = FmtWriter {
            w: &mut self.w,
            err: None,
        };
        if fmt::write(&mut out, format_args!("{value}")).is_err() {
            return Err(out.err.unwrap_or(Error::new(ErrorKind::Custom, at)));
        }
        // The writer only moves forward, so this cannot wrap.
        let len = self.w.written().wrapping_sub(start);
        let len = u32::try_from(len).map_err(|_| Error::new(ErrorKind::InvalidValue, at))?;
        *slot = len.to_le_bytes();
        Ok(())
    }

    #[inline]
    fn is_human_readable(&self) -> bool {
        false
    }
}

/// `fmt::Write` into a crosswire writer, keeping the crosswire error.
struct FmtWriter<'w, 'a> {
    w: &'w mut Writer<'a>,
    err: Option<Error>,
}

impl fmt::Write for FmtWriter<'_, '_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.w.write_bytes(s.as_bytes()).map_err(|e| {
            self.err = Some(e);
            fmt::Error
        })
    }
}

/// Sequences, tuples, tuple structs and tuple variants: each element or field in order.
macro_rules! elementwise {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;

            #[inline]
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }

            #[inline]
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

elementwise!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    /// Each key counts one entry.
    #[inline]
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.element(key)
    }

    #[inline]
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.ser.nested(value)
    }

    #[inline]
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// Structs and struct variants: the fields in order, names dropped.
macro_rules! fieldwise {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;

            #[inline]
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                _key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.element(value)
            }

            #[inline]
            fn skip_field(&mut self, _key: &'static str) -> Result<(), Error> {
                self.skip()
            }

            #[inline]
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

fieldwise!(SerializeStruct, SerializeStructVariant);
