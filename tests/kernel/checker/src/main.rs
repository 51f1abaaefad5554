//! The qemu test's checker of the crosswire sample modules: drives `/dev/crosswire_sample`
//! (the Rust module) or, with `--device`, another device serving the same ioctl commands
//! (`/dev/crosswire_sample_c`, the C module) inside the guest that `tests/kernel/run.sh`
//! boots, built once per version of the extensible message (features `msg-v1`, none,
//! `msg-v3`).
//!
//! Usage: `crosswire-kernel-checker [--device PATH] [--ioctl-only] [SEED]`, or
//! `crosswire-kernel-checker --genl-family NAME` (is the family registered?).
//!
//! 0. The version command first: the module's fingerprints must be this build's, else the
//!    checker refuses to run (`check_version`).
//! 1. A few thousand generated messages of every shape (fixed seed, or the first argument),
//!    each reply checked against what the module must answer (`round_trips`).
//! 2. Hostile input, each expecting the errno documented in `kernel-adapter/README.md`
//!    (`hostile`).
//! 3. Mutated encodings: every byte string is judged by crosswire in userspace first, and
//!    the module must agree (`differential`).
//! 4. Version skew on the extensible command (`versions`).
//! 5. (Not with `--ioctl-only`.) The shared-memory rings: mapping rights, typed messages both ways, targeted
//!    corruptions and a scribbling thread racing the module, recovery (`ring`).
//! 6. The generic-netlink family: do, dump, multicast, the policy as `nlctrl` dumps it,
//!    extended acks of decode failures, hostile requests (`genl`).
//!
//! Prints one line per section, then `checks: <section>=<checks run> ...` (the same for every
//! build, 64-bit or 32-bit, given the seed: `tests/kernel/init` compares them) and, last,
//! `N passed, N failed`; exits non-zero on any failure. Built for i686 it runs as a 32-bit
//! program on the 64-bit kernel, through the modules' `compat_ioctl`.
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
mod versions;

use crosswire_sample_types::*;
use dev::Dev;
use gen::{expected_settings_reply, gen_arith, gen_op, gen_settings, Rng};

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
    /// Checks run per section, in order.
    sections: Vec<(&'static str, usize)>,
}

impl Tally {
    /// Ends a section: records how many checks ran since the previous one ended.
    fn section(&mut self, name: &'static str) {
        let earlier: usize = self.sections.iter().map(|&(_, n)| n).sum();
        self.sections
            .push((name, self.passed + self.failed - earlier));
    }

