//! §7 Empty types.

use core::marker::PhantomData;

use crosswire::MaxSize;
use crosswire_test_support::golden;

#[test]
fn s07_empty_types() {
    golden((), &[]);
    golden(PhantomData::<u64>, &[]);
    assert_eq!(<PhantomData<u64>>::MAX_SIZE, 0);
}
