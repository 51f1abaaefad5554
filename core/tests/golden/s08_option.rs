//! §8 `Option<T>`.

use crosswire::ErrorKind as K;
use crosswire_test_support::{golden, rejects};

#[test]
fn s08_option() {
    golden(None::<u16>, &[0]);
    golden(Some(7u16), &[1, 7, 0]);
    rejects::<Option<u16>>(&[2, 7, 0], K::InvalidTag, 0);
}
