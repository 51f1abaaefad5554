//! The size-versioning rules (`copy_struct_from_user` / `copy_struct_to_user` and the
//! caller-side size checks), table-driven, then against a model with proptest.

use crosswire_kernel::{
    ioctl::Command,
    message::{
        self, check_user_size, copy_struct_from_user, copy_struct_from_user_checked,
        copy_struct_to_user, ReplyBuf, RequestBytes, ToUser, PAGE_SIZE,
    },
    Errno,
};
use proptest::prelude::*;

/// `(ksize, user bytes, expected kernel bytes or errno)`.
type FromUserRow = (usize, &'static [u8], Result<&'static [u8], Errno>);

#[test]
fn from_user_table() {
    let table: &[FromUserRow] = &[
        // Equal sizes: copied.
        (4, &[1, 2, 3, 4], Ok(&[1, 2, 3, 4])),
        (0, &[], Ok(&[])),
        // Older caller: zero-extended.
        (4, &[1, 2], Ok(&[1, 2, 0, 0])),
        (4, &[], Ok(&[0, 0, 0, 0])),
        (4, &[0, 0, 0], Ok(&[0, 0, 0, 0])),
        // Newer caller, zero tail: accepted, truncated.
        (4, &[1, 2, 3, 4, 0, 0, 0, 0], Ok(&[1, 2, 3, 4])),
        (0, &[0, 0], Ok(&[])),
        // Newer caller, non-zero tail anywhere: E2BIG.
        (4, &[1, 2, 3, 4, 9], Err(Errno::E2BIG)),
        (4, &[1, 2, 3, 4, 0, 0, 0, 1], Err(Errno::E2BIG)),
        (0, &[0, 1], Err(Errno::E2BIG)),
    ];
    for &(ksize, user, expected) in table {
        let mut k = vec![0xEE; ksize];
        let got = copy_struct_from_user(&mut k, user);
        match expected {
            Ok(bytes) => {
                assert_eq!(got, Ok(()), "ksize {ksize}, user {user:?}");
                assert_eq!(k, bytes, "ksize {ksize}, user {user:?}");
            }
            Err(e) => {
                assert_eq!(got, Err(e), "ksize {ksize}, user {user:?}");
                assert!(k.iter().all(|&b| b == 0xEE), "dst touched on error");
            }
        }
    }
}

#[test]
fn user_size_limits_table() {
    let ver0 = 24;
    let table = [
        (0, Err(Errno::EINVAL)),
        (23, Err(Errno::EINVAL)),
        (24, Ok(())),
        (25, Ok(())),
        (PAGE_SIZE, Ok(())),
        (PAGE_SIZE + 1, Err(Errno::E2BIG)),
        (usize::MAX, Err(Errno::E2BIG)),
    ];
    for (size, expected) in table {
        assert_eq!(check_user_size(size, ver0), expected, "size {size}");
    }
    // A version 0 bigger than a page: E2BIG wins for sizes above the page, as in clone3.
    assert_eq!(
        check_user_size(PAGE_SIZE + 1, PAGE_SIZE + 8),
        Err(Errno::E2BIG)
    );

    let mut k = [0u8; 32];
    assert_eq!(
        copy_struct_from_user_checked(&mut k, &[0; 16], ver0),
        Err(Errno::EINVAL)
    );
    assert_eq!(
        copy_struct_from_user_checked(&mut k, &[0; PAGE_SIZE + 1], ver0),
        Err(Errno::E2BIG)
    );
    assert_eq!(
        copy_struct_from_user_checked(&mut k, &[1; 24], ver0),
        Ok(())
    );
    assert_eq!(k[..24], [1; 24]);
    assert_eq!(k[24..], [0; 8]);
}

