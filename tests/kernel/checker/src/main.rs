//! The qemu test's checker of the crosswire sample module: drives `/dev/crosswire_sample`
//! inside the guest that `tests/kernel/run.sh` boots, built once per version of the
//! extensible message (features `msg-v1`, none, `msg-v3`).
//!
//! 1. A few thousand generated messages of every shape (fixed seed, or the first argument),
//!    each reply checked against what the module must answer (`round_trips`).
//! 2. Hostile input, each expecting the errno documented in `kernel-adapter/README.md`
//!    (`hostile`).
//! 3. Mutated encodings: every byte string is judged by crosswire in userspace first, and
//!    the module must agree (`differential`).
//! 4. Version skew on the extensible command (`versions`).
//! 5. The shared-memory rings: mapping rights, typed messages both ways, targeted
//!    corruptions and a scribbling thread racing the module, recovery (`ring`).
//! 6. The generic-netlink family: do, dump, multicast, the policy as `nlctrl` dumps it,
//!    extended acks of decode failures, hostile requests (`genl`).
//!
//! Prints one line per section and, last, `N passed, N failed`; exits non-zero on any failure.
//! The short program a driver author copies is `kernel-adapter/sample/user`.

use std::process::ExitCode;

use crosswire::{Encode, MaxSize};
use crosswire_kernel::Errno;
use rustix::fs::{open, Mode, OFlags};

mod dev;
mod differential;
mod gen;
mod genl;
mod hostile;
mod ring;
#[path = "../../../../kernel-adapter/sample/types.rs"]
#[allow(dead_code, reason = "helpers used only by the module side")]
mod types;
mod versions;

use dev::Dev;
use gen::{expected_settings_reply, gen_arith, gen_op, gen_settings, Rng};
use types::*;

const EINVAL: i32 = Errno::EINVAL.get();
const E2BIG: i32 = Errno::E2BIG.get();
const EMSGSIZE: i32 = Errno::EMSGSIZE.get();
const EFAULT: i32 = Errno::EFAULT.get();
const ENOTTY: i32 = Errno::ENOTTY.get();
const EOPNOTSUPP: i32 = Errno::EOPNOTSUPP.get();

const DEFAULT_SEED: u64 = 0x5eed_c505_0001;
/// Generated round trips per command.
const ROUND_TRIPS: usize = 1500;
/// Mutated encodings per command.
const MUTATIONS: usize = 700;

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

fn main() -> ExitCode {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| {
            s.strip_prefix("0x")
                .map_or(s.parse().ok(), |h| u64::from_str_radix(h, 16).ok())
        })
        .unwrap_or(DEFAULT_SEED);
    println!(
        "crosswire kernel checker: seed {seed:#x}, settings v{SETTINGS_VERSION}, buffers arith {ARITH_BUF} op {OP_BUF} settings {SETTINGS_BUF}"
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
    hostile::hostile(&dev, &mut t);
    differential::differential(&dev, &mut rng, &mut t);
    versions::versions(&dev, &mut t);
    ring::ring(&mut rng, &mut t);
    genl::genl(&mut rng, &mut t);
    println!("{} passed, {} failed", t.passed, t.failed);
    if t.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
