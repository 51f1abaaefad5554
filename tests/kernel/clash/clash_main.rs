// SPDX-License-Identifier: GPL-2.0

//! A test module: what `crosswire_kernel::kmod` registered is undone when a later
//! registration of the same `init` fails. `tests/kernel/init` loads it while the sample module
//! holds the misc device `crosswire_sample` and the generic-netlink family `crosswire_genl`.
//! `init` composes two registrations twice, as a driver does, with `?`:
//!
//! 1. the family `crosswire_clash` (with a multicast group), then the misc device
//!    `crosswire_sample`: the device fails (`EBUSY`), and the family must be unregistered;
//! 2. the misc device `crosswire_clash`, then the family `crosswire_genl`: the family fails
//!    (`EEXIST`), and the device must be deregistered (`/dev/crosswire_clash` and
//!    `/sys/class/misc/crosswire_clash` gone).
//!
//! It prints both outcomes and fails with the first error. With the sample unloaded, nothing
//! clashes and it loads, holding all four.

use kernel::c_str;
use kernel::prelude::*;
use kernel::str::CStr;

use crosswire_kernel::kmod::{
    genl::{Command, Family, Registration},
    misc::{FileOps, MiscDevice},
};

module! {
    type: Clash,
    name: "crosswire_clash",
    description: "crosswire test: a registration is undone when the next one fails",
    license: "GPL",
}

/// The family `crosswire_clash`: no command, one multicast group.
struct ClashFamily;

impl Family for ClashFamily {
    const NAME: &'static CStr = c_str!("crosswire_clash");
    const VERSION: u8 = 1;
    const GROUPS: &'static [&'static CStr] = &[c_str!("events")];
    const COMMANDS: &'static [Command<Self>] = &[];
}

/// A family named like the sample's, `crosswire_genl`.
struct SampleNamedFamily;

impl Family for SampleNamedFamily {
    const NAME: &'static CStr = c_str!("crosswire_genl");
    const VERSION: u8 = 1;
    const GROUPS: &'static [&'static CStr] = &[];
    const COMMANDS: &'static [Command<Self>] = &[];
}

/// A device that answers nothing.
struct Device;

impl FileOps for Device {
    type Open = ();

    fn open() -> Result<Pin<KBox<()>>> {
        Ok(KBox::pin((), GFP_KERNEL)?)
    }

    fn ioctl(_open: &(), _cmd: u32, _arg: usize) -> Result<usize> {
        Err(ENOTTY)
    }
}

/// The kernel's errno of an outcome, 0 for success.
fn errno<T>(r: &Result<T>) -> i32 {
    r.as_ref().map_or_else(|e| e.to_errno(), |_| 0)
}

struct Clash {
    _family_first: (Registration<ClashFamily>, MiscDevice),
    _device_first: (MiscDevice, Registration<SampleNamedFamily>),
}

impl kernel::Module for Clash {
    fn init(module: &'static ThisModule) -> Result<Self> {
        let family_first = (|| {
            let genl = Registration::register(ClashFamily, module)?;
            let dev = MiscDevice::register::<Device>(c_str!("crosswire_sample"), module)?;
            Ok((genl, dev))
        })();
        let device_first = (|| {
            let dev = MiscDevice::register::<Device>(c_str!("crosswire_clash"), module)?;
            let genl = Registration::register(SampleNamedFamily, module)?;
            Ok((dev, genl))
        })();
        pr_info!(
            "family then device: {}, device then family: {}\n",
            errno(&family_first),
            errno(&device_first)
        );
        Ok(Self {
            _family_first: family_first?,
            _device_first: device_first?,
        })
    }
}
