//! §9 `Duration`.

use core::time::Duration;

use crosswire::ErrorKind as K;
use crosswire_test_support::{golden, rejects};

#[test]
fn s09_duration() {
    golden(Duration::new(1, 5), &[1, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0]);
    rejects::<Duration>(
        &[0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0xCA, 0x9A, 0x3B],
        K::InvalidDuration,
        8,
    );
}
