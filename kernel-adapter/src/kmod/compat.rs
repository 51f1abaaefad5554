//! The differences between the `kernel` crates of the releases crosswire is tested on (6.12
//! LTS and 7.3), in one place. `kbuild/crosswire.mk` sets the `cfg`s from the kernel's
//! version (`VERSION`/`PATCHLEVEL` of the tree being built against); nobody sets them by hand:
//!
//! - `crosswire_kernel_ge_7_0` (7.0 and later): `UserSlice::new` takes a `UserPtr`, a type of
//!   its own (6.12 takes the address as a `usize`); and the crate has `kernel::miscdevice`,
//!   which `kmod::misc` then uses instead of its shim (the two `backend` modules of
//!   `kmod/misc.rs`, chosen by this `cfg`).
//!
//! What differs in C (structure fields, helper names) is handled in `helpers.c` with
//! `LINUX_VERSION_CODE`.

#[cfg(all(doc, not(crosswire_kernel_module)))]
use super::kernel;
use kernel::uaccess::UserSlice;

/// The user slice of `len` bytes at user address `addr`.
pub(crate) fn user_slice(addr: usize, len: usize) -> UserSlice {
    #[cfg(crosswire_kernel_ge_7_0)]
    let ptr = kernel::uaccess::UserPtr::from_addr(addr);
    #[cfg(not(crosswire_kernel_ge_7_0))]
    let ptr = addr;
    UserSlice::new(ptr, len)
}
