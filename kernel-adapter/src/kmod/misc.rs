//! Misc devices: `/dev/<name>` whose `open`, `release`, `ioctl` and `mmap` go to a
//! [`FileOps`] implementation, one state value per open file.
//!
//! A driver implements [`FileOps`] and keeps the [`MiscDevice`] that
//! [`MiscDevice::register`] returns in its module; dropping it deregisters the device.
//!
//! ```ignore
//! struct Dev;
//! impl FileOps for Dev {
//!     type Open = MyFileState;
//!     fn open() -> Result<Pin<KBox<MyFileState>>> { ... }
//!     fn ioctl(state: &MyFileState, cmd: u32, arg: usize) -> Result<usize> { ... }
//! }
//! let dev = MiscDevice::register::<Dev>(c_str!("mydev"), module)?;
//! ```
//!
//! The registration and the file operations are the release's own where its `kernel` crate
//! has them (`kmod/compat.rs` picks the backend below by the `cfg` `crosswire_kernel_ge_7_0`):
//!
//! - Linux 7.0 and later: `kernel::miscdevice` (`MiscDeviceRegistration`, and its
//!   `MiscDevice` trait implemented for [`FileOps`]): its `open`, `release`, `ioctl`,
//!   `compat_ioctl` (the kernel's `compat_ptr_ioctl`, as it sets for a device with `ioctl`)
//!   and `mmap`. The mapping itself stays crosswire's ([`Vma`] on the helpers of `helpers.c`):
//!   7.3's `VmaNew` has no page offset and no way to map `vmalloc_user` memory
//!   (`remap_vmalloc_range`). Its `MiscDeviceOptions` has no mode either: the device node is
//!   the kernel's default, 0600.
//! - Before 7.0 (6.12 has no `kernel::miscdevice`): a shim, the `file_operations` of
//!   `helpers.c` calling the trampolines below; the device node's mode is 0666.

use kernel::ffi::c_int;
use kernel::prelude::*;

use super::ffi;

/// What a misc device does for each open file.
pub trait FileOps: 'static {
    /// The state of one open file, made by `open`, dropped on the last `close` (which may run
    /// on another thread than `open`, hence `Send`).
    type Open: Send + Sync;
    /// Makes the state of a new open file.
    fn open() -> Result<Pin<KBox<Self::Open>>>;
    /// Handles one ioctl call; `arg` is the user's untyped argument (usually a user
    /// pointer, untrusted). The value returned (clamped to `c_long::MAX`) is the syscall's.
    /// A 32-bit program's calls come here too, `arg` converted by `compat_ptr()`: crosswire
    /// messages have no pointer- or word-sized field, so their numbers and buffers are the
    /// same in both.
    fn ioctl(open: &Self::Open, cmd: u32, arg: usize) -> Result<usize>;
    /// Handles `mmap(2)`: checks the request in `vma` and maps memory into it
    /// (`ENODEV` unless implemented).
    fn mmap(open: &Self::Open, vma: &mut Vma) -> Result {
        let _ = (open, vma);
        Err(ENODEV)
    }
}

/// The shim for releases whose `kernel` crate has no misc-device abstraction (6.12):
/// `helpers.c` registers the device with `file_operations` calling these trampolines.
#[cfg(not(crosswire_kernel_ge_7_0))]
mod backend {
    use core::ffi::c_void;
    use core::ptr::NonNull;

    use kernel::ffi::{c_int, c_long, c_uint, c_ulong};
    use kernel::prelude::*;

    use super::{ffi, FileOps, Vma};

    /// The `Result` of a handler as the kernel's "0 or negative errno" int.
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
    unsafe fn state<'a, H: FileOps>(file: *mut ffi::File) -> &'a H::Open {
        // SAFETY: the caller guarantees `file` is a valid open file.
        let slot = unsafe { ffi::crosswire_file_private(file) };
        // SAFETY: `slot` points at `file->private_data`; `open_trampoline` set it to a
        // `KBox<H::Open>` pointer (the open fails otherwise), which stays valid and pinned until
        // `release_trampoline`, after the last call on the file; only shared references are made
        // from it, and `H::Open: Sync` makes concurrent calls sound.
        unsafe { &*(*slot).cast::<H::Open>() }
    }

