//! §17.1 A catch-all for unit-only enums (the types in `crosswire_test_support::open_enum`).

use crosswire::{ErrorKind as K, MaxSize};
use crosswire_test_support::{
    golden,
    open_enum::{Kind, State},
    rejects,
};

#[test]
fn s17_1_catch_all() {
    assert_eq!((State::MAX_SIZE, State::FIXED_SIZE), (2, true));
    assert_eq!((Kind::MAX_SIZE, Kind::FIXED_SIZE), (1, true));
    golden(State::Down, &[1, 0]);
    golden(State::Dormant, &[0, 1]);
    golden(State::Unknown(7), &[7, 0]);
    golden(State::Unknown(0xFFFF), &[0xFF, 0xFF]);
    golden(Kind::B, &[1]);
    golden(Kind::Other { raw: 2 }, &[2]);
    // Canonical: a known tag is the known variant, never the catch-all.
    assert_eq!(crosswire::from_bytes::<State>(&[2, 0]), Ok(State::Up));
    assert_eq!(crosswire::from_bytes::<Kind>(&[0]), Ok(Kind::A));
    rejects::<State>(&[7], K::UnexpectedEnd, 1);
}

#[test]
fn s17_1_catch_all_of_a_known_tag_does_not_encode() {
    let mut buf = [0u8; 8];
    for value in [State::Unknown(1), State::Unknown(2), State::Unknown(0x100)] {
        let err = crosswire::to_slice(&value, &mut buf).unwrap_err();
        assert_eq!(
            (err.kind(), err.offset()),
            (K::InvalidValue, 0),
            "{value:?}"
        );
    }
    let err = crosswire::to_slice(&(3u8, Kind::Other { raw: 0 }), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::InvalidValue, 1));
}
