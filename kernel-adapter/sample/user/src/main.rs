//! Drives `/dev/crosswire_sample` (the sample kernel module) from userspace, inside the qemu
//! guest that `tests/kernel/run.sh` boots.
//!
//! 1. A few thousand generated messages of every shape (fixed seed, or the first argument),
//!    each reply checked against what the module must answer.
//! 2. Hostile input, each expecting the errno documented in `types.rs`.
//! 3. Mutated encodings: every byte string is judged by crosswire in userspace first, and the
//!    module must agree (same reply, or the errno of the same decoding error).
//!
//! Prints one line per section and, last, `N passed, N failed`; exits non-zero on any failure.

use std::process::ExitCode;

use crosswire::{BoundedString, BoundedVec, Decode, Encode, MaxSize};
use rustix::fd::OwnedFd;
use rustix::fs::{open, Mode, OFlags};
use rustix::ioctl::{ioctl, Ioctl, IoctlOutput, Opcode};

#[path = "../../types.rs"]
#[allow(dead_code, reason = "helpers used only by the module side")]
mod types;

use types::*;

use crosswire_kernel::ioctl::{self, PAGE_SIZE};
use crosswire_kernel::Errno;

const EINVAL: i32 = Errno::EINVAL.get();
const E2BIG: i32 = Errno::E2BIG.get();
const EMSGSIZE: i32 = Errno::EMSGSIZE.get();
const EFAULT: i32 = Errno::EFAULT.get();
const ENOTTY: i32 = Errno::ENOTTY.get();

const DEFAULT_SEED: u64 = 0x5eed_c505_0001;
/// Generated round trips per command.
const ROUND_TRIPS: usize = 1500;
/// Mutated encodings per command.
const MUTATIONS: usize = 700;

/// One ioctl call with a raw opcode and a raw argument (any address, valid or not).
struct Raw {
    opcode: Opcode,
    arg: *mut core::ffi::c_void,
}

// SAFETY: the opcode and argument go to the kernel unchanged and the output is the syscall's
// return value; `IS_MUTATING` is true because the sample's commands write the buffer. Callers
// of `ioctl` with this type promise that `arg` is either a buffer they own for the call or an
// address the kernel must reject with EFAULT.
unsafe impl Ioctl for Raw {
    type Output = IoctlOutput;
    const IS_MUTATING: bool = true;
    fn opcode(&self) -> Opcode {
        self.opcode
    }
    fn as_ptr(&mut self) -> *mut core::ffi::c_void {
        self.arg
    }
    unsafe fn output_from_ptr(
        out: IoctlOutput,
        _arg: *mut core::ffi::c_void,
    ) -> rustix::io::Result<IoctlOutput> {
        Ok(out)
    }
}

/// `cmd` with its size field replaced.
fn with_size(cmd: u32, size: usize) -> u32 {
    (cmd & !(0x3fff << 16)) | (((size as u32) & 0x3fff) << 16)
}

struct Dev {
    fd: OwnedFd,
}

impl Dev {
    /// The raw call: `Ok(reply length)` or `Err(errno)`.
    fn call_raw(&self, cmd: u32, arg: *mut core::ffi::c_void) -> Result<usize, i32> {
        // SAFETY: per the `Raw` contract, `arg` is a buffer of at least `size_of_cmd(cmd)`
        // bytes owned by the caller, or an address meant to fail.
        match unsafe { ioctl(&self.fd, Raw { opcode: cmd, arg }) } {
            Ok(n) => Ok(n as usize),
            Err(e) => Err(e.raw_os_error()),
        }
    }

    /// Calls with `buf` (whose length is put into the command's size field).
    fn call(&self, cmd: u32, buf: &mut [u8]) -> Result<usize, i32> {
        let cmd = with_size(cmd, buf.len());
        self.call_raw(cmd, buf.as_mut_ptr().cast())
    }

