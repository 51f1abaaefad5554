//! Existing UAPI structs through `ioctl::Command` and the call helpers (feature `uapi`),
//! against the real host kernel with harmless ioctls: nothing is configured, only read
//! (and one flag set on a file of our own). The numbers and sizes used here are checked
//! against the C headers by `oracle.rs`.
#![cfg(target_os = "linux")]

use crate::uapi_defs as defs;

use std::{fs::File, io::Write as _};

use crosswire_kernel::{
    ioctl::{
        user::{call, call_raw, CallError},
        Uapi,
    },
    Errno,
};
use defs::*;
use rustix::net::{AddressFamily, SocketFlags, SocketType};

#[test]
fn fionread_counts_the_bytes_waiting_in_a_pipe() {
    let (reader, writer) = rustix::pipe::pipe().unwrap();
    // SAFETY: (each FIONREAD call) `pipe_ioctl` (fs/pipe.c) writes one `int` at the
    // argument; the buffer is `Command::SIZE` = 4 bytes, although the number's size is 0.
    let (Uapi(empty), ret) = unsafe { call(&reader, FIONREAD, &()) }.unwrap();
    assert_eq!((empty, ret), (0, 0));
    rustix::io::write(&writer, b"hello").unwrap();
    // SAFETY: as above.
    let (Uapi(waiting), _) = unsafe { call(&reader, FIONREAD, &()) }.unwrap();
    assert_eq!(waiting, 5);
}

#[test]
fn fionread_counts_the_bytes_waiting_in_a_socketpair() {
    let (a, b) = rustix::net::socketpair(
        AddressFamily::UNIX,
        SocketType::STREAM,
        SocketFlags::CLOEXEC,
        None,
    )
    .unwrap();
    rustix::io::write(&a, b"seven!!").unwrap();
    // SAFETY: `unix_ioctl` (net/unix/af_unix.c) implements SIOCINQ (= FIONREAD) by
    // `put_user` of one `int`: the 4 bytes of the buffer.
    let (Uapi(waiting), ret) = unsafe { call(&b, FIONREAD, &()) }.unwrap();
    assert_eq!((waiting, ret), (7, 0));
}

fn inet_socket() -> rustix::fd::OwnedFd {
    rustix::net::socket(AddressFamily::INET, SocketType::DGRAM, None).unwrap()
}

/// `lo` is interface 1 in every network namespace (`LOOPBACK_IFINDEX`); the host's
/// `/sys/class/net/lo/ifindex` says so too.
#[test]
fn siocgifindex_reads_the_loopback_index_through_struct_ifreq() {
    let sock = inet_socket();
    let sysfs: i32 = std::fs::read_to_string("/sys/class/net/lo/ifindex")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // SAFETY: (each SIOCGIF* call) `dev_ioctl` (net/core/dev_ioctl.c) copies one
    // `struct ifreq` in and, for these read-only commands, one back: `sizeof(struct ifreq)`
    // bytes, `Command::SIZE` (checked against the header by the oracle). The fields read
    // (the name, the index, the flags) hold no address the kernel follows.
    let (Uapi(reply), ret) =
        unsafe { call(&sock, SIOCGIFINDEX, &Uapi(Ifreq::named("lo"))) }.unwrap();
    assert_eq!((reply.ifindex(), ret), (sysfs, 0));
    assert_eq!(reply.ifindex(), 1);
    assert_eq!(&reply.name[..3], b"lo\0");
}

#[test]
fn siocgifflags_reads_the_loopback_flags() {
    let sock = inet_socket();
    // SAFETY: as in `siocgifindex_reads_the_loopback_index_through_struct_ifreq`.
    let (Uapi(reply), _) = unsafe { call(&sock, SIOCGIFFLAGS, &Uapi(Ifreq::named("lo"))) }.unwrap();
    assert_ne!(
        reply.flags() & IFF_LOOPBACK,
        0,
        "flags {:#x}",
        reply.flags()
    );
}

#[test]
fn an_unknown_interface_is_the_kernels_enodev() {
    let sock = inet_socket();
    // SAFETY: as above; the kernel finds no such device and writes nothing back.
    let got = unsafe { call(&sock, SIOCGIFINDEX, &Uapi(Ifreq::named("nosuchif0"))) };
    assert_eq!(got.unwrap_err(), CallError::Os(Errno::ENODEV));
}

/// `FS_IOC_GETFLAGS` on a file of our own; where the filesystem implements the flags,
/// setting `FS_NOATIME_FL` through `FS_IOC_SETFLAGS` (an `_IOW` command whose buffer still
/// holds the request afterwards: no reply is decoded) must show in the next read.
#[test]
fn fs_ioc_flags_round_trip_on_a_temporary_file() {
    let path = std::env::temp_dir().join(format!("crosswire-uapi-{}", std::process::id()));
    let mut file = File::create(&path).unwrap();
    file.write_all(b"x").unwrap();
    // SAFETY: (each FS_IOC_* call) `ioctl_getflags`/`ioctl_setflags` (fs/ioctl.c) write or
    // read one `int` at the argument: within the `sizeof(long)` bytes of the buffer.
    let got = unsafe { call(&file, FS_IOC_GETFLAGS, &()) };
    let before = match got {
        Ok((Uapi(flags), ret)) => {
            assert_eq!(ret, 0);
            assert_eq!(
                flags.rest,
                LongFlags::default().rest,
                "the kernel writes an int"
            );
            flags.flags
        }
        Err(CallError::Os(e)) if [Errno::ENOTTY, Errno::EOPNOTSUPP].contains(&e) => {
            eprintln!("FS_IOC_GETFLAGS not implemented here ({e}): nothing to check");
            std::fs::remove_file(&path).unwrap();
            return;
        }
        Err(e) => panic!("FS_IOC_GETFLAGS: {e}"),
    };
    let set = LongFlags {
        flags: before | FS_NOATIME_FL,
        ..LongFlags::default()
    };
    // SAFETY: as above.
    match unsafe { call(&file, FS_IOC_SETFLAGS, &Uapi(set)) } {
        Ok(((), ret)) => {
            assert_eq!(ret, 0);
            // SAFETY: as above.
            let (Uapi(after), _) = unsafe { call(&file, FS_IOC_GETFLAGS, &()) }.unwrap();
            assert_eq!(after.flags, before | FS_NOATIME_FL);
        }
        Err(CallError::Os(e)) if [Errno::EOPNOTSUPP, Errno::EPERM].contains(&e) => {
            eprintln!("FS_IOC_SETFLAGS refused here ({e})");
        }
        Err(e) => panic!("FS_IOC_SETFLAGS: {e}"),
    }
    std::fs::remove_file(&path).unwrap();
}

/// The number's size is still a floor: `FS_IOC_GETFLAGS` says `sizeof(long)`.
#[test]
fn a_buffer_shorter_than_the_numbers_size_is_refused() {
    let null = File::open("/dev/null").unwrap();
    // One byte short of a `long` (8 bytes on 64-bit targets, 4 on 32-bit ones).
    let needed = core::mem::size_of::<core::ffi::c_long>();
    let mut short = vec![0u8; needed - 1];
    // SAFETY: refused before the syscall.
    let got = unsafe { call_raw(&null, FS_IOC_GETFLAGS.number(), &mut short) };
    assert_eq!(
        got,
        Err(CallError::BufferTooSmall {
            needed,
            len: needed - 1
        })
    );
}