/// `(user size, kernel bytes, expected user bytes, dropped_nonzero)`.
#[test]
fn to_user_table() {
    let table: &[(usize, &[u8], &[u8], bool)] = &[
        (4, &[1, 2, 3, 4], &[1, 2, 3, 4], false),
        // Older caller: what fits; a dropped zero is fine, a dropped non-zero is reported.
        (2, &[1, 2, 0, 0], &[1, 2], false),
        (2, &[1, 2, 0, 3], &[1, 2], true),
        (0, &[5], &[], true),
        (0, &[], &[], false),
        // Newer caller: its extra bytes are zeroed.
        (6, &[1, 2, 3, 4], &[1, 2, 3, 4, 0, 0], false),
    ];
    for &(usize, kernel, expected, dropped) in table {
        let mut user = vec![0xEE; usize];
        let r = copy_struct_to_user(&mut user, kernel);
        assert_eq!(user, expected, "usize {usize}, kernel {kernel:?}");
        assert_eq!(
            r,
            ToUser {
                copied: usize.min(kernel.len()),
                dropped_nonzero: dropped
            }
        );
    }
}

#[test]
fn request_and_reply_through_one_buffer() {
    const CMD: Command<(u32, u16), u64> = Command::new(b'x', 1);
    assert_eq!(Command::<(u32, u16), u64>::SIZE, 8);
    // Userspace encodes the request into a buffer of the number's size.
    let mut buf = [0xAA; Command::<(u32, u16), u64>::SIZE];
    message::encode(&(7u32, 9u16), &mut buf).unwrap();
    assert_eq!(buf, [7, 0, 0, 0, 9, 0, 0, 0]);
    // The kernel decodes it and answers in place.
    let (a, b) = RequestBytes::new(&buf).decode::<(u32, u16)>().unwrap();
    message::encode(&(u64::from(a) << 16 | u64::from(b)), &mut buf).unwrap();
    assert_eq!(crosswire::from_bytes::<u64>(&buf), Ok(0x7_0009));
    assert!(CMD.matches(CMD.number()));
    // Older caller with a 4-byte buffer: the reply does not fit.
    assert_eq!(
        ReplyBuf::new(&mut buf[..4]).encode(&1u64).unwrap_err(),
        Errno::EMSGSIZE
    );
    assert_eq!(buf[..4], [0; 4]);
    // Bad requests.
    assert_eq!(RequestBytes::new(&[2]).decode::<bool>(), Err(Errno::EINVAL));
    assert_eq!(
        RequestBytes::new(&[1, 0, 0]).decode::<u32>(),
        Err(Errno::EINVAL)
    );
}

/// The model: kernel byte `i` is user byte `i`, or zero past the user's bytes; an error
/// exactly when a user byte past `ksize` is non-zero.
fn model_from_user(ksize: usize, user: &[u8]) -> Result<Vec<u8>, Errno> {
    if user.iter().skip(ksize).any(|&b| b != 0) {
        return Err(Errno::E2BIG);
    }
    Ok((0..ksize)
        .map(|i| user.get(i).copied().unwrap_or(0))
        .collect())
}

/// Bytes biased towards zero, so that zero tails are common.
fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop_oneof![3 => Just(0u8), 1 => any::<u8>()], 0..max)
}

proptest! {
    #[test]
    fn from_user_matches_model(ksize in 0usize..48, user in bytes(64)) {
        let mut k = vec![0xEE; ksize];
        let got = copy_struct_from_user(&mut k, &user).map(|()| k.clone());
        prop_assert_eq!(got, model_from_user(ksize, &user));
    }

    #[test]
    fn to_user_then_from_user_round_trips(usize in 0usize..48, kernel in bytes(48)) {
        let mut user = vec![0xEE; usize];
        let r = copy_struct_to_user(&mut user, &kernel);
        prop_assert_eq!(r.copied, usize.min(kernel.len()));
        prop_assert_eq!(
            r.dropped_nonzero,
            kernel.iter().skip(usize).any(|&b| b != 0)
        );
        // Reading the user's copy back at the kernel's size gives the kernel's bytes
        // exactly when nothing non-zero was dropped.
        let mut back = vec![0xEE; kernel.len()];
        copy_struct_from_user(&mut back, &user).unwrap();
        prop_assert_eq!(back == kernel, !r.dropped_nonzero);
    }

    #[test]
    fn size_checks_match_model(size in 0usize..10_000, ver0 in 0usize..5000) {
        let expected = if size > PAGE_SIZE {
            Err(Errno::E2BIG)
        } else if size < ver0 {
            Err(Errno::EINVAL)
        } else {
            Ok(())
        };
        prop_assert_eq!(check_user_size(size, ver0), expected);
    }
}
