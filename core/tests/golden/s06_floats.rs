//! §6 `f32` and `f64` (feature `float`).

use crosswire_test_support::{encode, golden};

#[test]
fn s06_floats() {
    golden(1.0f32, &[0, 0, 0x80, 0x3F]);
    golden(-0.0f64, &[0, 0, 0, 0, 0, 0, 0, 0x80]);
    let nan = crosswire::from_bytes::<f32>(&[1, 0, 0xC0, 0x7F]).unwrap();
    assert_eq!(encode(&nan), [1, 0, 0xC0, 0x7F], "NaN payload survives");
}
