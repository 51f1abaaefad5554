//! The userspace call helper against the real host kernel, where the kernel gives a real
//! answer. No kernel module is loaded: these use drivers every Linux host has.
// Not under qemu-user (`.ci/cross.sh`'s emulated targets): it passes on only the ioctls
// and socket payloads it knows how to translate, and this test needs the host kernel's.
#![cfg(not(crosswire_qemu_user))]
#![cfg(all(feature = "std", target_os = "linux"))]

use std::fs::File;

use crosswire_kernel::{
    ioctl::{
        self,
        user::{call, call_in, call_raw, CallError},
        Command,
    },
    Errno,
};

/// A command no driver used here knows: type 0xCC is not handled by the VFS's generic
/// ioctls (`do_vfs_ioctl`), and none of these files has a driver of its own for it.
const UNKNOWN: Command<u64, u64> = Command::new(0xCC, 0x42);

#[test]
fn dev_null_does_not_know_the_command() {
    let null = File::options()
        .read(true)
        .write(true)
        .open("/dev/null")
        .unwrap();
    // SAFETY: /dev/null's driver (`null_fops` in drivers/char/mem.c) has no ioctl handler,
    // so the kernel answers ENOTTY without touching the buffer.
    let got = unsafe { call(&null, UNKNOWN, &7u64) };
    assert_eq!(got, Err(CallError::Os(Errno::ENOTTY)));
    assert_eq!(got.unwrap_err().errno(), Errno::ENOTTY);
}

#[test]
fn memfd_and_pipe_do_not_know_the_command() {
    let memfd =
        rustix::fs::memfd_create("crosswire-test", rustix::fs::MemfdFlags::CLOEXEC).unwrap();
    // SAFETY: a memfd is a shmem file; type 0xCC is neither a VFS-generic ioctl nor one shmem
    // implements, so the kernel answers ENOTTY without touching the buffer.
    let got = unsafe { call(&memfd, UNKNOWN, &1u64) };
    assert_eq!(got, Err(CallError::Os(Errno::ENOTTY)));

    let (reader, _writer) = rustix::pipe::pipe().unwrap();
    // SAFETY: `pipe_ioctl` knows only FIONREAD and the watch-queue commands; for anything
    // else the kernel answers ENOTTY without touching the buffer.
    let got = unsafe { call(&reader, UNKNOWN, &1u64) };
    assert_eq!(got, Err(CallError::Os(Errno::ENOTTY)));
}

/// `RNDGETENTCNT = _IOR('R', 0x00, int)`: the random driver writes the entropy count, a
/// non-negative `int`, into a 4-byte buffer. crosswire's `i32` is little-endian, which is
/// the host's `int` on a little-endian machine.
#[cfg(target_endian = "little")]
#[test]
fn urandom_entropy_count_through_a_typed_command() {
    const RNDGETENTCNT: Command<(), i32> = Command::new(b'R', 0x00);
    assert_eq!(RNDGETENTCNT.number(), ioctl::ior::<i32>(b'R', 0));
    #[cfg(target_arch = "x86_64")]
    assert_eq!(RNDGETENTCNT.number(), 0x8004_5200);

    let urandom = File::open("/dev/urandom").unwrap();
    // SAFETY: drivers/char/random.c implements RNDGETENTCNT by `put_user` of one `int` to the
    // argument: 4 bytes, the size in the number and of the buffer `call` passes.
    let (count, ret) = unsafe { call(&urandom, RNDGETENTCNT, &()) }.unwrap();
    assert_eq!(ret, 0);
    assert!((0..=4096).contains(&count), "entropy count {count}");
}

/// The user side decodes a reply with the kernel side's rule: one message, then only
/// zeros. `RNDGETENTCNT` writes the entropy count, 256 on any host whose random pool is
/// ready (`POOL_READY_BITS` since Linux 5.18): the bytes `[0, 1, 0, 0]`. Read as an
/// `Option<[u8; 3]>` (same size, so the same number), that is `None`, then the non-zero
/// padding `[1, 0, 0]`, which the reply decoder must refuse at offset 1.
#[cfg(target_endian = "little")]
#[test]
fn reply_with_non_zero_padding_is_refused() {
    const COUNT: Command<(), i32> = Command::new(b'R', 0x00);
    const PADDED: Command<(), Option<[u8; 3]>> = Command::new(b'R', 0x00);
    assert_eq!(PADDED.number(), COUNT.number());

    let urandom = File::open("/dev/urandom").unwrap();
    // SAFETY: as in `urandom_entropy_count_through_a_typed_command`: one `int` is written.
    let (count, _ret) = unsafe { call(&urandom, COUNT, &()) }.unwrap();
    assert_eq!(
        count, 256,
        "the host's random pool is not ready; this test needs it"
    );
    // SAFETY: the same call, through a reply type of the same size.
    let got = unsafe { call(&urandom, PADDED, &()) };
    let Err(CallError::Decode(e)) = got else {
        panic!("non-zero padding after the reply accepted: {got:?}");
    };
    assert_eq!(
        (e.kind(), e.offset()),
        (crosswire::ErrorKind::TrailingBytes, 1)
    );
    assert_eq!(got.unwrap_err().errno(), Errno::EINVAL);
}

/// `NS_GET_NSTYPE = _IO(0xb7, 0x3)`: nsfs answers with the namespace's `CLONE_NEW*` flag as
/// the ioctl's return value, without a buffer.
#[test]
fn namespace_type_through_a_command_without_data() {
    const NS_GET_NSTYPE: Command<(), ()> = Command::new(0xb7, 0x3);
    const CLONE_NEWNET: i32 = 0x4000_0000;
    assert_eq!(NS_GET_NSTYPE.number(), ioctl::io(0xb7, 3));

    let ns = File::open("/proc/self/ns/net").unwrap();
    let mut buf = [0u8; 0];
    // SAFETY: nsfs's `ns_ioctl` implements NS_GET_NSTYPE by returning the type; it does not
    // use the argument.
    let ((), ret) = unsafe { call_in(&ns, NS_GET_NSTYPE, &(), &mut buf) }.unwrap();
    assert_eq!(ret, CLONE_NEWNET);
}

#[test]
fn short_buffers_are_refused_before_the_syscall() {
    let null = File::open("/dev/null").unwrap();
    let mut buf = [0u8; 4];
    // SAFETY: refused before any syscall (the buffer is shorter than the number's size).
    let got = unsafe { call_raw(&null, UNKNOWN.number(), &mut buf) };
    assert_eq!(got, Err(CallError::BufferTooSmall { needed: 8, len: 4 }));
    // SAFETY: as above.
    let got = unsafe { call_in(&null, UNKNOWN, &1u64, &mut buf) };
    assert_eq!(got, Err(CallError::BufferTooSmall { needed: 8, len: 4 }));
    assert_eq!(got.unwrap_err().errno(), Errno::EINVAL);
}

#[test]
fn errors_convert_to_io_errors() {
    let e: std::io::Error = CallError::Os(Errno::ENOTTY).into();
    assert_eq!(e.raw_os_error(), Some(25));
    let e: std::io::Error = Errno::E2BIG.into();
    assert_eq!(e.raw_os_error(), Some(Errno::E2BIG.get()));
}
