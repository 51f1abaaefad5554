//! ioctl numbers and the crosswire buffer convention (`linux/ioctl.h`).
//!
//! # Numbers
//!
//! [`io`], [`ior`], [`iow`] and [`iowr`] are the C macros `_IO`, `_IOR`, `_IOW` and `_IOWR`,
//! with the size taken from the message's [`MaxSize::MAX_SIZE`]. A size that does not fit the
//! size field (14 bits, 13 on powerpc, mips and sparc; see [`Layout`]) stops compilation:
//!
//! ```
//! use crosswire_kernel::ioctl;
//!
//! const GET_STATS: u32 = ioctl::ior::<[u32; 4]>(b'x', 1);
//! # #[cfg(target_arch = "x86_64")]
//! assert_eq!(GET_STATS, 0x8010_7801); // _IOR('x', 1, __u32[4])
//! ```
//!
//! ```compile_fail
//! // 16384 bytes: one more than the size field holds.
//! const TOO_BIG: u32 = crosswire_kernel::ioctl::ior::<[u8; 16384]>(b'x', 1);
//! ```
//!
//! # Commands
//!
//! A [`Command`] binds a request type and a reply type to one number, so that the kernel
//! module and the program that calls it name the command once, in a crate both use.
//!
//! With feature `uapi`, a request or reply may also be an existing C struct, carried as its
//! own bytes (`Uapi`), and a command may be bound to a number that does not follow the
//! `_IOC` convention ([`Command::from_number`]): one API for crosswire messages and the
//! ioctls drivers already define (`struct ifreq`, `FIONREAD`, `FS_IOC_GETFLAGS`).
//!
//! # The buffer convention
//!
//! The ioctl argument points at a buffer of [`Command::SIZE`] bytes (the size in the
//! number), holding one message by the rule of the [`message`](crate::message) layer: the
//! encoded request, then zeros. The kernel copies it in once, decodes it, then overwrites
//! the same buffer with the encoded reply, then zeros, and copies it back once. Only the
//! number's size is ever copied, in either direction. Userspace (`user`, feature `std`)
//! encodes and decodes with the same [`message::encode`](crate::message::encode) /
//! [`message::decode`](crate::message::decode) pair.
//!
//! When the two sides were built from different versions of a growing message, the
//! number's size tells the kernel what the caller was built with: [`Command::user_size`]
//! accepts any size and returns it, and the command's [`Versioning`](crate::message::Versioning)
//! policy ([`Fixed`](crate::message::Fixed) or [`Extensible`](crate::message::Extensible),
//! a type parameter of [`Command`]) checks it and fits the reply to it.
//!
//! # Kernel side, step by step
//!
//! With `buf` standing for the kernel's one copy of the user buffer (`UserSlice` reads it
//! once, and writes `buf[..size]` back once; `kmod::serve` does all of this in a module):
//!
//! ```
//! use crosswire_kernel::{ioctl::{self, Command}, Errno};
//!
//! const PING: Command<u64, u64> = Command::new(b'x', 0);
//!
//! fn handle(cmd: u32, buf: &mut [u8]) -> Result<usize, Errno> {
//!     if let Some(size) = PING.user_size(cmd) {
//!         // Size check, decode (EINVAL / E2BIG), handler, encode and fit (EMSGSIZE).
//!         return PING.answer(buf, size, |v| v.checked_add(1).ok_or(Errno::EOVERFLOW));
//!     }
//!     Err(Errno::ENOTTY)
//! }
//!
//! let mut buf = [41, 0, 0, 0, 0, 0, 0, 0];
//! assert_eq!(handle(PING.number(), &mut buf), Ok(8));
//! assert_eq!(buf, [42, 0, 0, 0, 0, 0, 0, 0]);
//! let mut max = [0xFF; 8];
//! assert_eq!(handle(PING.number(), &mut max), Err(Errno::EOVERFLOW));
//! assert_eq!(handle(ioctl::io(b'x', 7), &mut buf), Err(Errno::ENOTTY));
//! ```

mod command;
mod layout;
#[cfg(feature = "uapi")]
mod uapi;
#[cfg(feature = "std")]
pub mod user;

use crosswire::MaxSize;

#[cfg(feature = "uapi")]
pub use self::uapi::{Uapi, UapiCommand};
pub use self::{command::Command, layout::Layout};

