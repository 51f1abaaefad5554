//! Userspace: calling an ioctl with a crosswire-encoded request and decoding the reply,
//! through `rustix` (feature `std`).
//!
//! The calls are `unsafe` for the same reason `rustix::ioctl::ioctl` is: whether an ioctl
//! is sound depends on the driver behind the file, which no type here can check. What this
//! module does guarantee is the buffer: it is always at least as long as the size in the
//! command's number, which is all a driver following the ioctl convention touches.
//!
//! Each helper returns the ioctl's own return value (a non-negative `int`: 0 for most
//! commands, a count or a type for some) with its result.
//!
//! # Legacy numbers that write more than their size field says
//!
//! Numbers defined before the `_IOC` convention, or against it, have a size field of 0 (or
//! a wrong one) although the kernel reads or writes memory at the argument. For those the
//! size field proves nothing, and the buffer's length is the caller's promise (the safety
//! contract of [`call_raw`]). Checked against Debian's `linux-libc-dev` 6.1 headers and
//! the kernel sources that implement them:
//!
//! | number | value (header) | size field | the kernel, at the argument |
//! | --- | --- | --- | --- |
//! | `FIONREAD` = `SIOCINQ` = `TIOCINQ` | `0x541B` (`asm-generic/ioctls.h`) | 0 | writes an `int` |
//! | `TIOCOUTQ` = `SIOCOUTQ` | `0x5411` (`asm-generic/ioctls.h`) | 0 | writes an `int` |
//! | `FIONBIO` | `0x5421` (`asm-generic/ioctls.h`) | 0 | reads an `int` |
//! | `TCGETS` | `0x5401` (`asm-generic/ioctls.h`) | 0 | writes a `struct termios` |
//! | `TIOCGWINSZ` | `0x5413` (`asm-generic/ioctls.h`) | 0 | writes a `struct winsize` |
//! | `SIOCGSTAMP_OLD` | `0x8906` (`asm-generic/sockios.h`) | 0 | writes a `struct timeval` |
//! | `SIOCGIFNAME`, `SIOCGIFFLAGS`, `SIOCGIFMTU`, `SIOCGIFHWADDR`, `SIOCGIFINDEX` | `0x8910`, `0x8913`, `0x8921`, `0x8927`, `0x8933` (`linux/sockios.h`) | 0 | reads and writes a `struct ifreq` |
//! | `SIOCGIFCONF` | `0x8912` (`linux/sockios.h`) | 0 | reads and writes a `struct ifconf`, and writes up to `ifc_len` bytes at its `ifc_buf` pointer |
//! | `SIOCETHTOOL` | `0x8946` (`linux/sockios.h`) | 0 | reads a `struct ifreq`, then reads and writes the ethtool command at its `ifr_data` pointer |
//! | `FS_IOC_GETFLAGS` | `_IOR('f', 1, long)` (`linux/fs.h`) | `sizeof(long)` | writes an `int` (4 bytes): less than the field says, which is safe |
//!
//! Bind such a number with [`Command::from_number`](super::Command::from_number) and a
//! reply of the driver's size (with feature `uapi`, `ioctl::Uapi<T>` of the C struct): the
//! buffer is then [`Command::SIZE`](super::Command::SIZE) bytes. The last two rows show
//! the other hazard: a struct holding an address the driver follows. The memory it names is
//! part of the caller's promise too.
#![allow(
    unsafe_code,
    reason = "the ioctl syscall goes through rustix's unsafe `ioctl`"
)]

use core::ffi::c_void;
use std::{fmt, os::fd::AsFd};

use crosswire::{Decode, Encode};
use rustix::ioctl::{Ioctl, IoctlOutput, Opcode};

use super::{ioc_size, Command, IOC_SIZE_MAX};
use crate::{
    message::{self, Versioning},
    Errno,
};

