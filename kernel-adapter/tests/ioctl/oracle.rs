//! Oracle: the C preprocessor's own `_IO`/`_IOR`/`_IOW`/`_IOWR` from the system's
//! `<linux/ioctl.h>` (Debian's `linux-libc-dev`), compiled with `gcc`, against ours.
//!
//! With feature `uapi`, also the legacy numbers and C struct sizes of
//! `uapi_defs.rs` (`FIONREAD`, `SIOCGIFINDEX`, `struct ifreq`...) against the
//! headers that define them.
//!
//! Needs `gcc` and `linux-libc-dev`; a machine without them FAILS this test on purpose
//! (CI installs them: `apt-get install gcc linux-libc-dev`).
//!
//! Built for another architecture and run under qemu-user (`.ci/cross.sh`), the test takes
//! that architecture's C compiler from `CROSSWIRE_ORACLE_CC` (such as
//! `powerpc64-linux-gnu-gcc`, or `gcc -m32` for i686) and checks every case with a static
//! assertion at compile time: the numbers of its own `<asm/ioctl.h>` against ours,
//! compiled for it.

use std::{
    fmt::Write as _,
    path::PathBuf,
    process::{Command, Stdio},
};

use crosswire_kernel::ioctl::{
    self, io, ioc, ioc_dir, ioc_nr, ioc_size, ioc_type, ior, iow, iowr, IOC_DIRBITS, IOC_NONE,
    IOC_READ, IOC_READ_WRITE, IOC_SIZEBITS, IOC_SIZE_MAX, IOC_WRITE,
};

#[cfg(feature = "uapi")]
use crate::uapi_defs;

const TYPES: [u8; 8] = [0, 1, 0x37, b'X', b'x', 0x7f, 0x80, 0xff];
const NRS: [u8; 6] = [0, 1, 2, 0x55, 0x80, 0xff];

fn sizes() -> Vec<usize> {
    let mut sizes = vec![
        0, 1, 2, 3, 4, 7, 8, 15, 16, 24, 255, 256, 257, 1000, 4095, 4096,
    ];
    sizes.extend([8191, IOC_SIZE_MAX - 1, IOC_SIZE_MAX]);
    sizes.sort_unstable();
    sizes.dedup();
    sizes.retain(|&s| s <= IOC_SIZE_MAX);
    sizes
}

/// One line of the C program's output: what it computed, and ours.
struct Case {
    label: String,
    c_expr: String,
    ours: u64,
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut push = |label: String, c_expr: String, ours: u32| {
        cases.push(Case {
            label,
            c_expr,
            ours: u64::from(ours),
        })
    };
    for ty in TYPES {
        for nr in NRS {
            push(
                format!("_IO({ty},{nr})"),
                format!("_IO({ty},{nr})"),
                io(ty, nr),
            );
            for size in sizes() {
                // `char[0]` is GCC's zero-length array: sizeof is 0.
                let t = format!("char[{size}]");
                for (mac, dir) in [
                    ("_IOR", IOC_READ),
                    ("_IOW", IOC_WRITE),
                    ("_IOWR", IOC_READ_WRITE),
                ] {
                    let cmd = ioc(dir, ty, nr, size);
                    assert_eq!(ioctl::ioc_checked(dir, ty, nr, size), Some(cmd));
                    let label = format!("{mac}({ty},{nr},{t})");
                    push(label.clone(), format!("{mac}({ty},{nr},{t})"), cmd);
                    let c = format!("{mac}({ty},{nr},{t})");
                    push(
                        format!("_IOC_DIR({label})"),
                        format!("_IOC_DIR({c})"),
                        ioc_dir(cmd),
                    );
                    push(
                        format!("_IOC_TYPE({label})"),
                        format!("_IOC_TYPE({c})"),
                        u32::from(ioc_type(cmd)),
                    );
                    push(
                        format!("_IOC_NR({label})"),
                        format!("_IOC_NR({c})"),
                        u32::from(ioc_nr(cmd)),
                    );
                    push(
                        format!("_IOC_SIZE({label})"),
                        format!("_IOC_SIZE({c})"),
                        u32::try_from(ioc_size(cmd)).unwrap(),
                    );
                }
            }
        }
    }
    for (name, ours) in [
        ("_IOC_NONE", IOC_NONE),
        ("_IOC_READ", IOC_READ),
        ("_IOC_WRITE", IOC_WRITE),
        ("_IOC_SIZEBITS", IOC_SIZEBITS),
        ("_IOC_DIRBITS", IOC_DIRBITS),
        ("_IOC_SIZEMASK", u32::try_from(IOC_SIZE_MAX).unwrap()),
    ] {
        push(name.to_owned(), name.to_owned(), ours);
    }
    // The typed functions, whose size comes from `MAX_SIZE` (`[u8; N]` has `MAX_SIZE == N`).
    macro_rules! typed {
        ($($n:expr),*) => {$(
            for (ty, nr) in [(b'x', 0u8), (0xff, 0xff), (0, 0)] {
                push(format!("typed _IOR({ty},{nr},[u8; {}])", $n),
                    format!("_IOR({ty},{nr},char[{}])", $n), ior::<[u8; $n]>(ty, nr));
                push(format!("typed _IOW({ty},{nr},[u8; {}])", $n),
                    format!("_IOW({ty},{nr},char[{}])", $n), iow::<[u8; $n]>(ty, nr));
                push(format!("typed _IOWR({ty},{nr},[u8; {}])", $n),
                    format!("_IOWR({ty},{nr},char[{}])", $n), iowr::<[u8; $n]>(ty, nr));
            }
        )*};
    }
    typed!(0, 1, 4, 8, 16, 4096, 8191);
    #[cfg(not(any(
        target_arch = "powerpc",
        target_arch = "powerpc64",
        target_arch = "mips",
        target_arch = "mips64",
        target_arch = "sparc",
        target_arch = "sparc64"
    )))]
    typed!(8192, 16383);
    // Real types: the size is `MAX_SIZE`, which equals `sizeof` for these.
    for (ty, nr) in [(b'v', 1u8), (0x94, 9)] {
        push(
            format!("_IOR({ty},{nr},u64)"),
            format!("_IOR({ty},{nr},unsigned long long)"),
            ior::<u64>(ty, nr),
        );
        push(
            format!("_IOW({ty},{nr},i32)"),
            format!("_IOW({ty},{nr},int)"),
            iow::<i32>(ty, nr),
        );
        push(
            format!("_IOWR({ty},{nr},u16)"),
            format!("_IOWR({ty},{nr},unsigned short)"),
            iowr::<u16>(ty, nr),
        );
    }
    #[cfg(feature = "uapi")]
    for (c_expr, ours) in uapi_defs::oracle_cases() {
        cases.push(Case {
            label: c_expr.to_owned(),
            c_expr: c_expr.to_owned(),
            ours,
        });
    }
    cases
}

