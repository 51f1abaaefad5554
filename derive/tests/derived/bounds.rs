//! The bounds the derive adds: a type parameter that no field encodes (it appears only
//! inside `PhantomData<...>`) needs none of crosswire's traits; one that a field encodes
//! keeps its bound. Each type here is used with `Opaque`, which implements none of them:
//! a bound too many is a compile error of this file.

use crosswire_test_support as common;

use core::marker::PhantomData;

use common::{golden, rejects};
use crosswire::{BoundedStr, Decode, Encode, ErrorKind as K, MaxSize};

/// Implements none of crosswire's traits.
#[derive(Debug, PartialEq)]
struct Opaque;

/// `T` only in `PhantomData`.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Handle<T> {
    id: u32,
    marker: PhantomData<T>,
}

/// `K` only in `PhantomData` (of a function type, through a full path), `V` encoded.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Keyed<K, V> {
    value: V,
    key: ::core::marker::PhantomData<fn() -> K>,
}

/// `T` only in a variant's `PhantomData`.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum Command<T> {
    Stop,
    Start { pid: u16, kind: PhantomData<T> },
}

/// `T` beside a lifetime, only in `PhantomData<&'a T>`.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Named<'a, T> {
    name: BoundedStr<'a, 8>,
    of: PhantomData<&'a T>,
}

/// `T` both encoded and in `PhantomData`: the field keeps the bound.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Both<T> {
    value: T,
    marker: PhantomData<T>,
}

#[test]
fn phantom_only_parameters_need_no_bound() {
    assert_eq!(Handle::<Opaque>::MAX_SIZE, 4);
    const { assert!(Handle::<Opaque>::FIXED_SIZE) };
    golden(
        Handle::<Opaque> {
            id: 0x0403_0201,
            marker: PhantomData,
        },
        &[1, 2, 3, 4],
    );

    assert_eq!(Keyed::<Opaque, u16>::MAX_SIZE, 2);
    golden(
        Keyed::<Opaque, u16> {
            value: 0x0201,
            key: PhantomData,
        },
        &[1, 2],
    );
    // `V` is still decoded by its own rule.
    golden(
        Keyed::<Opaque, bool> {
            value: true,
            key: PhantomData,
        },
        &[1],
    );
    rejects::<Keyed<Opaque, bool>>(&[2], K::InvalidBool, 0);

    assert_eq!(Command::<Opaque>::MAX_SIZE, 3);
    golden(Command::<Opaque>::Stop, &[0]);
    golden(
        Command::<Opaque>::Start {
            pid: 7,
            kind: PhantomData,
        },
        &[1, 7, 0],
    );
    rejects::<Command<Opaque>>(&[2], K::InvalidTag, 0);

    golden(
        Named::<Opaque> {
            name: BoundedStr::try_from("ab").unwrap(),
            of: PhantomData,
        },
        &[2, 0, 0, 0, b'a', b'b'],
    );
}

#[test]
fn encoded_parameters_keep_their_bound() {
    assert_eq!(Both::<u32>::MAX_SIZE, 4);
    golden(
        Both::<u32> {
            value: 9,
            marker: PhantomData,
        },
        &[9, 0, 0, 0],
    );
}
