//! Rings in a sealed memfd, shared between processes (`docs/ring-format.md` §5).

use std::{
    format, io,
    os::fd::{AsFd, BorrowedFd, OwnedFd},
    path::{Path, PathBuf},
    sync::Arc,
};

use rustix::fs::{self, MemfdFlags, Mode, OFlags, SealFlags};

use super::{doorbell, session, shared::Mapping, Consumer, Layout, Producer, Region, RingError};

/// The seals a ring's memfd must carry before anyone maps it: it cannot shrink (an access
/// past the end would raise `SIGBUS`), grow, or take new seals.
pub const REQUIRED_SEALS: SealFlags = SealFlags::SHRINK
    .union(SealFlags::GROW)
    .union(SealFlags::SEAL);

/// The largest memfd a side agrees to map (1 GiB).
pub const MAX_REGION: u64 = 1 << 30;

/// A ring in a sealed memfd, mapped into this process between guard pages.
///
/// Both ends in one process here; another process attaches with [`SharedRing::open`] on
/// [`SharedRing::proc_path`] (or a passed file descriptor and [`SharedRing::attach`]), or
/// receives the ring with its doorbells over a unix socket ([`SharedRing::send`],
/// [`SharedRing::receive`]).
///
/// **Doorbells** (`docs/ring-format.md` §5.4): a ring made by [`SharedRing::create`] has an
/// eventfd per role, and so has one received over a socket. Every endpoint of such a ring,
/// blocking or async, rings the peer's doorbell whenever it wakes the peer's futex, which is
/// what lets an async endpoint (feature `tokio`: [`SharedRing::async_consumer`],
/// [`SharedRing::async_producer`]) wait in the event loop. A ring opened by its path has no
/// doorbells: its blocking endpoints work as before, but an async peer on the other side is
/// then woken only by its naps (every 100 ms).
///
/// ```
/// use crosswire_kernel::ring::{Layout, RingError, SharedRing};
///
/// let ring = SharedRing::create("example", Layout::standard(8, 64).unwrap())?;
/// let mut tx = ring.producer()?;
/// let mut rx = ring.consumer()?;
/// tx.try_send::<(u32, bool), 5>(&(7, true))?;
/// assert_eq!(rx.try_recv::<(u32, bool), 5>()?, (7, true));
/// assert_eq!(rx.try_recv::<(u32, bool), 5>(), Err(RingError::Empty));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct SharedRing {
    // Field order: the mapping is unmapped before the file is closed.
    mapping: Mapping,
    file: OwnedFd,
    /// This process created the ring: its endpoints may reset it.
    creator: bool,
    /// The doorbells of the producer and of the consumer, when the ring has them.
    bells: Option<Bells>,
}

/// A ring's doorbells: each role's eventfd, which its peer rings.
#[derive(Debug)]
pub(crate) struct Bells {
    pub(crate) producer: Arc<OwnedFd>,
    pub(crate) consumer: Arc<OwnedFd>,
}

impl SharedRing {
    /// Creates a memfd (`MFD_CLOEXEC | MFD_ALLOW_SEALING`) of `layout.region_size()`
    /// bytes, seals it ([`REQUIRED_SEALS`]), maps it and writes the header; and the ring's
    /// two doorbells (eventfds).
    pub fn create(name: &str, layout: Layout) -> io::Result<SharedRing> {
        let file = fs::memfd_create(name, MemfdFlags::CLOEXEC | MemfdFlags::ALLOW_SEALING)?;
        let size = layout.region_size();
        fs::ftruncate(
            &file,
            u64::try_from(size).map_err(|_| invalid("ring too large"))?,
        )?;
        fs::fcntl_add_seals(&file, REQUIRED_SEALS)?;
        let mapping = Mapping::new(&file, size)?;
        layout.write(&mapping.region())?;
        let bells = Bells {
            producer: Arc::new(doorbell::create()?),
            consumer: Arc::new(doorbell::create()?),
        };
        Ok(SharedRing {
            mapping,
            file,
            creator: true,
            bells: Some(bells),
        })
    }

