//! §13 Extensible structs.

use crosswire::{BoundedBytes, BoundedStr, BoundedString, BoundedVec, ErrorKind as K, MaxSize};
use crosswire_test_support::{golden, rejects};

/// §13's example: version 2 of an extensible struct, written with the helpers the derive
/// uses.
#[derive(Debug, PartialEq)]
pub(crate) struct V2 {
    a: u32,
    b: u16,
}

impl MaxSize for V2 {
    const MAX_SIZE: usize = crosswire::extensible::max_size(6);
    const EXTENSIBLE: bool = true;
    // Version 1 is `a`; an empty body is no value.
    const ZERO_VALID: bool = false;
    const FIRST_VERSION_MAX_SIZE: usize = crosswire::extensible::max_size(4);
}

impl crosswire::Encode for V2 {
    fn encode(&self, w: &mut crosswire::Writer<'_>) -> Result<(), crosswire::Error> {
        crosswire::extensible::encode(w, |w| {
            self.a.encode(w)?;
            self.b.encode(w)
        })
    }

    fn encoded_len(&self) -> usize {
        10
    }
}

impl<'de> crosswire::Decode<'de> for V2 {
    fn decode(r: &mut crosswire::Reader<'de>) -> Result<Self, crosswire::Error> {
        crosswire::extensible::decode(r, 6, |r| {
            Ok(V2 {
                a: crosswire::extensible::decode_required(r, u32::decode)?,
                b: u16::decode(r)?,
            })
        })
    }
}

#[test]
fn s13_extensible_structs() {
    golden(V2 { a: 1, b: 2 }, &[6, 0, 0, 0, 1, 0, 0, 0, 2, 0]);
    // An older sender (V1 had only `a`): zero-extended.
    let v1 = [4, 0, 0, 0, 1, 0, 0, 0];
    assert_eq!(crosswire::from_bytes::<V2>(&v1), Ok(V2 { a: 1, b: 0 }));
    // Half a field is zero-extended too, as the kernel does.
    let cut = [5, 0, 0, 0, 1, 0, 0, 0, 7];
    assert_eq!(crosswire::from_bytes::<V2>(&cut), Ok(V2 { a: 1, b: 7 }));
    // A newer sender with a zero tail is accepted; a non-zero tail is rejected.
    let v3 = [8, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0];
    assert_eq!(crosswire::from_bytes::<V2>(&v3), Ok(V2 { a: 1, b: 2 }));
    rejects::<V2>(&[8, 0, 0, 0, 1, 0, 0, 0, 2, 0, 9, 0], K::NonZeroTail, 10);
    // A body length past the input.
    rejects::<V2>(&[9, 0, 0, 0, 1, 0, 0, 0, 2, 0], K::UnexpectedEnd, 10);
    // ... is found before any field of the body is read, even one that is bad: the tag 05
    // at 8 is never read (issue 27).
    let bad_tag = [10, 0, 0, 0, 1, 0, 0, 0, 5];
    rejects::<Ext<(u32, Option<u16>)>>(&bad_tag, K::UnexpectedEnd, 9);
    // With a length the input holds, the same bytes are read: the tag is bad.
    rejects::<Ext<(u32, Option<u16>)>>(&[5, 0, 0, 0, 1, 0, 0, 0, 5], K::InvalidTag, 8);
    // Version 1's `a` is in every body: an empty body, or one that ends inside `a`, is
    // UnexpectedEnd where the body ends.
    rejects::<V2>(&[0, 0, 0, 0], K::UnexpectedEnd, 4);
    rejects::<V2>(&[2, 0, 0, 0, 1, 0], K::UnexpectedEnd, 6);
}

