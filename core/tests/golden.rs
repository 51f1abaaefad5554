//! Golden bytes for every section of docs/wire-format.md. A change to any expected byte
//! here is a format break (spec §16).

use crosswire_test_support as common;

use core::{marker::PhantomData, num::NonZeroU16, time::Duration};

use common::{golden, rejects};
use crosswire::{
    Be, BoundedBytes, BoundedCStr, BoundedStr, BoundedString, BoundedVec, ErrorKind as K, MaxSize,
};

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

#[test]
fn s03_1_integers() {
    golden(0xA5C7u16, &[0xC7, 0xA5]);
    golden(-2i32, &[0xFE, 0xFF, 0xFF, 0xFF]);
    golden(1u64, &[1, 0, 0, 0, 0, 0, 0, 0]);
    golden(0x7Fu8, &[0x7F]);
    golden(-128i8, &[0x80]);
    golden(
        u128::MAX - 1,
        &[
            0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF,
        ],
    );
    golden(i16::MIN, &[0x00, 0x80]);
}

#[test]
fn s03_2_usize_isize() {
    golden(300usize, &[0x2C, 1, 0, 0, 0, 0, 0, 0]);
    golden(-1isize, &[0xFF; 8]);
    // 64-bit hosts accept every u64; the 32-bit rule is checked on the u32 path below.
    #[cfg(target_pointer_width = "32")]
    rejects::<usize>(&[0, 0, 0, 0, 1, 0, 0, 0], K::IntegerOutOfRange, 0);
}

#[test]
fn s03_3_big_endian() {
    golden(Be(0x1234u16), &[0x12, 0x34]);
    golden(Be(0x0102_0304u32), &[1, 2, 3, 4]);
    golden(Be(-2i64), &[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]);
}

#[test]
fn s03_4_nonzero() {
    golden(NonZeroU16::new(0x0102).unwrap(), &[2, 1]);
    rejects::<NonZeroU16>(&[0, 0], K::ZeroNonZero, 0);
}

