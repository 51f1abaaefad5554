//! Existing UAPI numbers and structs, written in Rust the way a driver author would, for the
//! host tests (`uapi_host.rs`) and the C oracle (`oracle.rs`), which checks every
//! number and size here against the system's headers.
#![allow(dead_code, reason = "each test file uses its own part")]

use core::ffi::{c_int, c_long};

use crosswire_kernel::ioctl::{ioc_size, Command, Uapi, UapiCommand};
use zerocopy::{FromBytes, FromZeros, Immutable, IntoBytes, KnownLayout};

/// `IFNAMSIZ` (linux/if.h).
pub const IFNAMSIZ: usize = 16;

/// `sizeof(ifr_ifru)`: the union's largest member is `struct ifmap` (two `unsigned long`,
/// an `unsigned short`, three `unsigned char`), 24 bytes on LP64, 16 on ILP32.
#[cfg(target_pointer_width = "64")]
const IFRU_SIZE: usize = 24;
#[cfg(target_pointer_width = "32")]
const IFRU_SIZE: usize = 16;

/// `struct ifreq` (linux/if.h): the name, then the union as bytes; its first member read
/// here is an `int` (`ifr_ifindex`) or a `short` (`ifr_flags`).
#[derive(Clone, Copy, Debug, FromBytes, IntoBytes, Immutable, KnownLayout)]
#[repr(C)]
pub struct Ifreq {
    pub name: [u8; IFNAMSIZ],
    pub ifru: [u8; IFRU_SIZE],
}

impl Ifreq {
    /// A request naming `name` (shorter than `IFNAMSIZ`), the rest zero.
    pub fn named(name: &str) -> Ifreq {
        let mut req = Ifreq::new_zeroed();
        req.name[..name.len()].copy_from_slice(name.as_bytes());
        req
    }

    /// `ifr_ifindex`.
    pub fn ifindex(&self) -> c_int {
        c_int::from_ne_bytes(self.ifru[..4].try_into().unwrap())
    }

    /// `ifr_flags`.
    pub fn flags(&self) -> i16 {
        i16::from_ne_bytes(self.ifru[..2].try_into().unwrap())
    }
}

/// `struct rtnl_link_stats64` (linux/if_link.h, 6.1): 25 `__u64` counters.
#[derive(Clone, Copy, Debug, FromBytes, IntoBytes, Immutable, KnownLayout)]
#[repr(C)]
pub struct RtnlLinkStats64 {
    pub rx_packets: u64,
    pub tx_packets: u64,
    pub rx_bytes: u64,
    pub tx_bytes: u64,
    pub rest: [u64; 21],
}

/// `FIONREAD` (asm-generic/ioctls.h, `0x541B`): an `int` written, size field 0.
#[cfg(not(any(target_arch = "powerpc", target_arch = "powerpc64")))]
pub const FIONREAD: Command<(), Uapi<c_int>> = Command::from_number(0x541B);
/// `FIONREAD` on powerpc (arch/powerpc/include/uapi/asm/ioctls.h): `_IOR('f', 127, int)`,
/// with its size field (found by the powerpc64 oracle of `.ci/cross.sh`).
#[cfg(any(target_arch = "powerpc", target_arch = "powerpc64"))]
pub const FIONREAD: Command<(), Uapi<c_int>> = Command::from_number(0x4004_667F);
/// `SIOCGIFINDEX` (linux/sockios.h, `0x8933`): a `struct ifreq` both ways, size field 0.
pub const SIOCGIFINDEX: UapiCommand<Ifreq> = Command::from_number(0x8933);
/// `SIOCGIFFLAGS` (linux/sockios.h, `0x8913`).
pub const SIOCGIFFLAGS: UapiCommand<Ifreq> = Command::from_number(0x8913);
/// The argument of `FS_IOC_GETFLAGS`/`FS_IOC_SETFLAGS`: the numbers say `long`, the kernel
/// reads or writes an `int` at its start (whatever the byte order).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, FromBytes, IntoBytes, Immutable, KnownLayout,
)]
#[repr(C)]
pub struct LongFlags {
    pub flags: c_int,
    pub rest: [u8; core::mem::size_of::<c_long>() - core::mem::size_of::<c_int>()],
}

/// `FS_IOC_GETFLAGS = _IOR('f', 1, long)` (linux/fs.h).
pub const FS_IOC_GETFLAGS: Command<(), Uapi<LongFlags>> = Command::new(b'f', 1);
/// `FS_IOC_SETFLAGS = _IOW('f', 2, long)` (linux/fs.h).
pub const FS_IOC_SETFLAGS: Command<Uapi<LongFlags>, ()> = Command::new(b'f', 2);
/// `FS_NOATIME_FL` (linux/fs.h): a flag a file's owner may set.
pub const FS_NOATIME_FL: c_int = 0x80;

/// `IFF_UP`, `IFF_LOOPBACK` (linux/if.h).
pub const IFF_UP: i16 = 1 << 0;
pub const IFF_LOOPBACK: i16 = 1 << 3;

/// The pairs the oracle compares: a C expression and our value.
pub fn oracle_cases() -> Vec<(&'static str, u64)> {
    let size = |n: usize| u64::try_from(n).unwrap();
    vec![
        ("FIONREAD", u64::from(FIONREAD.number())),
        ("SIOCINQ", u64::from(FIONREAD.number())),
        ("SIOCGIFINDEX", u64::from(SIOCGIFINDEX.number())),
        ("SIOCGIFFLAGS", u64::from(SIOCGIFFLAGS.number())),
        // The legacy numbers' size fields are 0 (powerpc's FIONREAD has one): the buffer's
        // size is the caller's promise.
        ("_IOC_SIZE(FIONREAD)", size(ioc_size(FIONREAD.number()))),
        (
            "_IOC_SIZE(SIOCGIFINDEX)",
            size(ioc_size(SIOCGIFINDEX.number())),
        ),
        ("FS_IOC_GETFLAGS", u64::from(FS_IOC_GETFLAGS.number())),
        ("FS_IOC_SETFLAGS", u64::from(FS_IOC_SETFLAGS.number())),
        ("sizeof(long)", size(core::mem::size_of::<LongFlags>())),
        ("FS_NOATIME_FL", u64::from(FS_NOATIME_FL.unsigned_abs())),
        ("sizeof(struct ifreq)", size(core::mem::size_of::<Ifreq>())),
        ("IFNAMSIZ", size(IFNAMSIZ)),
        (
            "sizeof(struct rtnl_link_stats64)",
            size(core::mem::size_of::<RtnlLinkStats64>()),
        ),
        ("IFF_UP", u64::from(IFF_UP.unsigned_abs())),
        ("IFF_LOOPBACK", u64::from(IFF_LOOPBACK.unsigned_abs())),
    ]
}
