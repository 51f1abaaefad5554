//! [`Command`]: one ioctl number bound to its request and reply types.

use core::{fmt, marker::PhantomData};

use crosswire::{__private::size_within, Decode, Encode, MaxSize};

use super::{
    ioc, ioc_dir, ioc_nr, ioc_size, ioc_type, IOC_NONE, IOC_READ, IOC_SIZE_MAX, IOC_WRITE,
};
use crate::{
    message::{Fixed, ReplyBuf, RequestBytes, Versioning},
    Errno,
};

/// An ioctl command whose argument carries a crosswire-encoded `Req` to the kernel and a
/// crosswire-encoded `Rep` back, through one buffer of [`SIZE`](Command::SIZE) bytes, with
/// the size-versioning policy `V` ([`Fixed`] unless said otherwise, or
/// [`Extensible`](crate::message::Extensible)).
///
/// Define it once, in a crate both the kernel module and the program use:
///
/// ```
/// use crosswire_kernel::ioctl::{self, Command};
///
/// /// Adds one to a `u64`.
/// const PING: Command<u64, u64> = Command::new(b'x', 0);
/// /// Reads a `u32` counter; no request.
/// const COUNT: Command<(), u32> = Command::new(b'x', 1);
///
/// assert_eq!(PING.number(), ioctl::iowr::<u64>(b'x', 0));
/// assert_eq!(COUNT.number(), ioctl::ior::<u32>(b'x', 1));
///
/// // Kernel side: dispatch on the number.
/// # fn handle(cmd: u32) -> Result<(), crosswire_kernel::Errno> {
/// match cmd {
///     c if PING.matches(c) => { /* ... */ }
///     c if COUNT.matches(c) => { /* ... */ }
///     _ => return Err(crosswire_kernel::Errno::ENOTTY),
/// }
/// # Ok(()) }
/// ```
///
/// A command whose messages grow between versions says so in its type; the size of its
/// first published version comes from the messages ([`Command::MIN_SIZE`]), and the kernel
/// side accepts callers built with any version from it on ([`Command::check_size`],
/// [`Command::answer`]):
///
/// ```
/// use crosswire::{__private::size_within, Decode, Encode, MaxSize};
/// use crosswire_kernel::{ioctl::Command, message::Extensible, Errno};
///
/// #[derive(Encode, Decode, MaxSize)]
/// #[crosswire(extensible)]
/// struct Config {
///     flags: u32, // version 1: 8 bytes with the length prefix
///     #[crosswire(since = 2)]
///     timeout_ms: u32,
/// }
///
/// const CONFIGURE: Command<Config, Config, Extensible> = Command::new(b'x', 2);
/// assert_eq!(Command::<Config, Config, Extensible>::MIN_SIZE, 8);
/// assert_eq!(CONFIGURE.check_size(8), Ok(8));
/// assert_eq!(CONFIGURE.check_size(7), Err(Errno::EINVAL));
/// ```
///
/// `Extensible<VER0>` restates the first version's size, which must then be the messages'
/// (here 8, not 12):
///
/// ```compile_fail
/// # use crosswire::{__private::size_within, Decode, Encode, MaxSize};
/// # use crosswire_kernel::{ioctl::Command, message::Extensible};
/// # #[derive(Encode, Decode, MaxSize)]
/// # #[crosswire(extensible)]
/// # struct Config {
/// #     flags: u32,
/// #     #[crosswire(since = 2)]
/// #     timeout_ms: u32,
/// # }
/// const CONFIGURE: Command<Config, Config, Extensible<12>> = Command::new(b'x', 2);
/// ```
///
/// The direction follows the types: a request with `MAX_SIZE > 0` makes it `_IOW`, a reply
/// with `MAX_SIZE > 0` makes it `_IOR`, both make `_IOWR`, neither `_IO` (size 0). A
/// `SIZE` above [`IOC_SIZE_MAX`] does not compile:
///
/// ```compile_fail
/// const BIG: crosswire_kernel::ioctl::Command<[u8; 20000], ()> =
///     crosswire_kernel::ioctl::Command::new(b'x', 9);
/// ```
///
/// Nor does an extensible command whose messages are not extensible structs:
///
/// ```compile_fail
/// use crosswire_kernel::{ioctl::Command, message::Extensible};
/// const PLAIN: Command<[u8; 8], [u8; 8], Extensible<8>> = Command::new(b'x', 9);
/// ```
///
/// or whose first version is larger than its current one:
///
/// ```compile_fail
/// use crosswire_kernel::{ioctl::Command, message::Extensible};
/// const BAD: Command<[u8; 8], [u8; 8], Extensible<16>> = Command::new(b'x', 9);
/// ```
///
/// An existing driver's number that does not follow the `_IOC` convention (`FIONREAD`,
/// the `SIOC*` socket ioctls), or whose size field is not its buffer's size, is bound with
/// [`from_number`](Command::from_number); with feature `uapi` its C struct is the request
/// or reply as `ioctl::Uapi<T>`.
pub struct Command<Req, Rep, V = Fixed> {
    // `ioc(DIR, ty, nr, SIZE)` from `new`, or any number from `from_number`.
    number: u32,
    // Made by `from_number`: the number says nothing about the buffer.
    legacy: bool,
    // Marks the types only: a `Command` holds no `Req`, `Rep` or `V` value.
    types: PhantomData<fn(Req, V) -> Rep>,
}

