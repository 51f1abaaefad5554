//! The oracles catch the bugs they exist for: each test feeds a deliberately broken
//! hand-written type to an oracle and expects it to fail.

use crosswire::{BoundedVec, Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer};
use crosswire_fuzz_oracles::check::{raw, Rule};

/// Accepts any non-zero byte as `true`: not canonical.
#[derive(Debug, PartialEq)]
struct LaxBool(bool);

impl MaxSize for LaxBool {
    const MAX_SIZE: usize = 1;
}

impl Encode for LaxBool {
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        self.0.encode(w)
    }
    fn encoded_len(&self) -> usize {
        1
    }
}

impl<'de> Decode<'de> for LaxBool {
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        Ok(LaxBool(r.read_u8()? != 0))
    }
}

/// An "extensible" struct that ignores its unknown tail instead of requiring zeros.
#[derive(Debug, PartialEq)]
struct LaxExt(u16);

impl MaxSize for LaxExt {
    const MAX_SIZE: usize = 6;
}

impl Encode for LaxExt {
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        crosswire::extensible::encode(w, |w| self.0.encode(w))
    }
    fn encoded_len(&self) -> usize {
        6
    }
}

impl<'de> Decode<'de> for LaxExt {
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let len = u32::from_le_bytes(r.read_array()?) as usize;
        let mut body = r.sub_reader(len)?;
        body.zero_extend_to(2);
        Ok(LaxExt(u16::decode(&mut body)?))
    }
}

/// Reports an error past the end of its input.
#[derive(Debug, PartialEq)]
struct FarError;

impl MaxSize for FarError {
    const MAX_SIZE: usize = 0;
}

impl Encode for FarError {
    fn encode(&self, _: &mut Writer<'_>) -> Result<(), Error> {
        Ok(())
    }
    fn encoded_len(&self) -> usize {
        0
    }
}

impl<'de> Decode<'de> for FarError {
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        Err(Error::new(ErrorKind::InvalidTag, r.offset() + 100))
    }
}

/// A byte list whose `decode_in_place` overwrites only the elements the new message has:
/// a longer previous message's elements show through.
#[derive(Debug, PartialEq)]
struct Sticky(BoundedVec<u8, 4>);

impl MaxSize for Sticky {
    const MAX_SIZE: usize = BoundedVec::<u8, 4>::MAX_SIZE;
}

impl Encode for Sticky {
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        self.0.encode(w)
    }
    fn encoded_len(&self) -> usize {
        self.0.encoded_len()
    }
}

impl<'de> Decode<'de> for Sticky {
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        BoundedVec::decode(r).map(Sticky)
    }

    fn decode_in_place(&mut self, r: &mut Reader<'de>) -> Result<(), Error> {
        let new = BoundedVec::<u8, 4>::decode(r)?;
        if new.len() >= self.0.len() {
            self.0 = new;
        } else {
            self.0.as_mut_slice()[..new.len()].copy_from_slice(&new);
        }
        Ok(())
    }
}

#[test]
fn sound_types_pass() {
    raw::<bool>(&[1], &mut Vec::new(), Rule::Canonical);
    raw::<bool>(&[2], &mut Vec::new(), Rule::Canonical);
    raw::<LaxExt>(&[2, 0, 0, 0, 7, 0], &mut Vec::new(), Rule::ExtensibleTop);
    // Split after 6 bytes: a two-element and a one-element message.
    let two_then_one = [6, 2, 0, 0, 0, 1, 2, 1, 0, 0, 0, 7];
    raw::<BoundedVec<u8, 4>>(&two_then_one, &mut Vec::new(), Rule::Canonical);
}

#[test]
#[should_panic(expected = "not canonical")]
fn non_canonical_decoder_is_caught() {
    raw::<LaxBool>(&[2], &mut Vec::new(), Rule::Canonical);
}

#[test]
#[should_panic(expected = "body byte 2")]
fn ignored_non_zero_tail_is_caught() {
    raw::<LaxExt>(
        &[4, 0, 0, 0, 7, 0, 9, 0],
        &mut Vec::new(),
        Rule::ExtensibleTop,
    );
}

#[test]
#[should_panic(expected = "beyond an input")]
fn error_offset_past_the_input_is_caught() {
    raw::<FarError>(&[], &mut Vec::new(), Rule::Canonical);
}

#[test]
#[should_panic(expected = "in place")]
fn stale_elements_after_decode_in_place_are_caught() {
    let two_then_one = [6, 2, 0, 0, 0, 1, 2, 1, 0, 0, 0, 7];
    raw::<Sticky>(&two_then_one, &mut Vec::new(), Rule::Canonical);
}

/// The serde bridge's oracles (`crosswire_fuzz_oracles::bridge`) against hand-written serde
/// impls that break what the bridge promises.
mod bridge {
    use std::{collections::BTreeMap, fmt};

    use crosswire::{Decode, Encode, MaxSize};
    use crosswire_fuzz_oracles::bridge::{canonical, collected, differential, paired, Collection};
    use serde::{de, Deserialize, Deserializer, Serialize};

    /// A `bool` that serde reads from any byte (non-zero is `true`) and crosswire's derive
    /// only from 0 or 1: not canonical through the bridge, and the two decoders disagree.
    #[derive(Debug, PartialEq, Encode, Decode, MaxSize, Serialize)]
    struct LaxBool(bool);

