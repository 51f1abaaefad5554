//! Userspace: calling an ioctl with a crosswire-encoded request and decoding the reply,
//! through `rustix` (feature `std`).
//!
//! The calls are `unsafe` for the same reason `rustix::ioctl::ioctl` is: whether an ioctl
//! is sound depends on the driver behind the file, which no type here can check. What this
//! module does guarantee is the buffer: it is always at least as long as the size in the
//! command's number, which is all a driver following the ioctl convention touches.
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
/// # Safety
///
/// The driver behind `fd` must either not know `number` (and fail with an errno, such as
/// `ENOTTY`), or implement it following the ioctl convention: the argument is a pointer to
/// `ioc_size(number)` bytes that it may read and write, and it touches no other memory of
/// this process.
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
/// non-negative return value. `buf` needs at least [`Command::SIZE`] bytes.
///
/// The request and the reply go through the buffer rule of the [`message`] layer, the
/// same pair the kernel side calls: the request is encoded then zero-padded
/// ([`message::encode`]); the reply must be one message then zeros ([`message::decode`]),
/// so a driver that leaves non-zero bytes after its reply is a [`CallError::Decode`].
///
/// # Safety
///
/// As for [`call_raw`]: the driver behind `fd` either does not know `cmd`, or implements it
/// with the crosswire buffer convention of [`Command`].
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
    let reply = message::decode::<Rep>(buf).map_err(CallError::Decode)?;
    Ok((reply, ret))
}

/// Calls `cmd` with `req` and decodes an owned reply, through a buffer on the stack.
///
/// # Safety
///
/// As for [`call_raw`]: the driver behind `fd` either does not know `cmd`, or implements it
/// with the crosswire buffer convention of [`Command`].
pub unsafe fn call<Fd, Req, Rep, V>(
    fd: Fd,
    cmd: Command<Req, Rep, V>,
    req: &Req,
) -> Result<Rep, CallError>
where
    Fd: AsFd,
    Req: Encode,
    Rep: for<'de> Decode<'de>,
    V: Versioning,
{
    let mut buf = [0u8; IOC_SIZE_MAX];
    // SAFETY: the caller's promise, passed on unchanged.
    unsafe { call_in(fd, cmd, req, &mut buf) }.map(|(reply, _ret)| reply)
}
