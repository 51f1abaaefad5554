//! The `ioctl_versioning` target: `crosswire_kernel::ioctl`'s size-versioning functions and
//! buffer convention, each against a reference model written from the kernel's rules
//! (`copy_struct_from_user`, `copy_struct_to_user` in `include/linux/uaccess.h`).

use core::fmt::Debug;

use crosswire::{Decode, Encode, ErrorKind};
use crosswire_kernel::{
    ioctl::{self, Command, ToUser, PAGE_SIZE},
    Errno,
};

use crate::types::{Borrowed, Cmd16, ExtFixed, HowV2, HowV3};

/// Fills the buffers with a pattern, so that untouched and zeroed bytes differ.
const POISON: u8 = 0xA5;

/// The first byte picks a function, the next one or two give sizes, the rest is the
/// (untrusted) user buffer.
pub fn ioctl_versioning(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Some((&k, src)) = rest.split_first() else {
        return;
    };
    // Sizes around the interesting boundaries of the user buffer.
    let ksize = usize::from(k);
    match mode % 8 {
        0 => from_user(ksize, src),
        1 => to_user(ksize, src),
        2 => user_size_checks(k, src),
        3 => request::<HowV2>(src),
        4 => request::<Borrowed<'_>>(src),
        5 => request::<Cmd16>(src),
        6 => kernel_flow(ksize, src),
        _ => numbers(src),
    }
}

/// `copy_struct_from_user` into a kernel struct of `ksize` bytes.
fn from_user(ksize: usize, src: &[u8]) {
    let mut dst = vec![POISON; ksize];
    let got = ioctl::copy_struct_from_user(&mut dst, src);
    let unknown = src.get(ksize..).unwrap_or_default();
    if unknown.iter().any(|&b| b != 0) {
        assert_eq!(got, Err(Errno::E2BIG));
        assert!(dst.iter().all(|&b| b == POISON), "dst changed on E2BIG");
    } else {
        assert_eq!(got, Ok(()));
        for (i, &b) in dst.iter().enumerate() {
            assert_eq!(b, src.get(i).copied().unwrap_or(0), "dst[{i}]");
        }
    }
    // The checked variant adds exactly `check_user_size` in front.
    let ver0 = ksize / 2;
    let mut dst2 = vec![POISON; ksize];
    let checked = ioctl::copy_struct_from_user_checked(&mut dst2, src, ver0);
    match ioctl::check_user_size(src.len(), ver0) {
        Err(e) => assert_eq!(checked, Err(e)),
        Ok(()) => {
            assert_eq!(checked, got);
            assert_eq!(dst2, dst);
        }
    }
}

/// `copy_struct_to_user` into a caller buffer of `usize` bytes.
fn to_user(usize: usize, src: &[u8]) {
    let mut dst = vec![POISON; usize];
    let got = ioctl::copy_struct_to_user(&mut dst, src);
    let copied = src.len().min(usize);
    let dropped = src.get(usize..).unwrap_or_default();
    assert_eq!(
        got,
        ToUser {
            copied,
            dropped_nonzero: dropped.iter().any(|&b| b != 0),
        }
    );
    for (i, &b) in dst.iter().enumerate() {
        assert_eq!(b, src.get(i).copied().unwrap_or(0), "dst[{i}]");
    }
}

/// `check_user_size` with sizes from the input, including ones above a page.
fn user_size_checks(k: u8, src: &[u8]) {
    let (size, ver0) = match src.split_first_chunk::<4>() {
        Some((s, _)) => (
            usize::from(u16::from_le_bytes([s[0], s[1]])),
            usize::from(u16::from_le_bytes([s[2], s[3]])),
        ),
        None => (src.len(), usize::from(k)),
    };
    let want = if size > PAGE_SIZE {
        Err(Errno::E2BIG)
    } else if size < ver0 {
        Err(Errno::EINVAL)
    } else {
        Ok(())
    };
    assert_eq!(
        ioctl::check_user_size(size, ver0),
        want,
        "size {size}, ver0 {ver0}"
    );
}

