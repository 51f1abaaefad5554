//! §3.2 `usize` and `isize`.

use crosswire_test_support::golden;

#[test]
fn s03_2_usize_isize() {
    golden(300usize, &[0x2C, 1, 0, 0, 0, 0, 0, 0]);
    golden(-1isize, &[0xFF; 8]);
    // 64-bit hosts accept every u64; the 32-bit rule is checked on the u32 path below.
    #[cfg(target_pointer_width = "32")]
    crosswire_test_support::rejects::<usize>(
        &[0, 0, 0, 0, 1, 0, 0, 0],
        crosswire::ErrorKind::IntegerOutOfRange,
        0,
    );
}
