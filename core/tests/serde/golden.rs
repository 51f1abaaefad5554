//! Golden bytes for every kind of serde's data model through `crosswire::serde`
//! (`docs/serde.md` §2), and the precise errors of what the format cannot express (§3).

use core::fmt::{self, Debug};
use std::marker::PhantomData;

use crosswire::{
    serde::{from_bytes, take_from_bytes, to_slice},
    ErrorKind,
};
use serde::{
    de::{self, Visitor},
    ser::{SerializeMap, SerializeSeq},
    Deserialize, Deserializer, Serialize, Serializer,
};

/// Asserts that `value` serializes to exactly `bytes` and that `bytes` deserialize back.
fn golden<'de, T>(value: T, bytes: &'de [u8])
where
    T: Serialize + Deserialize<'de> + PartialEq + Debug,
{
    let mut buf = [0u8; 256];
    let out = to_slice(&value, &mut buf).expect("serialize");
    assert_eq!(out, bytes, "serializing {value:?}");
    assert_eq!(from_bytes::<T>(bytes), Ok(value));
}

/// Asserts that deserializing `bytes` as `T` fails with `kind` at `offset`.
fn rejects<'de, T: Deserialize<'de> + Debug>(bytes: &'de [u8], kind: ErrorKind, offset: usize) {
    let err = from_bytes::<T>(bytes).expect_err("must be rejected");
    assert_eq!((err.kind(), err.offset()), (kind, offset), "{bytes:02x?}");
}

/// Asserts that serializing `value` fails with `kind` at `offset`.
fn refuses<T: Serialize>(value: &T, kind: ErrorKind, offset: usize) {
    let mut buf = [0u8; 64];
    let err = to_slice(value, &mut buf).expect_err("must be refused");
    assert_eq!((err.kind(), err.offset()), (kind, offset));
}

