// SPDX-License-Identifier: GPL-2.0

//! crosswire sample module: a misc device, `/dev/crosswire_sample`, whose ioctl commands take
//! crosswire-encoded requests and return crosswire-encoded replies. The message types and the
//! commands are in `../types.rs`, shared word for word with the userspace program.
//!
//! All a driver writes is a handler per command. `crosswire_kernel::kmod::Ioctl` finds the
//! command the number names, checks the size in it by the command's policy (fixed or
//! extensible), copies the user buffer in once, decodes, calls the handler, encodes the
//! reply, fits it to the caller's version and copies it out once; every errno of that path
//! comes from crosswire-kernel, and a handler refuses a request with its own. No `unsafe`
//! here: the device registration is in `misc.rs`.

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

module! {
    type: CrosswireSample,
    name: "crosswire_sample",
    author: "crosswire developers",
    description: "crosswire sample: ioctl with crosswire-encoded messages",
    license: "GPL",
}

struct Handler;

impl misc::IoctlHandler for Handler {
    fn ioctl(cmd: u32, arg: usize) -> Result<usize> {
        Ioctl::new(cmd, arg)
            .serve(types::ARITH, |req| Ok(req.reply()))
            .serve(types::OP, |req| Ok(req.reply()))
            // Refuses a reserved flag with EOPNOTSUPP.
            .serve(types::SETTINGS, |req| req.reply())
            .finish()
    }
}

struct CrosswireSample {
    _dev: misc::MiscDevice,
}

impl kernel::Module for CrosswireSample {
    fn init(module: &'static ThisModule) -> Result<Self> {
        let dev = misc::MiscDevice::register::<Handler>(c_str!("crosswire_sample"), module)?;
        pr_info!(
            "registered /dev/crosswire_sample (settings v{}, wire format v{})\n",
            types::SETTINGS_VERSION,
            crosswire::WIRE_FORMAT_VERSION
        );
        Ok(Self { _dev: dev })
    }
}
