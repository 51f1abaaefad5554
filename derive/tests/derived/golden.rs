//! Golden bytes for derived types: each rule of the wire format that the derive implements
//! (structs §12.1, enums §12.3, extensible structs §13) pinned byte for byte. A change to
//! any expected byte here is a format break.

use crosswire_test_support as common;

use core::marker::PhantomData;

use common::{encode, golden, rejects};
use crosswire::{BoundedBytes, BoundedStr, BoundedVec, Decode, Encode, ErrorKind as K, MaxSize};

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Named {
    a: u8,
    b: u16,
    c: bool,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Tuple(u32, i8);

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Unit;

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Empty {}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct WithOption {
    id: u16,
    extra: Option<u32>,
}

#[test]
fn structs_are_fields_back_to_back() {
    golden(
        Named {
            a: 1,
            b: 0x0302,
            c: true,
        },
        &[1, 2, 3, 1],
    );
    golden(Tuple(0xA1B2C3D4, -1), &[0xD4, 0xC3, 0xB2, 0xA1, 0xFF]);
    golden(Unit, &[]);
    golden(Empty {}, &[]);
    golden(WithOption { id: 7, extra: None }, &[7, 0, 0]);
    golden(
        WithOption {
            id: 7,
            extra: Some(9),
        },
        &[7, 0, 1, 9, 0, 0, 0],
    );
}

#[test]
fn struct_max_size_and_fixed_size() {
    assert_eq!(Named::MAX_SIZE, 4);
    assert_eq!(Tuple::MAX_SIZE, 5);
    assert_eq!(Unit::MAX_SIZE, 0);
    assert_eq!(WithOption::MAX_SIZE, 2 + 1 + 4);
    const { assert!(Named::FIXED_SIZE && Tuple::FIXED_SIZE && Unit::FIXED_SIZE) };
    const { assert!(!WithOption::FIXED_SIZE) };
}

#[test]
fn struct_errors_match_field_by_field_offsets() {
    // A fixed-size struct cut short reports where the input ends (spec §14), as
    // `(u8, u16, bool)` does.
    rejects::<Named>(&[1, 2], K::UnexpectedEnd, 2);
    rejects::<Named>(&[1, 2, 3], K::UnexpectedEnd, 3);
    rejects::<Named>(&[1, 2, 3, 2], K::InvalidBool, 3);
    rejects::<Named>(&[1, 2, 3, 1, 0], K::TrailingBytes, 4);
    // Encoding into a short buffer: BufferFull where the buffer ends.
    let mut buf = [0u8; 2];
    let err = crosswire::to_slice(
        &Named {
            a: 1,
            b: 2,
            c: false,
        },
        &mut buf,
    )
    .unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::BufferFull, 2));
}

/// §12.3's example enum of the core's golden tests, derived.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum State {
    Idle,
    Running { pid: u32, cpu: u16 },
    Failed(i32),
}

#[test]
fn enums_are_tag_then_fields() {
    assert_eq!(State::MAX_SIZE, 1 + 6);
    const { assert!(!State::FIXED_SIZE) };
    golden(State::Idle, &[0]);
    golden(State::Running { pid: 7, cpu: 1 }, &[1, 7, 0, 0, 0, 1, 0]);
    golden(State::Failed(-1), &[2, 0xFF, 0xFF, 0xFF, 0xFF]);
    rejects::<State>(&[3], K::InvalidTag, 0);
    rejects::<State>(&[], K::UnexpectedEnd, 0);
    rejects::<State>(&[1, 7, 0], K::UnexpectedEnd, 3);
}

/// Stable command numbers: explicit discriminants, a wide tag, variants out of order.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(tag = "u16")]
#[repr(u16)]
enum Command<'a> {
    Set { key: u8, value: u32 } = 0x101,
    Get(u8) = 0x100,
    Name(BoundedStr<'a, 8>) = 0x200,
    // Implicit: one more than the previous, as Rust numbers it.
    Reset,
}

#[test]
fn explicit_discriminants_are_the_tags() {
    assert_eq!(Command::MAX_SIZE, 2 + 4 + 8);
    golden(Command::Get(5), &[0x00, 0x01, 5]);
    golden(
        Command::Set { key: 1, value: 2 },
        &[0x01, 0x01, 1, 2, 0, 0, 0],
    );
    golden(
        Command::Name(BoundedStr::new("eth0").unwrap()),
        &[0x00, 0x02, 4, 0, 0, 0, b'e', b't', b'h', b'0'],
    );
    golden(Command::Reset, &[0x01, 0x02]);
    rejects::<Command<'_>>(&[0x00, 0x00], K::InvalidTag, 0);
    rejects::<Command<'_>>(&[0x02, 0x01], K::InvalidTag, 0);
}

#[derive(Debug, PartialEq, Clone, Copy, Encode, Decode, MaxSize)]
#[crosswire(tag = "u32")]
#[repr(u32)]
enum Wide {
    A = 0xDEAD_BEEF,
    B = 7,
}

