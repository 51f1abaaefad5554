//! `BoundedCStr` (spec §11.1): round trips, and decoding without a copy.

use core::ffi::CStr;

use crosswire::{BoundedCStr, Encode};
use proptest::prelude::*;

#[test]
fn decoding_borrows_from_the_input() {
    let input = [3, 0, 0, 0, b'o', b'k', 0];
    let s: BoundedCStr<'_, 8> = crosswire::from_bytes(&input).unwrap();
    assert_eq!(s.get().as_ptr().cast::<u8>(), input[4..].as_ptr());
}

proptest! {
    #[test]
    fn round_trips_every_c_string(bytes in prop::collection::vec(1u8..=255, 0..16)) {
        let mut with_nul = bytes.clone();
        with_nul.push(0);
        let c = CStr::from_bytes_with_nul(&with_nul).unwrap();
        let v = BoundedCStr::<16>::new(c).unwrap();
        let mut buf = [0u8; 20];
        let encoded = crosswire::to_slice(&v, &mut buf).unwrap();
        prop_assert_eq!(encoded.len(), v.encoded_len());
        prop_assert_eq!(crosswire::from_bytes::<BoundedCStr<'_, 16>>(encoded), Ok(v));
    }
}
