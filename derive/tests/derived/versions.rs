//! Extensible structs' versions (spec §13): `#[crosswire(since = N)]`, the first version
//! read from real bytes only, `FIRST_VERSION_MAX_SIZE`, `ZERO_VALID`, and errors inside
//! the zeros at the field's own offset.

use core::num::{NonZeroU32, NonZeroU8};

use crosswire::{Decode, Encode, Error, ErrorKind as K, MaxSize, Reader};

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum NoZero {
    A = 1,
    B = 2,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum WithZero {
    Off,
    On(NonZeroU8),
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum ZeroHasNonZero {
    Off(NonZeroU8),
    On,
}

const BASE: isize = 4;

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum Computed {
    A = BASE - 4,
    B,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum ComputedNoZero {
    A = BASE + 1,
    B,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Plain {
    a: u8,
    e: NoZero,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct AllLater {
    #[crosswire(since = 2)]
    a: u8,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct V1Fields {
    a: u8,
}

#[test]
fn zero_valid_says_whether_zeros_decode() {
    let table = [
        (u32::ZERO_VALID, true),
        (char::ZERO_VALID, true),
        (bool::ZERO_VALID, true),
        (NonZeroU32::ZERO_VALID, false),
        (<[NonZeroU8; 0]>::ZERO_VALID, true),
        (<[NonZeroU8; 2]>::ZERO_VALID, false),
        (<(u8, NonZeroU8)>::ZERO_VALID, false),
        (<Result<NonZeroU8, u8>>::ZERO_VALID, false),
        (<Result<u8, NonZeroU8>>::ZERO_VALID, true),
        (<Option<NonZeroU8>>::ZERO_VALID, true),
        (NoZero::ZERO_VALID, false),
        (WithZero::ZERO_VALID, true),
        (ZeroHasNonZero::ZERO_VALID, false),
        (Computed::ZERO_VALID, true),
        (ComputedNoZero::ZERO_VALID, false),
        (Plain::ZERO_VALID, false),
        (AllLater::ZERO_VALID, true),
        (V1Fields::ZERO_VALID, false),
    ];
    for (i, (got, want)) in table.into_iter().enumerate() {
        assert_eq!(got, want, "row {i}");
    }
    // And what it claims is what decoding zeros does.
    assert!(crosswire::from_bytes::<NoZero>(&[0]).is_err());
    assert_eq!(crosswire::from_bytes::<WithZero>(&[0]), Ok(WithZero::Off));
    assert!(crosswire::from_bytes::<ZeroHasNonZero>(&[0, 0]).is_err());
    assert_eq!(crosswire::from_bytes::<Computed>(&[0]), Ok(Computed::A));
    assert_eq!(
        crosswire::from_bytes::<AllLater>(&[0; 4]),
        Ok(AllLater { a: 0 })
    );
    assert!(crosswire::from_bytes::<V1Fields>(&[0; 4]).is_err());
}

/// A field type whose decoder refuses zero but that does not say so (a hand-written
/// `with` module): the error inside the zeros is at the field's own offset.
mod odd_byte {
    use crosswire::{Error, ErrorKind, Reader, Writer};

    pub const MAX_SIZE: usize = 1;

    pub fn encode(v: &u8, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_bytes(&[*v])
    }

    pub fn encoded_len(_: &u8) -> usize {
        1
    }

    pub fn decode(r: &mut Reader<'_>) -> Result<u8, Error> {
        let at = r.offset();
        match r.read_u8()? {
            b if b % 2 == 1 => Ok(b),
            _ => Err(Error::new(ErrorKind::InvalidValue, at)),
        }
    }
}

#[derive(Debug, PartialEq, Default, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct Versions {
    a: u32,
    b: u16,
    #[crosswire(since = 2)]
    c: u16,
    #[crosswire(since = 3)]
    d: u32,
    #[crosswire(since = 3, with = "odd_byte")]
    e: u8,
}

fn rejects<T: for<'de> Decode<'de> + Default + core::fmt::Debug>(input: &[u8], kind: K, at: usize) {
    assert_eq!(
        crosswire::from_bytes::<T>(input).map(drop),
        Err(Error::new(kind, at)),
        "decode of {input:?}"
    );
    let mut value = T::default();
    assert_eq!(
        crosswire::from_bytes_in_place(input, &mut value),
        Err(Error::new(kind, at)),
        "decode_in_place of {input:?}"
    );
}

#[test]
fn first_version_is_read_from_real_bytes() {
    assert_eq!(Versions::MAX_SIZE, 4 + 4 + 2 + 2 + 4 + 1);
    assert_eq!(Versions::FIRST_VERSION_MAX_SIZE, 4 + 4 + 2);
    assert_eq!(AllLater::FIRST_VERSION_MAX_SIZE, 4);
    assert_eq!(u32::FIRST_VERSION_MAX_SIZE, 4);
    let full = [13, 0, 0, 0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 0, 0, 5];
    let value = Versions {
        a: 1,
        b: 2,
        c: 3,
        d: 4,
        e: 5,
    };
    assert_eq!(crosswire::from_bytes::<Versions>(&full), Ok(value));
    // Each body length from 0 to 5 ends inside version 1: UnexpectedEnd where it ends.
    for len in 0..6u8 {
        let mut input = vec![len, 0, 0, 0];
        input.extend_from_slice(&full[4..4 + usize::from(len)]);
        rejects::<Versions>(&input, K::UnexpectedEnd, input.len());
    }
    // Version 1 in full, the rest left out: `c` and `d` read as zeros, then `e` refuses
    // its zero at its own offset (4 + 4 + 2 + 2 + 4), not where the real bytes end (10).
    let mut v1 = full[..10].to_vec();
    v1[0] = 6;
    rejects::<Versions>(&v1, K::InvalidValue, 16);
    // A body that ends inside `d`: the same offset.
    let mut cut = full[..14].to_vec();
    cut[0] = 10;
    rejects::<Versions>(&cut, K::InvalidValue, 16);
}

#[test]
fn reader_offsets_count_the_zeros_read() {
    // `c` through a hand-written body: the offset after reading 2 virtual bytes.
    let input = [2, 0, 0, 0, 7, 0];
    let mut r = Reader::new(&input);
    let offsets = crosswire::extensible::decode(&mut r, 6, |r| {
        let a = crosswire::extensible::decode_required(r, u16::decode)?;
        let before = r.offset();
        let _ = u32::decode(r)?;
        Ok((a, before, r.offset()))
    });
    assert_eq!(offsets, Ok((7, 6, 10)));
}

#[derive(Debug, PartialEq, Default, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct InnerRequired {
    a: u8,
}

#[derive(Debug, PartialEq, Default, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct HoldsOptional {
    id: u8,
    #[crosswire(since = 2)]
    more: Option<InnerRequired>,
}

/// Regression (found by crosswire-cgen's differential test): a nested body that lies in
/// the outer body's virtual zeros has no real bytes; its missing first version is
/// `UnexpectedEnd` where the input's real bytes end (6), not at the logical offset the
/// zeros reach (10).
#[test]
fn nested_body_in_zeros_reports_the_real_end() {
    rejects::<HoldsOptional>(&[2, 0, 0, 0, 7, 1], K::UnexpectedEnd, 6);
    assert_eq!(
        crosswire::from_bytes::<HoldsOptional>(&[1, 0, 0, 0, 7]),
        Ok(HoldsOptional { id: 7, more: None })
    );
}

#[derive(Debug, PartialEq, Default, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct Ext {
    a: u32,
    #[crosswire(since = 2)]
    b: Option<u16>,
}

/// Spec §13 and §14 (issue 27): a body length past the input is `UnexpectedEnd` before
/// any field of the body is read, so the bad `Option` tag at 8 is not reported; when the
/// input holds the body, it is.
#[test]
fn body_length_past_the_input_comes_before_the_body() {
    rejects::<Ext>(&[10, 0, 0, 0, 1, 0, 0, 0, 5], K::UnexpectedEnd, 9);
    rejects::<Ext>(&[5, 0, 0, 0, 1, 0, 0, 0, 5], K::InvalidTag, 8);
}

#[derive(Debug, PartialEq, Default, Clone, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct SettingsV1 {
    flags: u32,
    name: crosswire::BoundedString<4>,
}

#[derive(Debug, PartialEq, Default, Clone, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct SettingsV2 {
    flags: u32,
    name: crosswire::BoundedString<4>,
    #[crosswire(since = 2)]
    limit: Option<u16>,
    #[crosswire(since = 2)]
    list: crosswire::BoundedVec<u8, 3>,
}