/// `_IOC_NONE`: no data is transferred.
pub const IOC_NONE: u32 = Layout::HOST.none;
/// `_IOC_READ`: userspace reads (the kernel writes to the buffer).
pub const IOC_READ: u32 = Layout::HOST.read;
/// `_IOC_WRITE`: userspace writes (the kernel reads the buffer).
pub const IOC_WRITE: u32 = Layout::HOST.write;
/// `_IOC_READ | _IOC_WRITE`.
pub const IOC_READ_WRITE: u32 = IOC_READ | IOC_WRITE;

/// `_IOC_NRBITS`.
pub const IOC_NRBITS: u32 = 8;
/// `_IOC_TYPEBITS`.
pub const IOC_TYPEBITS: u32 = 8;
/// `_IOC_SIZEBITS`: 14, or 13 on powerpc, mips and sparc.
pub const IOC_SIZEBITS: u32 = Layout::HOST.size_bits;
/// `_IOC_DIRBITS`: 2, or 3 on powerpc, mips and sparc.
pub const IOC_DIRBITS: u32 = Layout::HOST.dir_bits;
/// The largest size an ioctl number holds: 16383, or 8191 on powerpc, mips and sparc.
pub const IOC_SIZE_MAX: usize = Layout::HOST.size_max();

/// `_IOC(dir, ty, nr, size)` for this architecture.
///
/// A `dir` or `size` wider than its field is cut to the field's width instead of spilling
/// into the neighbouring field as in C; [`ioc_checked`] rejects it, and the typed
/// [`ior`]/[`iow`]/[`iowr`] reject it at compile time.
///
/// ```
/// use crosswire_kernel::ioctl::{ioc, IOC_READ};
///
/// // FS_IOC_GETFLAGS = _IOR('f', 1, long) on a 64-bit machine.
/// # #[cfg(all(target_arch = "x86_64"))]
/// assert_eq!(ioc(IOC_READ, b'f', 1, 8), 0x8008_6601);
/// ```
#[inline]
pub const fn ioc(dir: u32, ty: u8, nr: u8, size: usize) -> u32 {
    Layout::HOST.ioc(dir, ty, nr, size)
}

/// `_IOC(dir, ty, nr, size)`, or `None` when `dir` or `size` does not fit its field.
///
/// ```
/// use crosswire_kernel::ioctl::{ioc, ioc_checked, IOC_SIZE_MAX, IOC_WRITE};
///
/// assert_eq!(ioc_checked(IOC_WRITE, b'x', 1, 4), Some(ioc(IOC_WRITE, b'x', 1, 4)));
/// assert_eq!(ioc_checked(IOC_WRITE, b'x', 1, IOC_SIZE_MAX + 1), None);
/// ```
#[inline]
pub const fn ioc_checked(dir: u32, ty: u8, nr: u8, size: usize) -> Option<u32> {
    Layout::HOST.ioc_checked(dir, ty, nr, size)
}

/// `_IO(ty, nr)`: a command without data.
///
/// ```
/// // NS_GET_NSTYPE = _IO(0xb7, 0x3) (linux/nsfs.h)
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!(crosswire_kernel::ioctl::io(0xb7, 0x3), 0xb703);
/// ```
#[inline]
pub const fn io(ty: u8, nr: u8) -> u32 {
    ioc(IOC_NONE, ty, nr, 0)
}

/// `_IOR(ty, nr, T)`: the kernel writes a `T` (at most `T::MAX_SIZE` bytes) for userspace to
/// read. `T::MAX_SIZE` above [`IOC_SIZE_MAX`] is a compile-time error.
///
/// ```
/// // RNDGETENTCNT = _IOR('R', 0x00, int) (linux/random.h)
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!(crosswire_kernel::ioctl::ior::<i32>(b'R', 0), 0x8004_5200);
/// ```
#[inline]
pub const fn ior<T: MaxSize + ?Sized>(ty: u8, nr: u8) -> u32 {
    ioc(IOC_READ, ty, nr, checked_size::<T>())
}