    /// A round trip through `crosswire_kernel::ioctl::user::call_in` (the request, then zeros,
    /// in a buffer of the command's size), then checks that the bytes after the reply are zero.
    fn exchange<Req: Encode + MaxSize, Reply: for<'de> Decode<'de> + MaxSize + PartialEq>(
        &self,
        cmd: ioctl::Command<Req, Reply>,
        req: &Req,
    ) -> Result<Reply, String> {
        let mut buf = vec![0u8; ioctl::Command::<Req, Reply>::SIZE];
        // SAFETY: the sample module implements every command with the crosswire buffer
        // convention: it reads and writes only the number's size.
        let (reply, n) = unsafe { ioctl::user::call_in(&self.fd, cmd, req, &mut buf) }
            .map_err(|e| e.to_string())?;
        let n = usize::try_from(n).map_err(|_| "negative length")?;
        // The returned length must be exactly the reply (the module's version of it, which
        // may be shorter or longer than this program's for the extensible command).
        let strict = buf.get(..n).ok_or("reply length past the buffer")?;
        if crosswire::from_bytes::<Reply>(strict).as_ref() != Ok(&reply) {
            return Err(format!("returned length {n} is not the reply's"));
        }
        if buf[n..].iter().any(|&b| b != 0) {
            return Err("non-zero bytes after the reply".into());
        }
        Ok(reply)
    }
}

/// SplitMix64: small, seedable, good enough to spread test cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn bool(&mut self) -> bool {
        self.next() & 1 == 1
    }
    fn char(&mut self) -> char {
        const SAMPLES: [char; 8] = ['a', 'Z', '0', ' ', 'é', 'ß', '€', '🦀'];
        match self.below(4) {
            0 => SAMPLES[self.below(SAMPLES.len() as u64) as usize],
            1 => char::from_u32(0x20 + self.below(0x5f) as u32).unwrap_or('?'),
            _ => loop {
                if let Some(c) = char::from_u32(self.below(0x11_0000) as u32) {
                    break c;
                }
            },
        }
    }
    fn string<const N: usize>(&mut self) -> BoundedString<N> {
        let mut s = BoundedString::new();
        let want = self.below(N as u64 + 1) as usize;
        while s.as_str().len() < want {
            let c = self.char();
            if s.push_str(c.encode_utf8(&mut [0; 4])).is_err() {
                break;
            }
        }
        s
    }
    fn vec<T: Default, const N: usize>(
        &mut self,
        mut f: impl FnMut(&mut Self) -> T,
    ) -> BoundedVec<T, N> {
        let mut v = BoundedVec::new();
        for _ in 0..self.below(N as u64 + 1) {
            let _ = v.push(f(self));
        }
        v
    }
}

fn gen_arith(r: &mut Rng) -> Arith {
    Arith {
        a: r.next(),
        b: r.next() as _,
        c: r.next() as u16,
        d: r.next() as u8,
        negate: r.bool(),
        opt: if r.bool() {
            Some(r.next() as u32)
        } else {
            None
        },
        arr: [
            r.next() as u16,
            r.next() as u16,
            r.next() as u16,
            r.next() as u16,
        ],
        ch: r.char(),
    }
}

fn gen_op(r: &mut Rng) -> Op {
    match r.below(6) {
        0 => Op::Echo(r.string()),
        1 => Op::Upper { text: r.string() },
        2 => Op::Sum(r.vec(|r| r.next() as u32)),
        3 => Op::Reverse(r.vec(|r| r.next() as u16)),
        4 => Op::Stats {
            name: r.string(),
            values: r.vec(|r| r.next() as i16),
            flag: match r.below(3) {
                0 => None,
                1 => Some(false),
                _ => Some(true),
            },
        },
        _ => Op::Nop,
    }
}

/// A `Settings` this program's version may send to the version-2 module: fields the module
/// does not know must be zero (a non-zero one is checked to give E2BIG separately).
fn gen_settings(r: &mut Rng) -> Settings {
    Settings {
        max_items: r.next() as u32 >> r.below(32),
        flags: r.next() as u32,
        #[cfg(not(feature = "msg-v1"))]
        timeout_ms: r.next() >> r.below(64),
        #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
        priority: 0,
        #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
        verbose: false,
    }
}

/// The module is built with version 2 of `Settings`.
const MODULE_SETTINGS_VERSION: u32 = 2;

