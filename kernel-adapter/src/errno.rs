//! [`Errno`]: a Linux error number, usable in the kernel and in userspace alike.

use core::fmt;

use crosswire::{Error, ErrorKind};

/// A Linux error number, such as [`Errno::EINVAL`].
///
/// Holds the *positive* number (`22` for `EINVAL`), as userspace's `errno` does; a kernel
/// function returns its negation ([`to_negative`](Errno::to_negative)).
///
/// # Invariant
///
/// The number is in `1..=`[`Errno::MAX`] (4095, the kernel's `MAX_ERRNO`): every value
/// of this type is a real error a syscall can return. Only [`Errno::new`] and the
/// constants create one.
///
/// # Numbers differ between architectures
///
/// Numbers 1 to 34 (`asm-generic/errno-base.h`) are the same everywhere. Above that, mips
/// and sparc have numbers of their own (`EMSGSIZE` is 90 on x86 and arm, 97 on mips, 40 on
/// sparc); the constants here follow the target's architecture, as the C headers do.
///
/// # From crosswire errors
///
/// `From<crosswire::Error>` maps every [`ErrorKind`] the way kernel interfaces report the
/// same conditions:
///
/// | [`ErrorKind`] | errno | why |
/// | --- | --- | --- |
/// | `BufferFull` | `EMSGSIZE` | the reply does not fit the caller's buffer |
/// | `NonZeroTail` | `E2BIG` | `copy_struct_from_user`'s answer to a newer sender's non-zero unknown tail |
/// | `UnexpectedEnd`, `TrailingBytes` | `EINVAL` | the bytes are not one message |
/// | `InvalidBool`, `InvalidChar`, `InvalidTag`, `InvalidUtf8`, `InvalidDuration` | `EINVAL` | malformed input |
/// | `LengthOverCapacity`, `IntegerOutOfRange`, `ZeroNonZero` | `EINVAL` | a value outside what the type holds |
/// | `InvalidValue` | `EINVAL` | a value breaking its type's invariant |
/// | any kind added later | `EINVAL` | decode errors are invalid arguments unless listed above |
///
/// ```
/// use crosswire_kernel::Errno;
///
/// let e = Errno::new(22).unwrap();
/// assert_eq!((e, e.name(), e.to_negative()), (Errno::EINVAL, Some("EINVAL"), -22));
/// assert_eq!(Errno::from_negative(-7), Errno::new(7));
/// assert_eq!(Errno::new(0), None);
/// let bad_bool = crosswire::from_bytes::<bool>(&[2]).unwrap_err();
/// assert_eq!(Errno::from(bad_bool), Errno::EINVAL);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Errno(i32);