    impl<'de> Deserialize<'de> for LaxBool {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            u8::deserialize(d).map(|b| LaxBool(b != 0))
        }
    }

    /// An enum that the derive rejects with `InvalidTag` (a wire rule) and serde's impl with
    /// its own complaint (`Custom`): the same verdict, but not the promised error.
    #[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
    enum Tag {
        A,
        B,
    }

    impl<'de> Deserialize<'de> for Tag {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            match u8::deserialize(d)? {
                0 => Ok(Tag::A),
                1 => Ok(Tag::B),
                _ => Err(de::Error::custom("tag")),
            }
        }
    }

    /// Asks the bridge for `deserialize_any`, which the format cannot answer.
    #[derive(Debug, Serialize)]
    struct Any;

    impl<'de> Deserialize<'de> for Any {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl de::Visitor<'_> for V {
                type Value = Any;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("anything")
                }
            }
            d.deserialize_any(V)
        }
    }

    /// A map that keeps the first value of a repeated key, where `BTreeMap` keeps the last.
    #[derive(Debug, PartialEq, Serialize)]
    struct FirstWins(BTreeMap<u8, u8>);

    impl<'de> Deserialize<'de> for FirstWins {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let mut map = BTreeMap::new();
            for (k, v) in Vec::<(u8, u8)>::deserialize(d)? {
                map.entry(k).or_insert(v);
            }
            Ok(FirstWins(map))
        }
    }

    impl Collection for FirstWins {
        type Entries = Vec<(u8, u8)>;
        fn collect(entries: Self::Entries) -> Self {
            FirstWins(entries.into_iter().collect())
        }
        fn is_canonical(entries: &Self::Entries) -> bool {
            entries.windows(2).all(|w| w[0].0 < w[1].0)
        }
    }

    #[test]
    fn sound_impls_pass() {
        paired::<LaxBool>(&[1], &mut Vec::new());
        differential::<Tag>(&[1, 9]);
        collected::<FirstWins>(&[2, 0, 0, 0, 1, 1, 2, 2], &mut Vec::new());
    }

    #[test]
    #[should_panic(expected = "the derive gives")]
    fn bridge_accepting_what_the_derive_rejects_is_caught() {
        differential::<LaxBool>(&[2]);
    }

    #[test]
    #[should_panic(expected = "the derive says")]
    fn bridge_error_other_than_promised_is_caught() {
        differential::<Tag>(&[2]);
    }

    #[test]
    #[should_panic(expected = "not canonical")]
    fn non_canonical_bridge_decoding_is_caught() {
        canonical::<LaxBool>(&[2], &mut Vec::new());
    }

    #[test]
    #[should_panic(expected = "from the serde bridge's decoder")]
    fn unsupported_request_is_caught() {
        canonical::<Any>(&[], &mut Vec::new());
    }

    #[test]
    #[should_panic(expected = "the collection of")]
    fn collection_that_merges_differently_is_caught() {
        collected::<FirstWins>(&[2, 0, 0, 0, 1, 1, 1, 2], &mut Vec::new());
    }
}

/// A string that cannot take the zeros of a short extensible body (crosswire's
/// `BoundedString` before spec §13 said it must): owned, but decoded through a view.
#[derive(Debug, PartialEq)]
struct ViewedString(crosswire::BoundedString<4>);

impl MaxSize for ViewedString {
    const MAX_SIZE: usize = 8;
}

impl Encode for ViewedString {
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        self.0.encode(w)
    }
    fn encoded_len(&self) -> usize {
        self.0.encoded_len()
    }
}

impl<'de> Decode<'de> for ViewedString {
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let view = crosswire::BoundedStr::<'de, 4>::decode(r)?;
        Ok(ViewedString(
            crosswire::BoundedString::try_from(&*view).unwrap(),
        ))
    }
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct OneString {
    #[crosswire(since = 2)]
    s: ViewedString,
}

#[test]
fn reference_agrees_on_the_spec_corners() {
    use crosswire_fuzz_oracles::reference::{agree, decode, Shape, Value};
    const STRING: Shape = Shape::Extensible(0, &[Shape::Str(4)]);
    let cut = [5, 0, 0, 0, 2, 0, 0, 0, 0x41];
    let a = Value::Seq(vec![Value::Bytes(vec![0x41]), Value::Bytes(vec![0])]);
    assert_eq!(decode(&STRING, &cut), Ok((Value::Extensible(vec![a]), 9)));
    agree::<OneStringReal>(&STRING, &cut);
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct OneStringReal {
    #[crosswire(since = 2)]
    s: crosswire::BoundedString<4>,
}

#[test]
#[should_panic(expected = "crosswire Err")]
fn reference_catches_a_string_that_refuses_zero_extension() {
    use crosswire_fuzz_oracles::reference::{agree, Shape};
    agree::<OneString>(
        &Shape::Extensible(0, &[Shape::Str(4)]),
        &[5, 0, 0, 0, 2, 0, 0, 0, 0x41],
    );
}

/// A `[u16; 2]` that reports a short input where the missing element starts, not where
/// the input ends (spec §14).
#[derive(Debug, PartialEq)]
struct EarlyEnd([u16; 2]);

impl MaxSize for EarlyEnd {
    const MAX_SIZE: usize = 4;
}

impl Encode for EarlyEnd {
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        self.0.encode(w)
    }
    fn encoded_len(&self) -> usize {
        4
    }
}

impl<'de> Decode<'de> for EarlyEnd {
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let mut out = [0; 2];
        for slot in &mut out {
            if r.remaining() < 2 {
                return Err(r.error(ErrorKind::UnexpectedEnd));
            }
            *slot = u16::decode(r)?;
        }
        Ok(EarlyEnd(out))
    }
}

#[test]
#[should_panic(expected = "error of")]
fn reference_catches_an_error_offset_other_than_the_spec() {
    use crosswire_fuzz_oracles::reference::{agree, Shape};
    agree::<EarlyEnd>(&Shape::Array(2, &Shape::Int(2, false)), &[1, 0, 2]);
}
