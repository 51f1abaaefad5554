// SPDX-License-Identifier: GPL-2.0

//! A minimal misc-device registration over `kernel::bindings`.
//!
//! The 6.12 `kernel` crate has no miscdevice abstraction and no file operations, so this file
//! (with `ring_dev.rs`, the ring's memory) is the only place in the sample with `unsafe`
//! code: it fills in a `file_operations` with `open`, `release`, `unlocked_ioctl` and `mmap`
//! entries and registers a `miscdevice` (needs `linux/miscdevice.h` in
//! `rust/bindings/bindings_helper.h`, see `tests/kernel/bindings_helper.h`).

use kernel::bindings;
use kernel::ffi::{c_int, c_long, c_uint, c_ulong};
use kernel::prelude::*;

/// What a misc device does for each open file.
pub(crate) trait FileHandler {
    /// The state of one open file, made by `open`, dropped on the last `close`.
    type Open: Sync;
    /// Makes the state of a new open file.
    fn open() -> Result<Pin<KBox<Self::Open>>>;
    /// Handles one ioctl call; `arg` is the user's untyped argument (usually a user pointer).
    /// The returned value (which must fit in a non-negative `c_long`) is the syscall's result.
    fn ioctl(open: &Self::Open, cmd: u32, arg: usize) -> Result<usize>;
    /// Handles `mmap(2)`: checks the request in `vma` and maps memory into it.
    fn mmap(open: &Self::Open, vma: &mut Vma) -> Result;
}

/// The `Result` of a handler as the kernel's "negative errno" int.
fn to_c_int(r: Result) -> c_int {
    match r {
        Ok(()) => 0,
        Err(e) => e.to_errno(),
    }
}

/// The state `open_trampoline` stored in `file->private_data`.
///
/// # Safety
///
/// `file` is an open file of a device registered with `H`, between `open` and `release`.
unsafe fn state<'a, H: FileHandler>(file: *mut bindings::file) -> &'a H::Open {
    // SAFETY: the caller guarantees `file` is valid; `open_trampoline` set `private_data` to a
    // `KBox<H::Open>` pointer (it fails the open otherwise), which stays valid and pinned
    // until `release_trampoline`, after the last call on the file; only shared references are
    // made from it, and `H::Open: Sync` makes concurrent calls sound.
    unsafe { &*(*file).private_data.cast::<H::Open>() }
}

/// `file_operations::open`: makes the file's state (`misc_open` has set `private_data` to
/// the `miscdevice`; it is replaced).
///
/// # Safety
///
/// Only called by the VFS, with a valid `file` being opened.
unsafe extern "C" fn open_trampoline<H: FileHandler>(
    _inode: *mut bindings::inode,
    file: *mut bindings::file,
) -> c_int {
    match H::open() {
        Ok(open) => {
            // SAFETY: the state is only ever used through shared references (`state`) and
            // freed as a `Pin<KBox>` again in `release_trampoline`: it never moves.
            let raw = KBox::into_raw(unsafe { Pin::into_inner_unchecked(open) });
            // SAFETY: `file` is valid (VFS); the file is not yet visible to other calls.
            unsafe { (*file).private_data = raw.cast() };
            0
        }
        Err(e) => e.to_errno(),
    }
}

/// `file_operations::release`: drops the file's state.
///
/// # Safety
///
/// Only called by the VFS, once, after the last call on `file` (no ioctl is running, and no
/// mapping of the file remains: each holds a reference to the file).
unsafe extern "C" fn release_trampoline<H: FileHandler>(
    _inode: *mut bindings::inode,
    file: *mut bindings::file,
) -> c_int {
    // SAFETY: `file` is valid; `private_data` is the pointer `open_trampoline` stored.
    let raw = unsafe { (*file).private_data }.cast::<H::Open>();
    if !raw.is_null() {
        // SAFETY: `raw` came from `KBox::into_raw` of a pinned box, and this is the last use
        // of the file, so it is dropped (in place, still pinned) exactly once.
        drop(unsafe { Pin::new_unchecked(KBox::from_raw(raw)) });
    }
    0
}

