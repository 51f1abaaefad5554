//! Property tests of derived types: every value round-trips through its encoding, and
//! decoding arbitrary bytes is canonical (spec §1): whenever it succeeds having consumed
//! `n` bytes, re-encoding gives exactly those `n` bytes. Extensible structs are the one
//! designed exception to canonicity (they accept shorter and zero-padded bodies), so they
//! get a weaker property of their own.

use crosswire_test_support as common;

use core::fmt::Debug;

use common::{check_canonical, input};
use crosswire::{BoundedBytes, BoundedStr, BoundedString, BoundedVec, Decode, Encode, MaxSize};
use proptest::prelude::*;

#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize)]
struct Header {
    id: u64,
    flags: u16,
    ok: bool,
    code: i8,
}

#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(tag = "u16")]
#[repr(u16)]
enum Body {
    Empty = 3,
    Scalar(u32) = 0x100,
    Text { text: BoundedString<8>, upper: bool },
    List(BoundedVec<i16, 3>),
    Maybe(Option<Header>),
}

#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize)]
struct Message<T> {
    header: Header,
    body: Body,
    tail: (T, T),
}

#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize)]
struct View<'a> {
    name: BoundedStr<'a, 6>,
    raw: BoundedBytes<'a, 3>,
    n: u8,
}

#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct Ext {
    a: u16,
    b: Option<u8>,
    c: Header,
}

fn header() -> impl Strategy<Value = Header> {
    (any::<u64>(), any::<u16>(), any::<bool>(), any::<i8>()).prop_map(|(id, flags, ok, code)| {
        Header {
            id,
            flags,
            ok,
            code,
        }
    })
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        Just(Body::Empty),
        any::<u32>().prop_map(Body::Scalar),
        ("[a-zé]{0,4}", any::<bool>()).prop_map(|(s, upper)| Body::Text {
            text: BoundedString::try_from(s.as_str()).unwrap(),
            upper,
        }),
        prop::collection::vec(any::<i16>(), 0..=3)
            .prop_map(|v| Body::List(BoundedVec::from_slice(&v).unwrap())),
        proptest::option::of(header()).prop_map(Body::Maybe),
    ]
}

fn message() -> impl Strategy<Value = Message<u16>> {
    (header(), body(), any::<(u16, u16)>()).prop_map(|(header, body, tail)| Message {
        header,
        body,
        tail,
    })
}

fn ext() -> impl Strategy<Value = Ext> {
    (any::<u16>(), any::<Option<u8>>(), header()).prop_map(|(a, b, c)| Ext { a, b, c })
}

fn roundtrip<'de, T>(value: &T, buf: &'de mut Vec<u8>) -> Result<(), TestCaseError>
where
    T: Encode + Decode<'de> + PartialEq + Debug,
{
    buf.resize(T::MAX_SIZE, 0);
    let len = crosswire::to_slice(value, buf).unwrap().len();
    prop_assert_eq!(len, value.encoded_len());
    prop_assert!(len <= T::MAX_SIZE);
    if T::FIXED_SIZE {
        prop_assert_eq!(len, T::MAX_SIZE);
    }
    let back = crosswire::from_bytes::<T>(&buf[..len])?;
    prop_assert_eq!(&back, value);
    Ok(())
}

proptest! {
    #[test]
    fn derived_types_roundtrip(msg in message(), e in ext(), name in "[a-z]{0,6}", raw in prop::collection::vec(any::<u8>(), 0..=3), n in any::<u8>()) {
        roundtrip(&msg, &mut Vec::new())?;
        roundtrip(&msg.header, &mut Vec::new())?;
        roundtrip(&e, &mut Vec::new())?;
        let view = View {
            name: BoundedStr::new(&name).unwrap(),
            raw: BoundedBytes::new(&raw).unwrap(),
            n,
        };
        roundtrip(&view, &mut Vec::new())?;
    }

    #[test]
    fn derived_types_are_canonical(bytes in input()) {
        check_canonical::<Header>(&bytes)?;
        check_canonical::<Body>(&bytes)?;
        check_canonical::<Message<u16>>(&bytes)?;
        check_canonical::<View<'_>>(&bytes)?;
    }

    #[test]
    fn valid_messages_with_noise_are_canonical(msg in message(), noise in input()) {
        // Start from a valid encoding so that deep paths are reached, then append noise.
        let mut bytes = vec![0u8; Message::<u16>::MAX_SIZE];
        let len = crosswire::to_slice(&msg, &mut bytes).unwrap().len();
        bytes.truncate(len);
        bytes.extend_from_slice(&noise);
        check_canonical::<Message<u16>>(&bytes)?;
        // Every truncation of a valid encoding is rejected or decodes canonically.
        for cut in 0..len {
            check_canonical::<Message<u16>>(&bytes[..cut])?;
        }
    }

    /// Extensible structs: decoding arbitrary bytes never panics; when it succeeds, the
    /// consumed body is the current encoding's body, truncated (an older sender) or
    /// followed by zeros (a newer one).
    #[test]
    fn extensible_decode_is_zero_extension(bytes in input()) {
        if let Ok((value, rest)) = crosswire::take_from_bytes::<Ext>(&bytes) {
            let consumed = &bytes[..bytes.len() - rest.len()];
            let mut buf = vec![0u8; Ext::MAX_SIZE];
            let encoded = crosswire::to_slice(&value, &mut buf).unwrap();
            let (sent, mine) = (&consumed[4..], &encoded[4..]);
            let common = sent.len().min(mine.len());
            prop_assert_eq!(&sent[..common], &mine[..common]);
            prop_assert!(sent[common..].iter().all(|&b| b == 0));
            prop_assert!(mine[common..].iter().all(|&b| b == 0));
        }
    }
}