impl<Req: MaxSize, Rep: MaxSize, V: Versioning> Command<Req, Rep, V> {
    /// The buffer size: the larger of the request's and the reply's `MAX_SIZE`.
    pub const SIZE: usize = if Req::MAX_SIZE > Rep::MAX_SIZE {
        Req::MAX_SIZE
    } else {
        Rep::MAX_SIZE
    };

    /// The smallest buffer size a caller may pass for an
    /// [`Extensible`](crate::message::Extensible) command: the larger of its request's and
    /// reply's first versions (`MaxSize::FIRST_VERSION_MAX_SIZE`: the length prefix and the
    /// fields without `#[crosswire(since = N)]`); 0 for [`Fixed`].
    pub const MIN_SIZE: usize = if !V::EXTENSIBLE {
        0
    } else if Req::FIRST_VERSION_MAX_SIZE > Rep::FIRST_VERSION_MAX_SIZE {
        Req::FIRST_VERSION_MAX_SIZE
    } else {
        Rep::FIRST_VERSION_MAX_SIZE
    };

    /// The direction field: [`IOC_WRITE`] if there is a request, [`IOC_READ`] if there is a
    /// reply, both, or [`IOC_NONE`].
    pub const DIR: u32 = {
        let write = if Req::MAX_SIZE > 0 { IOC_WRITE } else { 0 };
        let read = if Rep::MAX_SIZE > 0 { IOC_READ } else { 0 };
        if write | read == 0 {
            IOC_NONE
        } else {
            write | read
        }
    };

    /// The command numbered `nr` in the driver's type (magic) `ty`
    /// (`Documentation/userspace-api/ioctl/ioctl-number.rst`).
    pub const fn new(ty: u8, nr: u8) -> Self {
        const { Self::CHECKS };
        Command {
            number: ioc(Self::DIR, ty, nr, Self::SIZE),
            legacy: false,
            types: PhantomData,
        }
    }

    /// A command bound to an existing driver's `number` as it is, for numbers not built by
    /// `_IOC` from this command's [`SIZE`](Command::SIZE): `FIONREAD` (`0x541B`),
    /// `SIOCGIFINDEX` (`0x8933`), whose size fields are 0 although the driver writes an
    /// `int` or a `struct ifreq`. The buffer is still [`SIZE`](Command::SIZE) bytes; the
    /// number's own size field is not consulted, so the call helpers' safety contract is
    /// about `SIZE` (see [`user::call_raw`](crate::ioctl)).
    ///
    /// Such a command is [`Fixed`]: size versioning needs the size in the number. On the
    /// kernel side it matches only its exact number ([`user_size`](Command::user_size)).
    ///
    /// ```
    /// use crosswire_kernel::ioctl::Command;
    ///
    /// // `TIOCOUTQ` (asm-generic/ioctls.h): the bytes queued for output, an `int`.
    /// const TIOCOUTQ: Command<(), i32> = Command::from_number(0x5411);
    /// assert_eq!(TIOCOUTQ.number(), 0x5411);
    /// assert_eq!(TIOCOUTQ.user_size(0x5411), Some(4));
    /// assert_eq!(TIOCOUTQ.user_size(0x5412), None);
    /// ```
    ///
    /// An extensible command cannot be bound to a number this way:
    ///
    /// ```compile_fail
    /// use crosswire_kernel::{ioctl::Command, message::Extensible};
    ///
    /// #[derive(crosswire::Encode, crosswire::Decode, crosswire::MaxSize)]
    /// #[crosswire(extensible)]
    /// struct Config { flags: u32 }
    ///
    /// const C: Command<Config, Config, Extensible<8>> = Command::from_number(0x5411);
    /// ```
    pub const fn from_number(number: u32) -> Self {
        const {
            let () = Self::CHECKS;
            assert!(
                !V::EXTENSIBLE,
                "a command bound to a legacy number is Fixed: size versioning needs the size \
                 in the number"
            );
        };
        Command {
            number,
            legacy: true,
            types: PhantomData,
        }
    }

