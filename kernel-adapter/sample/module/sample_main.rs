// SPDX-License-Identifier: GPL-2.0

//! crosswire sample module: a misc device, `/dev/crosswire_sample`, whose ioctl commands take
//! crosswire-encoded requests and return crosswire-encoded replies. The message types and the
//! commands are in `../types.rs`, shared word for word with the userspace program.
//!
//! All a driver writes is a handler per command. `crosswire_kernel::kmod::Ioctl` finds the
//! command the number names, checks the size in it by the command's policy (fixed or
//! extensible), copies the user buffer in once, decodes, calls the handler, encodes the
//! reply, fits it to the caller's version and copies it out once; every errno of that path
//! comes from crosswire-kernel, and a handler refuses a request with its own.
//!
//! The same types also make a generic-netlink family, `crosswire_genl` (`sample_genl.rs`;
//! its registration and socket buffers are in `genl_family.rs`).
//!
//! Each open file also has two shared-memory rings of crosswire messages (`ring_dev.rs`),
//! mapped with `mmap` and driven by the `RING_DOORBELL`, `RING_WAIT` and `RING_RESET` ioctls. No `unsafe`
//! here: the device registration is in `misc.rs`, the ring memory in `ring_dev.rs`, the
//! netlink family in `genl_family.rs`.

use kernel::c_str;
use kernel::prelude::*;

mod misc;
#[path = "../types.rs"]
#[allow(
    dead_code,
    unreachable_pub,
    reason = "shared with the userspace program, which uses all of it, as a public API"
)]
mod types;

use crosswire_kernel::kmod::Ioctl;

// After the first `use` of crosswire_kernel: declared before it, the `use` of the crate in
// `ring_dev.rs` fails with E0463 (can't find crate) in the kernel's build.
mod genl_family;
mod ring_dev;
mod sample_genl;

module! {
    type: CrosswireSample,
    name: "crosswire_sample",
    author: "crosswire developers",
    description: "crosswire sample: ioctl and shared-memory rings with crosswire-encoded messages",
    license: "GPL",
}

struct Handler;

impl misc::FileHandler for Handler {
    type Open = ring_dev::RingFile;

    fn open() -> Result<Pin<KBox<ring_dev::RingFile>>> {
        ring_dev::RingFile::new()
    }

    fn ioctl(rings: &ring_dev::RingFile, cmd: u32, arg: usize) -> Result<usize> {
        match cmd {
            types::RING_DOORBELL => return rings.doorbell(),
            types::RING_RESET => return rings.reset(),
            types::RING_WAIT => return rings.wait(arg),
            _ => {}
        }
        Ioctl::new(cmd, arg)
            .serve(types::ARITH, |req| Ok(req.reply()))
            .serve(types::OP, |req| Ok(req.reply()))
            // Refuses a reserved flag with EOPNOTSUPP.
            .serve(types::SETTINGS, |req| req.reply())
            // The fingerprints userspace checks at start-up.
            .serve(types::VERSION, |()| Ok(types::VersionReply::ours()))
            .finish()
    }

    fn mmap(rings: &ring_dev::RingFile, vma: &mut misc::Vma) -> Result {
        rings.mmap(vma)
    }
}

struct CrosswireSample {
    _dev: misc::MiscDevice,
    _genl: genl_family::Registration,
}

impl kernel::Module for CrosswireSample {
    fn init(module: &'static ThisModule) -> Result<Self> {
        let dev = misc::MiscDevice::register::<Handler>(c_str!("crosswire_sample"), module)?;
        let genl = genl_family::Registration::register::<sample_genl::SampleFamily>(module)?;
        pr_info!(
            "registered /dev/crosswire_sample (settings v{}, wire format v{})\n",
            types::SETTINGS_VERSION,
            crosswire::WIRE_FORMAT_VERSION
        );
        pr_info!("registered generic netlink family {}\n", types::GENL_FAMILY);
        Ok(Self {
            _dev: dev,
            _genl: genl,
        })
    }
}
