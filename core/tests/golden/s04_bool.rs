//! §4 `bool`.

use crosswire::ErrorKind as K;
use crosswire_test_support::{golden, rejects};

#[test]
fn s04_bool() {
    golden(false, &[0]);
    golden(true, &[1]);
    rejects::<bool>(&[2], K::InvalidBool, 0);
    rejects::<(u8, bool)>(&[0, 0xFF], K::InvalidBool, 1);
}