#[test]
fn integers_are_fixed_width_little_endian() {
    golden(0xA5u8, &[0xA5]);
    golden(-2i8, &[0xFE]);
    golden(0xA5C7u16, &[0xC7, 0xA5]);
    golden(-2i16, &[0xFE, 0xFF]);
    golden(0x0102_0304u32, &[4, 3, 2, 1]);
    golden(-1i32, &[0xFF; 4]);
    golden(0x0102_0304_0506_0708u64, &[8, 7, 6, 5, 4, 3, 2, 1]);
    golden(i64::MIN, &[0, 0, 0, 0, 0, 0, 0, 0x80]);
    golden(1u128, &[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    golden(-1i128, &[0xFF; 16]);
    // usize/isize: serde's data model has them as u64/i64, as the format does.
    golden(3usize, &[3, 0, 0, 0, 0, 0, 0, 0]);
    golden(-3isize, &[0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
}

#[test]
fn bool_and_char() {
    golden(false, &[0]);
    golden(true, &[1]);
    rejects::<bool>(&[2], ErrorKind::InvalidBool, 0);
    golden('A', &[0x41, 0, 0, 0]);
    golden('\u{1F980}', &[0x80, 0xF9, 0x01, 0]);
    rejects::<char>(&[0x00, 0xD8, 0, 0], ErrorKind::InvalidChar, 0);
}

#[cfg(feature = "float")]
#[test]
fn floats_are_their_bits() {
    golden(1.0f32, &[0, 0, 0x80, 0x3F]);
    golden(-2.5f64, &[0, 0, 0, 0, 0, 0, 0x04, 0xC0]);
}

#[cfg(not(feature = "float"))]
#[test]
fn floats_need_the_float_feature() {
    refuses(&(1u8, 1.0f32), ErrorKind::Unsupported, 1);
    rejects::<f64>(&[0; 8], ErrorKind::Unsupported, 0);
}

#[test]
fn strings_and_bytes_are_length_prefixed_and_borrowed() {
    golden("hé", &[3, 0, 0, 0, b'h', 0xC3, 0xA9]);
    golden(&b"\x00\xFF"[..], &[2, 0, 0, 0, 0x00, 0xFF]);
    let input = [2, 0, 0, 0, b'o', b'k'];
    let s: &str = from_bytes(&input).unwrap();
    assert!(core::ptr::eq(s.as_ptr(), input[4..].as_ptr()), "borrowed");
    rejects::<&str>(&[2, 0, 0, 0, b'o', 0xFF], ErrorKind::InvalidUtf8, 5);
    rejects::<&str>(&[3, 0, 0, 0, b'o', b'k'], ErrorKind::UnexpectedEnd, 6);
    rejects::<&[u8]>(&[0xFF, 0xFF, 0xFF, 0xFF, 1], ErrorKind::UnexpectedEnd, 5);
}

#[test]
fn option_is_a_tag() {
    golden(None::<u16>, &[0]);
    golden(Some(0x0102u16), &[1, 2, 1]);
    golden(Some(None::<u8>), &[1, 0]);
    rejects::<Option<u8>>(&[2, 0], ErrorKind::InvalidTag, 0);
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Unit;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Newtype(u16);

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct TupleStruct(u8, i16);

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Struct<'a> {
    a: u8,
    name: &'a str,
    b: Option<u32>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum Enum {
    Unit,
    Newtype(u16),
    Tuple(u8, bool),
    Struct { x: i8, y: u32 },
}

#[test]
fn empty_kinds_are_nothing() {
    golden((), &[]);
    golden(Unit, &[]);
    golden(PhantomData::<u64>, &[]);
}

#[test]
fn newtypes_tuples_and_structs_are_transparent() {
    golden(Newtype(0x0102), &[2, 1]);
    golden((1u8, 0x0203u16), &[1, 3, 2]);
    golden([1u16, 2, 3], &[1, 0, 2, 0, 3, 0]);
    golden(TupleStruct(7, -1), &[7, 0xFF, 0xFF]);
    golden(
        Struct {
            a: 9,
            name: "ab",
            b: Some(5),
        },
        &[9, 2, 0, 0, 0, b'a', b'b', 1, 5, 0, 0, 0],
    );
}

#[test]
fn enums_are_a_u8_index_then_fields() {
    golden(Enum::Unit, &[0]);
    golden(Enum::Newtype(0x0102), &[1, 2, 1]);
    golden(Enum::Tuple(3, true), &[2, 3, 1]);
    golden(Enum::Struct { x: -1, y: 2 }, &[3, 0xFF, 2, 0, 0, 0]);
    rejects::<Enum>(&[4], ErrorKind::InvalidTag, 0);
    rejects::<(u8, Enum)>(&[0, 0xFF], ErrorKind::InvalidTag, 1);
    golden(Ok::<u8, u16>(3), &[0, 3]);
    golden(Err::<u8, u16>(3), &[1, 3, 0]);
}

/// A sequence and a map whose lengths serde does not know up front.
#[derive(Debug, PartialEq)]
struct Unknown<'a>(&'a [u16]);

impl Serialize for Unknown<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for x in self.0 {
            seq.serialize_element(x)?;
        }
        seq.end()
    }
}

struct UnknownMap(&'static [(u8, bool)]);

impl Serialize for UnknownMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A map of up to four entries, without alloc.
#[derive(Debug, PartialEq)]
struct SmallMap(heapless::Vec<(u8, bool), 4>);

impl<'de> Deserialize<'de> for SmallMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SmallMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a small map")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut m: A) -> Result<SmallMap, A::Error> {
                let mut out = heapless::Vec::new();
                while let Some(entry) = m.next_entry()? {
                    out.push(entry)
                        .map_err(|_| de::Error::invalid_length(5, &self))?;
                }
                Ok(SmallMap(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[test]
fn sequences_are_counted_even_when_serde_does_not_know_the_length() {
    let mut buf = [0u8; 16];
    let out = to_slice(&Unknown(&[1, 2, 3]), &mut buf).unwrap();
    assert_eq!(out, [3, 0, 0, 0, 1, 0, 2, 0, 3, 0]);
    // The same bytes as a slice, whose length serde knows.
    let mut buf2 = [0u8; 16];
    assert_eq!(to_slice(&[1u16, 2, 3][..], &mut buf2).unwrap(), out);
    let mut buf = [0u8; 4];
    assert_eq!(to_slice(&Unknown(&[]), &mut buf).unwrap(), [0, 0, 0, 0]);
}

#[test]
fn maps_are_a_count_then_key_value_pairs() {
    let mut buf = [0u8; 16];
    let out = to_slice(&UnknownMap(&[(1, true), (2, false)]), &mut buf).unwrap();
    assert_eq!(out, [2, 0, 0, 0, 1, 1, 2, 0]);
    let mut expected = heapless::Vec::new();
    expected
        .extend_from_slice(&[(1, true), (2, false)])
        .unwrap();
    assert_eq!(from_bytes::<SmallMap>(out), Ok(SmallMap(expected)));
    rejects::<SmallMap>(&[1, 0, 0, 0, 1], ErrorKind::UnexpectedEnd, 5);
    rejects::<SmallMap>(&[5, 0, 0, 0], ErrorKind::UnexpectedEnd, 4);
}

/// Serializes through `collect_str` (no allocation).
struct Shown(u32);

impl Serialize for Shown {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("n={}", self.0))
    }
}

#[test]
fn collect_str_is_a_string() {
    let mut buf = [0u8; 16];
    assert_eq!(
        to_slice(&Shown(42), &mut buf).unwrap(),
        [4, 0, 0, 0, b'n', b'=', b'4', b'2']
    );
    let mut small = [0u8; 6];
    let err = to_slice(&Shown(42), &mut small).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferFull);
}

#[test]
fn take_from_bytes_returns_the_rest() {
    assert_eq!(
        take_from_bytes::<u16>(&[1, 0, 9, 9]),
        Ok((1, &[9u8, 9][..]))
    );
    rejects::<u16>(&[1, 0, 9], ErrorKind::TrailingBytes, 2);
}

#[test]
fn buffer_full_is_reported_where_the_buffer_ends() {
    let mut buf = [0u8; 3];
    let err = to_slice(&(1u8, 2u32), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::BufferFull, 3));
}

// --- What the format cannot express (`docs/serde.md` §3) ---

/// Asks for `deserialize_any`, as untagged enums and `#[serde(flatten)]` do (those need
/// serde's `alloc` feature to even compile).
#[derive(Debug)]
struct Untagged;

impl<'de> Deserialize<'de> for Untagged {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Untagged;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("anything")
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize, Debug)]
#[allow(dead_code, reason = "only ever rejected")]
struct Identifier {
    #[serde(rename = "x")]
    x: IdentOnly,
}