#[test]
fn s03_5_network_addresses() {
    use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
    golden(Ipv4Addr::new(192, 0, 2, 1), &[192, 0, 2, 1]);
    let v6: Ipv6Addr = "2001:db8::1".parse().unwrap();
    let mut v6_bytes = [0u8; 16];
    v6_bytes[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
    v6_bytes[15] = 1;
    golden(v6, &v6_bytes);
    golden(
        SocketAddrV4::new(Ipv4Addr::new(192, 0, 2, 1), 80),
        &[0x00, 0x50, 192, 0, 2, 1],
    );
    let mut sa6 = vec![0x01, 0xBB, 0x00, 0x01, 0x02, 0x03];
    sa6.extend_from_slice(&v6_bytes);
    sa6.extend_from_slice(&[7, 0, 0, 0]);
    golden(SocketAddrV6::new(v6, 443, 0x0001_0203, 7), &sa6);
    rejects::<SocketAddrV4>(&[0, 80, 1], K::UnexpectedEnd, 3);
    const { assert!(<SocketAddrV6>::FIXED_SIZE) };
    assert_eq!(<SocketAddrV6>::MAX_SIZE, 26);
}

#[test]
fn s04_bool() {
    golden(false, &[0]);
    golden(true, &[1]);
    rejects::<bool>(&[2], K::InvalidBool, 0);
    rejects::<(u8, bool)>(&[0, 0xFF], K::InvalidBool, 1);
}

#[test]
fn s05_char() {
    golden('é', &[0xE9, 0, 0, 0]);
    golden('\u{10FFFF}', &[0xFF, 0xFF, 0x10, 0]);
    rejects::<char>(&[0x00, 0xD8, 0, 0], K::InvalidChar, 0);
    rejects::<char>(&[0x00, 0x00, 0x11, 0], K::InvalidChar, 0);
}

#[cfg(feature = "float")]
#[test]
fn s06_floats() {
    golden(1.0f32, &[0, 0, 0x80, 0x3F]);
    golden(-0.0f64, &[0, 0, 0, 0, 0, 0, 0, 0x80]);
    let nan = crosswire::from_bytes::<f32>(&[1, 0, 0xC0, 0x7F]).unwrap();
    assert_eq!(
        common::encode(&nan),
        [1, 0, 0xC0, 0x7F],
        "NaN payload survives"
    );
}

#[test]
fn s07_empty_types() {
    golden((), &[]);
    golden(PhantomData::<u64>, &[]);
    assert_eq!(<PhantomData<u64>>::MAX_SIZE, 0);
}

#[test]
fn s08_option() {
    golden(None::<u16>, &[0]);
    golden(Some(7u16), &[1, 7, 0]);
    rejects::<Option<u16>>(&[2, 7, 0], K::InvalidTag, 0);
}

#[test]
fn s09_duration() {
    golden(Duration::new(1, 5), &[1, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0]);
    rejects::<Duration>(
        &[0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0xCA, 0x9A, 0x3B],
        K::InvalidDuration,
        8,
    );
}

#[test]
fn s10_1_arrays() {
    golden([1u16, 2], &[1, 0, 2, 0]);
    golden([true, false], &[1, 0]);
    golden([[1u8, 2], [3, 4]], &[1, 2, 3, 4]);
    rejects::<[bool; 3]>(&[1, 0, 5], K::InvalidBool, 2);
}

#[test]
fn s10_2_bounded_sequences() {
    golden(
        BoundedVec::<u16, 4>::from_slice(&[1, 2]).unwrap(),
        &[2, 0, 0, 0, 1, 0, 2, 0],
    );
    golden(BoundedVec::<u16, 4>::new(), &[0, 0, 0, 0]);
    golden(
        BoundedBytes::<'static, 3>::new(&[9, 8]).unwrap(),
        &[2, 0, 0, 0, 9, 8],
    );
    // Over capacity is rejected at the length, before any element is read.
    rejects::<BoundedVec<u16, 4>>(&[5, 0, 0, 0], K::LengthOverCapacity, 0);
    rejects::<BoundedVec<u8, 4>>(&[0xFF, 0xFF, 0xFF, 0xFF], K::LengthOverCapacity, 0);
    rejects::<BoundedVec<u16, 4>>(&[2, 0, 0, 0, 1, 0, 2], K::UnexpectedEnd, 7);
}

#[cfg(feature = "heapless")]
#[test]
fn s10_2_heapless() {
    let v: heapless::Vec<u16, 4> = heapless::Vec::from_slice(&[1, 2]).unwrap();
    golden(v, &[2, 0, 0, 0, 1, 0, 2, 0]);
    golden(
        heapless::String::<8>::try_from("hi").unwrap(),
        &[2, 0, 0, 0, b'h', b'i'],
    );
    rejects::<heapless::Vec<u8, 1>>(&[2, 0, 0, 0, 1, 1], K::LengthOverCapacity, 0);
}

#[cfg(feature = "arrayvec")]
#[test]
fn s10_2_arrayvec() {
    let mut v = arrayvec::ArrayVec::<u16, 4>::new();
    v.extend([1, 2]);
    golden(v, &[2, 0, 0, 0, 1, 0, 2, 0]);
    golden(
        arrayvec::ArrayString::<8>::from("hi").unwrap(),
        &[2, 0, 0, 0, b'h', b'i'],
    );
    rejects::<arrayvec::ArrayString<1>>(&[2, 0, 0, 0, b'h', b'i'], K::LengthOverCapacity, 0);
}

#[test]
fn s11_bounded_strings() {
    golden(
        BoundedString::<8>::try_from("hi").unwrap(),
        &[2, 0, 0, 0, 0x68, 0x69],
    );
    golden(
        BoundedStr::<'static, 8>::new("hé").unwrap(),
        &[3, 0, 0, 0, 0x68, 0xC3, 0xA9],
    );
    rejects::<BoundedString<8>>(&[3, 0, 0, 0, 0x68, 0xC3, 0x28], K::InvalidUtf8, 5);
    rejects::<BoundedString<1>>(&[2, 0, 0, 0, 0x68, 0x69], K::LengthOverCapacity, 0);
    // The offset is the first byte of the invalid sequence, not the byte that breaks it.
    rejects::<BoundedString<8>>(&[3, 0, 0, 0, 0xE2, 0x82, 0x28], K::InvalidUtf8, 4);
    // The content is checked once all its bytes are there: a string cut by the input's end
    // is `UnexpectedEnd`, even after a byte that is never UTF-8 (issue 27).
    rejects::<(u8, BoundedString<16>)>(&[2, 10, 0, 0, 0, 0xFF], K::UnexpectedEnd, 6);
    rejects::<BoundedString<16>>(&[10, 0, 0, 0, 0xFF], K::UnexpectedEnd, 5);
    rejects::<BoundedStr<'_, 16>>(&[10, 0, 0, 0, 0xFF], K::UnexpectedEnd, 5);
    // §11.1 likewise: a misplaced NUL in a C string cut by the input's end.
    rejects::<BoundedCStr<'_, 16>>(&[5, 0, 0, 0, 0], K::UnexpectedEnd, 5);
    rejects::<BoundedCStr<'_, 16>>(&[2, 0, 0, 0, 0, 0], K::InvalidValue, 4);
}

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

#[test]
fn s12_2_result() {
    golden(Ok::<u8, u16>(3), &[0, 3]);
    golden(Err::<u8, u16>(3), &[1, 3, 0]);
    rejects::<Result<u8, u16>>(&[2, 3], K::InvalidTag, 0);
}

/// §12.3's example enum, written by hand the way the derive writes it.
#[derive(Debug, PartialEq)]
enum State {
    Idle,
    Running { pid: u32, cpu: u16 },
    Failed(i32),
}

impl MaxSize for State {
    const MAX_SIZE: usize = 1 + 6;
}

impl crosswire::Encode for State {
    fn encode(&self, w: &mut crosswire::Writer<'_>) -> Result<(), crosswire::Error> {
        match self {
            State::Idle => w.write_u8(0),
            State::Running { pid, cpu } => {
                w.write_u8(1)?;
                pid.encode(w)?;
                cpu.encode(w)
            }
            State::Failed(code) => {
                w.write_u8(2)?;
                code.encode(w)
            }
        }
    }

    fn encoded_len(&self) -> usize {
        match self {
            State::Idle => 1,
            State::Running { .. } => 7,
            State::Failed(_) => 5,
        }
    }
}

impl<'de> crosswire::Decode<'de> for State {
    fn decode(r: &mut crosswire::Reader<'de>) -> Result<Self, crosswire::Error> {
        let at = r.offset();
        match r.read_u8()? {
            0 => Ok(State::Idle),
            1 => Ok(State::Running {
                pid: u32::decode(r)?,
                cpu: u16::decode(r)?,
            }),
            2 => Ok(State::Failed(i32::decode(r)?)),
            _ => Err(crosswire::Error::new(K::InvalidTag, at)),
        }
    }
}

#[test]
fn s12_3_enums() {
    golden(State::Idle, &[0]);
    golden(State::Running { pid: 7, cpu: 1 }, &[1, 7, 0, 0, 0, 1, 0]);
    golden(State::Failed(-1), &[2, 0xFF, 0xFF, 0xFF, 0xFF]);
    rejects::<State>(&[3], K::InvalidTag, 0);
}

/// §13's example: version 2 of an extensible struct, written with the helpers the derive
/// uses.
#[derive(Debug, PartialEq)]
struct V2 {
    a: u32,
    b: u16,
}

impl MaxSize for V2 {
    const MAX_SIZE: usize = crosswire::extensible::max_size(6);
    const EXTENSIBLE: bool = true;
    // Version 1 is `a`; an empty body is no value.
    const ZERO_VALID: bool = false;
    const FIRST_VERSION_MAX_SIZE: usize = crosswire::extensible::max_size(4);
}

impl crosswire::Encode for V2 {
    fn encode(&self, w: &mut crosswire::Writer<'_>) -> Result<(), crosswire::Error> {
        crosswire::extensible::encode(w, |w| {
            self.a.encode(w)?;
            self.b.encode(w)
        })
    }

    fn encoded_len(&self) -> usize {
        10
    }
}

impl<'de> crosswire::Decode<'de> for V2 {
    fn decode(r: &mut crosswire::Reader<'de>) -> Result<Self, crosswire::Error> {
        crosswire::extensible::decode(r, 6, |r| {
            Ok(V2 {
                a: crosswire::extensible::decode_required(r, u32::decode)?,
                b: u16::decode(r)?,
            })
        })
    }
}

#[test]
fn s13_extensible_structs() {
    golden(V2 { a: 1, b: 2 }, &[6, 0, 0, 0, 1, 0, 0, 0, 2, 0]);
    // An older sender (V1 had only `a`): zero-extended.
    let v1 = [4, 0, 0, 0, 1, 0, 0, 0];
    assert_eq!(crosswire::from_bytes::<V2>(&v1), Ok(V2 { a: 1, b: 0 }));
    // Half a field is zero-extended too, as the kernel does.
    let cut = [5, 0, 0, 0, 1, 0, 0, 0, 7];
    assert_eq!(crosswire::from_bytes::<V2>(&cut), Ok(V2 { a: 1, b: 7 }));
    // A newer sender with a zero tail is accepted; a non-zero tail is rejected.
    let v3 = [8, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0];
    assert_eq!(crosswire::from_bytes::<V2>(&v3), Ok(V2 { a: 1, b: 2 }));
    rejects::<V2>(&[8, 0, 0, 0, 1, 0, 0, 0, 2, 0, 9, 0], K::NonZeroTail, 10);
    // A body length past the input.
    rejects::<V2>(&[9, 0, 0, 0, 1, 0, 0, 0, 2, 0], K::UnexpectedEnd, 10);
    // ... is found before any field of the body is read, even one that is bad: the tag 05
    // at 8 is never read (issue 27).
    let bad_tag = [10, 0, 0, 0, 1, 0, 0, 0, 5];
    rejects::<Ext<(u32, Option<u16>)>>(&bad_tag, K::UnexpectedEnd, 9);
    // With a length the input holds, the same bytes are read: the tag is bad.
    rejects::<Ext<(u32, Option<u16>)>>(&[5, 0, 0, 0, 1, 0, 0, 0, 5], K::InvalidTag, 8);
    // Version 1's `a` is in every body: an empty body, or one that ends inside `a`, is
    // UnexpectedEnd where the body ends.
    rejects::<V2>(&[0, 0, 0, 0], K::UnexpectedEnd, 4);
    rejects::<V2>(&[2, 0, 0, 0, 1, 0], K::UnexpectedEnd, 6);
}

/// §13, a short body that ends inside a field: every owned value reads the missing bytes
/// as zeros, whatever its kind; only a borrowed view cannot point at them.
#[test]
fn s13_short_body_ending_inside_a_field() {
    let cut = [5, 0, 0, 0, 2, 0, 0, 0, 0x41];
    assert_eq!(
        crosswire::from_bytes::<Ext<BoundedVec<u8, 4>>>(&cut),
        Ok(Ext(BoundedVec::from_slice(&[0x41, 0]).unwrap()))
    );
    assert_eq!(
        crosswire::from_bytes::<Ext<BoundedString<4>>>(&cut),
        Ok(Ext(BoundedString::try_from("A\0").unwrap()))
    );
    #[cfg(feature = "heapless")]
    assert_eq!(
        crosswire::from_bytes::<Ext<heapless::String<4>>>(&cut).map(|e| e.0),
        Ok(heapless::String::try_from("A\0").unwrap())
    );
    rejects::<Ext<BoundedStr<'_, 4>>>(&cut, K::UnexpectedEnd, 9);
    rejects::<Ext<BoundedBytes<'_, 4>>>(&cut, K::UnexpectedEnd, 9);
    // The zeros count as the bytes they stand for: a UTF-8 sequence cut by them is
    // invalid where it starts.
    let cut_utf8 = [5, 0, 0, 0, 2, 0, 0, 0, 0xC3];
    rejects::<Ext<BoundedString<4>>>(&cut_utf8, K::InvalidUtf8, 8);
    // A length cut in two reads its missing high bytes as zeros: 1, then one zero byte.
    let cut_len = [2, 0, 0, 0, 1, 0];
    assert_eq!(
        crosswire::from_bytes::<Ext<BoundedVec<u8, 4>>>(&cut_len),
        Ok(Ext(BoundedVec::from_slice(&[0]).unwrap()))
    );
    // A fixed-size field cut by the body, as in a C struct.
    assert_eq!(
        crosswire::from_bytes::<Ext<(u8, u16)>>(&[2, 0, 0, 0, 1, 2]),
        Ok(Ext((1, 2)))
    );
}

/// §13, bodies inside bodies: a nested extensible struct reads its length and its body
/// from the outer body as zero-extended, real bytes first, then the outer's zeros.
#[test]
fn s13_nested_bodies() {
    type Nested = Ext<Ext<u8>>;
    // The outer body holds one byte of the inner length (1); the inner body is a zero.
    assert_eq!(
        crosswire::from_bytes::<Nested>(&[1, 0, 0, 0, 1]),
        Ok(Ext(Ext(0)))
    );
    // An empty outer body: the inner length reads as 0, and its body as zeros.
    assert_eq!(
        crosswire::from_bytes::<Nested>(&[0, 0, 0, 0]),
        Ok(Ext(Ext(0)))
    );
    // The whole outer body is real (5 bytes, its full size), but the inner length (2) runs
    // past it: the end of the outer body's real bytes, which is the input's end here.
    rejects::<Nested>(&[5, 0, 0, 0, 2, 0, 0, 0, 9], K::UnexpectedEnd, 9);
    // A newer inner sender, complete: its extra byte is zero.
    assert_eq!(
        crosswire::from_bytes::<Nested>(&[6, 0, 0, 0, 2, 0, 0, 0, 9, 0]),
        Ok(Ext(Ext(9)))
    );
    // An older outer sender whose body ends inside the inner body.
    assert_eq!(
        crosswire::from_bytes::<Ext<(Ext<(u8, u8)>, u8)>>(&[5, 0, 0, 0, 2, 0, 0, 0, 7]),
        Ok(Ext((Ext((7, 0)), 0)))
    );
}

/// §14: which error, and where. Errors are the first rule broken in reading order;
/// `UnexpectedEnd` is where the input ends and `BufferFull` where the buffer ends, for
/// every type alike.
#[test]
fn s14_error_order_and_offsets() {
    // A length that runs past the input, with a bad element before the end: reading order
    // meets the bad bool first.
    rejects::<BoundedVec<bool, 6>>(&[3, 0, 0, 0, 2], K::InvalidBool, 4);
    rejects::<BoundedVec<bool, 6>>(&[3, 0, 0, 0, 1], K::UnexpectedEnd, 5);
    // The same offset for every element type.
    rejects::<[u8; 3]>(&[1, 2], K::UnexpectedEnd, 2);
    rejects::<[i8; 3]>(&[1, 2], K::UnexpectedEnd, 2);
    rejects::<[u16; 3]>(&[1, 2], K::UnexpectedEnd, 2);
    rejects::<[u16; 3]>(&[1, 2, 3], K::UnexpectedEnd, 3);
    rejects::<BoundedBytes<'_, 8>>(&[3, 0, 0, 0, 1], K::UnexpectedEnd, 5);
    // Encoding: the buffer's length, also for a run written in one go.
    let mut buf = [0u8; 5];
    let err = crosswire::to_slice(&['a', 'b'], &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::BufferFull, 5));
    let err = crosswire::to_slice(&(1u8, ['a', 'b']), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::BufferFull, 5));
}

/// An extensible struct of one field, written with the helpers the derive uses.
#[derive(Debug, PartialEq)]
struct Ext<T>(T);

impl<T: MaxSize> MaxSize for Ext<T> {
    const MAX_SIZE: usize = crosswire::extensible::max_size(T::MAX_SIZE);
    const EXTENSIBLE: bool = true;
}

impl<T: crosswire::Encode> crosswire::Encode for Ext<T> {
    fn encode(&self, w: &mut crosswire::Writer<'_>) -> Result<(), crosswire::Error> {
        crosswire::extensible::encode(w, |w| self.0.encode(w))
    }

    fn encoded_len(&self) -> usize {
        self.0.encoded_len() + 4
    }
}

impl<'de, T: crosswire::Decode<'de>> crosswire::Decode<'de> for Ext<T> {
    fn decode(r: &mut crosswire::Reader<'de>) -> Result<Self, crosswire::Error> {
        crosswire::extensible::decode(r, T::MAX_SIZE, |r| T::decode(r).map(Ext))
    }
}