/// Why [`call`] failed.
///
/// ```
/// use crosswire_kernel::{ioctl::{user::{call, CallError}, Command}, Errno};
///
/// const UNKNOWN: Command<u64, u64> = Command::new(0xCC, 0x42);
/// let null = std::fs::File::open("/dev/null")?;
/// // SAFETY: /dev/null has no ioctl handler: the kernel answers ENOTTY, touching nothing.
/// let err = unsafe { call(&null, UNKNOWN, &7) }.unwrap_err();
/// assert_eq!(err, CallError::Os(Errno::ENOTTY));
/// assert_eq!(std::io::Error::from(err).raw_os_error(), Some(Errno::ENOTTY.get()));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The request did not encode (only hand-written `Encode` impls can fail).
    Encode(crosswire::Error),
    /// The buffer given to [`call_in`] or [`call_raw`] is shorter than the number's size.
    BufferTooSmall {
        /// The size in the ioctl number.
        needed: usize,
        /// The buffer's length.
        len: usize,
    },
    /// The kernel refused the call: `ENOTTY` for a file that does not know the command,
    /// or whatever the driver returned.
    Os(Errno),
    /// The kernel answered, but its buffer is not one reply then zeros
    /// ([`message::decode`]): the reply did not decode, or a byte after it is not zero.
    Decode(crosswire::Error),
}

impl CallError {
    /// The errno this failure is reported as: the kernel's own, or the crosswire error's
    /// mapping (see [`Errno`]); a buffer too small is `EINVAL`.
    pub fn errno(&self) -> Errno {
        match *self {
            CallError::Encode(e) | CallError::Decode(e) => e.into(),
            CallError::BufferTooSmall { .. } => Errno::EINVAL,
            CallError::Os(e) => e,
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Encode(e) => write!(f, "encoding the ioctl request: {e}"),
            CallError::BufferTooSmall { needed, len } => {
                write!(f, "ioctl buffer of {len} bytes, the number needs {needed}")
            }
            CallError::Os(e) => write!(f, "ioctl: {e}"),
            CallError::Decode(e) => write!(f, "decoding the ioctl reply: {e}"),
        }
    }
}

impl std::error::Error for CallError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CallError::Encode(e) | CallError::Decode(e) => Some(e),
            CallError::Os(e) => Some(e),
            CallError::BufferTooSmall { .. } => None,
        }
    }
}

impl From<CallError> for std::io::Error {
    fn from(e: CallError) -> Self {
        match e {
            CallError::Os(errno) => errno.into(),
            other => std::io::Error::new(std::io::ErrorKind::InvalidData, other),
        }
    }
}

/// [`call`]'s buffer, aligned for any C struct a legacy driver reads or writes through it
/// (`struct ifreq` holds `unsigned long`s; some architectures fault on misaligned
/// `put_user`). 16 is the largest fundamental alignment on Linux targets.
#[repr(C, align(16))]
struct AlignedBuf([u8; IOC_SIZE_MAX]);

/// One ioctl whose argument is a pointer to a byte buffer.
struct BufferIoctl<'b> {
    opcode: Opcode,
    // INVARIANT: at least `ioc_size(opcode)` bytes long (checked in `call_raw`).
    buf: &'b mut [u8],
}

// SAFETY: `as_ptr` points at `buf`, which is valid for reads and writes of `buf.len()` bytes
// for the whole call, and by the invariant at least as long as the size the number declares.
// `IS_MUTATING` is `true`, so rustix assumes the kernel may write to it. The output is the
// syscall's non-negative return value, read without touching the pointer. That `opcode`
// means "a buffer of this size" to the driver behind the file is the caller's promise
// (`call_raw`'s safety contract).
unsafe impl Ioctl for BufferIoctl<'_> {
    type Output = IoctlOutput;

    const IS_MUTATING: bool = true;

    fn opcode(&self) -> Opcode {
        self.opcode
    }

    fn as_ptr(&mut self) -> *mut c_void {
        self.buf.as_mut_ptr().cast()
    }

    unsafe fn output_from_ptr(
        out: IoctlOutput,
        _extract_output: *mut c_void,
    ) -> rustix::io::Result<IoctlOutput> {
        Ok(out)
    }
}