/// Asks for `deserialize_identifier`.
#[derive(Debug)]
struct IdentOnly;

impl<'de> Deserialize<'de> for IdentOnly {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = IdentOnly;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an identifier")
            }
        }
        d.deserialize_identifier(V)
    }
}

#[derive(Serialize, Debug)]
struct Skips {
    a: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    b: Option<u8>,
}

/// A `Serialize` impl that announces one length and yields another.
struct Liar;

impl Serialize for Liar {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(2))?;
        seq.serialize_element(&1u8)?;
        seq.end()
    }
}

/// A `Serialize` impl that fails with a message.
struct Fails;

impl Serialize for Fails {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("no"))
    }
}

#[test]
fn deserialize_any_is_unsupported() {
    rejects::<Untagged>(&[1], ErrorKind::Unsupported, 0);
    rejects::<(u8, Untagged)>(&[1, 1], ErrorKind::Unsupported, 1);
}

#[test]
fn identifiers_by_name_are_unsupported() {
    rejects::<Identifier>(&[0], ErrorKind::Unsupported, 0);
}

#[test]
fn ignored_any_is_unsupported() {
    rejects::<serde::de::IgnoredAny>(&[0], ErrorKind::Unsupported, 0);
}

#[test]
fn skipped_fields_are_unsupported() {
    refuses(&Skips { a: 1, b: None }, ErrorKind::Unsupported, 1);
    let mut buf = [0u8; 4];
    assert_eq!(
        to_slice(&Skips { a: 1, b: Some(2) }, &mut buf).unwrap(),
        [1, 1, 2]
    );
}

