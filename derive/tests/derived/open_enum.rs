//! Forward-compatible enums (spec §17) through the derive's other paths: tags from
//! constant expressions, `tag = "u32"`, generic bodies, and the runtime crate renamed
//! (`cw`, which catches hard-coded paths).

use crosswire_test_support as common;

use common::{golden, rejects};
use crosswire::{BoundedVec, Decode, Encode, ErrorKind as K, MaxSize};

const BASE: u16 = 0x200;

/// Tags computed at compile time.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[repr(u16)]
enum Computed {
    First = BASE,
    Second,
    #[crosswire(other)]
    Unknown(u16),
}

#[test]
fn computed_tags_and_the_catch_all() {
    golden(Computed::First, &[0x00, 0x02]);
    golden(Computed::Second, &[0x01, 0x02]);
    golden(Computed::Unknown(0x202), &[0x02, 0x02]);
    let mut buf = [0u8; 2];
    let err = crosswire::to_slice(&Computed::Unknown(0x201), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::InvalidValue, 0));
}

/// A `u32` tag from the attribute, an extensible body with a generic field.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible, tag = "u32")]
enum Generic<T> {
    Value(T),
    Nothing,
    #[crosswire(other)]
    Unknown(u32, BoundedVec<u8, 2>),
}

#[test]
fn generic_extensible_enum() {
    assert_eq!(<Generic<u16>>::MAX_SIZE, 4 + 4 + 2);
    golden(Generic::Value(7u16), &[0, 0, 0, 0, 2, 0, 0, 0, 7, 0]);
    golden(Generic::<u16>::Nothing, &[1, 0, 0, 0, 0, 0, 0, 0]);
    let body = BoundedVec::try_from(&[5][..]).unwrap();
    golden(
        Generic::<u16>::Unknown(9, body),
        &[9, 0, 0, 0, 1, 0, 0, 0, 5],
    );
    rejects::<Generic<u16>>(&[9, 0, 0, 0, 3, 0, 0, 0, 5, 5, 5], K::LengthOverCapacity, 4);
    // A wider `T` from an older sender is zero-extended.
    let older = [0, 0, 0, 0, 2, 0, 0, 0, 7, 1];
    assert_eq!(
        crosswire::from_bytes::<Generic<u32>>(&older),
        Ok(Generic::Value(0x107))
    );
}

/// A catch-all alone: every tag is unknown.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum OnlyOther {
    #[crosswire(other)]
    Raw(u8),
}

#[test]
fn a_catch_all_alone_takes_every_tag() {
    assert_eq!((OnlyOther::MAX_SIZE, OnlyOther::FIXED_SIZE), (1, true));
    for tag in [0u8, 1, 255] {
        golden(OnlyOther::Raw(tag), &[tag]);
    }
}
