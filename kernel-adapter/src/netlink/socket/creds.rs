//! `recvmsg` with `SCM_CREDENTIALS`, by libc: rustix's ancillary parser reads the sender's
//! pid into a non-zero `Pid`, but the kernel reports pid 0 for a sender the receiver's pid
//! namespace cannot see (a host process sending to a daemon in a container) and for the
//! kernel itself, so a hostile or merely foreign sender would make that read undefined.
//! Here the control message is parsed from bytes, in safe code; only the two libc calls
//! are `unsafe`.
#![allow(
    unsafe_code,
    reason = "recvmsg with a control buffer: rustix's parser cannot hold a pid of 0"
)]

use std::os::fd::{AsRawFd, BorrowedFd};

use super::server::Credentials;

/// `sizeof(struct ucred)`: pid, uid, gid.
const UCRED_LEN: usize = 12;
/// The kernel's `struct cmsghdr`: `size_t cmsg_len; int cmsg_level; int cmsg_type;`.
const CMSG_HDR_LEN: usize = core::mem::size_of::<usize>() + 8;

/// Room for one `SCM_CREDENTIALS` message (`CMSG_SPACE(12)` is 32 on 64-bit targets), and
/// more: a larger control message is cut (`MSG_CTRUNC`) and then ignored.
#[repr(C, align(8))]
struct ControlBuf([u8; 64]);

/// `struct sockaddr_nl`, as the kernel writes it.
#[repr(C)]
#[derive(Default)]
struct SockaddrNl {
    family: u16,
    pad: u16,
    pid: u32,
    groups: u32,
}

#[allow(
    clippy::useless_conversion,
    reason = "msg_controllen is a size_t with glibc, a socklen_t with musl"
)]
/// One datagram received into `buf`: its real length (`MSG_TRUNC`), the sender's port and
/// its credentials (when `SO_PASSCRED` is set and the kernel sent them).
pub(super) fn recv(
    fd: BorrowedFd<'_>,
    buf: &mut [u8],
) -> Result<(usize, u32, Option<Credentials>), rustix::io::Errno> {
    let mut addr = SockaddrNl::default();
    let mut control = ControlBuf([0; 64]);
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    // SAFETY: `msghdr` is plain data (integers and raw pointers); all-zero bytes are a valid
    // value of each field (null pointers, zero lengths).
    let mut msg: libc::msghdr = unsafe { core::mem::zeroed() };
    msg.msg_name = core::ptr::from_mut(&mut addr).cast();
    msg.msg_namelen = u32::try_from(core::mem::size_of::<SockaddrNl>()).unwrap_or(0);
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.0.as_mut_ptr().cast();
    msg.msg_controllen = control.0.len().try_into().unwrap_or(0);
    // SAFETY: `fd` is open for the call (borrowed). Every pointer in `msg` points to a live
    // local or to `buf`, with the length the kernel may write: `addr` (`msg_namelen`
    // bytes), `iov` (one entry: `buf`, `buf.len()` bytes), `control` (`msg_controllen`
    // bytes); none of them is used otherwise until the call returns.
    let n = unsafe { libc::recvmsg(fd.as_raw_fd(), &mut msg, libc::MSG_TRUNC) };
    let Ok(len) = usize::try_from(n) else {
        let errno = std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EIO);
        return Err(rustix::io::Errno::from_raw_os_error(errno));
    };
    let port = if addr.family == u16::try_from(libc::AF_NETLINK).unwrap_or(16) {
        addr.pid
    } else {
        u32::MAX
    };
    let filled = usize::try_from(msg.msg_controllen).unwrap_or(0);
    let creds = if msg.msg_flags & libc::MSG_CTRUNC == 0 {
        control.0.get(..filled).and_then(credentials)
    } else {
        None
    };
    Ok((len, port, creds))
}

/// The `SCM_CREDENTIALS` message among the control messages in `bytes`, if any.
fn credentials(mut bytes: &[u8]) -> Option<Credentials> {
    let word = core::mem::size_of::<usize>();
    while let Some((len, rest)) = bytes.split_first_chunk::<{ core::mem::size_of::<usize>() }>() {
        let len = usize::from_ne_bytes(*len);
        let (level, rest) = rest.split_first_chunk::<4>()?;
        let (ty, _) = rest.split_first_chunk::<4>()?;
        let data = bytes.get(CMSG_HDR_LEN..len)?;
        if i32::from_ne_bytes(*level) == libc::SOL_SOCKET
            && i32::from_ne_bytes(*ty) == libc::SCM_CREDENTIALS
            && data.len() >= UCRED_LEN
        {
            let (pid, data) = data.split_first_chunk::<4>()?;
            let (uid, data) = data.split_first_chunk::<4>()?;
            let (gid, _) = data.split_first_chunk::<4>()?;
            return Some(Credentials {
                pid: i32::from_ne_bytes(*pid),
                uid: u32::from_ne_bytes(*uid),
                gid: u32::from_ne_bytes(*gid),
            });
        }
        // CMSG_NXTHDR: the next header at the length rounded up to a word.
        let next = len.checked_next_multiple_of(word)?;
        bytes = bytes.get(next..)?;
    }
    None
}