/// `ioctl(fd, number, buf)`: returns the syscall's non-negative return value; the kernel's
/// answer, if any, is in `buf`. `buf` must hold at least `ioc_size(number)` bytes
/// ([`CallError::BufferTooSmall`] otherwise).
///
/// ```
/// use crosswire_kernel::ioctl::user::call_raw;
///
/// // `#define FIONREAD 0x541B` (asm-generic/ioctls.h): the bytes waiting to be read, an
/// // `int` the kernel writes although the number's size field is 0.
/// const FIONREAD: u32 = 0x541B;
///
/// let (reader, writer) = rustix::pipe::pipe()?;
/// rustix::io::write(&writer, b"hello")?;
/// let mut count = [0u8; 4];
/// // SAFETY: `pipe_ioctl` (fs/pipe.c) implements FIONREAD by writing one `int` at the
/// // argument: 4 bytes, all of `count`, and nothing else.
/// let ret = unsafe { call_raw(&reader, FIONREAD, &mut count) }?;
/// assert_eq!((i32::from_ne_bytes(count), ret), (5, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Safety
///
/// The driver behind `fd` must either not know `number` (and fail with an errno, such as
/// `ENOTTY`), or implement it so that it touches no memory of this process but:
///
/// - at most `buf.len()` bytes at the argument, which it may read and write. For a number
///   that follows the ioctl convention that is its `ioc_size(number)` bytes, which this
///   function checks `buf` holds. For a legacy number (the table in this module's docs:
///   `FIONREAD`, the `SIOC*` socket ioctls, `TCGETS`...) the size field proves nothing:
///   `buf` must be at least as long as what the driver reads or writes;
/// - memory named by an address inside `buf` that the driver follows (`SIOCGIFCONF`'s
///   `ifc_buf`, `SIOCETHTOOL`'s `ifr_data`): that memory must be valid for what the driver
///   does there, for the whole call.
pub unsafe fn call_raw<Fd: AsFd>(fd: Fd, number: u32, buf: &mut [u8]) -> Result<i32, CallError> {
    let needed = ioc_size(number);
    if buf.len() < needed {
        return Err(CallError::BufferTooSmall {
            needed,
            len: buf.len(),
        });
    }
    // INVARIANT: `buf` holds at least `ioc_size(number)` bytes, checked just above.
    let ioctl = BufferIoctl {
        opcode: Opcode::from(number),
        buf,
    };
    // SAFETY: `BufferIoctl`'s pointer covers the number's size (the invariant above), and the
    // caller promised that the driver behind `fd` accesses no more than that for `number`.
    let ret = unsafe { rustix::ioctl::ioctl(fd, ioctl) };
    ret.map_err(|e| CallError::Os(e.into()))
}