fn work_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswire-ioctl-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What the oracle's C includes.
const HEADERS: &str = "#include <stdio.h>\n#include <sys/socket.h>\n#include <linux/ioctl.h>\n\
    #include <asm/ioctls.h>\n#include <linux/fs.h>\n#include <linux/if.h>\n\
    #include <linux/if_link.h>\n#include <linux/sockios.h>\n";

/// Compiles and runs the C program; returns its output lines.
fn run_c(cases: &[Case]) -> Vec<u64> {
    let mut src = format!("{HEADERS}int main(void) {{\n");
    for case in cases {
        writeln!(
            src,
            "  printf(\"%llu\\n\", (unsigned long long)({}));",
            case.c_expr
        )
        .unwrap();
    }
    src.push_str("  return 0;\n}\n");

    let dir = work_dir();
    let c_file = dir.join("oracle.c");
    let exe = dir.join("oracle");
    std::fs::write(&c_file, src).unwrap();
    let out = match Command::new("gcc")
        .arg("-O0")
        .arg("-o")
        .arg(&exe)
        .arg(&c_file)
        .stdin(Stdio::null())
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            panic!("ioctl oracle needs `gcc` ({e}); install it: apt-get install gcc linux-libc-dev")
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("linux/ioctl.h"),
        "ioctl oracle needs <linux/ioctl.h>; install it: apt-get install linux-libc-dev\n{stderr}"
    );
    assert!(out.status.success(), "gcc failed:\n{stderr}");

    let run = Command::new(&exe).stdin(Stdio::null()).output().unwrap();
    assert!(run.status.success(), "oracle program failed");
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8(run.stdout)
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect()
}

/// `CROSSWIRE_ORACLE_CC`, split into the compiler and its arguments.
fn cross_compiler() -> Option<Vec<String>> {
    let cc = std::env::var("CROSSWIRE_ORACLE_CC").ok()?;
    Some(cc.split_whitespace().map(str::to_owned).collect())
}

/// Compiles, with `cc`, one static assertion per case that the C expression equals ours.
fn check_at_compile_time(cases: &[Case], cc: &[String]) {
    let mut src = String::from(HEADERS);
    for case in cases {
        writeln!(
            src,
            "_Static_assert((unsigned long long)({}) == {}ull, \"{}\");",
            case.c_expr,
            case.ours,
            case.label.replace('"', "'")
        )
        .unwrap();
    }
    let dir = work_dir();
    let c_file = dir.join("oracle_static.c");
    std::fs::write(&c_file, src).unwrap();
    let (program, args) = cc
        .split_first()
        .expect("CROSSWIRE_ORACLE_CC names a compiler");
    let out = Command::new(program)
        .args(args)
        .args(["-std=gnu11", "-c", "-o"])
        .arg(dir.join("oracle_static.o"))
        .arg(&c_file)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let failed: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("error"))
        .take(40)
        .collect();
    assert!(
        out.status.success(),
        "{} cases, {program} disagrees:\n{}",
        cases.len(),
        failed.join("\n")
    );
}

#[test]
fn ioctl_numbers_match_the_c_headers() {
    let cases = cases();
    assert!(cases.len() > 3000, "the table shrank: {}", cases.len());
    if let Some(cc) = cross_compiler() {
        check_at_compile_time(&cases, &cc);
        return;
    }
    let c = run_c(&cases);
    assert_eq!(
        c.len(),
        cases.len(),
        "the C program printed a different number of lines"
    );
    let mismatches: Vec<String> = cases
        .iter()
        .zip(&c)
        .filter(|(case, c)| case.ours != **c)
        .map(|(case, c)| format!("{}: C {c:#x}, ours {:#x}", case.label, case.ours))
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} differ:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
}
