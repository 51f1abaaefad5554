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
