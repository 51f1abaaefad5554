//! §12.2 `Result<T, E>`.

use crosswire::ErrorKind as K;
use crosswire_test_support::{golden, rejects};

#[test]
fn s12_2_result() {
    golden(Ok::<u8, u16>(3), &[0, 3]);
    golden(Err::<u8, u16>(3), &[1, 3, 0]);
    rejects::<Result<u8, u16>>(&[2, 3], K::InvalidTag, 0);
}
