//! The message layer: the buffer rule both sides share, the read-once request and the
//! reply buffer, the two versioning policies, and the kernel side of an ioctl
//! (`Command::answer`) against a model of the convention.

use crosswire::{BoundedVec, Decode, Encode, ErrorKind, MaxSize};
use crosswire_kernel::{
    ioctl::Command,
    message::{self, Extensible, Fixed, ReplyBuf, RequestBytes, Versioning, PAGE_SIZE},
    Errno,
};
use proptest::prelude::*;

#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize)]
struct Msg {
    id: u16,
    opt: Option<u32>,
    items: BoundedVec<u8, 8>,
}

fn msg() -> impl Strategy<Value = Msg> {
    (
        any::<u16>(),
        any::<Option<u32>>(),
        prop::collection::vec(any::<u8>(), 0..=8),
    )
        .prop_map(|(id, opt, items)| Msg {
            id,
            opt,
            items: BoundedVec::from_slice(&items).unwrap(),
        })
}

/// Version 1 of an extensible message, as an older build knows it.
#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct ConfigV1 {
    flags: u32,
}

/// Version 2: one field more.
#[derive(Debug, Clone, PartialEq, Encode, Decode, MaxSize)]
#[crosswire(extensible)]
struct ConfigV2 {
    flags: u32,
    #[crosswire(since = 2)]
    timeout_ms: u16,
}

const V1_SIZE: usize = ConfigV1::MAX_SIZE;
/// The command as the version 2 side builds it.
const CONFIGURE_V2: Command<ConfigV2, ConfigV2, Extensible<V1_SIZE>> = Command::new(b'c', 1);
/// The command as the version 1 side builds it: the same number but for the size.
const CONFIGURE_V1: Command<ConfigV1, ConfigV1, Extensible<V1_SIZE>> = Command::new(b'c', 1);

#[test]
fn golden_buffers() {
    let mut buf = [0xEE; 8];
    assert_eq!(message::encode(&0x0102u16, &mut buf), Ok(2));
    assert_eq!(buf, [2, 1, 0, 0, 0, 0, 0, 0]);
    assert_eq!(message::decode::<u16>(&buf), Ok(0x0102));
    buf[7] = 9;
    let e = message::decode::<u16>(&buf).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::TrailingBytes, 7));
    assert_eq!(RequestBytes::new(&buf).decode::<u16>(), Err(Errno::EINVAL));
}

#[test]
fn extensible_commands_take_the_first_version_from_the_types() {
    // `ConfigV2`'s version 1 is `flags`: 8 bytes with the length prefix.
    type Derived = Command<ConfigV2, ConfigV2, Extensible>;
    assert_eq!((Derived::MIN_SIZE, Derived::SIZE), (8, 10));
    assert_eq!(
        Command::<ConfigV2, ConfigV2, Extensible<V1_SIZE>>::MIN_SIZE,
        8
    );
    assert_eq!(Command::<u32, u32>::MIN_SIZE, 0);
    const DERIVED: Derived = Command::new(b'c', 1);
    assert_eq!(DERIVED.check_size(7), Err(Errno::EINVAL));
    assert_eq!(DERIVED.check_size(8), Ok(8));
    assert_eq!(DERIVED.check_size(PAGE_SIZE + 1), Err(Errno::E2BIG));
    // A version-1 caller's request, through the kernel side of the call.
    let mut buf = [0u8; 16];
    message::encode(&ConfigV1 { flags: 3 }, &mut buf).unwrap();
    let got = DERIVED.answer(&mut buf, 8, |req| {
        assert_eq!(
            req,
            ConfigV2 {
                flags: 3,
                timeout_ms: 0
            }
        );
        Ok(req)
    });
    assert_eq!(got, Ok(8));
}

#[test]
fn policies_check_sizes() {
    assert_eq!(Fixed::check_size(0, 16), Ok(()));
    assert_eq!(Fixed::check_size(16, 16), Ok(()));
    assert_eq!(Fixed::check_size(17, 16), Err(Errno::EMSGSIZE));
    type V = Extensible<8>;
    assert_eq!(V::check_size(7, 16), Err(Errno::EINVAL));
    assert_eq!(V::check_size(8, 16), Ok(()));
    assert_eq!(V::check_size(PAGE_SIZE, 16), Ok(()));
    assert_eq!(V::check_size(PAGE_SIZE + 1, 16), Err(Errno::E2BIG));
    const { assert!(V::EXTENSIBLE && !Fixed::EXTENSIBLE) };
    assert_eq!((V::MIN_SIZE, Fixed::MIN_SIZE), (8, 0));
}