    /// Attaches to a ring another process created: checks the seals and the size before
    /// mapping, then validates the header. A file that is no ring is
    /// [`io::ErrorKind::InvalidData`], "not a crosswire ring" and why.
    pub fn attach(file: OwnedFd) -> io::Result<SharedRing> {
        let seals = fs::fcntl_get_seals(&file).map_err(|e| match e {
            // Files other than memfds (and shmem) have no seals: `EINVAL` alone says nothing.
            rustix::io::Errno::INVAL => invalid("not a crosswire ring (not a memfd)"),
            e => e.into(),
        })?;
        if !seals.contains(REQUIRED_SEALS) {
            return Err(invalid(
                "not a crosswire ring (the memfd is not sealed against resizing)",
            ));
        }
        let size = u64::try_from(fs::fstat(&file)?.st_size).map_err(|_| invalid("bad size"))?;
        if size == 0 || size > MAX_REGION || size % 8 != 0 {
            return Err(invalid(
                "not a crosswire ring (the memfd has an unusable size)",
            ));
        }
        let size = usize::try_from(size).map_err(|_| invalid("bad size"))?;
        let mapping = Mapping::new(&file, size)?;
        Layout::read(&mapping.region()).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("not a crosswire ring ({e})"),
            )
        })?;
        Ok(SharedRing {
            mapping,
            file,
            creator: false,
            bells: None,
        })
    }

    /// Sends this ring over the connected unix socket `socket`: the memfd and, when the
    /// ring has them, both doorbells, in one message (`SCM_RIGHTS`). The process at the
    /// other end attaches with [`SharedRing::receive`]. The peer can write anything into
    /// the ring from then on, as with [`proc_path`](Self::proc_path).
    pub fn send(&self, socket: impl AsFd) -> io::Result<()> {
        match &self.bells {
            Some(bells) => doorbell::send(
                socket.as_fd(),
                &[
                    self.file.as_fd(),
                    bells.producer.as_fd(),
                    bells.consumer.as_fd(),
                ],
            ),
            None => doorbell::send(socket.as_fd(), &[self.file.as_fd()]),
        }
    }

    /// Receives a ring that [`SharedRing::send`] sent over the unix socket `socket`, and
    /// attaches to it as [`SharedRing::attach`] does; its doorbells, if it came with them,
    /// must be eventfds. A message that is no ring is [`io::ErrorKind::InvalidData`]; a
    /// socket closed before sending is [`io::ErrorKind::UnexpectedEof`].
    pub fn receive(socket: impl AsFd) -> io::Result<SharedRing> {
        let received = doorbell::receive(socket.as_fd())?;
        let mut ring = SharedRing::attach(received.memfd)?;
        ring.bells = received.bells.map(|(producer, consumer)| Bells {
            producer: Arc::new(producer),
            consumer: Arc::new(consumer),
        });
        Ok(ring)
    }

    /// Whether this ring has doorbells (made by [`SharedRing::create`], or received with
    /// them).
    pub fn has_doorbells(&self) -> bool {
        self.bells.is_some()
    }

    /// The doorbells, for the async endpoints.
    #[cfg(feature = "tokio")]
    pub(crate) fn bells(&self) -> Option<&Bells> {
        self.bells.as_ref()
    }

    /// Opens `path` (such as `/proc/<pid>/fd/<n>`, as [`proc_path`](Self::proc_path)
    /// prints it) and attaches to the ring in it. Errors name the path, and keep the
    /// [`io::ErrorKind`] of the failure.
    pub fn open(path: impl AsRef<Path>) -> io::Result<SharedRing> {
        let path = path.as_ref();
        fs::open(path, OFlags::RDWR | OFlags::CLOEXEC, Mode::empty())
            .map_err(io::Error::from)
            .and_then(SharedRing::attach)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }

    /// The path through which another process of the same user can open this ring.
    pub fn proc_path(&self) -> PathBuf {
        use std::os::fd::AsRawFd;
        PathBuf::from(format!(
            "/proc/{}/fd/{}",
            std::process::id(),
            self.file.as_raw_fd()
        ))
    }

    /// The memfd.
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.file.as_fd()
    }

    /// The mapped memory.
    pub fn region(&self) -> Region<'_> {
        self.mapping.region()
    }

    /// Attaches a producer: reads the header again, once, and validates it, and claims
    /// the producer's role in the name of this process (so the consumer can notice its
    /// death). [`RingError::Busy`] while another producer holds the role; a claim left by
    /// a process that has exited is taken over. On the ring this process created, the
    /// producer may reset it.
    pub fn producer(&self) -> Result<Producer<'_>, RingError> {
        let token = session::token(Some(std::process::id()));
        let mut producer =
            Producer::attach_as(self.region(), token, self.creator, &Producer::stale_claim)?;
        producer.watch.bell = self.bells.as_ref().map(|b| Arc::clone(&b.consumer));
        Ok(producer)
    }

    /// Attaches a consumer, as [`producer`](Self::producer) does.
    pub fn consumer(&self) -> Result<Consumer<'_>, RingError> {
        let token = session::token(Some(std::process::id()));
        let mut consumer =
            Consumer::attach_as(self.region(), token, self.creator, &Producer::stale_claim)?;
        consumer.watch.bell = self.bells.as_ref().map(|b| Arc::clone(&b.producer));
        Ok(consumer)
    }

    /// Whether this process created the ring (and its endpoints may reset it).
    pub fn is_creator(&self) -> bool {
        self.creator
    }
}

fn invalid(what: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}
