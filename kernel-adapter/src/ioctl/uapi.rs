//! [`Uapi`]: an existing C-layout UAPI struct as a [`Command`](super::Command)'s request or
//! reply (feature `uapi`).

use core::mem::size_of;

use crosswire::{Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer};
use zerocopy::{FromBytes, Immutable, IntoBytes};

/// A C-layout (`#[repr(C)]`) value carried through an ioctl as its own bytes: what a
/// `struct ifreq`, a `struct rtnl_link_stats64` or the `int` of `FIONREAD` is to the C
/// code that passes its address.
///
/// With it, a [`Command`](super::Command) and the call helpers of
/// [`ioctl::user`](super::user) serve the ioctls that existing drivers define with C
/// structs, alongside crosswire-encoded ones: `Command<Uapi<T>, Uapi<T>>` (alias
/// [`UapiCommand`]) passes a `T` in and reads the `T` the driver wrote back, as C's
/// `ioctl(fd, CMD, &t)` does; `Command<(), Uapi<T>>` only reads one (`_IOR`), and
/// `Command<Uapi<T>, ()>` only passes one (`_IOW`). Numbers that do not follow the
/// `_IOC` convention (`FIONREAD`, the `SIOC*` socket ioctls) are bound with
/// [`Command::from_number`](super::Command::from_number).
///
/// The bytes are `T`'s memory, by zerocopy's traits: [`IntoBytes`] (no padding, every byte
/// initialized) and [`Immutable`] to send one, [`FromBytes`] (every bit pattern valid) to
/// receive one. That is native byte order and C layout, not crosswire's little-endian wire
/// format: a `Uapi` belongs to the machine's own kernel interfaces, like a netlink
/// attribute's payload.
///
/// ```
/// use core::ffi::c_int;
/// use crosswire::MaxSize;
/// use crosswire_kernel::ioctl::{Command, Uapi};
///
/// // `#define FIONREAD 0x541B` (asm-generic/ioctls.h): an `int` the kernel writes, but
/// // a number whose size field is 0.
/// const FIONREAD: Command<(), Uapi<c_int>> = Command::from_number(0x541B);
/// assert_eq!(Uapi::<c_int>::MAX_SIZE, 4);
/// assert_eq!(Command::<(), Uapi<c_int>>::SIZE, 4);
/// assert_eq!(FIONREAD.number(), 0x541B);
///
/// // `FS_IOC_GETVERSION = _IOR('v', 1, long)`: the size field is `sizeof(long)`.
/// const GETVERSION: Command<(), Uapi<core::ffi::c_long>> = Command::new(b'v', 1);
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!(GETVERSION.number(), 0x8008_7601);
///
/// // The bytes waiting in a pipe, through the same call helper as crosswire messages.
/// let (reader, writer) = rustix::pipe::pipe()?;
/// rustix::io::write(&writer, b"hello")?;
/// // SAFETY: `pipe_ioctl` (fs/pipe.c) implements FIONREAD by writing one `int` at the
/// // argument: the 4 bytes of `Command::SIZE`.
/// let (Uapi(waiting), ret) = unsafe { crosswire_kernel::ioctl::user::call(&reader, FIONREAD, &()) }?;
/// assert_eq!((waiting, ret), (5, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A C struct both ways, `SIOCGIFINDEX` on `lo` (`struct ifreq`, written here for a 64-bit
/// machine: a 16-byte name, then a 24-byte union whose first member is the index):
///
/// ```
/// # #[cfg(target_pointer_width = "64")] {
/// use crosswire_kernel::ioctl::{user::call, Command, Uapi, UapiCommand};
/// use zerocopy::{FromBytes, Immutable, IntoBytes};
///
/// #[derive(FromBytes, IntoBytes, Immutable)]
/// #[repr(C)]
/// struct IfreqIndex {
///     name: [u8; 16],
///     ifindex: i32,
///     rest: [u8; 20],
/// }
///
/// const SIOCGIFINDEX: UapiCommand<IfreqIndex> = Command::from_number(0x8933);
///
/// let sock = rustix::net::socket(rustix::net::AddressFamily::INET, rustix::net::SocketType::DGRAM, None)?;
/// let mut req = IfreqIndex { name: [0; 16], ifindex: 0, rest: [0; 20] };
/// req.name[..2].copy_from_slice(b"lo");
/// // SAFETY: `dev_ioctl` (net/core/dev_ioctl.c) copies one `struct ifreq` (40 bytes here,
/// // `Command::SIZE`) in and back, and follows no address in it for SIOCGIFINDEX.
/// let (Uapi(reply), _) = unsafe { call(&sock, SIOCGIFINDEX, &Uapi(req)) }?;
/// assert_eq!(reply.ifindex, 1); // LOOPBACK_IFINDEX
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Uapi<T>(pub T);

/// An ioctl that passes a `T` and reads the `T` the driver wrote back through the same
/// memory: `ioctl(fd, CMD, &t)` in C, with a struct both ways (`SIOCGIFINDEX`'s
/// `struct ifreq`, any `_IOWR(ty, nr, T)`).
pub type UapiCommand<T> = super::Command<Uapi<T>, Uapi<T>>;

impl<T> Uapi<T> {
    /// The value.
    #[inline]
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Uapi<T> {
    #[inline]
    fn from(value: T) -> Self {
        Uapi(value)
    }
}

impl<T> MaxSize for Uapi<T> {
    /// `sizeof(T)`.
    const MAX_SIZE: usize = size_of::<T>();
    const FIXED_SIZE: bool = true;
}

impl<T: IntoBytes + Immutable> Encode for Uapi<T> {
    /// `T`'s bytes, as they are in memory.
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_bytes(self.0.as_bytes())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        size_of::<T>()
    }
}

impl<T: FromBytes> Decode<'_> for Uapi<T> {
    /// `sizeof(T)` bytes, copied into a `T` (any alignment).
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        let start = r.offset();
        let bytes = r.read_bytes(size_of::<T>())?;
        // `bytes` has exactly `size_of::<T>()` bytes, so this cannot fail; were it to, the
        // honest report is that `T` was not found whole at `start`.
        T::read_from_bytes(bytes)
            .map(Uapi)
            .map_err(|_| Error::new(ErrorKind::UnexpectedEnd, start))
    }
}

#[cfg(test)]
mod tests {
    use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq, FromBytes, IntoBytes, Immutable, KnownLayout)]
    #[repr(C)]
    struct Pair {
        a: u32,
        b: u16,
        c: [u8; 2],
    }

    #[test]
    fn bytes_are_the_value_in_memory() {
        let v = Uapi(Pair {
            a: 0x0102_0304,
            b: 0x0506,
            c: [7, 8],
        });
        let mut buf = [0u8; 8];
        let written = crosswire::to_slice(&v, &mut buf).unwrap();
        assert_eq!(written, v.0.as_bytes());
        assert_eq!(&written[..4], 0x0102_0304u32.to_ne_bytes());
        assert_eq!(Uapi::<Pair>::MAX_SIZE, 8);
        assert_eq!(crosswire::from_bytes::<Uapi<Pair>>(&buf), Ok(v));
    }

    #[test]
    fn short_input_is_an_error_at_its_start() {
        let e = crosswire::from_bytes::<Uapi<Pair>>(&[0; 7]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnexpectedEnd);
        let mut buf = [0u8; 7];
        let e = crosswire::to_slice(&Uapi(Pair::read_from_bytes(&[0; 8]).unwrap()), &mut buf);
        assert_eq!(e.unwrap_err().kind(), ErrorKind::BufferFull);
    }
}