/// Calls `cmd` with `req` through the caller's `buf` and decodes the reply from it, borrowing
/// (so `Rep` may hold `&'b [u8]`/`&'b str` views). Returns the reply and the syscall's
/// non-negative return value. `buf` needs at least [`Command::SIZE`] bytes; for a C struct
/// ([`Command::from_number`], `ioctl::Uapi`) on an architecture that faults on misaligned
/// access, also the struct's alignment ([`call`]'s buffer has it).
///
/// The request and the reply go through the buffer rule of the [`message`] layer, the
/// same pair the kernel side calls: the request is encoded then zero-padded
/// ([`message::encode`]); the reply must be one message then zeros ([`message::decode`]),
/// so a driver that leaves non-zero bytes after its reply is a [`CallError::Decode`]. A
/// command without a reply (`Rep::MAX_SIZE == 0`: `_IOW`, `_IO`) decodes it from no bytes:
/// by the ioctl convention the kernel does not write such a buffer, and a legacy driver
/// leaves the request in it.
///
/// ```
/// use crosswire_kernel::ioctl::{user::call_in, Command};
///
/// // `NS_GET_NSTYPE = _IO(0xb7, 0x3)` (linux/nsfs.h): nsfs answers with the namespace's
/// // `CLONE_NEW*` flag as the ioctl's return value, and uses no buffer.
/// const NS_GET_NSTYPE: Command<(), ()> = Command::new(0xb7, 0x3);
/// const CLONE_NEWNET: i32 = 0x4000_0000;
///
/// let ns = std::fs::File::open("/proc/self/ns/net")?;
/// // SAFETY: `ns_ioctl` (fs/nsfs.c) returns the type without touching the argument.
/// let ((), ret) = unsafe { call_in(&ns, NS_GET_NSTYPE, &(), &mut []) }?;
/// assert_eq!(ret, CLONE_NEWNET);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Safety
///
/// As for [`call_raw`], with a buffer of [`Command::SIZE`] bytes: the driver behind `fd`
/// either does not know `cmd`'s number, or touches at most that many bytes at the argument
/// (and memory named by addresses in them, as [`call_raw`] says). A command made by
/// [`Command::new`] for a driver that implements it with the crosswire buffer convention
/// of [`Command`] does that; for one made by [`Command::from_number`], `Command::SIZE` must
/// cover what the driver reads and writes (the legacy table in this module's docs).
pub unsafe fn call_in<'b, Fd, Req, Rep, V>(
    fd: Fd,
    cmd: Command<Req, Rep, V>,
    req: &Req,
    buf: &'b mut [u8],
) -> Result<(Rep, i32), CallError>
where
    Fd: AsFd,
    Req: Encode,
    Rep: Decode<'b>,
    V: Versioning,
{
    let size = Command::<Req, Rep, V>::SIZE;
    let len = buf.len();
    let buf = buf
        .get_mut(..size)
        .ok_or(CallError::BufferTooSmall { needed: size, len })?;
    message::encode(req, buf).map_err(CallError::Encode)?;
    // SAFETY: `buf` is exactly `Command::SIZE` bytes, the size in `cmd.number()`; the rest is
    // the caller's promise about the driver.
    let ret = unsafe { call_raw(fd, cmd.number(), buf) }?;
    let buf: &'b [u8] = buf;
    // No reply: nothing the kernel was meant to write.
    let reply_bytes = if Rep::MAX_SIZE == 0 {
        buf.get(..0).unwrap_or_default()
    } else {
        buf
    };
    let reply = message::decode::<Rep>(reply_bytes).map_err(CallError::Decode)?;
    Ok((reply, ret))
}

/// Calls `cmd` with `req` and decodes an owned reply, through a buffer on the stack
/// ([`call_in`] with [`IOC_SIZE_MAX`] bytes). Returns the reply and the syscall's
/// non-negative return value.
///
/// ```
/// use crosswire_kernel::ioctl::{user::call, Command};
///
/// // `RNDGETENTCNT = _IOR('R', 0x00, int)` (linux/random.h): the entropy count, an `int`
/// // (crosswire's `i32` is little-endian: the host's `int` on a little-endian machine).
/// const RNDGETENTCNT: Command<(), i32> = Command::new(b'R', 0x00);
///
/// let urandom = std::fs::File::open("/dev/urandom")?;
/// // SAFETY: drivers/char/random.c implements RNDGETENTCNT by writing one `int` at the
/// // argument: the 4 bytes of the number's size.
/// let (count, ret) = unsafe { call(&urandom, RNDGETENTCNT, &()) }?;
/// # #[cfg(target_endian = "little")]
/// assert!((0..=4096).contains(&count));
/// assert_eq!(ret, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Safety
///
/// As for [`call_in`]: the driver behind `fd` either does not know `cmd`'s number, or
/// touches at most [`Command::SIZE`] bytes at the argument (and memory named by addresses
/// in them).
pub unsafe fn call<Fd, Req, Rep, V>(
    fd: Fd,
    cmd: Command<Req, Rep, V>,
    req: &Req,
) -> Result<(Rep, i32), CallError>
where
    Fd: AsFd,
    Req: Encode,
    Rep: for<'de> Decode<'de>,
    V: Versioning,
{
    let mut buf = AlignedBuf([0u8; IOC_SIZE_MAX]);
    // SAFETY: the caller's promise, passed on unchanged.
    unsafe { call_in(fd, cmd, req, &mut buf.0) }
}