/// The C entry point: converts the handler's `Result` into the kernel's "negative errno" form.
///
/// # Safety
///
/// Only called by the VFS as `file_operations::unlocked_ioctl` on an open file (`arg` is not
/// used as a pointer here; `H` treats it as an untrusted user address).
unsafe extern "C" fn ioctl_trampoline<H: FileHandler>(
    file: *mut bindings::file,
    cmd: c_uint,
    arg: c_ulong,
) -> c_long {
    // SAFETY: an ioctl runs between `open` and `release` of `file`.
    let open = unsafe { state::<H>(file) };
    match H::ioctl(open, cmd, arg as usize) {
        Ok(v) => c_long::try_from(v).unwrap_or(c_long::MAX),
        // `c_long` is `isize` here: an `i32` always fits.
        Err(e) => e.to_errno() as c_long,
    }
}

/// `file_operations::mmap`.
///
/// # Safety
///
/// Only called by the VFS (`mmap_region`), on an open file, with a new `vma` that is not yet
/// visible to anyone else, under the `mmap_lock` held for writing.
unsafe extern "C" fn mmap_trampoline<H: FileHandler>(
    file: *mut bindings::file,
    vma: *mut bindings::vm_area_struct,
) -> c_int {
    // SAFETY: `mmap` runs between `open` and `release` of `file`.
    let open = unsafe { state::<H>(file) };
    // INVARIANT: as this function's safety conditions say.
    let mut vma = Vma { raw: vma };
    to_c_int(H::mmap(open, &mut vma))
}

/// A mapping being set up by `mmap(2)`.
pub(crate) struct Vma {
    // INVARIANT: a valid `vm_area_struct` that only this call may change (not yet inserted
    // in the process's address space; `mmap_lock` held for writing), for the life of `self`.
    raw: *mut bindings::vm_area_struct,
}

impl Vma {
    /// The page offset the user passed (`offset / PAGE_SIZE`).
    pub(crate) fn pgoff(&self) -> usize {
        // SAFETY: `raw` is valid (type invariant).
        let pgoff = unsafe { (*self.raw).vm_pgoff };
        usize::try_from(pgoff).unwrap_or(usize::MAX)
    }

    /// The length in bytes (a multiple of the page size).
    pub(crate) fn len(&self) -> usize {
        // SAFETY: `raw` is valid (type invariant); `vm_start`/`vm_end` are the only fields of
        // the union's struct, always initialised.
        let (start, end) = unsafe {
            let range = (*self.raw).__bindgen_anon_1.__bindgen_anon_1;
            (range.vm_start, range.vm_end)
        };
        usize::try_from(end.saturating_sub(start)).unwrap_or(usize::MAX)
    }

    fn flags(&self) -> c_ulong {
        // SAFETY: `raw` is valid (type invariant); both members of the union are the same
        // `vm_flags_t` (one is the `const` view C code reads).
        unsafe { (*self.raw).__bindgen_anon_2.vm_flags }
    }

    /// Whether the mapping is shared (`MAP_SHARED`), as a ring must be.
    pub(crate) fn is_shared(&self) -> bool {
        self.flags() & (bindings::VM_SHARED as c_ulong) != 0
    }

    /// Whether the mapping is writable now (`PROT_WRITE`).
    pub(crate) fn is_writable(&self) -> bool {
        self.flags() & (bindings::VM_WRITE as c_ulong) != 0
    }

    /// Forbids making the mapping writable later (`mprotect(PROT_WRITE)` fails with EACCES).
    pub(crate) fn forbid_write(&mut self) {
        let flags = self.flags() & !(bindings::VM_MAYWRITE as c_ulong);
        // SAFETY: `raw` is valid and only this call may change it (type invariant): this is
        // what C's `vm_flags_clear` does for a VMA not yet in the tree (its per-VMA lock is
        // not needed before the VMA is visible).
        unsafe { (*self.raw).__bindgen_anon_2.__vm_flags = flags };
    }

    /// The raw pointer, for `remap_vmalloc_range`.
    pub(crate) fn as_raw(&mut self) -> *mut bindings::vm_area_struct {
        self.raw
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
    /// Registers `/dev/<name>` with a dynamic minor; the file operations go to `H`.
    pub(crate) fn register<H: FileHandler>(
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
        inner.fops.open = Some(open_trampoline::<H>);
        inner.fops.release = Some(release_trampoline::<H>);
        inner.fops.mmap = Some(mmap_trampoline::<H>);
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
