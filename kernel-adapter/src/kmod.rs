//! The kernel side of every transport, compiled only into a kernel module (`--cfg
//! crosswire_kernel_module`, set by `kbuild/crosswire.mk`): the errno conversion into the
//! `kernel` crate's `Error`, and one file per transport, with all of their `unsafe` code:
//!
//! - `kmod/ioctl.rs`: an ioctl whose buffer holds crosswire messages ([`serve`], [`Ioctl`]);
//! - `kmod/genl.rs`: generic-netlink families built from a description (`kmod::genl`);
//! - `kmod/ring.rs`: the shared-memory rings of an open file (`kmod::ring`);
//! - `kmod/misc.rs`: misc devices whose `open`/`release`/`ioctl`/`mmap` go to a driver's
//!   handlers (`kmod::misc`);
//! - `kmod/ffi.rs` and `kmod/helpers.c`: the C side, crosswire's own helpers compiled into
//!   the module, so that no kernel tree needs a patch (see `kmod/helpers.c`);
//! - `kmod/compat.rs`: the differences between kernel releases.
//!
//! `genl`, `ring` and `misc` are compiled only in a kernel build (not in this page).
//!
//! **Available only in a kernel module build.** This page is generated outside a kernel
//! tree, where `UserSliceReader`, `UserSliceWriter`, `Result` and `Error` stand for the
//! 6.12 `kernel` crate's `kernel::uaccess` and `kernel::error` types of the same names
//! (`kernel-adapter/README.md` shows the build).
//!
//! For ioctl, read once and write once are facts of the types, as in the kernel's `uaccess.rs`:
//! [`read_request`] consumes the `UserSliceReader` and hands back
//! [`RequestBytes`](crate::message::RequestBytes), which is
//! decoded by consuming it; [`write_reply`] consumes the `UserSliceWriter`. [`serve`] is the
//! whole call built from them, and [`Ioctl`] dispatches a call to the command it names:
//!
//! ```ignore
//! fn ioctl(cmd: u32, arg: usize) -> Result<usize> {
//!     kmod::Ioctl::new(cmd, arg)
//!         .serve(types::GET, |req| Ok(req.reply()))
//!         .serve(types::SET, |req| state.set(req)) // a handler may refuse: Err(Errno::EBUSY)
//!         .finish() // ENOTTY when no command matched
//! }
//! ```

// `cargo doc` outside a kernel tree: stand-ins for the `kernel` crate's names, so that this
// module is documented (kmod/kernel.rs, a stub named as the crate it stands in for). The
// kernel build (`crosswire_kernel_module`) uses the real crate; no other build compiles
// this module.
#[cfg(all(doc, not(crosswire_kernel_module)))]
mod kernel;

use crate::Errno;

mod compat;
mod ioctl;
pub use self::ioctl::{read_request, serve, write_reply, Ioctl};

#[cfg(crosswire_kernel_module)]
#[allow(
    unsafe_code,
    reason = "declarations of C functions; each call site has its proof"
)]
mod ffi;
#[cfg(crosswire_kernel_module)]
#[allow(
    unsafe_code,
    reason = "the FFI of generic netlink, each block with its proof"
)]
pub mod genl;
#[cfg(crosswire_kernel_module)]
#[allow(
    unsafe_code,
    reason = "the file operations of a misc device, each block with its proof"
)]
pub mod misc;
#[cfg(crosswire_kernel_module)]
#[allow(
    unsafe_code,
    reason = "memory shared with userspace, each block with its proof"
)]
pub mod ring;

impl From<Errno> for kernel::error::Error {
    fn from(e: Errno) -> Self {
        kernel::error::Error::from_errno(e.to_negative())
    }
}