proptest::proptest! {
    /// Any version-1 value reaches a version-2 reader with the later fields zero; any body
    /// cut inside version 1 is UnexpectedEnd where it ends.
    #[test]
    fn older_senders_decode_and_short_bodies_fail(
        flags in proptest::prelude::any::<u32>(),
        name in "[a-z]{0,4}",
        cut in 0usize..16,
    ) {
        let v1 = SettingsV1 { flags, name: name.as_str().try_into().unwrap() };
        let mut buf = [0u8; SettingsV1::MAX_SIZE];
        let bytes = crosswire::to_slice(&v1, &mut buf).unwrap().to_vec();
        let v2 = crosswire::from_bytes::<SettingsV2>(&bytes).unwrap();
        proptest::prop_assert_eq!(
            v2,
            SettingsV2 { flags, name: v1.name, ..SettingsV2::default() }
        );
        let body = bytes.len() - 4;
        if cut < body {
            let mut short = bytes[..4 + cut].to_vec();
            short[..4].copy_from_slice(&u32::try_from(cut).unwrap().to_le_bytes());
            let e = crosswire::from_bytes::<SettingsV2>(&short).unwrap_err();
            proptest::prop_assert_eq!((e.kind(), e.offset()), (K::UnexpectedEnd, 4 + cut));
        }
    }
}
