//! Doorbells: an eventfd per role, which the peer writes whenever it wakes that side, so
//! that a side can wait in an event loop (epoll, tokio) instead of in `FUTEX_WAIT`
//! (`docs/ring-format.md` §5.4). A `SharedRing` made by `SharedRing::create` has both; they
//! travel with the memfd over a unix socket (`SCM_RIGHTS`, [`send`] and [`receive`]).
//!
//! The eventfds' open file descriptions are shared with the peer, which can change their
//! flags: every read and write here first makes sure that `O_NONBLOCK` is still set, so
//! that a peer that cleared it cannot make us block on a full or empty counter (it can race
//! that check, which is no more than holding the doorbell lets it do: stop ringing it).

use std::{
    io::{self, IoSlice, IoSliceMut},
    mem::MaybeUninit,
    os::fd::{AsFd, BorrowedFd, OwnedFd},
};

use rustix::{
    event::{eventfd, EventfdFlags},
    fs::{fcntl_getfl, fcntl_setfl, OFlags},
    io::Errno,
    net::{
        recvmsg, sendmsg, RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, ReturnFlags,
        SendAncillaryBuffer, SendAncillaryMessage, SendFlags,
    },
};

/// The most descriptors one ring message carries: the memfd and two doorbells.
pub(crate) const MAX_FDS: usize = 3;

/// What the data part of a ring message says: a ring follows as descriptors.
const TAG: [u8; 4] = *b"CWRG";

/// A new doorbell: a non-blocking, close-on-exec eventfd at 0.
pub(crate) fn create() -> io::Result<OwnedFd> {
    Ok(eventfd(0, EventfdFlags::CLOEXEC | EventfdFlags::NONBLOCK)?)
}

/// Sets `O_NONBLOCK` again if the peer cleared it on the shared description.
fn keep_nonblocking(fd: BorrowedFd<'_>) -> Result<(), Errno> {
    let flags = fcntl_getfl(fd)?;
    if !flags.contains(OFlags::NONBLOCK) {
        fcntl_setfl(fd, flags | OFlags::NONBLOCK)?;
    }
    Ok(())
}

/// Rings `bell`: adds 1 to its counter. Best effort: a counter the peer filled up
/// (`EAGAIN`) is readable already, and any other failure leaves the sleeper to its nap.
pub(crate) fn ring(bell: BorrowedFd<'_>) {
    if keep_nonblocking(bell).is_ok() {
        let _ = rustix::io::write(bell, &1u64.to_ne_bytes());
    }
}

/// Empties `bell`'s counter; `Ok` whether there was anything or not (`EAGAIN`).
#[cfg(feature = "tokio")]
pub(crate) fn drain(bell: BorrowedFd<'_>) -> io::Result<()> {
    keep_nonblocking(bell)?;
    let mut count = [0u8; 8];
    match rustix::io::read(bell, &mut count) {
        Ok(_) | Err(Errno::AGAIN) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Whether `fd` is an eventfd: a doorbell received from the peer is checked, so that it
/// cannot make us write into something else (a socket that would carry our credentials).
fn is_eventfd(fd: BorrowedFd<'_>) -> bool {
    use std::os::fd::AsRawFd;
    let link = std::format!("/proc/self/fd/{}", fd.as_raw_fd());
    rustix::fs::readlink(link, std::vec::Vec::new())
        .is_ok_and(|target| target.as_bytes() == b"anon_inode:[eventfd]")
}

/// Sends `fds` (the memfd first, then the doorbells, if any) over the unix socket `socket`
/// in one message.
pub(crate) fn send(socket: BorrowedFd<'_>, fds: &[BorrowedFd<'_>]) -> io::Result<()> {
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(MAX_FDS))];
    let mut control = SendAncillaryBuffer::new(&mut space);
    if fds.len() > MAX_FDS || !control.push(SendAncillaryMessage::ScmRights(fds)) {
        return Err(io::Error::from(io::ErrorKind::InvalidInput));
    }
    let sent = sendmsg(
        socket,
        &[IoSlice::new(&TAG)],
        &mut control,
        SendFlags::NOSIGNAL,
    )?;
    if sent != TAG.len() {
        return Err(io::Error::from(io::ErrorKind::WriteZero));
    }
    Ok(())
}

/// What [`receive`] got: the memfd, and both doorbells when the sender had them.
pub(crate) struct Received {
    pub(crate) memfd: OwnedFd,
    pub(crate) bells: Option<(OwnedFd, OwnedFd)>,
}

/// Receives one ring message from the unix socket `socket`: a memfd alone, or a memfd and
/// two doorbells (each checked to be an eventfd). Anything else is
/// [`io::ErrorKind::InvalidData`]; descriptors that came with it are closed.
pub(crate) fn receive(socket: BorrowedFd<'_>) -> io::Result<Received> {
    let invalid = |what| io::Error::new(io::ErrorKind::InvalidData, what);
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(MAX_FDS))];
    let mut control = RecvAncillaryBuffer::new(&mut space);
    let mut tag = [0u8; TAG.len()];
    let got = recvmsg(
        socket,
        &mut [IoSliceMut::new(&mut tag)],
        &mut control,
        RecvFlags::CMSG_CLOEXEC,
    )?;
    let mut fds = std::vec::Vec::new();
    for message in control.drain() {
        if let RecvAncillaryMessage::ScmRights(rights) = message {
            fds.extend(rights);
        }
    }
    if got.bytes == 0 && fds.is_empty() {
        return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
    }
    if got.bytes != TAG.len()
        || tag != TAG
        || got.flags.contains(ReturnFlags::CTRUNC)
        || got.flags.contains(ReturnFlags::TRUNC)
    {
        return Err(invalid("not a crosswire ring message"));
    }
    let mut fds = fds.into_iter();
    match (fds.next(), fds.next(), fds.next(), fds.next()) {
        (Some(memfd), None, None, None) => Ok(Received { memfd, bells: None }),
        (Some(memfd), Some(producer), Some(consumer), None) => {
            if !is_eventfd(producer.as_fd()) || !is_eventfd(consumer.as_fd()) {
                return Err(invalid("a ring's doorbell is not an eventfd"));
            }
            Ok(Received {
                memfd,
                bells: Some((producer, consumer)),
            })
        }
        _ => Err(invalid("a ring message carries one or three descriptors")),
    }
}
