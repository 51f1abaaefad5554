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
