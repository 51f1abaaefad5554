//! `SOL_NETLINK` socket options, which rustix does not wrap: the one place the netlink
//! socket calls libc directly.
#![allow(
    unsafe_code,
    reason = "setsockopt(SOL_NETLINK, ...) has no rustix wrapper; libc's is unsafe"
)]

use std::os::fd::{AsFd, AsRawFd};

use crate::Errno;

/// `SOL_NETLINK` (`include/linux/socket.h`).
const SOL_NETLINK: libc::c_int = 270;
/// Join a multicast group.
pub(super) const NETLINK_ADD_MEMBERSHIP: libc::c_int = 1;
/// Leave a multicast group.
pub(super) const NETLINK_DROP_MEMBERSHIP: libc::c_int = 2;
/// Echo only the request's header in error acks.
pub(super) const NETLINK_CAP_ACK: libc::c_int = 10;
/// Extended acks (`NLMSGERR_ATTR_*`).
pub(super) const NETLINK_EXT_ACK: libc::c_int = 11;
/// Strict checking of dump requests (rtnetlink).
pub(super) const NETLINK_GET_STRICT_CHK: libc::c_int = 12;

/// `setsockopt(fd, SOL_NETLINK, option, &value, 4)`.
pub(super) fn set(fd: impl AsFd, option: libc::c_int, value: u32) -> Result<(), Errno> {
    let value: libc::c_int = libc::c_int::try_from(value).map_err(|_| Errno::EINVAL)?;
    let len = libc::socklen_t::try_from(core::mem::size_of::<libc::c_int>())
        .map_err(|_| Errno::EINVAL)?;
    // SAFETY: `fd` is an open descriptor for the duration of the call (borrowed through
    // `AsFd`); the option value pointer points to a live `c_int` on this stack frame and
    // `len` is exactly its size, so the kernel reads only those 4 bytes and writes nothing.
    let ret = unsafe {
        libc::setsockopt(
            fd.as_fd().as_raw_fd(),
            SOL_NETLINK,
            option,
            core::ptr::from_ref(&value).cast::<libc::c_void>(),
            len,
        )
    };
    if ret == 0 {
        Ok(())
    } else {
        let errno = std::io::Error::last_os_error().raw_os_error();
        Err(errno.and_then(Errno::new).unwrap_or(Errno::EIO))
    }
}
