//! §12.1 Structs and tuples.

use crosswire_test_support::golden;

#[test]
fn s12_1_structs_and_tuples() {
    golden((1u8, 2u16), &[1, 2, 0]);
    golden(
        (
            1u8, 2u8, 3u8, 4u8, 5u8, 6u8, 7u8, 8u8, 9u8, 10u8, 11u8, 12u8,
        ),
        &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
}
