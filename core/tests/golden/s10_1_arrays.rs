//! §10.1 Arrays.

use crosswire::ErrorKind as K;
use crosswire_test_support::{golden, rejects};

#[test]
fn s10_1_arrays() {
    golden([1u16, 2], &[1, 0, 2, 0]);
    golden([true, false], &[1, 0]);
    golden([[1u8, 2], [3, 4]], &[1, 2, 3, 4]);
    rejects::<[bool; 3]>(&[1, 0, 5], K::InvalidBool, 2);
}