/// What the version-2 module answers, seen through this program's version of the reply:
/// fields the module does not know read as zero, fields this program does not know are
/// dropped (they are zero, since the module echoes a zero-extended request).
fn expected_settings_reply(s: &Settings) -> SettingsReply {
    let mut reply = s.reply();
    reply.version = MODULE_SETTINGS_VERSION;
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
    {
        reply.priority = 0;
        reply.verbose = false;
    }
    reply
}

struct Tally {
    passed: usize,
    failed: usize,
}

impl Tally {
    fn check(&mut self, what: &str, ok: bool, detail: impl FnOnce() -> String) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            if self.failed <= 20 {
                println!("FAIL {what}: {}", detail());
            }
        }
    }

    /// A raw buffer must fail with `errno`.
    fn expect_errno(&mut self, dev: &Dev, what: &str, cmd: u32, buf: &mut [u8], errno: i32) {
        let got = dev.call(cmd, buf);
        self.check(what, got == Err(errno), || {
            format!("expected errno {errno}, got {got:?}")
        });
    }
}

fn encode_to_vec<T: Encode + MaxSize>(value: &T) -> Vec<u8> {
    let mut buf = vec![0u8; T::MAX_SIZE];
    let n = crosswire::to_slice(value, &mut buf)
        .expect("MAX_SIZE is enough")
        .len();
    buf.truncate(n);
    buf
}

/// Pads an encoding with zeros to the command's buffer size.
fn padded(mut bytes: Vec<u8>, size: usize) -> Vec<u8> {
    bytes.resize(size.max(bytes.len()), 0);
    bytes
}

fn round_trips(dev: &Dev, rng: &mut Rng, t: &mut Tally) {
    let before = t.passed;
    for _ in 0..ROUND_TRIPS {
        let req = gen_arith(rng);
        let got = dev.exchange(ARITH, &req);
        t.check("arith round trip", got.as_ref() == Ok(&req.reply()), || {
            format!("{req:?} -> {got:?}")
        });

        let req = gen_op(rng);
        let got = dev.exchange(OP, &req);
        t.check("op round trip", got.as_ref() == Ok(&req.reply()), || {
            format!("{req:?} -> {got:?}")
        });

        let req = gen_settings(rng);
        let got = dev.exchange(SETTINGS, &req);
        let want = expected_settings_reply(&req);
        t.check("settings round trip", got.as_ref() == Ok(&want), || {
            format!("{req:?} -> {got:?}, want {want:?}")
        });
    }
    println!(
        "round trips: {} checks passed (3 commands x {ROUND_TRIPS})",
        t.passed - before
    );
}

