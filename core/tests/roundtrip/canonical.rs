//! The canonical property on arbitrary bytes (spec §1): whenever a decode succeeds having
//! consumed `n` bytes, re-encoding gives exactly those `n` bytes. Also: decoding never
//! panics, and a reported error offset never lies past the input.

use crosswire_test_support as common;

use core::{num::NonZeroI16, time::Duration};

use common::{check_canonical, input};
use crosswire::{Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec};
use proptest::prelude::*;

type Nested<'a> = (
    Option<(bool, BoundedString<4>)>,
    Result<BoundedVec<char, 2>, Duration>,
    [Option<u8>; 2],
    BoundedStr<'a, 5>,
);

proptest! {
    #[test]
    fn primitives_are_canonical(bytes in input()) {
        check_canonical::<u32>(&bytes)?;
        check_canonical::<i128>(&bytes)?;
        check_canonical::<usize>(&bytes)?;
        check_canonical::<bool>(&bytes)?;
        check_canonical::<char>(&bytes)?;
        check_canonical::<NonZeroI16>(&bytes)?;
        check_canonical::<Duration>(&bytes)?;
        check_canonical::<Be<u32>>(&bytes)?;
        check_canonical::<()>(&bytes)?;
    }

    #[test]
    fn compounds_are_canonical(bytes in input()) {
        check_canonical::<Option<bool>>(&bytes)?;
        check_canonical::<Result<bool, u8>>(&bytes)?;
        check_canonical::<[bool; 4]>(&bytes)?;
        check_canonical::<(u8, bool, Option<char>)>(&bytes)?;
        check_canonical::<Nested<'_>>(&bytes)?;
    }

    #[test]
    fn bounded_are_canonical(bytes in input()) {
        check_canonical::<BoundedVec<u16, 3>>(&bytes)?;
        check_canonical::<BoundedVec<bool, 3>>(&bytes)?;
        check_canonical::<BoundedString<3>>(&bytes)?;
        check_canonical::<BoundedBytes<'_, 3>>(&bytes)?;
        check_canonical::<BoundedStr<'_, 3>>(&bytes)?;
    }
}

#[cfg(feature = "heapless")]
proptest! {
    #[test]
    fn heapless_is_canonical(bytes in input()) {
        check_canonical::<heapless::Vec<bool, 3>>(&bytes)?;
        check_canonical::<heapless::String<3>>(&bytes)?;
    }
}

#[cfg(feature = "arrayvec")]
proptest! {
    #[test]
    fn arrayvec_is_canonical(bytes in input()) {
        check_canonical::<arrayvec::ArrayVec<bool, 3>>(&bytes)?;
        check_canonical::<arrayvec::ArrayString<3>>(&bytes)?;
    }
}

/// Forward-compatible enums (spec §17). A unit-only enum with a catch-all is canonical
/// outright. An extensible one re-encodes to the consumed bytes but for the extensible
/// body's own exceptions (§13: a short body re-encodes zero-extended, a zero tail is
/// dropped), and a skipped unknown variant does not encode (`InvalidValue` at its tag).
mod open_enums {
    use crosswire::{Decode, Encode, ErrorKind, MaxSize};
    use proptest::prelude::*;

    use crosswire_test_support::open_enum::*;

    use super::{check_canonical, input};

    /// The extensible canonical property for an enum whose tag takes `tag` bytes.
    fn check_extensible<'de, T>(bytes: &'de [u8], tag: usize) -> Result<(), TestCaseError>
    where
        T: Encode + Decode<'de> + MaxSize,
    {
        let (value, rest) = match crosswire::take_from_bytes::<T>(bytes) {
            Ok(decoded) => decoded,
            Err(e) => {
                prop_assert!(e.offset() <= bytes.len());
                return Ok(());
            }
        };
        let consumed = &bytes[..bytes.len() - rest.len()];
        let mut buf = vec![0u8; T::MAX_SIZE];
        match crosswire::to_slice(&value, &mut buf) {
            Ok(encoded) => {
                prop_assert_eq!(&encoded[..tag], &consumed[..tag]);
                // The bodies after their lengths agree once both are zero-extended.
                let (sent, again) = (&consumed[tag + 4..], &encoded[tag + 4..]);
                for i in 0..sent.len().max(again.len()) {
                    let (a, b) = (sent.get(i).copied(), again.get(i).copied());
                    prop_assert_eq!(a.unwrap_or(0), b.unwrap_or(0), "body byte {}", i);
                }
                if sent.len() == again.len() {
                    prop_assert_eq!(&*encoded, consumed);
                }
            }
            Err(e) => prop_assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidValue, 0)),
        }
        Ok(())
    }

    /// A tag among the first few, then a small body length, then anything.
    fn tagged(tag: usize, first: u16) -> impl Strategy<Value = Vec<u8>> {
        (0u16..5, 0u8..12, input()).prop_map(move |(t, len, rest)| {
            let mut bytes = (first + t).to_le_bytes()[..tag].to_vec();
            bytes.extend([len, 0, 0, 0]);
            bytes.extend(rest);
            bytes
        })
    }

    proptest! {
        #[test]
        fn catch_all_is_canonical(bytes in input()) {
            check_canonical::<State>(&bytes)?;
            check_canonical::<Kind>(&bytes)?;
            check_canonical::<(Kind, State, Kind)>(&bytes)?;
        }

        #[test]
        fn extensible_enums_are_canonical_but_for_the_body(
            any_bytes in input(),
            event in tagged(1, 0),
            command in tagged(2, 0x10),
        ) {
            for bytes in [&any_bytes, &event] {
                check_extensible::<Event>(bytes, 1)?;
                check_extensible::<Strict>(bytes, 1)?;
                check_extensible::<Borrowed<'_>>(bytes, 1)?;
            }
            check_extensible::<Command>(&command, 2)?;
        }
    }
}