    /// `file_operations::open`: makes the file's state (`misc_open` has set `private_data` to
    /// the `miscdevice`; it is replaced).
    ///
    /// # Safety
    ///
    /// Only called by the VFS, with a valid `file` being opened.
    unsafe extern "C" fn open_trampoline<H: FileOps>(
        _inode: *mut ffi::Inode,
        file: *mut ffi::File,
    ) -> c_int {
        match H::open() {
            Ok(open) => {
                // SAFETY: the state is only ever used through shared references (`state`) and
                // freed as a `Pin<KBox>` again in `release_trampoline`: it never moves.
                let raw = KBox::into_raw(unsafe { Pin::into_inner_unchecked(open) });
                // SAFETY: `file` is valid (VFS) and not yet visible to other calls.
                let slot = unsafe { ffi::crosswire_file_private(file) };
                // SAFETY: `slot` is `&file->private_data`, ours during `open`.
                unsafe { *slot = raw.cast::<c_void>() };
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
    unsafe extern "C" fn release_trampoline<H: FileOps>(
        _inode: *mut ffi::Inode,
        file: *mut ffi::File,
    ) -> c_int {
        // SAFETY: `file` is valid (VFS).
        let slot = unsafe { ffi::crosswire_file_private(file) };
        // SAFETY: `slot` is `&file->private_data`: the pointer `open_trampoline` stored.
        let raw = unsafe { *slot }.cast::<H::Open>();
        if !raw.is_null() {
            // SAFETY: `raw` came from `KBox::into_raw` of a pinned box, and this is the last use
            // of the file, so it is dropped (in place, still pinned) exactly once.
            drop(unsafe { Pin::new_unchecked(KBox::from_raw(raw)) });
        }
        0
    }

    /// `file_operations::unlocked_ioctl`; also 32-bit programs' calls, through `compat_ioctl`
    /// (the kernel's `compat_ptr_ioctl`, which converts `arg` with `compat_ptr()` first).
    ///
    /// # Safety
    ///
    /// Only called by the VFS on an open file (`arg` is not used as a pointer here; `H` treats it
    /// as an untrusted user address).
    unsafe extern "C" fn ioctl_trampoline<H: FileOps>(
        file: *mut ffi::File,
        cmd: c_uint,
        arg: c_ulong,
    ) -> c_long {
        // SAFETY: an ioctl runs between `open` and `release` of `file`.
        let open = unsafe { state::<H>(file) };
        let arg = usize::try_from(arg).unwrap_or(usize::MAX);
        match H::ioctl(open, cmd, arg) {
            Ok(v) => c_long::try_from(v).unwrap_or(c_long::MAX),
            // An errno (-4095..-1) fits any `long`.
            Err(e) => c_long::try_from(e.to_errno()).unwrap_or(c_long::MIN),
        }
    }

    /// `file_operations::mmap`.
    ///
    /// # Safety
    ///
    /// Only called by the VFS (`mmap_region`), on an open file, with a new `vma` that is not yet
    /// visible to anyone else, under the `mmap_lock` held for writing.
    unsafe extern "C" fn mmap_trampoline<H: FileOps>(
        file: *mut ffi::File,
        vma: *mut ffi::VmArea,
    ) -> c_int {
        // SAFETY: `mmap` runs between `open` and `release` of `file`.
        let open = unsafe { state::<H>(file) };
        // INVARIANT: as this function's safety conditions say.
        let mut vma = Vma { raw: vma };
        to_c_int(H::mmap(open, &mut vma))
    }

    /// A registered misc device.
    pub(super) struct Registration {
        // INVARIANT: returned by `crosswire_misc_register`, registered until `drop`.
        raw: NonNull<ffi::Misc>,
    }

    impl Registration {
        /// Registers `/dev/<name>` (mode 0666, dynamic minor); the file operations go to `H`.
        pub(super) fn new<H: FileOps>(
            name: &'static CStr,
            module: &'static ThisModule,
        ) -> Result<Self> {
            let mut raw = core::ptr::null_mut();
            // SAFETY: `name` is a `'static` C string (the kernel keeps the pointer while the
            // device is registered); `module` is this module, which the kernel pins while a
            // file is open (`fops.owner`); the functions have the `file_operations` signatures.
            let err = unsafe {
                ffi::crosswire_misc_register(
                    &mut raw,
                    name.as_char_ptr(),
                    module.as_ptr().cast::<ffi::Module>(),
                    open_trampoline::<H>,
                    release_trampoline::<H>,
                    ioctl_trampoline::<H>,
                    mmap_trampoline::<H>,
                )
            };
            if err != 0 {
                return Err(Error::from_errno(err));
            }
            // INVARIANT: registered (`err == 0` means `raw` was set).
            Ok(Self {
                raw: NonNull::new(raw).ok_or(EINVAL)?,
            })
        }
    }

    impl Drop for Registration {
        fn drop(&mut self) {
            // SAFETY: registered (type invariant), deregistered and freed once, here; open
            // files pin the module through `fops.owner`, so no call is running when the module
            // (and with it this value) goes away.
            unsafe { ffi::crosswire_misc_deregister(self.raw.as_ptr()) };
        }
    }

    // SAFETY: the registration is not tied to a thread; the kernel serialises
    // (de)registration with `misc_mtx`.
    unsafe impl Send for Registration {}
    // SAFETY: no method takes `&self`: shared references give no access to the pointer.
    unsafe impl Sync for Registration {}
}

/// The release's own abstraction (7.0 and later): `kernel::miscdevice`.
#[cfg(crosswire_kernel_ge_7_0)]
mod backend {
    use core::ffi::c_void;
    use core::marker::PhantomData;
    use core::ptr::NonNull;

    use kernel::fs::File;
    use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
    use kernel::mm::virt::VmaNew;
    use kernel::prelude::*;
    use kernel::types::Opaque;

    use super::{FileOps, Vma};

    /// The module crosswire-kernel is compiled into, as `kernel::miscdevice` wants it: a type
    /// (`#[vtable]` would name the crate's `LocalModule`, which only `module!` makes).
    /// crosswire-kernel is always an object of the driver's own module (`kbuild/crosswire.mk`),
    /// so its `__this_module` is the driver's, as `THIS_MODULE` is in C.
    struct Owner;

    impl kernel::ModuleMetadata for Owner {
        const NAME: &'static CStr = c"crosswire_kernel";
        const THIS_MODULE: ThisModule = {
            extern "C" {
                static __this_module: Opaque<kernel::bindings::module>;
            }
            // SAFETY: `__this_module` is the `struct module` of the module this object is
            // linked into, made by the kernel at load time, alive until the module is unloaded.
            unsafe { ThisModule::from_ptr(__this_module.get()) }
        };
    }

    /// `kernel::miscdevice::MiscDevice` for a [`FileOps`]: the per-file state is the pinned
    /// box `H::open` makes, kept by the kernel's `open` in `file->private_data`.
    struct Adapter<H>(PhantomData<H>);

    #[vtable]
    impl<H: FileOps> MiscDevice for Adapter<H> {
        type Ptr = Pin<KBox<H::Open>>;
        type OwnerModule = Owner;

        fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<Self::Ptr> {
            H::open()
        }

        fn ioctl(open: Pin<&H::Open>, _file: &File, cmd: u32, arg: usize) -> Result<isize> {
            H::ioctl(&open, cmd, arg).map(|v| isize::try_from(v).unwrap_or(isize::MAX))
        }

        fn mmap(open: Pin<&H::Open>, _file: &File, vma: &VmaNew) -> Result {
            // INVARIANT: `vma` is being set up by this `mmap` call (`VmaNew`'s invariant),
            // under the `mmap_lock` held for writing, for the duration of the call.
            let mut vma = Vma {
                raw: vma.as_ptr().cast(),
            };
            H::mmap(&open, &mut vma)
        }
    }

    /// Drops the registration `Registration::raw` points at: deregisters and frees it.
    ///
    /// # Safety
    ///
    /// `raw` comes from `KBox::into_raw` of a pinned `KBox<MiscDeviceRegistration<Adapter<H>>>`
    /// and is not used afterwards.
    unsafe fn drop_registration<H: FileOps>(raw: NonNull<c_void>) {
        let raw = raw.as_ptr().cast::<MiscDeviceRegistration<Adapter<H>>>();
        // SAFETY: as the caller guarantees; the box was pinned and is dropped in place (its
        // `PinnedDrop` calls `misc_deregister`), once.
        drop(unsafe { Pin::new_unchecked(KBox::from_raw(raw)) });
    }

    /// A registered misc device, its handler type erased (so that `kmod::misc::MiscDevice`
    /// stays one type for every driver, as on 6.12).
    pub(super) struct Registration {
        // INVARIANT: from `KBox::into_raw` of a pinned, registered
        // `KBox<MiscDeviceRegistration<Adapter<H>>>`, dropped once by `drop`, which is
        // `drop_registration::<H>` for that `H`.
        raw: NonNull<c_void>,
        drop: unsafe fn(NonNull<c_void>),
    }

    impl Registration {
        /// Registers `/dev/<name>` (the kernel's default mode, dynamic minor); the file
        /// operations go to `H`.
        pub(super) fn new<H: FileOps>(
            name: &'static CStr,
            module: &'static ThisModule,
        ) -> Result<Self> {
            // The owner of the file operations is `Owner`, this object's module: the module
            // passed must be that one.
            if module.as_ptr() != kernel::module::this_module::<Owner>().as_ptr() {
                return Err(EINVAL);
            }
            let reg = KBox::pin_init(
                MiscDeviceRegistration::<Adapter<H>>::register(MiscDeviceOptions { name }),
                GFP_KERNEL,
            )?;
            // SAFETY: the box is turned back into a pinned box by `drop_registration` and
            // never moved out of meanwhile.
            let raw = KBox::into_raw(unsafe { Pin::into_inner_unchecked(reg) });
            // INVARIANT: just registered, from `KBox::into_raw`, with its drop function.
            Ok(Self {
                raw: NonNull::new(raw.cast::<c_void>()).ok_or(EINVAL)?,
                drop: drop_registration::<H>,
            })
        }
    }

    impl Drop for Registration {
        fn drop(&mut self) {
            // SAFETY: `raw` and `drop` belong together and are used once (type invariant).
            unsafe { (self.drop)(self.raw) };
        }
    }

    // SAFETY: `MiscDeviceRegistration` is `Send`: deregistering on another thread is allowed.
    unsafe impl Send for Registration {}
    // SAFETY: no method takes `&self`: shared references give no access to the pointer.
    unsafe impl Sync for Registration {}
}

/// A mapping being set up by `mmap(2)`.
pub struct Vma {
    // INVARIANT: a valid `vm_area_struct` that only this call may change (not yet inserted
    // in the process's address space; `mmap_lock` held for writing), for the life of `self`.
    raw: *mut ffi::VmArea,
}

impl Vma {
    /// The page offset the user passed (`offset / PAGE_SIZE`).
    pub fn pgoff(&self) -> usize {
        // SAFETY: `raw` is valid (type invariant).
        let pgoff = unsafe { ffi::crosswire_vma_pgoff(self.raw) };
        usize::try_from(pgoff).unwrap_or(usize::MAX)
    }

    /// The length in bytes (a multiple of the page size).
    pub fn len(&self) -> usize {
        // SAFETY: `raw` is valid (type invariant).
        let len = unsafe { ffi::crosswire_vma_len(self.raw) };
        usize::try_from(len).unwrap_or(usize::MAX)
    }

    /// Whether the mapping is empty (it never is: `mmap` refuses a length of 0).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn flags(&self) -> c_int {
        // SAFETY: `raw` is valid (type invariant).
        unsafe { ffi::crosswire_vma_flags(self.raw) }
    }

    /// Whether the mapping is shared (`MAP_SHARED`).
    pub fn is_shared(&self) -> bool {
        self.flags() & 1 != 0
    }

    /// Whether the mapping is writable now (`PROT_WRITE`).
    pub fn is_writable(&self) -> bool {
        self.flags() & 2 != 0
    }

    /// Forbids making the mapping writable later (`mprotect(PROT_WRITE)` fails with EACCES).
    pub fn forbid_write(&mut self) {
        // SAFETY: `raw` is valid and only this call may change it, under the `mmap_lock`
        // (type invariant), which is what `vm_flags_clear` requires.
        unsafe { ffi::crosswire_vma_forbid_write(self.raw) };
    }

    /// The raw pointer, for the mapping functions of `kmod`.
    pub(crate) fn as_raw(&mut self) -> *mut ffi::VmArea {
        self.raw
    }
}

/// A registered misc device; dropping it deregisters the device.
pub struct MiscDevice {
    _reg: backend::Registration,
}

impl MiscDevice {
    /// Registers `/dev/<name>` (dynamic minor; mode 0666 before 7.0, the kernel's default
    /// 0600 from 7.0 on, whose `kernel::miscdevice` has no mode); the file operations go to
    /// `H`. `module` is the module calling (`ThisModule` of `kernel::Module::init`).
    pub fn register<H: FileOps>(name: &'static CStr, module: &'static ThisModule) -> Result<Self> {
        Ok(Self {
            _reg: backend::Registration::new::<H>(name, module)?,
        })
    }
}
