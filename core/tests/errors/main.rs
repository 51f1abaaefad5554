//! Errors: kinds and offsets, too-small buffers, the fixed-buffer API; the fast paths'
//! errors in `fast_paths`. Each section's own errors are pinned in `tests/golden`.

mod fast_paths;
#[cfg(feature = "derive")]
mod located;

use crosswire_test_support as common;

use common::rejects;
use crosswire::{BoundedString, BoundedVec, Error, ErrorKind as K, MaxSize};

#[test]
fn error_is_copy_and_small() {
    fn is_copy<T: Copy>() {}
    is_copy::<Error>();
    assert!(core::mem::size_of::<Error>() <= 16);
    assert!(core::mem::size_of::<Result<(), Error>>() <= 16);
}

#[test]
fn truncated_input_reports_where_the_input_ends() {
    // Spec §14: `UnexpectedEnd` is always at the input's length, whatever the type.
    rejects::<u32>(&[], K::UnexpectedEnd, 0);
    rejects::<u32>(&[1, 2, 3], K::UnexpectedEnd, 3);
    rejects::<(u16, u32)>(&[1, 2, 3], K::UnexpectedEnd, 3);
    rejects::<Option<u64>>(&[1, 0], K::UnexpectedEnd, 2);
    rejects::<BoundedString<8>>(&[3, 0, 0, 0, b'a'], K::UnexpectedEnd, 5);
}

#[test]
fn trailing_bytes_are_rejected_by_from_bytes_only() {
    rejects::<u16>(&[1, 2, 3], K::TrailingBytes, 2);
    let (v, rest) = crosswire::take_from_bytes::<u16>(&[1, 2, 3]).unwrap();
    assert_eq!((v, rest), (0x0201, &[3u8][..]));
}

#[test]
fn nested_errors_report_absolute_offsets() {
    // The bad bool is the third element of a vector that starts after a u16.
    rejects::<(u16, BoundedVec<bool, 4>)>(&[0, 0, 3, 0, 0, 0, 1, 0, 7], K::InvalidBool, 8);
    rejects::<(u8, BoundedString<4>)>(&[0, 2, 0, 0, 0, b'a', 0xFF], K::InvalidUtf8, 6);
}

#[test]
fn too_small_buffer_is_an_error() {
    // Spec §14: `BufferFull` is always at the buffer's length, whatever the type.
    let mut buf = [0u8; 5];
    let err = crosswire::to_slice(&(1u32, 2u16), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::BufferFull, 5));
    let err =
        crosswire::to_slice(&BoundedString::<8>::try_from("hello").unwrap(), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::BufferFull, 5));
    let mut empty = [];
    assert_eq!(
        crosswire::to_slice(&7u8, &mut empty).unwrap_err().kind(),
        K::BufferFull
    );
}

#[test]
fn fixed_buffers_fit_max_size() {
    let value = (
        7u32,
        Some(true),
        BoundedString::<8>::try_from("eth0").unwrap(),
    );
    type Msg = (u32, Option<bool>, BoundedString<8>);
    let buf = crosswire::to_array::<_, { Msg::MAX_SIZE }>(&value).unwrap();
    assert_eq!(
        buf.as_bytes(),
        [7, 0, 0, 0, 1, 1, 4, 0, 0, 0, b'e', b't', b'h', b'0']
    );
    assert_eq!(buf.len(), crosswire::encoded_len(&value));
    let mut out = [0u8; Msg::MAX_SIZE];
    let written = crosswire::to_fixed(&value, &mut out).unwrap();
    assert_eq!(written, buf.as_bytes());
    assert_eq!(crosswire::from_bytes::<Msg>(buf.as_bytes()), Ok(value));
}

#[test]
fn display_says_what_and_where() {
    let err = crosswire::from_bytes::<bool>(&[9]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid bool (not 0 or 1) at byte offset 0"
    );
}

/// A hand-written impl that claims a fixed size of 4 bytes but whose decoder swallows
/// whatever input it gets, which breaks the `FIXED_SIZE` contract.
#[derive(Debug)]
struct Greedy;

impl MaxSize for Greedy {
    const MAX_SIZE: usize = 4;
    const FIXED_SIZE: bool = true;
}

impl<'de> crosswire::Decode<'de> for Greedy {
    fn decode(r: &mut crosswire::Reader<'de>) -> Result<Self, Error> {
        r.read_bytes(r.remaining())?;
        Ok(Greedy)
    }
}

#[test]
fn fixed_size_types_reject_other_lengths_even_when_their_decoder_does_not() {
    assert!(crosswire::from_bytes::<Greedy>(&[1, 2, 3, 4]).is_ok());
    rejects::<Greedy>(&[1, 2], K::UnexpectedEnd, 2);
    rejects::<Greedy>(&[1, 2, 3, 4, 5], K::TrailingBytes, 4);
    for (bytes, kind, at) in [
        (&[1, 2][..], K::UnexpectedEnd, 2),
        (&[0; 5], K::TrailingBytes, 4),
    ] {
        let err = crosswire::from_bytes_in_place(bytes, &mut Greedy).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (kind, at));
    }
    // Honest fixed-size types report what their decoder finds, on both paths.
    rejects::<(u16, bool)>(&[1, 2, 3], K::InvalidBool, 2);
    rejects::<(u16, bool)>(&[1, 2, 1, 0], K::TrailingBytes, 3);
    let mut out = (0u16, false);
    let err = crosswire::from_bytes_in_place(&[1, 2, 3], &mut out).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::InvalidBool, 2));
}

#[test]
fn forward_compatible_enums_report_absolute_offsets() {
    use common::open_enum::{Command, Event, State, Strict};
    // Spec §17.2: a known variant's body is read as an extensible struct's, its errors
    // at their own bytes; here after a leading u16.
    rejects::<(u16, Event)>(&[0, 0, 0, 5, 0, 0, 0, 3, 0, 0, 0, 2], K::InvalidBool, 11);
    rejects::<(u16, Event)>(&[0, 0, 1, 2, 0, 0, 0, 0, 4], K::NonZeroTail, 8);
    rejects::<(u16, Event)>(&[0, 0, 0, 5, 0, 0], K::UnexpectedEnd, 6);
    let utf8 = [0, 0, 2, 5, 0, 0, 0, 1, 0, 0, 0, 0xFF];
    rejects::<(u16, Event)>(&utf8, K::InvalidUtf8, 11);
    // A kept body over its capacity, at the body length.
    rejects::<(u16, Event)>(&[0, 0, 9, 17, 0, 0, 0], K::LengthOverCapacity, 3);
    // A skipped body past the input.
    rejects::<(u16, Command)>(&[0, 0, 0x30, 0, 9, 0, 0, 0, 1], K::UnexpectedEnd, 9);
    // No catch-all: the tag's offset.
    rejects::<(u16, Strict)>(&[0, 0, 7, 0, 0, 0, 0], K::InvalidTag, 2);
    // A catch-all of a known tag does not encode; the offset is its tag's.
    let mut buf = [0u8; 8];
    let err = crosswire::to_slice(&(1u16, State::Unknown(2)), &mut buf).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::InvalidValue, 2));
    let err = crosswire::to_slice(&(1u16, Command::Unknown(3)), &mut buf[..3]).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (K::InvalidValue, 2));
}
