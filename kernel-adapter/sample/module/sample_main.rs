// SPDX-License-Identifier: GPL-2.0

//! crosswire sample module: a misc device, `/dev/crosswire_sample`, whose ioctl commands take
//! crosswire-encoded requests and return crosswire-encoded replies.

use kernel::c_str;
use kernel::prelude::*;
use kernel::uaccess::UserSlice;

mod misc;

module! {
    type: CrosswireSample,
    name: "crosswire_sample",
    author: "crosswire developers",
    description: "crosswire sample: ioctl with crosswire-encoded messages",
    license: "GPL",
}

/// `_IOWR('x', 0, u64)`: reads a `u64`, writes it back plus one. A smoke test of the plumbing.
const CMD_PING: u32 = kernel::ioctl::_IOWR::<u64>(b'x' as u32, 0);

struct Handler;

impl misc::IoctlHandler for Handler {
    fn ioctl(cmd: u32, arg: usize) -> Result<usize> {
        match cmd {
            CMD_PING => {
                let (mut r, mut w) = UserSlice::new(arg, 8).reader_writer();
                let v: u64 = r.read()?;
                w.write(&v.wrapping_add(1))?;
                Ok(0)
            }
            _ => Err(ENOTTY),
        }
    }
}

struct CrosswireSample {
    _dev: misc::MiscDevice,
}

impl kernel::Module for CrosswireSample {
    fn init(module: &'static ThisModule) -> Result<Self> {
        let dev = misc::MiscDevice::register::<Handler>(c_str!("crosswire_sample"), module)?;
        pr_info!("crosswire_sample: registered /dev/crosswire_sample\n");
        Ok(Self { _dev: dev })
    }
}