/// `decode_request` is `take_from_bytes` plus an all-zero padding check, errors mapped
/// through the errno table; `encode_reply` of the result into the same-sized buffer
/// round-trips.
fn request<'de, T>(buf: &'de [u8])
where
    T: Decode<'de> + Encode + Debug + PartialEq,
{
    let got = ioctl::decode_request::<T>(buf);
    let want = match crosswire::take_from_bytes::<T>(buf) {
        Err(e) => Err(expected_errno(e.kind())),
        Ok((_, pad)) if pad.iter().any(|&b| b != 0) => Err(Errno::EINVAL),
        Ok((v, _)) => Ok(v),
    };
    assert_eq!(got, want);
    if let Ok(v) = got {
        reply(&v, buf.len());
    }
}

/// The table of `crosswire_kernel::Errno` (spec §13: a non-zero tail is `E2BIG`).
fn expected_errno(kind: ErrorKind) -> Errno {
    match kind {
        ErrorKind::NonZeroTail => Errno::E2BIG,
        ErrorKind::BufferFull => Errno::EMSGSIZE,
        _ => Errno::EINVAL,
    }
}

/// `encode_reply` into buffers of the value's size, one byte less and `size`.
fn reply<T: Encode + Debug>(v: &T, size: usize) {
    let len = crosswire::encoded_len(v);
    for cap in [size, len, len.saturating_sub(1)] {
        let mut buf = vec![POISON; cap];
        let got = ioctl::encode_reply(v, &mut buf);
        if len <= cap {
            assert_eq!(got, Ok(len), "{v:?} into {cap}");
            assert!(buf[len..].iter().all(|&b| b == 0), "padding not zeroed");
        } else {
            assert_eq!(got, Err(Errno::EMSGSIZE), "{v:?} into {cap}");
            assert!(buf.iter().all(|&b| b == 0), "buffer not zeroed on EMSGSIZE");
        }
    }
}

/// The kernel side of an extensible command, as a module runs it: the caller's size comes
/// from the number, the user buffer is copied once into a buffer of `Command::SIZE` bytes
/// with the size-versioning rules, then decoded.
fn kernel_flow(usize: usize, src: &[u8]) {
    const OPEN: Command<HowV3, ExtFixed> = Command::new(b'F', 3);
    let cmd = ioctl::ioc(ioctl::IOC_READ_WRITE, b'F', 3, usize);
    let Some(size) = OPEN.user_size(cmd) else {
        panic!("user_size rejected its own command with size {usize}");
    };
    assert_eq!(size, usize);
    let user = src.get(..size).unwrap_or(src);
    let mut kbuf = [POISON; Command::<HowV3, ExtFixed>::SIZE];
    match ioctl::copy_struct_from_user(&mut kbuf, user) {
        Err(e) => assert_eq!(e, Errno::E2BIG),
        Ok(()) => {
            let got = ioctl::decode_request::<HowV3>(&kbuf);
            // Whatever the kernel accepts re-encodes within the buffer it came in.
            if let Ok(v) = got {
                reply(&v, kbuf.len());
            }
        }
    }
}

/// ioctl numbers from untrusted `u32`s: the field accessors invert `ioc_checked`, and
/// `Command::user_size` accepts exactly the numbers that differ only in size.
fn numbers(src: &[u8]) {
    let Some((c, _)) = src.split_first_chunk::<4>() else {
        return;
    };
    let cmd = u32::from_le_bytes(*c);
    let (dir, ty, nr, size) = (
        ioctl::ioc_dir(cmd),
        ioctl::ioc_type(cmd),
        ioctl::ioc_nr(cmd),
        ioctl::ioc_size(cmd),
    );
    assert!(size <= ioctl::IOC_SIZE_MAX);
    assert_eq!(ioctl::ioc_checked(dir, ty, nr, size), Some(cmd));
    assert_eq!(ioctl::ioc(dir, ty, nr, size), cmd);
    const PING: Command<u64, u64> = Command::new(b'x', 0);
    let same = dir == ioctl::IOC_READ_WRITE && ty == b'x' && nr == 0;
    assert_eq!(PING.user_size(cmd), same.then_some(size));
    assert_eq!(PING.matches(cmd), same && size == 8);
}
