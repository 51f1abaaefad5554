//! §3.3 Big-endian integers.

use crosswire::Be;
use crosswire_test_support::golden;

#[test]
fn s03_3_big_endian() {
    golden(Be(0x1234u16), &[0x12, 0x34]);
    golden(Be(0x0102_0304u32), &[1, 2, 3, 4]);
    golden(Be(-2i64), &[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]);
}
