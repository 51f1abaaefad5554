//! §3.6 Bit flags (feature `bitflags`): golden bytes, unknown bits refused or kept, their
//! offsets, and the rule over every bit pattern.

use crosswire::{
    bitflags::{Retain, Strict},
    schema::Described,
    Decode, Encode, ErrorKind as K, MaxSize,
};
use crosswire_test_support::{golden, rejects};
use proptest::prelude::*;

bitflags::bitflags! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct Mode: u16 {
        const READ = 1;
        const WRITE = 2;
        const EXEC = 0x100;
    }
}

bitflags::bitflags! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct Wide: u64 {
        const HIGH = 1 << 63;
    }
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Open {
    id: u8,
    mode: Strict<Mode>,
    extra: Retain<Wide>,
}

#[test]
fn s03_6_bit_flags() {
    assert_eq!(<Strict<Mode>>::MAX_SIZE, 2);
    const { assert!(<Retain<Wide>>::FIXED_SIZE && <Strict<Mode>>::ZERO_VALID) };
    golden(Strict(Mode::READ | Mode::EXEC), &[0x01, 0x01]);
    golden(Retain(Wide::HIGH), &[0, 0, 0, 0, 0, 0, 0, 0x80]);
    golden(
        Open {
            id: 7,
            mode: Strict(Mode::WRITE),
            extra: Retain(Wide::from_bits_retain(0x11)),
        },
        &[7, 2, 0, 0x11, 0, 0, 0, 0, 0, 0, 0],
    );
    // Bit 2 is no `Mode`: refused at the integer's first byte, also inside a struct.
    rejects::<Strict<Mode>>(&[0x04, 0x00], K::InvalidValue, 0);
    rejects::<Open>(&[7, 0x03, 0x02, 0, 0, 0, 0, 0, 0, 0, 0], K::InvalidValue, 1);
    // Cut short: UnexpectedEnd at the end, as for the integer.
    rejects::<Strict<Mode>>(&[0x01], K::UnexpectedEnd, 1);
    // Kept by `Retain`, and re-encoded as they came.
    let kept = crosswire::from_bytes::<Retain<Mode>>(&[0x07, 0x80]).unwrap();
    assert_eq!(kept.bits(), 0x8007);
    golden(kept, &[0x07, 0x80]);
}

#[test]
fn retained_flags_describe_as_their_integer() {
    assert_eq!(<Retain<Mode>>::SCHEMA, u16::SCHEMA);
}

proptest! {
    #[test]
    fn strict_round_trips_known_bits(bits in any::<u16>()) {
        let v = Strict(Mode::from_bits_truncate(bits));
        let mut buf = [0u8; 2];
        let bytes = crosswire::to_slice(&v, &mut buf).unwrap();
        prop_assert_eq!(crosswire::from_bytes::<Strict<Mode>>(bytes), Ok(v));
    }

    #[test]
    fn strict_refuses_exactly_the_unknown_bits(bits in any::<u16>()) {
        let got = crosswire::from_bytes::<Strict<Mode>>(&bits.to_le_bytes());
        match Mode::from_bits(bits) {
            Some(mode) => prop_assert_eq!(got, Ok(Strict(mode))),
            None => prop_assert_eq!(got.unwrap_err().kind(), K::InvalidValue),
        }
    }

    #[test]
    fn retain_round_trips_every_bit_pattern(bits in any::<u64>()) {
        let v = Retain(Wide::from_bits_retain(bits));
        let mut buf = [0u8; 8];
        let bytes = crosswire::to_slice(&v, &mut buf).unwrap();
        prop_assert_eq!(&*bytes, &bits.to_le_bytes()[..]);
        prop_assert_eq!(crosswire::from_bytes::<Retain<Wide>>(bytes), Ok(v));
    }
}
