// SPDX-License-Identifier: GPL-2.0

//! crosswire sample module: a misc device, `/dev/crosswire_sample`, whose ioctl commands take
//! crosswire-encoded requests and return crosswire-encoded replies, two shared-memory rings
//! per open file, and a generic-netlink family (`sample_genl.rs`). The message types and the
//! commands are in `../types.rs`, shared word for word with the userspace programs.
//!
//! All a driver writes is handlers: `crosswire_kernel::kmod` holds the rest (the device, the
//! copies in and out of user memory, the rings' memory and mapping, the netlink family), and
//! with it all of the `unsafe` code. This module has none.

use kernel::c_str;
use kernel::prelude::*;

// kbuild, not cargo, builds the module: the messages come in as the one source file of the
// crate `crosswire-sample-types` that the userspace programs depend on.
#[path = "../types.rs"]
#[allow(
    dead_code,
    unreachable_pub,
    reason = "shared with the userspace program, which uses all of it, as a public API"
)]
mod types;

use crosswire_kernel::kmod::{
    genl::Registration,
    misc::{FileOps, MiscDevice, Vma},
    ring::{RingService, Rings},
    Ioctl,
};
use types::{RingReply, RingRequest};

// After the first `use` of crosswire_kernel: declared before it, the `use` of the crate in
// the submodule fails with E0463 (can't find crate) in the kernel's build.
mod sample_genl;

module! {
    type: CrosswireSample,
    name: "crosswire_sample",
    // No `author`: 6.12's `module!` knows only `author`, 7.3's only `authors`.
    description: "crosswire sample: ioctl, shared-memory rings and generic netlink with crosswire-encoded messages",
    license: "GPL",
}

/// What the rings of an open file answer.
struct SampleRings;

impl RingService for SampleRings {
    type Request = RingRequest;
    type Reply = RingReply;
    const LAYOUT: crosswire_kernel::ring::Layout = types::RING_LAYOUT;
    const CONSUMER_PAGE: usize = 1;
    const WAIT_MS: u32 = types::RING_WAIT_MS;

    fn answer(request: RingRequest) -> RingReply {
        request.reply()
    }
}

// The page offsets userspace maps are the library's.
const _: () = assert!(
    Rings::<SampleRings>::REQUESTS_PGOFF == types::REQUESTS_PGOFF
        && Rings::<SampleRings>::REPLIES_PGOFF == types::REPLIES_PGOFF
        && Rings::<SampleRings>::REPLIES_CONSUMER_PGOFF == types::REPLIES_CONSUMER_PGOFF
);

/// The device: each open file has its rings.
struct Device;

impl FileOps for Device {
    type Open = Rings<SampleRings>;

    fn open() -> Result<Pin<KBox<Rings<SampleRings>>>> {
        Rings::new()
    }

    fn ioctl(rings: &Rings<SampleRings>, cmd: u32, arg: usize) -> Result<usize> {
        match cmd {
            types::RING_DOORBELL => rings.doorbell(),
            types::RING_RESET => rings.reset(),
            types::RING_WAIT => rings.wait(arg),
            _ => Ioctl::new(cmd, arg)
                .serve(types::ARITH, |req| Ok(req.reply()))
                .serve(types::OP, |req| Ok(req.reply()))
                // Refuses a reserved flag with EOPNOTSUPP.
                .serve(types::SETTINGS, |req| req.reply())
                // The fingerprints userspace checks at start-up.
                .serve(types::VERSION, |()| Ok(types::VersionReply::ours()))
                .finish(),
        }
    }

    fn mmap(rings: &Rings<SampleRings>, vma: &mut Vma) -> Result {
        rings.mmap(vma)
    }
}

struct CrosswireSample {
    _dev: MiscDevice,
    _genl: Registration<sample_genl::SampleFamily>,
}

impl kernel::Module for CrosswireSample {
    fn init(module: &'static ThisModule) -> Result<Self> {
        let dev = MiscDevice::register::<Device>(c_str!("crosswire_sample"), module)?;
        let genl = Registration::register(sample_genl::SampleFamily::new(), module)?;
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
