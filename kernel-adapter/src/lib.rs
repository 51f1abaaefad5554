//! Carries crosswire messages across the Linux kernel/user border.
//!
//! The same code compiles into userspace programs and into kernel modules: everything
//! here is `no_std`, allocation-free and panic-free, except the userspace call helpers
//! behind the `std` feature.
//!
//! - [`message`]: the layer every transport shares: a message then zeros in a buffer,
//!   decoded once from the transport's copy ([`message::RequestBytes`]) and encoded once
//!   into the buffer it copies back ([`message::ReplyBuf`]), with the kernel's
//!   size-versioning rules as a type-level policy ([`message::Fixed`],
//!   [`message::Extensible`]).
//! - [`ioctl`]: `_IO`/`_IOR`/`_IOW`/`_IOWR` numbers computed at compile time from a
//!   message's `MAX_SIZE`, typed commands over the message layer, and (with `std`) the
//!   userspace call through `rustix`.
//! - [`ring`]: a single-producer, single-consumer ring of messages in shared memory that
//!   survives a hostile peer; with `std`, over a sealed memfd.
//! - [`netlink`]: allocation-free netlink framing (messages, attributes, nests, acks,
//!   extended acks, dumps).
//! - [`Errno`]: the errno newtype both sides report failures with, and the mapping of every
//!   crosswire error to an errno.
//! - [`kmod`] (only in a kernel module build, `--cfg crosswire_kernel_module`; documented
//!   here all the same): the kernel side of every transport, with all of its `unsafe` code:
//!   [`kmod::serve`], the kernel side of an ioctl call that reads the user buffer once,
//!   decodes, acts, encodes and writes it back once, and [`kmod::Ioctl`], which dispatches a
//!   call to the command it names; generic-netlink families, the shared-memory rings of an
//!   open file and misc devices (`kmod::genl`, `kmod::ring`, `kmod::misc`, compiled only in
//!   a kernel build).
#![no_std]
#![deny(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::as_conversions,
        clippy::float_arithmetic,
    )
)]

#[cfg(feature = "std")]
extern crate std;

mod errno;
pub mod ioctl;
// Built into a kernel module only; `cargo doc` documents it against stand-ins of the
// kernel crate's types (kmod/kernel.rs).
#[cfg(any(crosswire_kernel_module, doc))]
pub mod kmod;
pub mod message;

/// The prefix of `kmod`'s kernel log lines (the `kernel` crate's `pr_*!` macros read it from
/// the crate root, where `module!` puts it in a module's own crate).
#[cfg(crosswire_kernel_module)]
const __LOG_PREFIX: &[u8] = b"crosswire\0";
pub mod netlink;
pub mod ring;

pub use crate::errno::Errno;

/// The result of a kernel-facing operation: `T` or an [`Errno`].
pub type Result<T = (), E = Errno> = core::result::Result<T, E>;