/// Defines `Errno` constants: `name = number, "description"`.
macro_rules! errnos {
    ($($(#[$attr:meta])* $name:ident = $num:expr, $desc:literal;)*) => {
        impl Errno {
            $(
                #[doc = $desc]
                $(#[$attr])*
                // INVARIANT: every number listed is in `1..=MAX`, checked by a unit test.
                pub const $name: Errno = Errno($num);
            )*

            /// The known errors, for `Debug` and `Display`.
            const KNOWN: &'static [(Errno, &'static str, &'static str)] =
                &[$((Errno::$name, stringify!($name), $desc)),*];
        }
    };
}

errnos! {
    EPERM = 1, "Operation not permitted.";
    ENOENT = 2, "No such file or directory.";
    EINTR = 4, "Interrupted system call.";
    EIO = 5, "I/O error.";
    E2BIG = 7, "Argument list too long; for extensible structs, a newer sender's unknown non-zero tail, or a size above a page.";
    EBADF = 9, "Bad file number.";
    EAGAIN = 11, "Try again.";
    ENOMEM = 12, "Out of memory.";
    EFAULT = 14, "Bad address: a user pointer the kernel could not read or write.";
    EBUSY = 16, "Device or resource busy.";
    EEXIST = 17, "File exists.";
    ENODEV = 19, "No such device.";
    EINVAL = 22, "Invalid argument; for crosswire, a message that does not decode.";
    ENOTTY = 25, "Not a typewriter: the file does not know this ioctl command.";
    ENOSPC = 28, "No space left on device.";
    ERANGE = 34, "Math result not representable.";
    ENOSYS = arch::ENOSYS, "Invalid system call number.";
    EPROTO = arch::EPROTO, "Protocol error.";
    EBADMSG = arch::EBADMSG, "Not a data message.";
    EOVERFLOW = arch::EOVERFLOW, "Value too large for defined data type.";
    EMSGSIZE = arch::EMSGSIZE, "Message too long: a reply that does not fit the caller's buffer.";
    EOPNOTSUPP = arch::EOPNOTSUPP, "Operation not supported.";
}

/// Numbers above 34 on the architectures with their own `asm/errno.h`.
#[cfg(any(
    target_arch = "mips",
    target_arch = "mips64",
    target_arch = "mips32r6",
    target_arch = "mips64r6"
))]
mod arch {
    pub(super) const ENOSYS: i32 = 89;
    pub(super) const EPROTO: i32 = 71;
    pub(super) const EBADMSG: i32 = 77;
    pub(super) const EOVERFLOW: i32 = 79;
    pub(super) const EMSGSIZE: i32 = 97;
    pub(super) const EOPNOTSUPP: i32 = 122;
}

/// Numbers above 34 on the architectures with their own `asm/errno.h`.
#[cfg(any(target_arch = "sparc", target_arch = "sparc64"))]
mod arch {
    pub(super) const ENOSYS: i32 = 90;
    pub(super) const EPROTO: i32 = 86;
    pub(super) const EBADMSG: i32 = 76;
    pub(super) const EOVERFLOW: i32 = 92;
    pub(super) const EMSGSIZE: i32 = 40;
    pub(super) const EOPNOTSUPP: i32 = 45;
}

/// Numbers above 34 from `asm-generic/errno.h`, used by every other architecture Rust
/// targets (x86, arm, aarch64, riscv, powerpc, s390x, loongarch64, ...).
#[cfg(not(any(
    target_arch = "mips",
    target_arch = "mips64",
    target_arch = "mips32r6",
    target_arch = "mips64r6",
    target_arch = "sparc",
    target_arch = "sparc64"
)))]
mod arch {
    pub(super) const ENOSYS: i32 = 38;
    pub(super) const EPROTO: i32 = 71;
    pub(super) const EBADMSG: i32 = 74;
    pub(super) const EOVERFLOW: i32 = 75;
    pub(super) const EMSGSIZE: i32 = 90;
    pub(super) const EOPNOTSUPP: i32 = 95;
}

impl Errno {
    /// The largest error number (the kernel's `MAX_ERRNO`).
    pub const MAX: i32 = 4095;

    /// The error numbered `errno` (positive), or `None` outside `1..=`[`Errno::MAX`].
    #[inline]
    pub const fn new(errno: i32) -> Option<Errno> {
        if errno >= 1 && errno <= Errno::MAX {
            // INVARIANT: checked just above.
            Some(Errno(errno))
        } else {
            None
        }
    }

    /// The error a kernel function returned as `-errno`, or `None` when `ret` is not in
    /// `-MAX..=-1` (a success value).
    #[inline]
    pub const fn from_negative(ret: i32) -> Option<Errno> {
        match ret.checked_neg() {
            Some(errno) => Errno::new(errno),
            None => None,
        }
    }

    /// The positive number, as userspace's `errno` holds it.
    #[inline]
    pub const fn get(self) -> i32 {
        self.0
    }

    /// The negative number a kernel function returns.
    #[inline]
    pub const fn to_negative(self) -> i32 {
        // Cannot overflow: `1 <= self.0 <= MAX` by the invariant.
        0i32.wrapping_sub(self.0)
    }