    /// The compile-time checks of every constructor.
    const CHECKS: () = {
        // The sizes are in the messages: "...: 20004 bytes is over the limit of 16383 bytes".
        {
            crosswire::__build_assert!(size_within(
                Self::SIZE,
                IOC_SIZE_MAX,
                "the command's request or reply (its larger MAX_SIZE) does not fit the ioctl \
                 number's size field"
            ));
            crosswire::__build_assert!(size_within(
                V::MIN_SIZE,
                Self::SIZE,
                "the first version of this extensible command is larger than its current one"
            ));
            // A restated first-version size (`Extensible<VER0>`) must be the messages' own.
            if V::MIN_SIZE != 0 {
                crosswire::__build_assert!(size_within(
                    V::MIN_SIZE,
                    Self::MIN_SIZE,
                    "Extensible<VER0> says more than the first version of the messages \
                     (fields without #[crosswire(since = N)]); write Extensible to take it from them"
                ));
                crosswire::__build_assert!(size_within(
                    Self::MIN_SIZE,
                    V::MIN_SIZE,
                    "the first version of the messages (fields without #[crosswire(since = N)]) \
                     is over what Extensible<VER0> says; write Extensible to take it from them"
                ));
            }
            // Size versioning reads an older caller's request zero-extended and shrinks the
            // reply for it: both must be extensible structs (or absent).
            assert!(
                !V::EXTENSIBLE
                    || ((Req::EXTENSIBLE || Req::MAX_SIZE == 0)
                        && (Rep::EXTENSIBLE || Rep::MAX_SIZE == 0)),
                "an Extensible command's request and reply must be #[crosswire(extensible)] \
                 structs"
            );
        }
    };

    /// The ioctl number: `_IOC(DIR, ty, nr, SIZE)`, or the number given to
    /// [`from_number`](Command::from_number).
    pub const fn number(&self) -> u32 {
        self.number
    }

    /// The type (magic) byte, `_IOC_TYPE(number)`.
    pub const fn ty(&self) -> u8 {
        ioc_type(self.number)
    }

    /// The number within the type, `_IOC_NR(number)`.
    pub const fn nr(&self) -> u8 {
        ioc_nr(self.number)
    }

    /// Whether `cmd` is exactly this command's number.
    pub const fn matches(&self, cmd: u32) -> bool {
        cmd == self.number()
    }

    /// When `cmd` is this command built with any buffer size (same direction, type and
    /// number), the size the caller was built with; otherwise `None`.
    ///
    /// The size is not checked here: [`check_size`](Command::check_size) applies the
    /// command's policy to it, and [`answer`](Command::answer) does both. A command made by
    /// [`from_number`](Command::from_number) matches only its exact number, with
    /// [`SIZE`](Command::SIZE).
    pub const fn user_size(&self, cmd: u32) -> Option<usize> {
        if self.legacy {
            return if cmd == self.number {
                Some(Self::SIZE)
            } else {
                None
            };
        }
        if ioc_dir(cmd) == Self::DIR && ioc_type(cmd) == self.ty() && ioc_nr(cmd) == self.nr() {
            Some(ioc_size(cmd))
        } else {
            None
        }
    }

    /// Checks the size a caller's number carries ([`user_size`](Command::user_size))
    /// against this build's [`SIZE`](Command::SIZE) by the command's policy `V`
    /// ([`Versioning::check_size`]), and returns it. For a [`Fixed`] command: larger is
    /// `EMSGSIZE`; for an extensible one: above a page `E2BIG`, below the first version's
    /// size ([`MIN_SIZE`](Command::MIN_SIZE)) `EINVAL`.
    #[inline]
    pub fn check_size(&self, user_size: usize) -> Result<usize, Errno> {
        V::check_size(user_size, Self::SIZE)?;
        if user_size < Self::MIN_SIZE {
            return Err(Errno::EINVAL);
        }
        Ok(user_size)
    }

