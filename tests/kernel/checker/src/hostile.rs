//! Hostile input, each expecting the errno documented in `kernel-adapter/README.md`.

use crosswire::{BoundedString, BoundedVec};
use crosswire_kernel::{ioctl, message::PAGE_SIZE};

use crosswire_sample_types::*;

use crate::{
    dev::{with_size, Dev},
    encode_to_vec,
    gen::{gen_settings, Rng},
    padded, Tally, E2BIG, EFAULT, EINVAL, EMSGSIZE, ENOTTY, EOPNOTSUPP,
};

/// An address no user mapping can have: the kernel's direct map on 64 bits; on 32 bits the
/// top page, above the address space a 64-bit kernel gives a 32-bit process (0xffffe000).
#[cfg(target_pointer_width = "64")]
const NOT_USER: usize = 0xffff_8880_0000_0000;
#[cfg(target_pointer_width = "32")]
const NOT_USER: usize = 0xffff_f000;

pub(crate) fn hostile(dev: &Dev, t: &mut Tally) {
    let before = t.passed;
    let arith = Arith {
        a: 1,
        b: 2,
        c: 3,
        d: 4,
        negate: false,
        opt: Some(5),
        arr: [1, 2, 3, 4],
        ch: 'x',
    };
    let arith_enc = encode_to_vec(&arith);
    // Field offsets in the encoding of `Arith` (spec: fields back to back, no padding).
    let b_len = core::mem::size_of_val(&arith.b);
    let at_negate = 8 + b_len + 2 + 1;
    let at_opt = at_negate + 1;
    let at_ch = at_opt + 1 + 4 + 8;

    // Truncated buffers: every proper prefix of a valid request.
    for cut in 0..arith_enc.len() {
        let mut buf = arith_enc[..cut].to_vec();
        t.expect_errno(dev, "arith truncated", ARITH.number(), &mut buf, EINVAL);
    }
    let echo = encode_to_vec(&Op::Echo(BoundedString::try_from("hello, kernel").unwrap()));
    for cut in 0..echo.len() {
        let mut buf = echo[..cut].to_vec();
        t.expect_errno(dev, "op truncated", OP.number(), &mut buf, EINVAL);
    }

    // Bad bools and bad Option tags.
    for bad in [2u8, 3, 0x80, 0xff] {
        let mut buf = padded(arith_enc.clone(), ARITH_BUF);
        buf[at_negate] = bad;
        t.expect_errno(dev, "bad bool", ARITH.number(), &mut buf, EINVAL);
        let mut buf = padded(arith_enc.clone(), ARITH_BUF);
        buf[at_opt] = bad;
        t.expect_errno(dev, "bad option tag", ARITH.number(), &mut buf, EINVAL);
    }
    // Bad chars: surrogates and values above U+10FFFF.
    for bad in [0xd800u32, 0xdfff, 0x11_0000, u32::MAX] {
        let mut buf = padded(arith_enc.clone(), ARITH_BUF);
        buf[at_ch..at_ch + 4].copy_from_slice(&bad.to_le_bytes());
        t.expect_errno(dev, "bad char", ARITH.number(), &mut buf, EINVAL);
    }

    // Bad enum tags: one past the last variant, and beyond.
    for tag in [6u8, 7, 0x7f, 0xff] {
        let mut buf = vec![0u8; OP_BUF];
        buf[0] = tag;
        t.expect_errno(dev, "bad enum tag", OP.number(), &mut buf, EINVAL);
    }
    // Over-capacity lengths (Echo holds 32 bytes, Sum 16 items, Stats' name 16 bytes).
    for len in [33u32, 100, 0x8000_0000, u32::MAX] {
        let mut buf = vec![0u8; OP_BUF];
        buf[0] = 0; // Echo
        buf[1..5].copy_from_slice(&len.to_le_bytes());
        t.expect_errno(dev, "string over capacity", OP.number(), &mut buf, EINVAL);
        let mut buf = vec![0u8; OP_BUF];
        buf[0] = 2; // Sum
        buf[1..5].copy_from_slice(&len.saturating_sub(16).max(17).to_le_bytes());
        t.expect_errno(dev, "sequence over capacity", OP.number(), &mut buf, EINVAL);
    }
    // Bad UTF-8: lone continuation byte, truncated sequence, overlong encoding, surrogate,
    // above U+10FFFF.
    let bad_utf8: [&[u8]; 6] = [
        &[0x80],
        &[b'a', 0xc3],
        &[0xc0, 0xaf],
        &[0xed, 0xa0, 0x80],
        &[0xf4, 0x90, 0x80, 0x80],
        &[0xff, 0xfe],
    ];
    for bytes in bad_utf8 {
        let mut buf = vec![0u8; OP_BUF];
        buf[0] = 1; // Upper { text }
        buf[1..5].copy_from_slice(&(bytes.len() as u32).to_le_bytes());
        buf[5..5 + bytes.len()].copy_from_slice(bytes);
        t.expect_errno(dev, "bad utf-8", OP.number(), &mut buf, EINVAL);
    }
    // Non-zero bytes after the request (the buffer is request + zero padding).
    let mut buf = padded(encode_to_vec(&Op::Nop), OP_BUF);
    buf[OP_BUF - 1] = 1;
    t.expect_errno(dev, "non-zero padding", OP.number(), &mut buf, EINVAL);

    // Extensible struct from a "newer sender" with a non-zero unknown tail: body length is
    // this program's body plus 8 more bytes, the last of which is non-zero.
    // The module's (version 2) body is 16 bytes; 8 more are unknown to it.
    let settings = gen_settings(&mut Rng(1));
    let enc = encode_to_vec(&settings);
    let body = 16 + 8;
    let mut buf = vec![0u8; 4 + body];
    buf[..enc.len()].copy_from_slice(&enc);
    buf[..4].copy_from_slice(&(body as u32).to_le_bytes());
    *buf.last_mut().unwrap() = 0x01;
    t.expect_errno(
        dev,
        "non-zero unknown tail",
        SETTINGS.number(),
        &mut buf,
        E2BIG,
    );
    // ... and the same with a zero tail is accepted.
    *buf.last_mut().unwrap() = 0;
    let got = dev.call(SETTINGS.number(), &mut buf);
    t.check("zero unknown tail accepted", got.is_ok(), || {
        format!("got {got:?}")
    });
    // A handler's own errno: the module refuses the reserved flag.
    for flags in [FLAG_RESERVED, u32::MAX] {
        #[allow(
            clippy::needless_update,
            reason = "the later versions' fields exist only in some builds"
        )]
        let req = Settings {
            flags,
            ..settings.clone()
        };
        let mut buf = padded(encode_to_vec(&req), SETTINGS_BUF);
        t.expect_errno(
            dev,
            "reserved flag",
            SETTINGS.number(),
            &mut buf,
            EOPNOTSUPP,
        );
    }
    // An extensible body length beyond the buffer is truncation.
    let mut buf = padded(enc.clone(), SETTINGS_BUF);
    buf[..4].copy_from_slice(&1000u32.to_le_bytes());
    t.expect_errno(
        dev,
        "extensible length past the buffer",
        SETTINGS.number(),
        &mut buf,
        EINVAL,
    );

    // The version command has no request: its buffer must be all zero.
    let mut buf = vec![0u8; VERSION_BUF];
    buf[3] = 1;
    t.expect_errno(
        dev,
        "non-zero version request",
        VERSION.number(),
        &mut buf,
        EINVAL,
    );
    // ... and large enough for the reply.
    let mut buf = vec![0u8; 8];
    t.expect_errno(
        dev,
        "version buffer too small",
        VERSION.number(),
        &mut buf,
        EMSGSIZE,
    );

    // Buffers larger than the command allows.
    for (cmd, limit) in [
        (ARITH.number(), ARITH_BUF),
        (OP.number(), OP_BUF),
        (VERSION.number(), VERSION_BUF),
    ] {
        for size in [limit + 1, limit + 64, 0x3fff] {
            let mut buf = vec![0u8; size];
            t.expect_errno(dev, "oversize buffer", cmd, &mut buf, EMSGSIZE);
        }
    }
    // The extensible command takes any version's size up to a page (E2BIG above, as
    // openat2/clone3), and not less than version 1's (EINVAL).
    for size in [PAGE_SIZE + 1, 0x3fff] {
        let mut buf = vec![0u8; size];
        t.expect_errno(
            dev,
            "oversize extensible buffer",
            SETTINGS.number(),
            &mut buf,
            E2BIG,
        );
    }
    let mut buf = vec![0u8; SETTINGS_BUF_V1 - 1];
    t.expect_errno(
        dev,
        "extensible buffer below version 1",
        SETTINGS.number(),
        &mut buf,
        EINVAL,
    );
    // A buffer too small for the reply (Sum of nothing: 5-byte request, 9-byte reply).
    let mut buf = encode_to_vec(&Op::Sum(BoundedVec::new()));
    t.expect_errno(
        dev,
        "buffer too small for the reply",
        OP.number(),
        &mut buf,
        EMSGSIZE,
    );

    // Bad pointers: NULL, unmapped, not the process's (`NOT_USER`), and read-only memory
    // (the reply cannot be written back).
    for addr in [0usize, 8, 0xdead_0000, NOT_USER, usize::MAX - 64] {
        for cmd in [
            ARITH.number(),
            OP.number(),
            SETTINGS.number(),
            VERSION.number(),
        ] {
            let got = dev.call_raw(cmd, addr as *mut core::ffi::c_void);
            t.check("bad pointer", got == Err(EFAULT), || {
                format!("{addr:#x}: got {got:?}")
            });
        }
    }
    // `Op::Nop` (tag 5) in a read-only static: the request is valid, writing the reply faults.
    static READ_ONLY: [u8; 1] = [5];
    let got = dev.call_raw(with_size(OP.number(), 1), READ_ONLY.as_ptr() as *mut _);
    t.check("read-only buffer", got == Err(EFAULT), || {
        format!("got {got:?}")
    });

    // Unknown commands: number, type, direction.
    let mut buf = vec![0u8; 16];
    t.expect_errno(
        dev,
        "unknown command number",
        ioctl::ioc(ioctl::IOC_READ_WRITE, SAMPLE_IOC_TYPE, 9, 16),
        &mut buf,
        ENOTTY,
    );
    let other_type = (ARITH.number() & !0xff00) | (u32::from(b'z') << 8);
    t.expect_errno(dev, "unknown command type", other_type, &mut buf, ENOTTY);
    let write_only = (ARITH.number() & !(3 << 30)) | (1 << 30);
    t.expect_errno(dev, "wrong direction", write_only, &mut buf, ENOTTY);

    println!("hostile input: {} checks passed", t.passed - before);
    #[cfg(target_pointer_width = "32")]
    println!(
        "hostile input: no kernel address fits a 32-bit pointer; the bad pointer outside the process was {NOT_USER:#x}"
    );
}
