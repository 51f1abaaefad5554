//! The C side of `kmod`: crosswire's own helpers (`helpers.c`, compiled into the module by
//! `kbuild/crosswire.mk`) and the C structures they take, as opaque types. Nothing here
//! depends on bindgen's view of a kernel structure: fields are read and written in C, by name,
//! so a layout change between releases is a recompile, not a bug.

use core::ffi::c_void;
use core::marker::{PhantomData, PhantomPinned};

use kernel::ffi::{c_char, c_int, c_long, c_uint, c_ulong};

/// Declares opaque C types: only ever behind a raw pointer, neither `Send`, `Sync` nor
/// `Unpin` (the Rustonomicon's recipe for foreign types).
macro_rules! opaque {
    ($($(#[$m:meta])* $name:ident;)*) => {$(
        $(#[$m])*
        #[repr(C)]
        pub(crate) struct $name {
            _data: [u8; 0],
            _marker: PhantomData<(*mut u8, PhantomPinned)>,
        }
    )*};
}

opaque! {
    /// `struct inode`.
    Inode;
    /// `struct file`.
    File;
    /// `struct vm_area_struct`.
    VmArea;
    /// `struct module`.
    Module;
    /// `struct crosswire_misc` (helpers.c): a `miscdevice` and its `file_operations`.
    Misc;
    /// `struct nla_policy`.
    NlaPolicy;
    /// `struct crosswire_genl` (helpers.c): a `genl_family` and the Rust side's data.
    Genl;
    /// `struct genl_info`.
    GenlInfo;
    /// `struct netlink_callback`.
    NetlinkCallback;
    /// `struct netlink_ext_ack`.
    ExtAck;
    /// `struct nlmsghdr`.
    NlMsgHdr;
    /// `struct sk_buff`.
    SkBuff;
}

/// `struct crosswire_genl_request` (helpers.c): what a handler needs of a request.
#[repr(C)]
pub(crate) struct GenlRequest {
    pub(crate) msg: *const c_void,
    pub(crate) len: u32,
    pub(crate) seq: u32,
    pub(crate) portid: u32,
    pub(crate) family_id: u16,
    pub(crate) cmd: u8,
    pub(crate) data: *mut c_void,
    pub(crate) genl: *mut Genl,
}

impl GenlRequest {
    pub(crate) const fn empty() -> Self {
        GenlRequest {
            msg: core::ptr::null(),
            len: 0,
            seq: 0,
            portid: 0,
            family_id: 0,
            cmd: 0,
            data: core::ptr::null_mut(),
            genl: core::ptr::null_mut(),
        }
    }
}

pub(crate) type OpenFn = unsafe extern "C" fn(*mut Inode, *mut File) -> c_int;
pub(crate) type IoctlFn = unsafe extern "C" fn(*mut File, c_uint, c_ulong) -> c_long;
pub(crate) type MmapFn = unsafe extern "C" fn(*mut File, *mut VmArea) -> c_int;
pub(crate) type DoitFn = unsafe extern "C" fn(*mut SkBuff, *mut GenlInfo) -> c_int;
pub(crate) type DumpitFn = unsafe extern "C" fn(*mut SkBuff, *mut NetlinkCallback) -> c_int;

// The contracts are those of the C functions in helpers.c (and of the kernel functions they
// wrap); every call site states why it meets them.
extern "C" {
    pub(crate) fn crosswire_misc_register(
        out: *mut *mut Misc,
        name: *const c_char,
        owner: *mut Module,
        open: OpenFn,
        release: OpenFn,
        ioctl: IoctlFn,
        mmap: MmapFn,
    ) -> c_int;
    pub(crate) fn crosswire_misc_deregister(dev: *mut Misc);
    pub(crate) fn crosswire_file_private(file: *mut File) -> *mut *mut c_void;
    pub(crate) fn crosswire_vma_pgoff(vma: *const VmArea) -> c_ulong;
    pub(crate) fn crosswire_vma_len(vma: *const VmArea) -> c_ulong;
    pub(crate) fn crosswire_vma_flags(vma: *const VmArea) -> c_int;
    pub(crate) fn crosswire_vma_forbid_write(vma: *mut VmArea);

    pub(crate) fn crosswire_vmalloc_user(size: c_ulong) -> *mut c_void;
    pub(crate) fn crosswire_vfree(addr: *mut c_void);
    pub(crate) fn crosswire_remap_vmalloc(
        vma: *mut VmArea,
        addr: *mut c_void,
        pgoff: c_ulong,
    ) -> c_int;

    pub(crate) fn crosswire_policy_new(maxattr: u16) -> *mut NlaPolicy;
    pub(crate) fn crosswire_policy_set(
        table: *mut NlaPolicy,
        maxattr: u16,
        id: u16,
        kind: u8,
        len: u16,
        nested: *const NlaPolicy,
    ) -> c_int;
    pub(crate) fn crosswire_policy_free(table: *mut NlaPolicy);
    pub(crate) fn crosswire_genl_new(
        name: *const c_char,
        version: u32,
        n_ops: u8,
        n_groups: u8,
        owner: *mut Module,
        data: *mut c_void,
    ) -> *mut Genl;
    pub(crate) fn crosswire_genl_set_op(
        g: *mut Genl,
        index: u8,
        cmd: u8,
        policy: *const NlaPolicy,
        maxattr: u16,
        doit: Option<DoitFn>,
        dumpit: Option<DumpitFn>,
    ) -> c_int;
    pub(crate) fn crosswire_genl_set_group(g: *mut Genl, index: u8, name: *const c_char) -> c_int;
    pub(crate) fn crosswire_genl_register(g: *mut Genl) -> c_int;
    pub(crate) fn crosswire_genl_unregister(g: *mut Genl);
    pub(crate) fn crosswire_genl_free(g: *mut Genl);
    pub(crate) fn crosswire_genl_id(g: *const Genl) -> u16;
    pub(crate) fn crosswire_genl_do_request(info: *const GenlInfo, out: *mut GenlRequest);
    pub(crate) fn crosswire_genl_dump_request(
        cb: *mut NetlinkCallback,
        out: *mut GenlRequest,
    ) -> *mut c_long;
    pub(crate) fn crosswire_genl_dump_consistent(cb: *mut NetlinkCallback, interrupted: bool);
    pub(crate) fn crosswire_extack_set(
        extack: *mut ExtAck,
        nlh: *const NlMsgHdr,
        msg: *const c_char,
        bad_attr: u32,
        miss_type: c_int,
    );
    pub(crate) fn crosswire_genl_do_extack(info: *const GenlInfo) -> *mut ExtAck;
    pub(crate) fn crosswire_genl_dump_extack(cb: *const NetlinkCallback) -> *mut ExtAck;
    pub(crate) fn crosswire_genl_do_nlh(info: *const GenlInfo) -> *const NlMsgHdr;
    pub(crate) fn crosswire_genl_dump_nlh(cb: *const NetlinkCallback) -> *const NlMsgHdr;
    pub(crate) fn crosswire_skb_new(size: u32) -> *mut SkBuff;
    pub(crate) fn crosswire_skb_free(skb: *mut SkBuff);
    pub(crate) fn crosswire_skb_put_zero(skb: *mut SkBuff, len: u32) -> *mut u8;
    pub(crate) fn crosswire_skb_trim(skb: *mut SkBuff, len: u32);
    pub(crate) fn crosswire_skb_len(skb: *const SkBuff) -> u32;
    pub(crate) fn crosswire_skb_tailroom(skb: *const SkBuff) -> u32;
    pub(crate) fn crosswire_genl_reply(skb: *mut SkBuff, info: *mut GenlInfo) -> c_int;
    pub(crate) fn crosswire_genl_multicast(g: *mut Genl, skb: *mut SkBuff, group: u32) -> c_int;
}