/// §13, a short body that ends inside a field: every owned value reads the missing bytes
/// as zeros, whatever its kind; only a borrowed view cannot point at them.
#[test]
fn s13_short_body_ending_inside_a_field() {
    let cut = [5, 0, 0, 0, 2, 0, 0, 0, 0x41];
    assert_eq!(
        crosswire::from_bytes::<Ext<BoundedVec<u8, 4>>>(&cut),
        Ok(Ext(BoundedVec::from_slice(&[0x41, 0]).unwrap()))
    );
    assert_eq!(
        crosswire::from_bytes::<Ext<BoundedString<4>>>(&cut),
        Ok(Ext(BoundedString::try_from("A\0").unwrap()))
    );
    #[cfg(feature = "heapless")]
    assert_eq!(
        crosswire::from_bytes::<Ext<heapless::String<4>>>(&cut).map(|e| e.0),
        Ok(heapless::String::try_from("A\0").unwrap())
    );
    rejects::<Ext<BoundedStr<'_, 4>>>(&cut, K::UnexpectedEnd, 9);
    rejects::<Ext<BoundedBytes<'_, 4>>>(&cut, K::UnexpectedEnd, 9);
    // The zeros count as the bytes they stand for: a UTF-8 sequence cut by them is
    // invalid where it starts.
    let cut_utf8 = [5, 0, 0, 0, 2, 0, 0, 0, 0xC3];
    rejects::<Ext<BoundedString<4>>>(&cut_utf8, K::InvalidUtf8, 8);
    // A length cut in two reads its missing high bytes as zeros: 1, then one zero byte.
    let cut_len = [2, 0, 0, 0, 1, 0];
    assert_eq!(
        crosswire::from_bytes::<Ext<BoundedVec<u8, 4>>>(&cut_len),
        Ok(Ext(BoundedVec::from_slice(&[0]).unwrap()))
    );
    // A fixed-size field cut by the body, as in a C struct.
    assert_eq!(
        crosswire::from_bytes::<Ext<(u8, u16)>>(&[2, 0, 0, 0, 1, 2]),
        Ok(Ext((1, 2)))
    );
}

/// §13, bodies inside bodies: a nested extensible struct reads its length and its body
/// from the outer body as zero-extended, real bytes first, then the outer's zeros.
#[test]
fn s13_nested_bodies() {
    type Nested = Ext<Ext<u8>>;
    // The outer body holds one byte of the inner length (1); the inner body is a zero.
    assert_eq!(
        crosswire::from_bytes::<Nested>(&[1, 0, 0, 0, 1]),
        Ok(Ext(Ext(0)))
    );
    // An empty outer body: the inner length reads as 0, and its body as zeros.
    assert_eq!(
        crosswire::from_bytes::<Nested>(&[0, 0, 0, 0]),
        Ok(Ext(Ext(0)))
    );
    // The whole outer body is real (5 bytes, its full size), but the inner length (2) runs
    // past it: the end of the outer body's real bytes, which is the input's end here.
    rejects::<Nested>(&[5, 0, 0, 0, 2, 0, 0, 0, 9], K::UnexpectedEnd, 9);
    // A newer inner sender, complete: its extra byte is zero.
    assert_eq!(
        crosswire::from_bytes::<Nested>(&[6, 0, 0, 0, 2, 0, 0, 0, 9, 0]),
        Ok(Ext(Ext(9)))
    );
    // An older outer sender whose body ends inside the inner body.
    assert_eq!(
        crosswire::from_bytes::<Ext<(Ext<(u8, u8)>, u8)>>(&[5, 0, 0, 0, 2, 0, 0, 0, 7]),
        Ok(Ext((Ext((7, 0)), 0)))
    );
}

/// An extensible struct of one field, written with the helpers the derive uses.
#[derive(Debug, PartialEq)]
struct Ext<T>(T);

impl<T: MaxSize> MaxSize for Ext<T> {
    const MAX_SIZE: usize = crosswire::extensible::max_size(T::MAX_SIZE);
    const EXTENSIBLE: bool = true;
}

impl<T: crosswire::Encode> crosswire::Encode for Ext<T> {
    fn encode(&self, w: &mut crosswire::Writer<'_>) -> Result<(), crosswire::Error> {
        crosswire::extensible::encode(w, |w| self.0.encode(w))
    }

    fn encoded_len(&self) -> usize {
        self.0.encoded_len() + 4
    }
}

impl<'de, T: crosswire::Decode<'de>> crosswire::Decode<'de> for Ext<T> {
    fn decode(r: &mut crosswire::Reader<'de>) -> Result<Self, crosswire::Error> {
        crosswire::extensible::decode(r, T::MAX_SIZE, |r| T::decode(r).map(Ext))
    }
}
