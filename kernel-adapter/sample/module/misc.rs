// SPDX-License-Identifier: GPL-2.0

//! A minimal misc-device registration over `kernel::bindings`.
//!
//! The 6.12 `kernel` crate has no miscdevice abstraction and no file operations, so this file
//! is the only place in the sample with `unsafe` code: it fills in a `file_operations` with one
//! `unlocked_ioctl` entry and registers a `miscdevice` (needs `linux/miscdevice.h` in
//! `rust/bindings/bindings_helper.h`, see `tests/kernel/bindings_helper.h`).

use kernel::bindings;
use kernel::ffi::{c_long, c_uint, c_ulong};
use kernel::prelude::*;

/// What a misc device does on `ioctl(2)`.
pub(crate) trait IoctlHandler {
    /// Handles one ioctl call; `arg` is the user's untyped argument (usually a user pointer).
    /// The returned value (which must fit in a non-negative `c_long`) is the syscall's result.
    fn ioctl(cmd: u32, arg: usize) -> Result<usize>;
}

/// The C entry point: converts the handler's `Result` into the kernel's "negative errno" form.
///
/// # Safety
///
/// Only called by the VFS as `file_operations::unlocked_ioctl` (the arguments are not used as
/// pointers here; `H` treats `arg` as an untrusted user address).
unsafe extern "C" fn ioctl_trampoline<H: IoctlHandler>(
    _file: *mut bindings::file,
    cmd: c_uint,
    arg: c_ulong,
) -> c_long {
    match H::ioctl(cmd, arg as usize) {
        Ok(v) => c_long::try_from(v).unwrap_or(c_long::MAX),
        // `c_long` is `isize` here: an `i32` always fits.
        Err(e) => e.to_errno() as c_long,
    }
}

/// The C structures the kernel keeps pointers to while the device is registered.
struct Inner {
    misc: bindings::miscdevice,
    fops: bindings::file_operations,
}

/// A registered misc device; dropping it deregisters the device.
pub(crate) struct MiscDevice {
    // INVARIANT: `inner.misc` is registered with `misc_register` and `inner.misc.fops` points at
    // `inner.fops`. Both live in this heap allocation, which never moves or is freed before
    // `drop` has deregistered the device.
    inner: KBox<Inner>,
}

impl MiscDevice {
    /// Registers `/dev/<name>` with a dynamic minor; `ioctl` calls go to `H`.
    pub(crate) fn register<H: IoctlHandler>(
        name: &'static CStr,
        module: &'static ThisModule,
    ) -> Result<Self> {
        let inner = Inner {
            // SAFETY: `miscdevice` is a C struct of integers, raw pointers and a `list_head` of
            // raw pointers, for all of which all-zero bytes are a valid value (and what the C
            // code expects for unused fields, as a `static struct miscdevice` would have).
            misc: unsafe { core::mem::zeroed() },
            // SAFETY: `file_operations` is a C struct of a pointer, integers and `Option`s of
            // function pointers; all-zero is valid for each (`None` for the callbacks), and a
            // NULL entry is how C says "not implemented".
            fops: unsafe { core::mem::zeroed() },
        };
        let mut inner = KBox::new(inner, GFP_KERNEL)?;
        inner.fops.owner = module.as_ptr();
        inner.fops.unlocked_ioctl = Some(ioctl_trampoline::<H>);
        // 32-bit callers: the messages have no pointers or `usize` fields that change with the
        // caller's word size, and `compat_ptr()` is the identity on x86-64 (other
        // architectures would need it applied to `arg`).
        inner.fops.compat_ioctl = Some(ioctl_trampoline::<H>);
        inner.misc.minor = bindings::MISC_DYNAMIC_MINOR as i32;
        inner.misc.name = name.as_char_ptr();
        inner.misc.mode = 0o666;
        let fops: *const bindings::file_operations = &inner.fops;
        inner.misc.fops = fops;
        // SAFETY: `inner.misc` is fully initialised, its `name` is a `'static` C string and its
        // `fops` points into the same heap allocation, which outlives the registration (it is
        // only freed in `drop`, after `misc_deregister`).
        let ret = unsafe { bindings::misc_register(&mut inner.misc) };
        if ret != 0 {
            return Err(Error::from_errno(ret));
        }
        Ok(Self { inner })
    }
}

impl Drop for MiscDevice {
    fn drop(&mut self) {
        // SAFETY: by the type invariant `self.inner.misc` is registered; after this call the
        // kernel holds no pointer into `self.inner` (open files pin the module via `fops.owner`,
        // so the module cannot be unloaded while an ioctl is running).
        unsafe { bindings::misc_deregister(&mut self.inner.misc) };
    }
}

// SAFETY: `MiscDevice` only holds the registration; it is created in module init and dropped in
// module exit, and the kernel serialises access to the registered structure with `misc_mtx`.
unsafe impl Send for MiscDevice {}
// SAFETY: no method takes `&self`, so shared references give no access to the raw pointers.
unsafe impl Sync for MiscDevice {}
