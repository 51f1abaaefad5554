//! §11.1 C strings: golden bytes, the NUL rules with their offsets, capacity, and the NUL
//! rule over every byte string.

use core::ffi::CStr;

use crosswire::{BoundedCStr, Decode, Encode, ErrorKind as K, MaxSize};
use crosswire_test_support::{golden, rejects};
use proptest::prelude::*;

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Link<'a> {
    index: u8,
    name: BoundedCStr<'a, 16>,
}

#[test]
fn s11_1_c_strings() {
    assert_eq!(<BoundedCStr<'_, 16>>::MAX_SIZE, 20);
    const { assert!(!<BoundedCStr<'_, 16>>::ZERO_VALID) };
    golden(
        BoundedCStr::<4>::new(c"hi").unwrap(),
        &[3, 0, 0, 0, b'h', b'i', 0],
    );
    golden(BoundedCStr::<1>::new(c"").unwrap(), &[1, 0, 0, 0, 0]);
    golden(
        Link {
            index: 2,
            name: BoundedCStr::new(c"eth0").unwrap(),
        },
        &[2, 5, 0, 0, 0, b'e', b't', b'h', b'0', 0],
    );
    // Interior NUL: at that NUL.
    rejects::<BoundedCStr<'_, 4>>(&[3, 0, 0, 0, 0, b'i', 0], K::InvalidValue, 4);
    rejects::<Link<'_>>(&[2, 3, 0, 0, 0, b'a', 0, 0], K::InvalidValue, 6);
    // Missing NUL: at the last byte, or at the length when there is no byte at all.
    rejects::<BoundedCStr<'_, 4>>(&[2, 0, 0, 0, b'h', b'i'], K::InvalidValue, 5);
    rejects::<BoundedCStr<'_, 4>>(&[0, 0, 0, 0], K::InvalidValue, 0);
    rejects::<Link<'_>>(&[2, 0, 0, 0, 0], K::InvalidValue, 1);
    // Over capacity (the NUL counts): at the length, before any byte is read.
    rejects::<BoundedCStr<'_, 2>>(&[3, 0, 0, 0, b'h', b'i', 0], K::LengthOverCapacity, 0);
    // Cut short: UnexpectedEnd at the end.
    rejects::<BoundedCStr<'_, 4>>(&[3, 0, 0, 0, b'h'], K::UnexpectedEnd, 5);
    assert!(BoundedCStr::<2>::new(c"hi").is_err());
}

proptest! {
    #[test]
    fn accepts_exactly_one_nul_at_the_end(bytes in prop::collection::vec(any::<u8>(), 0..8)) {
        let mut input = u32::try_from(bytes.len()).unwrap().to_le_bytes().to_vec();
        input.extend_from_slice(&bytes);
        let got = crosswire::from_bytes::<BoundedCStr<'_, 8>>(&input);
        match CStr::from_bytes_with_nul(&bytes) {
            Ok(c) => prop_assert_eq!(got.map(|v| v.get()), Ok(c)),
            Err(_) => prop_assert_eq!(got.unwrap_err().kind(), K::InvalidValue),
        }
    }
}