fn hostile(dev: &Dev, t: &mut Tally) {
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

    // Buffers larger than the command allows.
    for (cmd, limit) in [(ARITH.number(), ARITH_BUF), (OP.number(), OP_BUF)] {
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

    // Bad pointers: NULL, unmapped, kernel addresses, and read-only memory (the reply cannot
    // be written back).
    for addr in [
        0usize,
        8,
        0xdead_0000,
        0xffff_8880_0000_0000,
        usize::MAX - 64,
    ] {
        for cmd in [ARITH.number(), OP.number(), SETTINGS.number()] {
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
}

/// The userspace verdict on a request buffer, as the module must also reach it.
fn user_verdict<Req, Reply>(buf: &[u8], reply_of: impl Fn(&Req) -> Reply) -> Result<Reply, i32>
where
    Req: for<'de> Decode<'de>,
{
    ioctl::decode_request::<Req>(buf)
        .map(|r| reply_of(&r))
        .map_err(Errno::get)
}

fn mutate(rng: &mut Rng, bytes: &mut [u8]) {
    for _ in 0..=rng.below(3) {
        let i = rng.below(bytes.len() as u64) as usize;
        match rng.below(3) {
            0 => bytes[i] ^= 1 << rng.below(8),
            1 => bytes[i] = rng.next() as u8,
            _ => bytes[i] = [0, 1, 2, 0x7f, 0x80, 0xff][rng.below(6) as usize],
        }
    }
}

/// Mutated encodings: the module must agree with crosswire in userspace on every one.
fn differential(dev: &Dev, rng: &mut Rng, t: &mut Tally) {
    let before = t.passed;
    let (mut accepted, mut rejected) = (0, 0);
    for _ in 0..MUTATIONS {
        let mut buf = padded(encode_to_vec(&gen_arith(rng)), ARITH_BUF);
        mutate(rng, &mut buf);
        let want = user_verdict(&buf, Arith::reply);
        let got = dev.exchange_raw::<ArithReply>(ARITH.number(), buf);
        if want.is_ok() {
            accepted += 1
        } else {
            rejected += 1
        }
        t.check("arith differential", got == want, || {
            format!("module {got:?}, userspace {want:?}")
        });

        let mut buf = padded(encode_to_vec(&gen_op(rng)), OP_BUF);
        mutate(rng, &mut buf);
        let want = user_verdict(&buf, Op::reply);
        let got = dev.exchange_raw::<OpReply>(OP.number(), buf);
        if want.is_ok() {
            accepted += 1
        } else {
            rejected += 1
        }
        t.check("op differential", got == want, || {
            format!("module {got:?}, userspace {want:?}")
        });
    }
    println!(
        "differential: {} checks passed ({accepted} mutated requests accepted, {rejected} rejected)",
        t.passed - before
    );
}

impl Dev {
    /// Sends a raw buffer; decodes the reply on success.
    fn exchange_raw<Reply: for<'de> Decode<'de>>(
        &self,
        cmd: u32,
        mut buf: Vec<u8>,
    ) -> Result<Reply, i32> {
        let n = self.call(cmd, &mut buf)?;
        crosswire::from_bytes(&buf[..n]).map_err(|_| -1)
    }
}

/// Version checks specific to this build's version of `Settings`.
fn versions(dev: &Dev, t: &mut Tally) {
    let before = t.passed;
    println!(
        "settings: this program v{SETTINGS_VERSION} ({} byte buffer), module v{MODULE_SETTINGS_VERSION}",
        SETTINGS_BUF
    );
    #[allow(
        clippy::needless_update,
        reason = "the later versions' fields exist only in some builds"
    )]
    let req = Settings {
        max_items: 5000,
        flags: 0xf00d,
        ..Default::default()
    };
    let got = dev.exchange(SETTINGS, &req);
    t.check(
        "settings version",
        got.as_ref().map(|r| r.version) == Ok(MODULE_SETTINGS_VERSION),
        || format!("{got:?}"),
    );
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
    {
        // A newer program using a field the older module does not know: E2BIG, as openat2.
        for (priority, verbose) in [(1u16, false), (0, true), (0xffff, true)] {
            let req = Settings {
                priority,
                verbose,
                ..req.clone()
            };
            let mut buf = padded(encode_to_vec(&req), SETTINGS_BUF);
            t.expect_errno(
                dev,
                "v3 field on a v2 module",
                SETTINGS.number(),
                &mut buf,
                E2BIG,
            );
        }
    }
    println!("versions: {} checks passed", t.passed - before);
}

fn main() -> ExitCode {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| {
            s.strip_prefix("0x")
                .map_or(s.parse().ok(), |h| u64::from_str_radix(h, 16).ok())
        })
        .unwrap_or(DEFAULT_SEED);
    println!(
        "crosswire sample user: seed {seed:#x}, settings v{SETTINGS_VERSION}, buffers arith {ARITH_BUF} op {OP_BUF} settings {SETTINGS_BUF}"
    );
    let fd = match open("/dev/crosswire_sample", OFlags::RDWR, Mode::empty()) {
        Ok(fd) => fd,
        Err(e) => {
            println!("FAIL open /dev/crosswire_sample: {e}");
            return ExitCode::FAILURE;
        }
    };
    let dev = Dev { fd };
    let mut rng = Rng(seed);
    let mut t = Tally {
        passed: 0,
        failed: 0,
    };
    round_trips(&dev, &mut rng, &mut t);
    hostile(&dev, &mut t);
    differential(&dev, &mut rng, &mut t);
    versions(&dev, &mut t);
    println!("{} passed, {} failed", t.passed, t.failed);
    if t.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
