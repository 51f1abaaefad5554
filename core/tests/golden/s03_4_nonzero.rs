//! §3.4 `NonZero` integers.

use core::num::NonZeroU16;

use crosswire::ErrorKind as K;
use crosswire_test_support::{golden, rejects};

#[test]
fn s03_4_nonzero() {
    golden(NonZeroU16::new(0x0102).unwrap(), &[2, 1]);
    rejects::<NonZeroU16>(&[0, 0], K::ZeroNonZero, 0);
}
