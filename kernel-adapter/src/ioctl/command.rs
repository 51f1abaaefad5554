//! [`Command`]: one ioctl number bound to its request and reply types.

use core::{fmt, marker::PhantomData};

use crosswire::MaxSize;

use super::{
    ioc, ioc_dir, ioc_nr, ioc_size, ioc_type, IOC_NONE, IOC_READ, IOC_SIZE_MAX, IOC_WRITE,
};

/// An ioctl command whose argument carries a crosswire-encoded `Req` to the kernel and a
/// crosswire-encoded `Rep` back, through one buffer of [`SIZE`](Command::SIZE) bytes.
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
/// The direction follows the types: a request with `MAX_SIZE > 0` makes it `_IOW`, a reply
/// with `MAX_SIZE > 0` makes it `_IOR`, both make `_IOWR`, neither `_IO` (size 0). A
/// `SIZE` above [`IOC_SIZE_MAX`] does not compile:
///
/// ```compile_fail
/// const BIG: crosswire_kernel::ioctl::Command<[u8; 20000], ()> =
///     crosswire_kernel::ioctl::Command::new(b'x', 9);
/// ```
pub struct Command<Req, Rep> {
    ty: u8,
    nr: u8,
    types: PhantomData<fn(Req) -> Rep>,
}

impl<Req: MaxSize, Rep: MaxSize> Command<Req, Rep> {
    /// The buffer size: the larger of the request's and the reply's `MAX_SIZE`.
    pub const SIZE: usize = if Req::MAX_SIZE > Rep::MAX_SIZE {
        Req::MAX_SIZE
    } else {
        Rep::MAX_SIZE
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
        const {
            assert!(
                Self::SIZE <= IOC_SIZE_MAX,
                "the request or reply does not fit the ioctl number's size field"
            );
        }
        Command {
            ty,
            nr,
            types: PhantomData,
        }
    }

    /// The ioctl number, `_IOC(DIR, ty, nr, SIZE)`.
    pub const fn number(&self) -> u32 {
        ioc(Self::DIR, self.ty, self.nr, Self::SIZE)
    }

    /// The type (magic) byte.
    pub const fn ty(&self) -> u8 {
        self.ty
    }

    /// The number within the type.
    pub const fn nr(&self) -> u8 {
        self.nr
    }

    /// Whether `cmd` is exactly this command's number.
    pub const fn matches(&self, cmd: u32) -> bool {
        cmd == self.number()
    }

    /// When `cmd` is this command built with any buffer size (same direction, type and
    /// number), the size the caller was built with; otherwise `None`.
    ///
    /// For messages that grow between versions: the kernel accepts callers built against
    /// older or newer versions and applies [`check_user_size`](super::check_user_size) and
    /// the size-versioning rules to the returned size.
    pub const fn user_size(&self, cmd: u32) -> Option<usize> {
        if ioc_dir(cmd) == Self::DIR && ioc_type(cmd) == self.ty && ioc_nr(cmd) == self.nr {
            Some(ioc_size(cmd))
        } else {
            None
        }
    }
}

impl<Req, Rep> Clone for Command<Req, Rep> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Req, Rep> Copy for Command<Req, Rep> {}

impl<Req, Rep> PartialEq for Command<Req, Rep> {
    fn eq(&self, other: &Self) -> bool {
        self.ty == other.ty && self.nr == other.nr
    }
}

impl<Req, Rep> Eq for Command<Req, Rep> {}

impl<Req, Rep> fmt::Debug for Command<Req, Rep> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Command")
            .field("ty", &self.ty)
            .field("nr", &self.nr)
            .field("req", &core::any::type_name::<Req>())
            .field("rep", &core::any::type_name::<Rep>())
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