#[test]
fn extensible_fit_refuses_what_is_not_one_extensible_struct() {
    type V = Extensible<8>;
    // A struct followed by another byte: the extra byte would be lost.
    assert_eq!(V::fit(&mut [2, 0, 0, 0, 1, 0, 7], 6), Err(Errno::EINVAL));
    // A length prefix past the reply.
    assert_eq!(V::fit(&mut [9, 0, 0, 0, 1, 0], 5), Err(Errno::EINVAL));
    // A room below the length prefix.
    assert_eq!(V::fit(&mut [2, 0, 0, 0, 0, 0], 3), Err(Errno::EINVAL));
    // Fits as it is: untouched.
    let mut r = [2, 0, 0, 0, 1, 2];
    assert_eq!(V::fit(&mut r, 6), Ok(6));
    assert_eq!(r, [2, 0, 0, 0, 1, 2]);
}

#[test]
fn encoded_reply_pads_and_fits() {
    let mut buf = [0xEE; 12];
    let reply = ReplyBuf::new(&mut buf)
        .encode(&ConfigV2 {
            flags: 3,
            timeout_ms: 0,
        })
        .unwrap();
    assert_eq!(reply.as_bytes(), [6, 0, 0, 0, 3, 0, 0, 0, 0, 0]);
    assert_eq!(
        reply.padded(12).unwrap(),
        [6, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(reply.padded(9), Err(Errno::EMSGSIZE));
    assert_eq!(reply.padded(13), Err(Errno::EINVAL));
    let fitted = reply.fit::<Extensible<8>>(8).unwrap();
    assert_eq!(fitted.as_bytes(), [4, 0, 0, 0, 3, 0, 0, 0]);
    assert_eq!(fitted.padded(8).unwrap(), fitted.as_bytes());

    let mut buf = [0xEE; 10];
    let reply = ReplyBuf::new(&mut buf).encode(&7u64).unwrap();
    assert_eq!(reply.fit::<Fixed>(4).unwrap_err(), Errno::EMSGSIZE);
}

#[test]
fn handler_errno_reaches_the_caller() {
    const CMD: Command<u32, u32> = Command::new(b'h', 1);
    let mut buf = [5, 0, 0, 0];
    let got = CMD.answer(
        &mut buf,
        4,
        |n| {
            if n == 5 {
                Err(Errno::EBUSY)
            } else {
                Ok(n)
            }
        },
    );
    assert_eq!(got, Err(Errno::EBUSY));
    let mut buf = [6, 0, 0, 0];
    assert_eq!(CMD.answer(&mut buf, 4, Ok), Ok(4));
    assert_eq!(buf, [6, 0, 0, 0]);
}

#[test]
fn versions_both_ways_through_answer() {
    let echo = |c: ConfigV2| Ok(c);
    // An older caller (version 1 buffer): zero-extended request, reply shrunk.
    let mut user = [0u8; V1_SIZE];
    message::encode(&ConfigV1 { flags: 9 }, &mut user).unwrap();
    let mut kbuf = [0u8; ConfigV2::MAX_SIZE];
    kbuf[..V1_SIZE].copy_from_slice(&user);
    let n = CONFIGURE_V2.answer(&mut kbuf, V1_SIZE, echo).unwrap();
    assert_eq!(n, V1_SIZE);
    assert_eq!(
        message::decode::<ConfigV1>(&kbuf[..V1_SIZE]),
        Ok(ConfigV1 { flags: 9 })
    );

    // A newer caller (version 2) on the older side: a zero new field is accepted, and the
    // shorter reply reads zero-extended.
    let mut kbuf = [0u8; ConfigV2::MAX_SIZE];
    message::encode(
        &ConfigV2 {
            flags: 4,
            timeout_ms: 0,
        },
        &mut kbuf,
    )
    .unwrap();
    let n = CONFIGURE_V1
        .answer(&mut kbuf, ConfigV2::MAX_SIZE, |c: ConfigV1| Ok(c))
        .unwrap();
    assert_eq!(n, V1_SIZE);
    assert_eq!(
        message::decode::<ConfigV2>(&kbuf),
        Ok(ConfigV2 {
            flags: 4,
            timeout_ms: 0
        })
    );
    // ... a non-zero one is E2BIG, as openat2 answers.
    message::encode(
        &ConfigV2 {
            flags: 4,
            timeout_ms: 1,
        },
        &mut kbuf,
    )
    .unwrap();
    assert_eq!(
        CONFIGURE_V1.answer(&mut kbuf, ConfigV2::MAX_SIZE, |c: ConfigV1| Ok(c)),
        Err(Errno::E2BIG)
    );
}

/// The model of `Command::answer` for a fixed command: the size check, the request then
/// zeros, the handler, the reply then zeros within the caller's size.
fn model_fixed(user: &[u8], handler: impl Fn(Msg) -> Result<Msg, Errno>) -> Result<Vec<u8>, Errno> {
    if user.len() > Msg::MAX_SIZE {
        return Err(Errno::EMSGSIZE);
    }
    let (req, pad) = crosswire::take_from_bytes::<Msg>(user).map_err(Errno::from)?;
    if pad.iter().any(|&b| b != 0) {
        return Err(Errno::EINVAL);
    }
    let reply = handler(req)?;
    let mut out = vec![0u8; Msg::MAX_SIZE];
    let len = crosswire::to_slice(&reply, &mut out).unwrap().len();
    if len > user.len() {
        return Err(Errno::EMSGSIZE);
    }
    out.truncate(user.len());
    Ok(out)
}

/// Bytes biased towards zero, so that valid paddings are common.
fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop_oneof![3 => Just(0u8), 1 => any::<u8>()], 0..max)
}