    /// `checks: round-trips=4500 hostile=...`: which checks ran, and how many, per section.
    /// run.sh compares this line between the 64-bit and the 32-bit checker.
    fn summary(&self) -> String {
        let sections: Vec<String> = self
            .sections
            .iter()
            .map(|(name, n)| format!("{name}={n}"))
            .collect();
        format!("checks: {}", sections.join(" "))
    }

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

/// The module's answer to the version command, judged against this build: `Err` with the
/// message the checker stops with.
fn check_version(device: &str, theirs: Result<VersionReply, String>) -> Result<(), String> {
    let theirs = theirs.map_err(|e| format!("{device}: the version command failed: {e}"))?;
    let ours = VersionReply::ours();
    match theirs.mismatch(&ours) {
        None => Ok(()),
        Some(what) => Err(format!(
            "{device} was built from other message types than this checker ({what} differs; \
             module {theirs:x?}, checker {ours:x?}): refusing to run"
        )),
    }
}

/// The command line: `[--device PATH] [--ioctl-only] [SEED]`.
struct Args {
    device: String,
    ioctl_only: bool,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        device: "/dev/crosswire_sample".into(),
        ioctl_only: false,
        seed: DEFAULT_SEED,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--device" => args.device = it.next().ok_or("--device needs a path")?,
            "--ioctl-only" => args.ioctl_only = true,
            s => {
                args.seed = s
                    .strip_prefix("0x")
                    .map_or(s.parse().ok(), |h| u64::from_str_radix(h, 16).ok())
                    .ok_or_else(|| format!("not a seed: {s}"))?
            }
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    // `--genl-family NAME`: only says whether the family is registered (exit 0 if it is, 1 if
    // not, 2 on error), for `/init`'s check that a failed load left nothing registered.
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, name] = argv.as_slice() {
        if flag == "--genl-family" {
            return match genl::family_id(name) {
                Ok(Some(id)) => {
                    println!("genl family {name}: registered, id {id}");
                    ExitCode::SUCCESS
                }
                Ok(None) => {
                    println!("genl family {name}: not registered");
                    ExitCode::from(1)
                }
                Err(e) => {
                    println!("FAIL genl family {name}: {e}");
                    ExitCode::from(2)
                }
            };
        }
    }
    let Args {
        device,
        ioctl_only,
        seed,
    } = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            println!("FAIL usage: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "crosswire kernel checker ({}, {}-bit): device {device}{}, seed {seed:#x}, settings v{SETTINGS_VERSION}, buffers arith {ARITH_BUF} op {OP_BUF} settings {SETTINGS_BUF}",
        std::env::consts::ARCH,
        usize::BITS,
        if ioctl_only { " (ioctl commands only)" } else { "" }
    );
    let fd = match open(device.as_str(), OFlags::RDWR, Mode::empty()) {
        Ok(fd) => fd,
        Err(e) => {
            println!("FAIL open {device}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let dev = Dev { fd };
    if let Err(e) = check_version(&device, dev.exchange(VERSION, &())) {
        println!("FAIL version: {e}");
        return ExitCode::FAILURE;
    }
    println!("version: the module's fingerprints match this build's");
    let mut rng = Rng(seed);
    let mut t = Tally {
        passed: 0,
        failed: 0,
        sections: Vec::new(),
    };
    round_trips(&dev, &mut rng, &mut t);
    t.section("round-trips");
    hostile::hostile(&dev, &mut t);
    t.section("hostile");
    differential::differential(&dev, &mut rng, &mut t);
    t.section("differential");
    versions::versions(&dev, &mut t);
    t.section("versions");
    if ioctl_only {
        println!("rings and generic netlink: skipped (not served by {device})");
    } else {
        ring::ring(&mut rng, &mut t);
        t.section("ring");
        genl::genl(&mut rng, &mut t);
        t.section("genl");
    }
    println!("{}", t.summary());
    println!("{} passed, {} failed", t.passed, t.failed);
    if t.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_build_passes_the_version_check() {
        assert_eq!(check_version("dev", Ok(VersionReply::ours())), Ok(()));
    }

    #[test]
    fn a_different_fingerprint_is_refused_by_name() {
        let mut theirs = VersionReply::ours();
        theirs.op_reply ^= 1;
        let e = check_version("/dev/x", Ok(theirs)).unwrap_err();
        assert!(e.contains("fingerprint of OpReply"), "{e}");
        assert!(
            e.starts_with("/dev/x was built from other message types"),
            "{e}"
        );

        let mut theirs = VersionReply::ours();
        theirs.wire_format += 1;
        let e = check_version("dev", Ok(theirs)).unwrap_err();
        assert!(e.contains("wire format version"), "{e}");
    }

    #[test]
    fn settings_fingerprints_are_compared_only_at_the_same_version() {
        let mut theirs = VersionReply::ours();
        theirs.settings ^= 1;
        let e = check_version("dev", Ok(theirs.clone())).unwrap_err();
        assert!(e.contains("fingerprint of Settings"), "{e}");
        // Another version of the extensible message: its shape differs by design.
        theirs.settings_version += 1;
        theirs.settings_reply ^= 1;
        assert_eq!(check_version("dev", Ok(theirs)), Ok(()));
    }

    #[test]
    fn a_failed_version_command_is_refused() {
        let e = check_version("dev", Err("ioctl: ENOTTY".into())).unwrap_err();
        assert!(e.contains("version command failed"), "{e}");
    }
}
