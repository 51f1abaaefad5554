//! The `ioctl_versioning` target: `crosswire_kernel::message`'s size-versioning functions
//! and buffer rule, and the kernel side of an ioctl (`Command::answer`), each against a
//! reference model written from the kernel's rules (`copy_struct_from_user`,
//! `copy_struct_to_user` in `include/linux/uaccess.h`).

use core::fmt::Debug;

use crosswire::{Decode, Encode, ErrorKind, MaxSize};
use crosswire_kernel::{
    ioctl::{self, Command},
    message::{self, Extensible, ReplyBuf, RequestBytes, ToUser, PAGE_SIZE},
    Errno,
};

use crate::types::{Borrowed, Cmd16, HowV2, HowV3};

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
        6 => kernel_flow(k, src),
        _ => numbers(src),
    }
}

/// `copy_struct_from_user` into a kernel struct of `ksize` bytes.
fn from_user(ksize: usize, src: &[u8]) {
    let mut dst = vec![POISON; ksize];
    let got = message::copy_struct_from_user(&mut dst, src);
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
    let checked = message::copy_struct_from_user_checked(&mut dst2, src, ver0);
    match message::check_user_size(src.len(), ver0) {
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
    let got = message::copy_struct_to_user(&mut dst, src);
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
        message::check_user_size(size, ver0),
        want,
        "size {size}, ver0 {ver0}"
    );
}

/// `message::decode` is `take_from_bytes` plus an all-zero padding check whose error is at
/// the first non-zero byte; `RequestBytes::decode` is the same, errors mapped through the
/// errno table; encoding the result into the same-sized buffer round-trips.
fn request<'de, T>(buf: &'de [u8])
where
    T: Decode<'de> + Encode + Debug + PartialEq,
{
    let got = message::decode::<T>(buf);
    let want = match crosswire::take_from_bytes::<T>(buf) {
        Err(e) => Err(e),
        Ok((v, pad)) => match pad.iter().position(|&b| b != 0) {
            Some(at) => Err(crosswire::Error::new(
                ErrorKind::TrailingBytes,
                buf.len() - pad.len() + at,
            )),
            None => Ok(v),
        },
    };
    assert_eq!(got, want);
    let kernel = RequestBytes::new(buf).decode::<T>();
    assert_eq!(kernel, want.map_err(|e| expected_errno(e.kind())));
    if let Ok(v) = kernel {
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

/// `ReplyBuf::encode` (and `message::encode`) into buffers of the value's size, one byte
/// less and `size`.
fn reply<T: Encode + Debug>(v: &T, size: usize) {
    let len = crosswire::encoded_len(v);
    for cap in [size, len, len.saturating_sub(1)] {
        let mut buf = vec![POISON; cap];
        let got = ReplyBuf::new(&mut buf).encode(v).map(|r| r.len());
        let mut buf2 = vec![POISON; cap];
        let got2 = message::encode(v, &mut buf2);
        assert_eq!(got2.map_err(|e| expected_errno(e.kind())), got);
        assert_eq!(buf2, buf);
        if len <= cap {
            assert_eq!(got, Ok(len), "{v:?} into {cap}");
            assert!(buf[len..].iter().all(|&b| b == 0), "padding not zeroed");
        } else {
            assert_eq!(got, Err(Errno::EMSGSIZE), "{v:?} into {cap}");
            assert!(buf.iter().all(|&b| b == 0), "buffer not zeroed on EMSGSIZE");
        }
    }
}

/// Version 1 of [`HowV3`] (`flags`, with the length prefix): the smallest caller buffer
/// [`OPEN`] accepts, which the command takes from the types. The model restates it.
const HOW_VER0: usize = 12;
/// An extensible command: a newer request, an older reply.
const OPEN: Command<HowV3, HowV2, Extensible> = Command::new(b'F', 3);
const _: () = assert!(Command::<HowV3, HowV2, Extensible>::MIN_SIZE == HOW_VER0);
/// The kernel side's buffer: room for the caller's size and the reply.
const KBUF: usize = PAGE_SIZE + 1;

/// What [`OPEN`]'s handler answers; a request with `flags == u64::MAX` is refused.
fn open_handler(req: HowV3) -> Result<HowV2, Errno> {
    if req.flags == u64::MAX {
        return Err(Errno::EPERM);
    }
    Ok(HowV2 {
        flags: req.flags,
        mode: req.mode,
        resolve: req.resolve,
    })
}

/// The kernel side of an extensible command, as a module runs it (`kmod::serve`): the
/// caller's size comes from the number, its buffer is copied once into a kernel buffer, and
/// `Command::answer` checks, decodes, handles, encodes and fits. Against a model built from
/// the kernel's rules: the size limits, the request then zeros, the handler, then the reply
/// cut to an older caller's size (`copy_struct_to_user` on the body) only when what is cut
/// off is zero.
fn kernel_flow(k: u8, src: &[u8]) {
    // Caller sizes around the boundaries: below version 1, the versions, up to a page.
    let (usize, bytes) = match src.split_first_chunk::<2>() {
        Some((s, rest)) => (usize::from(u16::from_le_bytes(*s)) % (PAGE_SIZE + 64), rest),
        None => (usize::from(k), src),
    };
    let cmd = ioctl::ioc(ioctl::IOC_READ_WRITE, b'F', 3, usize);
    let Some(size) = OPEN.user_size(cmd) else {
        panic!("user_size rejected its own command with size {cmd:#x}");
    };
    // The caller's buffer: the input's bytes, then zeros up to its size.
    let mut user = vec![0u8; size];
    for (u, &b) in user.iter_mut().zip(bytes) {
        *u = b;
    }
    let mut kbuf = vec![POISON; KBUF];
    if let Some(copy) = kbuf.get_mut(..user.len()) {
        copy.copy_from_slice(&user);
    }
    let got = OPEN.answer(&mut kbuf, size, open_handler);

    let want = (|| {
        message::check_user_size(size, HOW_VER0)?;
        let req = match crosswire::take_from_bytes::<HowV3>(&user) {
            Err(e) => return Err(expected_errno(e.kind())),
            Ok((_, pad)) if pad.iter().any(|&b| b != 0) => return Err(Errno::EINVAL),
            Ok((req, _)) => req,
        };
        let reply = open_handler(req)?;
        let mut enc = vec![0u8; HowV2::MAX_SIZE];
        let len = crosswire::to_slice(&reply, &mut enc).unwrap().len();
        enc.truncate(len);
        if len > size {
            // The body cut to the caller's room, with its length prefix rewritten.
            let room = size - 4;
            if enc[4 + room..].iter().any(|&b| b != 0) {
                return Err(Errno::E2BIG);
            }
            enc.truncate(4 + room);
            enc[..4].copy_from_slice(&u32::try_from(room).unwrap().to_le_bytes());
        }
        Ok(enc)
    })();
    match want {
        Err(e) => assert_eq!(got, Err(e), "size {size}"),
        Ok(enc) => {
            assert_eq!(got, Ok(enc.len()), "size {size}");
            assert_eq!(kbuf[..enc.len()], enc[..], "reply bytes, size {size}");
            assert!(
                kbuf[enc.len()..size].iter().all(|&b| b == 0),
                "padding up to the caller's size not zeroed"
            );
            // What an older, equal or newer caller reads back is one reply then zeros.
            let back = message::decode::<HowV2>(&kbuf[..size]);
            assert!(back.is_ok(), "the caller cannot read its reply: {back:?}");
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