/// `_IOW(ty, nr, T)`: userspace writes a `T` for the kernel to read. `T::MAX_SIZE` above
/// [`IOC_SIZE_MAX`] is a compile-time error.
///
/// ```
/// // FICLONE = _IOW(0x94, 9, int) (linux/fs.h)
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!(crosswire_kernel::ioctl::iow::<i32>(0x94, 9), 0x4004_9409);
/// ```
#[inline]
pub const fn iow<T: MaxSize + ?Sized>(ty: u8, nr: u8) -> u32 {
    ioc(IOC_WRITE, ty, nr, checked_size::<T>())
}

/// `_IOWR(ty, nr, T)`: both ways through one buffer of `T::MAX_SIZE` bytes.
/// `T::MAX_SIZE` above [`IOC_SIZE_MAX`] is a compile-time error.
///
/// ```
/// use crosswire::MaxSize;
///
/// #[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
/// struct Query {
///     id: u32,
///     name: crosswire::BoundedString<28>,
/// }
///
/// // 4 + (4 + 28) bytes: the number carries the message's MAX_SIZE.
/// const QUERY: u32 = crosswire_kernel::ioctl::iowr::<Query>(b'x', 3);
/// assert_eq!(crosswire_kernel::ioctl::ioc_size(QUERY), Query::MAX_SIZE);
/// assert_eq!(Query::MAX_SIZE, 36);
/// ```
#[inline]
pub const fn iowr<T: MaxSize + ?Sized>(ty: u8, nr: u8) -> u32 {
    ioc(IOC_READ_WRITE, ty, nr, checked_size::<T>())
}

/// `T::MAX_SIZE`, checked against the size field at compile time.
const fn checked_size<T: MaxSize + ?Sized>() -> usize {
    const {
        crosswire::__build_assert!(crosswire::__private::size_within(
            T::MAX_SIZE,
            IOC_SIZE_MAX,
            "the message's MAX_SIZE does not fit the ioctl number's size field"
        ));
    }
    T::MAX_SIZE
}

/// `_IOC_DIR(cmd)`.
///
/// ```
/// use crosswire_kernel::ioctl::{ioc_dir, ior, IOC_READ};
///
/// assert_eq!(ioc_dir(ior::<u32>(b'x', 1)), IOC_READ);
/// ```
#[inline]
pub const fn ioc_dir(cmd: u32) -> u32 {
    Layout::HOST.dir_of(cmd)
}

/// `_IOC_TYPE(cmd)`.
///
/// ```
/// assert_eq!(crosswire_kernel::ioctl::ioc_type(0x8933), 0x89); // SIOCGIFINDEX
/// ```
#[inline]
pub const fn ioc_type(cmd: u32) -> u8 {
    Layout::type_of(cmd)
}

/// `_IOC_NR(cmd)`.
///
/// ```
/// assert_eq!(crosswire_kernel::ioctl::ioc_nr(0x8933), 0x33); // SIOCGIFINDEX
/// ```
#[inline]
pub const fn ioc_nr(cmd: u32) -> u8 {
    Layout::nr_of(cmd)
}

/// `_IOC_SIZE(cmd)`.
///
/// ```
/// use crosswire_kernel::ioctl::{ioc_size, iowr};
///
/// assert_eq!(ioc_size(iowr::<[u8; 24]>(b'x', 1)), 24);
/// assert_eq!(ioc_size(0x541B), 0); // FIONREAD: a legacy number, yet the kernel writes an int
/// ```
#[inline]
pub const fn ioc_size(cmd: u32) -> usize {
    Layout::HOST.size_of(cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_use_max_size() {
        assert_eq!(ior::<u64>(b'v', 1), ioc(IOC_READ, b'v', 1, 8));
        assert_eq!(iow::<u32>(b'v', 2), ioc(IOC_WRITE, b'v', 2, 4));
        assert_eq!(iowr::<[u8; 16]>(1, 2), ioc(IOC_READ_WRITE, 1, 2, 16));
        assert_eq!(io(0xb7, 1), ioc(IOC_NONE, 0xb7, 1, 0));
        const MAX: u32 = ior::<[u8; IOC_SIZE_MAX]>(0xff, 0xff);
        assert_eq!(ioc_size(MAX), IOC_SIZE_MAX);
        assert_eq!(ioc_dir(MAX), IOC_READ);
        assert_eq!(ioc_type(MAX), 0xff);
        assert_eq!(ioc_nr(MAX), 0xff);
    }
}
