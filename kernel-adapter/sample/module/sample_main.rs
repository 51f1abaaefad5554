// SPDX-License-Identifier: GPL-2.0

//! crosswire sample module: a misc device, `/dev/crosswire_sample`, whose ioctl commands take
//! crosswire-encoded requests and return crosswire-encoded replies. The message types are in
//! `../types.rs`, shared word for word with the userspace program.
//!
//! For each call: check the size in the command number, copy the user buffer in once
//! (`UserSliceReader::read_all`), decode, act, encode, copy out once (`write_slice`), return
//! the reply's length: `crosswire_kernel::kmod::serve`. Numbers, the buffer convention and
//! errnos come from `crosswire_kernel::ioctl`. No `unsafe` here: the device registration is in `misc.rs`.

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

use crosswire_kernel::{
    ioctl,
    kmod::{serve, ReplyFit},
    Errno,
};
use types::{Arith, ArithReply, Op, OpReply, Settings, SettingsReply};

module! {
    type: CrosswireSample,
    name: "crosswire_sample",
    author: "crosswire developers",
    description: "crosswire sample: ioctl with crosswire-encoded messages",
    license: "GPL",
}

/// A fixed command accepts the size it was built with or less (a shorter buffer is a
/// truncated request, which does not decode); more is `EMSGSIZE`.
fn check_fixed(size: usize, limit: usize) -> Result<usize> {
    if size > limit {
        Err(Errno::EMSGSIZE.into())
    } else {
        Ok(size)
    }
}

struct Handler;

impl misc::IoctlHandler for Handler {
    fn ioctl(cmd: u32, arg: usize) -> Result<usize> {
        if let Some(size) = types::ARITH.user_size(cmd) {
            let size = check_fixed(size, types::ARITH_BUF)?;
            serve(arg, size, ReplyFit::Exact, |r: &Arith| -> ArithReply {
                r.reply()
            })
        } else if let Some(size) = types::OP.user_size(cmd) {
            let size = check_fixed(size, types::OP_BUF)?;
            serve(arg, size, ReplyFit::Exact, |r: &Op| -> OpReply {
                r.reply()
            })
        } else if let Some(size) = types::SETTINGS.user_size(cmd) {
            // Any version's size: at least version 1's, at most a page (E2BIG above).
            ioctl::check_user_size(size, types::SETTINGS_BUF_V1)?;
            serve(
                arg,
                size,
                ReplyFit::Extensible,
                |r: &Settings| -> SettingsReply { r.reply() },
            )
        } else {
            Err(ENOTTY)
        }
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