proptest! {
    #[test]
    fn round_trip_with_any_padding(m in msg(), pad in 0usize..16) {
        let mut buf = vec![0xEE; Msg::MAX_SIZE + pad];
        let len = message::encode(&m, &mut buf).unwrap();
        prop_assert_eq!(len, m.encoded_len());
        prop_assert!(buf[len..].iter().all(|&b| b == 0));
        prop_assert_eq!(message::decode::<Msg>(&buf), Ok(m.clone()));
        prop_assert_eq!(RequestBytes::new(&buf).decode::<Msg>(), Ok(m.clone()));
        let mut reply = vec![0xEE; buf.len()];
        let encoded = ReplyBuf::new(&mut reply).encode(&m).unwrap();
        prop_assert_eq!(encoded.len(), len);
        prop_assert_eq!(encoded.padded(buf.len()).unwrap(), &buf[..]);
    }

    #[test]
    fn non_zero_padding_is_refused_where_it_is(
        m in msg(),
        pad in 1usize..16,
        at in any::<prop::sample::Index>(),
        byte in 1u8..,
    ) {
        let mut buf = vec![0u8; m.encoded_len() + pad];
        let len = message::encode(&m, &mut buf).unwrap();
        let at = len + at.index(pad);
        buf[at] = byte;
        let e = message::decode::<Msg>(&buf).unwrap_err();
        prop_assert_eq!((e.kind(), e.offset()), (ErrorKind::TrailingBytes, at));
        prop_assert_eq!(RequestBytes::new(&buf).decode::<Msg>(), Err(Errno::EINVAL));
    }

    #[test]
    fn both_sides_judge_any_bytes_alike(buf in bytes(40)) {
        let user = message::decode::<Msg>(&buf);
        let kernel = RequestBytes::new(&buf).decode::<Msg>();
        prop_assert_eq!(kernel, user.clone().map_err(Errno::from));
        let mut dst = Msg { id: 1, opt: Some(2), items: BoundedVec::from_slice(&[3]).unwrap() };
        let in_place = RequestBytes::new(&buf).decode_in_place(&mut dst);
        prop_assert_eq!(in_place.map(|()| dst), user.map_err(Errno::from));
    }

    #[test]
    fn answer_matches_the_model(user in bytes(48), refuse in any::<u16>()) {
        const CMD: Command<Msg, Msg> = Command::new(b'm', 1);
        let handler = |m: Msg| {
            if m.id == refuse {
                return Err(Errno::EPERM);
            }
            // A reply of another length than the request.
            Ok(Msg { id: m.id.wrapping_add(1), opt: m.opt.map(|v| v ^ 1), items: BoundedVec::new() })
        };
        let mut kbuf = vec![0xEE; user.len().max(Msg::MAX_SIZE)];
        kbuf[..user.len()].copy_from_slice(&user);
        let got = CMD.answer(&mut kbuf, user.len(), handler);
        match model_fixed(&user, handler) {
            Ok(out) => {
                let len = got.unwrap();
                prop_assert_eq!(&kbuf[..user.len()], &out[..]);
                prop_assert_eq!(message::decode::<Msg>(&out).unwrap().encoded_len(), len);
            }
            Err(e) => prop_assert_eq!(got, Err(e)),
        }
    }

    #[test]
    fn older_caller_reads_a_newer_reply_or_gets_e2big(flags: u32, timeout_ms: u16) {
        // The version 2 side answers with what it was asked plus its own new field.
        let mut kbuf = [0u8; ConfigV2::MAX_SIZE];
        message::encode(&ConfigV1 { flags }, &mut kbuf[..V1_SIZE]).unwrap();
        let got = CONFIGURE_V2.answer(&mut kbuf, V1_SIZE, |c: ConfigV2| {
            Ok(ConfigV2 { flags: c.flags, timeout_ms })
        });
        if timeout_ms == 0 {
            prop_assert_eq!(got, Ok(V1_SIZE));
            prop_assert_eq!(message::decode::<ConfigV1>(&kbuf[..V1_SIZE]), Ok(ConfigV1 { flags }));
        } else {
            prop_assert_eq!(got, Err(Errno::E2BIG));
        }
    }
}