    /// The kernel side of one call, between the copy in and the copy out: `buf[..user_size]`
    /// holds the one copy of the caller's buffer; checks `user_size`
    /// ([`check_size`](Command::check_size)), decodes the request ([`RequestBytes`]: the
    /// request then zeros), calls `handler`, encodes its reply into `buf` ([`ReplyBuf`])
    /// and fits it to the caller's size by the policy `V`
    /// ([`EncodedReply::fit`](crate::message::EncodedReply::fit)). On success
    /// `buf[..user_size]` is what goes back to the caller (the reply, then zeros) and the
    /// reply's length is returned; on failure nothing should be copied back.
    ///
    /// `buf` must hold at least `user_size` bytes and room for the encoded reply
    /// (`max(user_size, Rep::MAX_SIZE)` always does): `EINVAL` or `EMSGSIZE` otherwise.
    ///
    /// Errors: those of [`check_size`](Command::check_size), the decode table of [`Errno`]
    /// for a bad request, the handler's own, and `EMSGSIZE`/`E2BIG` for a reply that does
    /// not fit.
    ///
    /// ```
    /// use crosswire_kernel::{ioctl::Command, Errno};
    ///
    /// const HALVE: Command<u32, u16> = Command::new(b'x', 4);
    ///
    /// let halve = |n: u32| u16::try_from(n / 2).map_err(|_| Errno::ERANGE);
    /// let mut buf = [8, 0, 0, 0];
    /// assert_eq!(HALVE.answer(&mut buf, 4, halve), Ok(2));
    /// assert_eq!(buf, [4, 0, 0, 0]);
    /// let mut buf = [0, 0, 0, 1];
    /// assert_eq!(HALVE.answer(&mut buf, 4, halve), Err(Errno::ERANGE));
    /// assert_eq!(HALVE.answer(&mut [0; 8], 8, halve), Err(Errno::EMSGSIZE));
    /// ```
    pub fn answer<H>(&self, buf: &mut [u8], user_size: usize, handler: H) -> Result<usize, Errno>
    where
        Req: for<'de> Decode<'de>,
        Rep: Encode,
        H: FnOnce(Req) -> Result<Rep, Errno>,
    {
        let user_size = self.check_size(user_size)?;
        let request = RequestBytes::new(buf.get(..user_size).ok_or(Errno::EINVAL)?);
        let reply = handler(request.decode::<Req>()?)?;
        let encoded = ReplyBuf::new(buf).encode(&reply)?.fit::<V>(user_size)?;
        Ok(encoded.len())
    }
}

impl<Req, Rep, V> Clone for Command<Req, Rep, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Req, Rep, V> Copy for Command<Req, Rep, V> {}

impl<Req, Rep, V> PartialEq for Command<Req, Rep, V> {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number && self.legacy == other.legacy
    }
}

impl<Req, Rep, V> Eq for Command<Req, Rep, V> {}

impl<Req, Rep, V> fmt::Debug for Command<Req, Rep, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Command")
            .field("number", &format_args!("{:#x}", self.number))
            .field("req", &core::any::type_name::<Req>())
            .field("rep", &core::any::type_name::<Rep>())
            .field("versioning", &core::any::type_name::<V>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ioctl::{io, ior, iow, iowr};

    #[test]
    fn direction_follows_the_types() {
        assert_eq!(
            Command::<u64, u64>::new(b'x', 0).number(),
            iowr::<u64>(b'x', 0)
        );
        assert_eq!(
            Command::<u32, ()>::new(b'x', 1).number(),
            iow::<u32>(b'x', 1)
        );
        assert_eq!(
            Command::<(), u16>::new(b'x', 2).number(),
            ior::<u16>(b'x', 2)
        );
        assert_eq!(Command::<(), ()>::new(b'x', 3).number(), io(b'x', 3));
        assert_eq!(Command::<u8, [u8; 9]>::SIZE, 9);
    }

    #[test]
    fn user_size_ignores_only_the_size() {
        let c = Command::<[u8; 16], [u8; 16]>::new(b'x', 5);
        assert!(c.matches(c.number()));
        assert_eq!(c.user_size(c.number()), Some(16));
        assert_eq!(c.user_size(iowr::<[u8; 24]>(b'x', 5)), Some(24));
        assert_eq!(c.user_size(iowr::<[u8; 16]>(b'x', 6)), None);
        assert_eq!(c.user_size(iowr::<[u8; 16]>(b'y', 5)), None);
        assert_eq!(c.user_size(ior::<[u8; 16]>(b'x', 5)), None);
    }
}