#[derive(Debug, PartialEq, Clone, Copy, Encode, Decode, MaxSize)]
enum Flag {
    Off,
    On,
}

/// Every variant has the same fixed size: the enum is `FIXED_SIZE` too.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum Same {
    A(u32),
    B(i32),
    C([u8; 4]),
}

#[test]
fn tag_widths_and_fieldless_enums() {
    assert_eq!(Wide::MAX_SIZE, 4);
    golden(Wide::A, &[0xEF, 0xBE, 0xAD, 0xDE]);
    golden(Wide::B, &[7, 0, 0, 0]);
    assert_eq!(Wide::A as u32, 0xDEAD_BEEF);
    rejects::<Wide>(&[8, 0, 0, 0], K::InvalidTag, 0);
    golden(Flag::Off, &[0]);
    golden(Flag::On, &[1]);
    const { assert!(Flag::FIXED_SIZE && Wide::FIXED_SIZE && Same::FIXED_SIZE) };
    golden(Same::C([1, 2, 3, 4]), &[2, 1, 2, 3, 4]);
    rejects::<Same>(&[3, 0, 0, 0, 0], K::InvalidTag, 0);
    rejects::<Same>(&[0, 0, 0], K::UnexpectedEnd, 3);
}

/// An enum with no variants has no values: it never decodes.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum Never {}

#[test]
fn empty_enum_rejects_every_tag() {
    assert_eq!(Never::MAX_SIZE, 1);
    rejects::<Never>(&[0], K::InvalidTag, 0);
}

/// §13's example extensible struct of the core's golden tests, derived.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct V2 {
    a: u32,
    #[crosswire(since = 2)]
    b: u16,
}

/// Version 1 of the same struct.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct V1 {
    a: u32,
}

#[test]
fn extensible_structs() {
    assert_eq!(V2::MAX_SIZE, 4 + 6);
    const { assert!(!V2::FIXED_SIZE) };
    golden(V2 { a: 1, b: 2 }, &[6, 0, 0, 0, 1, 0, 0, 0, 2, 0]);
    // An older sender (V1 had only `a`): zero-extended.
    let v1 = encode(&V1 { a: 1 });
    assert_eq!(v1, [4, 0, 0, 0, 1, 0, 0, 0]);
    assert_eq!(crosswire::from_bytes::<V2>(&v1), Ok(V2 { a: 1, b: 0 }));
    // Half a field is zero-extended too, as the kernel does.
    let cut = [5, 0, 0, 0, 1, 0, 0, 0, 7];
    assert_eq!(crosswire::from_bytes::<V2>(&cut), Ok(V2 { a: 1, b: 7 }));
    // A newer sender with a zero tail is accepted; a non-zero tail is rejected.
    let v3 = [8, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0];
    assert_eq!(crosswire::from_bytes::<V2>(&v3), Ok(V2 { a: 1, b: 2 }));
    assert_eq!(
        crosswire::from_bytes::<V1>(&v3[..]).map(|v| v.a),
        Err(crosswire::Error::new(K::NonZeroTail, 8))
    );
    rejects::<V2>(&[8, 0, 0, 0, 1, 0, 0, 0, 2, 0, 9, 0], K::NonZeroTail, 10);
    // A body length past the input.
    rejects::<V2>(&[9, 0, 0, 0, 1, 0, 0, 0, 2, 0], K::UnexpectedEnd, 10);
    // Version 1's `a` is in every sender's body: a body that ends before it, or inside
    // it, is UnexpectedEnd where the body ends (not zeros).
    rejects::<V2>(&[0, 0, 0, 0], K::UnexpectedEnd, 4);
    rejects::<V2>(&[3, 0, 0, 0, 1, 0, 0], K::UnexpectedEnd, 7);
    assert_eq!(V2::FIRST_VERSION_MAX_SIZE, 8);
    assert_eq!(V1::FIRST_VERSION_MAX_SIZE, V1::MAX_SIZE);
}

/// A fixed-size struct inside an extensible body from an older sender: its fast path
/// (one sub-reader) cannot run over virtual zeros, so it must fall back field by field.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Pair {
    x: u16,
    y: u16,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct Outer {
    id: u8,
    #[crosswire(since = 2)]
    pair: Pair,
    #[crosswire(since = 3)]
    flag: Flag,
}

#[test]
fn fixed_struct_in_zero_extended_body() {
    golden(
        Outer {
            id: 1,
            pair: Pair { x: 2, y: 3 },
            flag: Flag::On,
        },
        &[6, 0, 0, 0, 1, 2, 0, 3, 0, 1],
    );
    assert_eq!(
        crosswire::from_bytes::<Outer>(&[3, 0, 0, 0, 1, 2, 0]),
        Ok(Outer {
            id: 1,
            pair: Pair { x: 2, y: 0 },
            flag: Flag::Off
        })
    );
}