#[test]
fn a_wrong_announced_length_is_an_invalid_value() {
    refuses(&(0u8, Liar), ErrorKind::InvalidValue, 1);
}

#[test]
fn custom_errors_keep_the_offset_of_the_failing_value() {
    refuses(&(1u16, Fails), ErrorKind::Custom, 2);
    refuses(&Fails, ErrorKind::Custom, 0);
}

/// 257 unit variants: index 256 has no `u8` tag.
macro_rules! big_enum {
    ($($v:ident)*) => {
        #[derive(Serialize, Deserialize, Debug, PartialEq)]
        #[allow(dead_code, clippy::upper_case_acronyms, reason = "only a few variants are built; the names are hex")]
        enum Big { $($v,)* Last }
    };
}
big_enum!(
    V00 V01 V02 V03 V04 V05 V06 V07 V08 V09 V0A V0B V0C V0D V0E V0F
    V10 V11 V12 V13 V14 V15 V16 V17 V18 V19 V1A V1B V1C V1D V1E V1F
    V20 V21 V22 V23 V24 V25 V26 V27 V28 V29 V2A V2B V2C V2D V2E V2F
    V30 V31 V32 V33 V34 V35 V36 V37 V38 V39 V3A V3B V3C V3D V3E V3F
    V40 V41 V42 V43 V44 V45 V46 V47 V48 V49 V4A V4B V4C V4D V4E V4F
    V50 V51 V52 V53 V54 V55 V56 V57 V58 V59 V5A V5B V5C V5D V5E V5F
    V60 V61 V62 V63 V64 V65 V66 V67 V68 V69 V6A V6B V6C V6D V6E V6F
    V70 V71 V72 V73 V74 V75 V76 V77 V78 V79 V7A V7B V7C V7D V7E V7F
    V80 V81 V82 V83 V84 V85 V86 V87 V88 V89 V8A V8B V8C V8D V8E V8F
    V90 V91 V92 V93 V94 V95 V96 V97 V98 V99 V9A V9B V9C V9D V9E V9F
    VA0 VA1 VA2 VA3 VA4 VA5 VA6 VA7 VA8 VA9 VAA VAB VAC VAD VAE VAF
    VB0 VB1 VB2 VB3 VB4 VB5 VB6 VB7 VB8 VB9 VBA VBB VBC VBD VBE VBF
    VC0 VC1 VC2 VC3 VC4 VC5 VC6 VC7 VC8 VC9 VCA VCB VCC VCD VCE VCF
    VD0 VD1 VD2 VD3 VD4 VD5 VD6 VD7 VD8 VD9 VDA VDB VDC VDD VDE VDF
    VE0 VE1 VE2 VE3 VE4 VE5 VE6 VE7 VE8 VE9 VEA VEB VEC VED VEE VEF
    VF0 VF1 VF2 VF3 VF4 VF5 VF6 VF7 VF8 VF9 VFA VFB VFC VFD VFE VFF
);

#[test]
fn more_than_256_variants_is_unsupported() {
    let mut buf = [0u8; 4];
    assert_eq!(to_slice(&Big::VFF, &mut buf).unwrap(), [0xFF]);
    refuses(&Big::Last, ErrorKind::Unsupported, 0);
    rejects::<Big>(&[0], ErrorKind::Unsupported, 0);
}

#[test]
fn error_stays_small() {
    assert!(core::mem::size_of::<crosswire::Error>() <= 16);
}