    /// The errno a crosswire error is reported as (the table on [`Errno`]).
    #[inline]
    pub const fn from_error_kind(kind: ErrorKind) -> Errno {
        match kind {
            ErrorKind::BufferFull => Errno::EMSGSIZE,
            ErrorKind::NonZeroTail => Errno::E2BIG,
            _ => Errno::EINVAL,
        }
    }

    /// The symbolic name (`"EINVAL"`), when this crate has a constant for the number.
    pub fn name(self) -> Option<&'static str> {
        Errno::KNOWN
            .iter()
            .find(|(e, _, _)| *e == self)
            .map(|&(_, name, _)| name)
    }

    fn description(self) -> Option<&'static str> {
        Errno::KNOWN
            .iter()
            .find(|(e, _, _)| *e == self)
            .map(|&(_, _, desc)| desc)
    }
}

impl From<Error> for Errno {
    #[inline]
    fn from(e: Error) -> Self {
        Errno::from_error_kind(e.kind())
    }
}

impl From<ErrorKind> for Errno {
    #[inline]
    fn from(kind: ErrorKind) -> Self {
        Errno::from_error_kind(kind)
    }
}

impl fmt::Debug for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name}"),
            None => write!(f, "Errno({})", self.0),
        }
    }
}

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.name(), self.description()) {
            (Some(name), Some(desc)) => write!(f, "{name} ({}): {desc}", self.0),
            _ => write!(f, "error {}", self.0),
        }
    }
}

impl core::error::Error for Errno {}

#[cfg(feature = "std")]
impl From<Errno> for std::io::Error {
    fn from(e: Errno) -> Self {
        std::io::Error::from_raw_os_error(e.get())
    }
}

#[cfg(feature = "std")]
impl From<rustix::io::Errno> for Errno {
    fn from(e: rustix::io::Errno) -> Self {
        // rustix's errno is always a real, positive error number; `EIO` is a fallback that
        // a kernel never makes us take.
        Errno::new(e.raw_os_error()).unwrap_or(Errno::EIO)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::{format, string::ToString};

    use super::*;

    #[test]
    fn constants_keep_the_invariant_and_are_distinct() {
        for (i, (e, _, _)) in Errno::KNOWN.iter().enumerate() {
            assert!(Errno::new(e.get()) == Some(*e), "{e:?}");
            for (other, _, _) in &Errno::KNOWN[..i] {
                assert_ne!(e, other);
            }
        }
    }

    #[test]
    fn new_rejects_out_of_range() {
        assert_eq!(Errno::new(0), None);
        assert_eq!(Errno::new(-22), None);
        assert_eq!(Errno::new(4096), None);
        assert_eq!(Errno::new(4095).map(Errno::get), Some(4095));
        assert_eq!(Errno::from_negative(-22), Some(Errno::EINVAL));
        assert_eq!(Errno::from_negative(0), None);
        assert_eq!(Errno::from_negative(i32::MIN), None);
        assert_eq!(Errno::EINVAL.to_negative(), -22);
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn x86_64_numbers() {
        let nums = [
            (Errno::E2BIG, 7),
            (Errno::EFAULT, 14),
            (Errno::EINVAL, 22),
            (Errno::ENOTTY, 25),
            (Errno::ENOSPC, 28),
            (Errno::EMSGSIZE, 90),
            (Errno::ENOSYS, 38),
            (Errno::EOPNOTSUPP, 95),
        ];
        for (e, n) in nums {
            assert_eq!(e.get(), n, "{e:?}");
        }
    }

    #[test]
    fn formatting() {
        assert_eq!(format!("{:?}", Errno::EINVAL), "EINVAL");
        assert_eq!(format!("{:?}", Errno::new(200).unwrap()), "Errno(200)");
        assert!(Errno::ENOTTY.to_string().starts_with("ENOTTY (25): "));
        assert_eq!(Errno::new(200).unwrap().to_string(), "error 200");
    }
}