/// Generic types: a bound per type parameter, the user's `where` clause kept, const
/// generics passed through.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Generic<T, U, const N: usize>
where
    // Kept from the user: decoding `[T; N]` without `unsafe` needs `T: Default`.
    T: Default,
{
    items: [T; N],
    last: U,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
enum Either<L, R> {
    Left(L),
    Right(R),
}

/// A type parameter that is not encoded: `bound` replaces the derive's `T: Encode`.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(bound = "")]
struct Marker<T> {
    id: u8,
    _t: PhantomData<T>,
}

/// Not encodable at all, only used as a marker.
#[derive(Debug, PartialEq)]
struct NotEncodable;

#[test]
fn generics() {
    assert_eq!(<Generic<u16, u8, 3>>::MAX_SIZE, 7);
    const { assert!(<Generic<u16, u8, 3>>::FIXED_SIZE) };
    golden(
        Generic::<u16, u8, 3> {
            items: [1, 2, 3],
            last: 4,
        },
        &[1, 0, 2, 0, 3, 0, 4],
    );
    assert_eq!(<Either<u8, u64>>::MAX_SIZE, 9);
    golden(Either::<u8, u64>::Left(1), &[0, 1]);
    golden(Either::<u8, u64>::Right(2), &[1, 2, 0, 0, 0, 0, 0, 0, 0]);
    golden(
        Marker::<NotEncodable> {
            id: 3,
            _t: PhantomData,
        },
        &[3],
    );
    // Nested generics of derived types.
    golden(
        Either::<Named, Tuple>::Right(Tuple(1, 2)),
        &[1, 1, 0, 0, 0, 2],
    );
}

/// Lifetimes: fields borrow from the input, with one or several lifetime parameters.
#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Borrowed<'a, 'b, T> {
    name: BoundedStr<'a, 16>,
    blob: BoundedBytes<'b, 4>,
    extra: T,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
struct Owned {
    list: BoundedVec<u16, 2>,
}

#[test]
fn borrowing_from_the_input() {
    let input = [2, 0, 0, 0, b'h', b'i', 1, 0, 0, 0, 0xAB, 9];
    let value: Borrowed<'_, '_, u8> = crosswire::from_bytes(&input).unwrap();
    assert_eq!(&*value.name, "hi");
    assert_eq!(&*value.blob, &[0xAB]);
    // Zero-copy: the decoded string points into the input.
    assert_eq!(value.name.as_ptr(), input[4..].as_ptr());
    assert_eq!(encode(&value), input);
    assert_eq!(<Borrowed<'_, '_, u8>>::MAX_SIZE, 4 + 16 + 4 + 4 + 1);
    rejects::<Borrowed<'_, '_, u8>>(&[5, 0, 0, 0, b'h'], K::UnexpectedEnd, 5);
    golden(
        Owned {
            list: BoundedVec::from_slice(&[1, 2]).unwrap(),
        },
        &[2, 0, 0, 0, 1, 0, 2, 0],
    );
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct InnerExt {
    #[crosswire(since = 2)]
    a: u8,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct OuterExt {
    #[crosswire(since = 2)]
    i: InnerExt,
}

#[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct Named4 {
    #[crosswire(since = 2)]
    s: crosswire::BoundedString<4>,
}

/// Spec §13's corners, derived: a body that ends inside a field, and bodies nested in a
/// short body, read as zero-extended real bytes first.
#[test]
fn extensible_corners() {
    // The derive marks extensible structs, and only them, for size-versioning transports.
    const { assert!(OuterExt::EXTENSIBLE && InnerExt::EXTENSIBLE && Named4::EXTENSIBLE) };
    const { assert!(!<Named as MaxSize>::EXTENSIBLE && !<State as MaxSize>::EXTENSIBLE) };
    let o = |a| OuterExt { i: InnerExt { a } };
    assert_eq!(
        crosswire::from_bytes::<OuterExt>(&[1, 0, 0, 0, 1]),
        Ok(o(0))
    );
    assert_eq!(crosswire::from_bytes::<OuterExt>(&[0, 0, 0, 0]), Ok(o(0)));
    rejects::<OuterExt>(&[5, 0, 0, 0, 2, 0, 0, 0, 9], K::UnexpectedEnd, 9);
    golden(o(9), &[5, 0, 0, 0, 1, 0, 0, 0, 9]);
    let s = |s: &str| Named4 {
        s: s.try_into().unwrap(),
    };
    assert_eq!(
        crosswire::from_bytes::<Named4>(&[5, 0, 0, 0, 2, 0, 0, 0, 0x41]),
        Ok(s("A\0"))
    );
    rejects::<Named4>(&[5, 0, 0, 0, 2, 0, 0, 0, 0xC3], K::InvalidUtf8, 8);
    // In place, over a stale value, the same.
    let mut stale = s("xyzw");
    crosswire::from_bytes_in_place(&[5, 0, 0, 0, 2, 0, 0, 0, 0x41], &mut stale).unwrap();
    assert_eq!(stale, s("A\0"));
}
