//! The names `kmod` uses from the kernel's `kernel` crate (Linux 6.12), as empty stand-ins
//! so that `cargo doc` documents `kmod` outside a kernel tree. Compiled only by rustdoc
//! (`cfg(doc)` without `crosswire_kernel_module`), which does not check function bodies:
//! nothing here runs, and the kernel build never sees this file.

/// `kernel::error`.
pub mod error {
    /// `kernel::error::Error`: a kernel errno.
    pub struct Error;

    /// `kernel::error::Result`.
    pub type Result<T = (), E = Error> = core::result::Result<T, E>;
}

/// `kernel::prelude`.
pub mod prelude {
    pub use super::error::Result;
}

/// `kernel::uaccess`.
pub mod uaccess {
    /// `kernel::uaccess::UserSlice`: a region of user memory.
    pub struct UserSlice;
    /// `kernel::uaccess::UserSliceReader`: reads a `UserSlice`, each byte once.
    pub struct UserSliceReader;
    /// `kernel::uaccess::UserSliceWriter`: writes a `UserSlice`, each byte once.
    pub struct UserSliceWriter;
}
