//! §2 `MAX_SIZE` and `FIXED_SIZE`.

use core::marker::PhantomData;

use crosswire::{BoundedBytes, BoundedString, BoundedVec, ErrorKind as K, MaxSize};
use crosswire_test_support::{golden, rejects};

use crate::s13_extensible_structs::V2;

#[test]
fn s02_max_size() {
    assert_eq!(<(u32, Option<u16>)>::MAX_SIZE, 7);
    assert_eq!(<BoundedVec<u16, 4>>::MAX_SIZE, 4 + 8);
    assert_eq!(<BoundedString<32>>::MAX_SIZE, 36);
    assert_eq!(<Result<u8, u64>>::MAX_SIZE, 9);
    assert_eq!(<[i64; 16]>::MAX_SIZE, 128);
    const { assert!(<(u8, u64, [u8; 6])>::FIXED_SIZE) };
    const { assert!(!<Option<u8>>::FIXED_SIZE) };
    const { assert!(!<BoundedVec<u8, 1>>::FIXED_SIZE) };
}

/// §2's one rule for `FIXED_SIZE`: every value encodes to exactly `MAX_SIZE` bytes and no
/// other length decodes, including for types whose parts are empty.
#[test]
fn s02_fixed_size_of_types_with_empty_parts() {
    const { assert!(<Option<()>>::FIXED_SIZE) };
    const { assert!(<BoundedVec<(), 5>>::FIXED_SIZE) };
    const { assert!(<BoundedVec<u8, 0>>::FIXED_SIZE) };
    const { assert!(<BoundedString<0>>::FIXED_SIZE) };
    const { assert!(<BoundedBytes<'static, 0>>::FIXED_SIZE) };
    const { assert!(<[Option<u8>; 0]>::FIXED_SIZE) };
    const { assert!(<Result<(), PhantomData<u8>>>::FIXED_SIZE) };
    const { assert!(!<BoundedString<1>>::FIXED_SIZE) };
    const { assert!(!<V2>::FIXED_SIZE) };
    // Each one's every value is `MAX_SIZE` bytes long.
    golden(
        BoundedVec::<(), 5>::from_slice(&[(), ()]).unwrap(),
        &[2, 0, 0, 0],
    );
    golden(BoundedString::<0>::new(), &[0, 0, 0, 0]);
    golden(Some(()), &[1]);
    rejects::<BoundedVec<(), 5>>(&[6, 0, 0, 0], K::LengthOverCapacity, 0);
    rejects::<BoundedVec<(), 5>>(&[1, 0, 0], K::UnexpectedEnd, 3);
    rejects::<BoundedString<0>>(&[1, 0, 0, 0, b'a'], K::LengthOverCapacity, 0);
}
