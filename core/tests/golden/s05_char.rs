//! §5 `char`.

use crosswire::ErrorKind as K;
use crosswire_test_support::{golden, rejects};

#[test]
fn s05_char() {
    golden('é', &[0xE9, 0, 0, 0]);
    golden('\u{10FFFF}', &[0xFF, 0xFF, 0x10, 0]);
    rejects::<char>(&[0x00, 0xD8, 0, 0], K::InvalidChar, 0);
    rejects::<char>(&[0x00, 0x00, 0x11, 0], K::InvalidChar, 0);
}
