// SPDX-License-Identifier: GPL-2.0

//! A generic-netlink family over `kernel::bindings` (the 6.12 `kernel` crate has no netlink
//! abstraction; `net/genetlink.h` is added to its bindings, see
//! `tests/kernel/bindings_helper.h`).
//!
//! This file holds all of the sample's netlink `unsafe`: it turns a family description
//! ([`Family`]) into a registered `struct genl_family` with one `genl_ops` per command,
//! each with an `nla_policy` table made from a derived type's `NlaSet::POLICY`, so the
//! kernel validates each request strictly before the handler runs; it hands the handlers
//! the request as bytes (offsets count from the `nlmsghdr`, as extended acks do) and sends
//! what they write with crosswire's `NlWriter` straight into socket buffers: replies
//! (`netlink_unicast`), dump parts (`NLM_F_MULTI`; the kernel adds `NLMSG_DONE`) and
//! multicast notifications (`genlmsg_multicast_allns`). The static inline helpers of
//! `net/genetlink.h` (`genlmsg_new`, `genlmsg_reply`, `NL_SET_ERR_MSG`...) are written out.

use core::cell::UnsafeCell;
use core::ptr;

use crosswire_kernel::netlink::{
    genl::GenlMessage,
    nla::policy::{max_id, PolicyEntry, PolicyKind},
    NlWriter, NLM_F_MULTI,
};
use crosswire_kernel::Errno;
use kernel::bindings;
use kernel::ffi::{c_int, c_uint};
use kernel::prelude::*;
use kernel::str::CStr;

/// A command of a family: a do (request → reply) or a dump, with the attribute set its
/// request is validated against.
pub(crate) struct Command {
    /// `genlmsghdr.cmd`.
    pub(crate) cmd: u8,
    /// The policy of the request's attributes (`NlaSet::POLICY` of the request type).
    pub(crate) policy: &'static [PolicyEntry],
    /// A dump rather than a do.
    pub(crate) dump: bool,
}

/// Why a handler refused a request: the errno and the extended ack that goes with it.
pub(crate) struct Refusal {
    /// The (positive) errno.
    pub(crate) errno: Error,
    /// `NLMSGERR_ATTR_MSG`.
    pub(crate) msg: &'static CStr,
    /// `NLMSGERR_ATTR_OFFS`: the offset of the offending attribute from the `nlmsghdr`.
    pub(crate) bad_attr: Option<usize>,
    /// `NLMSGERR_ATTR_MISS_TYPE`: a required attribute that is missing.
    pub(crate) missing: Option<u16>,
}

/// A generic-netlink family: its description and its handlers.
pub(crate) trait Family: 'static {
    /// The family name (at most 15 bytes).
    const NAME: &'static str;
    /// The family version.
    const VERSION: u8;
    /// The commands.
    const COMMANDS: &'static [Command];
    /// The multicast group (one).
    const GROUP: &'static str;
    /// The most bytes a dump message takes (room checked before each one).
    const MAX_DUMP_MESSAGE: usize;

    /// Handles a do command: `request` is the whole message, validated by the policy.
    fn doit(cmd: u8, request: &[u8], out: &mut Sender<'_>) -> Result<(), Refusal>;

    /// Writes the dump's messages from position `*next` on with `out.put`, advancing
    /// `*next`, until `out.put` says the buffer is full (returns `false`: called again with
    /// a new buffer) or the dump is complete (returns `true`).
    fn dumpit(cmd: u8, request: &[u8], next: &mut u64, out: &mut DumpSink<'_>) -> Result<bool>;
}

/// The kernel objects of a registered family; pinned in a `KBox`, as the kernel keeps
/// pointers to all of them until `genl_unregister_family`.
struct Tables {
    family: UnsafeCell<bindings::genl_family>,
    ops: KVec<bindings::genl_ops>,
    groups: [bindings::genl_multicast_group; 1],
    /// Every `nla_policy` array (nests point into one another): each inner vector's buffer
    /// stays put when the outer one grows.
    _policies: KVec<KVec<bindings::nla_policy>>,
}

/// A registered family; unregistered on drop.
pub(crate) struct Registration {
    tables: Pin<KBox<Tables>>,
}

// SAFETY: after registration the tables are only read (by the kernel, under its own locks)
// and written by the kernel alone (`id`, `mcgrp_offset`, during (un)registration).
unsafe impl Sync for Registration {}
// SAFETY: as above; the registration owns its tables.
unsafe impl Send for Registration {}

/// The `nla_policy` code of `kind`.
fn kind_code(kind: PolicyKind) -> u32 {
    match kind {
        PolicyKind::U8 => bindings::NLA_U8,
        PolicyKind::U16 => bindings::NLA_U16,
        PolicyKind::U32 => bindings::NLA_U32,
        PolicyKind::U64 => bindings::NLA_U64,
        PolicyKind::S8 => bindings::NLA_S8,
        PolicyKind::S16 => bindings::NLA_S16,
        PolicyKind::S32 => bindings::NLA_S32,
        PolicyKind::S64 => bindings::NLA_S64,
        PolicyKind::Be16 => bindings::NLA_BE16,
        PolicyKind::Be32 => bindings::NLA_BE32,
        PolicyKind::NulString => bindings::NLA_NUL_STRING,
        PolicyKind::Flag => bindings::NLA_FLAG,
        PolicyKind::Binary => bindings::NLA_BINARY,
        PolicyKind::Nested(_) => bindings::NLA_NESTED,
        PolicyKind::NestedArray(_) => bindings::NLA_NESTED_ARRAY,
        _ => bindings::NLA_UNSPEC,
    }
}

/// Builds the `nla_policy` array of `entries` (index = attribute id, `maxattr + 1` long)
/// and those of its nests, into `store`; returns a pointer to it and its `maxattr`.
fn build_policy(
    entries: &'static [PolicyEntry],
    store: &mut KVec<KVec<bindings::nla_policy>>,
    depth: u32,
) -> Result<(*const bindings::nla_policy, u16)> {
    if depth > 8 {
        return Err(EINVAL);
    }
    let maxattr = max_id(entries);
    let mut table = KVec::with_capacity(usize::from(maxattr) + 1, GFP_KERNEL)?;
    for _ in 0..=maxattr {
        table.push(bindings::nla_policy::default(), GFP_KERNEL)?;
    }
    for e in entries {
        let mut p = bindings::nla_policy::default();
        p.type_ = u8::try_from(kind_code(e.policy.kind)).map_err(|_| EINVAL)?;
        p.len = e.policy.len;
        match e.policy.kind {
            PolicyKind::Nested(inner) | PolicyKind::NestedArray(inner) => {
                let (nested, inner_max) = build_policy(inner, store, depth + 1)?;
                // For nests, `len` is the inner `maxattr` (`NLA_POLICY_NESTED`).
                p.len = inner_max;
                p.__bindgen_anon_1.nested_policy = nested;
            }
            _ => {}
        }
        *table.get_mut(usize::from(e.id)).ok_or(EINVAL)? = p;
    }
    let ptr = table.as_ptr();
    store.push(table, GFP_KERNEL)?;
    Ok((ptr, maxattr))
}

/// Copies `name` into a `GENL_NAMSIZ` array, NUL-terminated.
fn c_name(name: &str) -> Result<[kernel::ffi::c_char; 16]> {
    let mut out = [0; 16];
    if name.len() >= out.len() {
        return Err(EINVAL);
    }
    for (o, b) in out.iter_mut().zip(name.bytes()) {
        *o = kernel::ffi::c_char::from_ne_bytes([b]);
    }
    Ok(out)
}

impl Registration {
    /// Registers family `F` for `module`.
    pub(crate) fn register<F: Family>(module: &'static ThisModule) -> Result<Self> {
        let mut policies = KVec::new();
        let mut ops = KVec::new();
        for c in F::COMMANDS {
            let (policy, maxattr) = build_policy(c.policy, &mut policies, 0)?;
            let mut op = bindings::genl_ops::default();
            op.cmd = c.cmd;
            op.policy = policy;
            op.maxattr = u32::from(maxattr);
            if c.dump {
                op.dumpit = Some(dumpit_trampoline::<F>);
            } else {
                op.doit = Some(doit_trampoline::<F>);
            }
            ops.push(op, GFP_KERNEL)?;
        }
        let mut group = bindings::genl_multicast_group::default();
        group.name = c_name(F::GROUP)?;
        let mut family = bindings::genl_family::default();
        family.name = c_name(F::NAME)?;
        family.version = u32::from(F::VERSION);
        family.n_ops = u8::try_from(ops.len()).map_err(|_| EINVAL)?;
        family.n_mcgrps = 1;
        // Every command is validated strictly (`NL_VALIDATE_STRICT`) and must have a zero
        // `genlmsghdr.reserved`.
        family.resv_start_op = 0;
        family.module = module.as_ptr();
        let tables = KBox::pin(
            Tables {
                family: UnsafeCell::new(family),
                ops,
                groups: [group],
                _policies: policies,
            },
            GFP_KERNEL,
        )?;
        let raw = tables.family.get();
        // SAFETY: `raw` points into the pinned box, which outlives the registration (it is
        // dropped after `genl_unregister_family` in `drop`); the pointers written here are
        // into the same box (vectors whose buffers no longer change) and stay valid as long.
        unsafe {
            (*raw).ops = tables.ops.as_ptr();
        }
        // SAFETY: as above.
        unsafe {
            (*raw).mcgrps = tables.groups.as_ptr();
        }
        // SAFETY: `raw` is a fully initialized family whose tables live as long as it is
        // registered (see above); the kernel may write `id` and `mcgrp_offset` through it,
        // which the `UnsafeCell` allows.
        let err = unsafe { bindings::genl_register_family(raw) };
        if err < 0 {
            return Err(Error::from_errno(err));
        }
        Ok(Registration { tables })
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        // SAFETY: the family was registered in `register`; after this returns, no handler
        // runs any more and the kernel keeps no pointer into the tables (dropped next).
        unsafe { bindings::genl_unregister_family(self.tables.family.get()) };
    }
}

/// `MSG_DONTWAIT` as `netlink_unicast` takes it.
const MSG_DONTWAIT: c_int = 0x40;

/// Writes `msg` as one generic-netlink message (`genlmsg_put` and the attributes).
fn put<'m, M: GenlMessage<'m>>(
    w: &mut NlWriter<'_>,
    msg: &M,
    family: u16,
    flags: u16,
    seq: u32,
    portid: u32,
) -> Option<()> {
    let start = w.begin_message(family, flags, seq, portid).ok()?;
    w.put_bytes(&M::genl_header().to_bytes()).ok()?;
    msg.put_attrs(w).ok()?;
    w.end_message(start).ok()?;
    Some(())
}

/// A socket buffer of at least `size` bytes of room, or `None`.
fn alloc_skb(size: usize) -> Option<*mut bindings::sk_buff> {
    let size = c_uint::try_from(size).ok()?;
    // SAFETY: `alloc_skb(size, GFP_KERNEL)`, spelled out (it is a static inline); process
    // context (a netlink handler), so sleeping is fine.
    let skb = unsafe { bindings::__alloc_skb(size, bindings::GFP_KERNEL, 0, -1) };
    (!skb.is_null()).then_some(skb)
}

/// Frees a socket buffer that was not sent.
///
/// # Safety
///
/// `skb` is a valid socket buffer owned by the caller, not used afterwards.
unsafe fn free_skb(skb: *mut bindings::sk_buff) {
    // SAFETY: `kfree_skb(skb)` spelled out; the caller owns `skb`.
    unsafe {
        bindings::sk_skb_reason_drop(
            ptr::null_mut(),
            skb,
            bindings::skb_drop_reason_SKB_DROP_REASON_NOT_SPECIFIED,
        )
    };
}

/// Appends one message of at most `max` bytes to `skb`, written by `write` into zeroed
/// room; returns whether it was written (false: `write` failed, the skb is as before).
///
/// # Safety
///
/// `skb` is a valid, linear socket buffer owned by the caller, with at least `max` bytes of
/// tailroom.
unsafe fn append(
    skb: *mut bindings::sk_buff,
    max: usize,
    write: impl FnOnce(&mut NlWriter<'_>) -> Option<()>,
) -> bool {
    let Ok(max32) = c_uint::try_from(max) else {
        return false;
    };
    // SAFETY: the caller owns `skb`.
    let before = unsafe { (*skb).len };
    // SAFETY: the caller guarantees `max` bytes of tailroom, so `skb_put` does not panic;
    // it returns the start of those `max` bytes, part of the skb's data, which nothing else
    // uses while the caller owns it.
    let room = unsafe { bindings::skb_put(skb, max32) }.cast::<u8>();
    // SAFETY: `room` points to `max` writable bytes (see above); zeroing them first makes
    // the slice below initialized memory.
    unsafe { ptr::write_bytes(room, 0, max) };
    // SAFETY: `max` initialized bytes, exclusively ours until the function returns.
    let buf = unsafe { core::slice::from_raw_parts_mut(room, max) };
    let mut w = NlWriter::new(buf);
    let written = write(&mut w).map(|()| w.len());
    let keep = match written.and_then(|n| c_uint::try_from(n).ok()) {
        Some(n) => before.saturating_add(n),
        None => before,
    };
    // SAFETY: the caller owns `skb`; `keep <= skb->len`, so this only gives back room.
    unsafe { bindings::skb_trim(skb, keep) };
    written.is_some()
}

/// The room left at the end of a linear socket buffer (`skb_tailroom`).
///
/// # Safety
///
/// `skb` is a valid socket buffer.
unsafe fn tailroom(skb: *const bindings::sk_buff) -> usize {
    // SAFETY: the caller guarantees `skb` is valid; on 64-bit `tail` and `end` are offsets.
    let (tail, end, data_len) = unsafe { ((*skb).tail, (*skb).end, (*skb).data_len) };
    if data_len != 0 {
        return 0;
    }
    usize::try_from(end.saturating_sub(tail)).unwrap_or(0)
}

/// What a do handler sends: its reply, notifications.
pub(crate) struct Sender<'a> {
    info: &'a bindings::genl_info,
}

impl Sender<'_> {
    /// The family id: the `nlmsg_type` of its messages.
    fn family_id(&self) -> Option<u16> {
        // SAFETY: `info.family` is the registered family, valid while a handler runs.
        let id = unsafe { (*self.info.family).id };
        u16::try_from(id).ok()
    }

    /// Builds a message of type `M` in a new socket buffer.
    fn build<'m, M: GenlMessage<'m>>(
        &self,
        msg: &M,
        seq: u32,
        portid: u32,
    ) -> Result<*mut bindings::sk_buff> {
        let family = self.family_id().ok_or(EINVAL)?;
        let skb = alloc_skb(M::MAX_MESSAGE_LEN).ok_or(ENOMEM)?;
        // SAFETY: a new linear skb with at least `MAX_MESSAGE_LEN` bytes of room, ours.
        let ok = unsafe {
            append(skb, M::MAX_MESSAGE_LEN, |w| {
                put(w, msg, family, 0, seq, portid)
            })
        };
        if !ok {
            // SAFETY: ours, not sent.
            unsafe { free_skb(skb) };
            return Err(Errno::EMSGSIZE.into());
        }
        Ok(skb)
    }

    /// Sends `msg` to the requester (`genlmsg_reply`).
    pub(crate) fn reply<'m, M: GenlMessage<'m>>(&mut self, msg: &M) -> Result {
        let skb = self.build(msg, self.info.snd_seq, self.info.snd_portid)?;
        // SAFETY: `init_net` is the only network namespace (CONFIG_NET_NS is off), whose
        // `genl_sock` generic netlink created at boot; reading a pointer field of it races
        // with nothing (it is set once, before any module loads).
        let sock = unsafe { (*ptr::addr_of!(bindings::init_net)).genl_sock };
        // SAFETY: `netlink_unicast` takes the skb (sent or freed) in every case.
        let err =
            unsafe { bindings::netlink_unicast(sock, skb, self.info.snd_portid, MSG_DONTWAIT) };
        if err < 0 {
            return Err(Error::from_errno(err));
        }
        Ok(())
    }

    /// Multicasts `msg` to the family's group; no listener is not an error.
    pub(crate) fn notify<'m, M: GenlMessage<'m>>(&mut self, msg: &M) -> Result {
        let skb = self.build(msg, 0, 0)?;
        // SAFETY: `info.family` is the registered family; `genlmsg_multicast_allns` takes
        // the skb in every case; group 0 exists (`n_mcgrps` is 1).
        let err = unsafe { bindings::genlmsg_multicast_allns(self.info.family, skb, 0, 0) };
        if err < 0 && err != ESRCH.to_errno() {
            return Err(Error::from_errno(err));
        }
        Ok(())
    }
}

/// Where a dump handler writes its messages.
pub(crate) struct DumpSink<'a> {
    skb: *mut bindings::sk_buff,
    family: u16,
    seq: u32,
    portid: u32,
    max: usize,
    wrote: bool,
    _cb: core::marker::PhantomData<&'a mut bindings::netlink_callback>,
}

impl DumpSink<'_> {
    /// Appends `msg` as one part of the dump; `Ok(false)` when the buffer is full (the
    /// kernel calls the dump again with a new one).
    pub(crate) fn put<'m, M: GenlMessage<'m>>(&mut self, msg: &M) -> Result<bool> {
        let max = M::MAX_MESSAGE_LEN.max(self.max);
        // SAFETY: the dump's skb is valid during the callback.
        if unsafe { tailroom(self.skb) } < max {
            return Ok(false);
        }
        let (family, seq, portid) = (self.family, self.seq, self.portid);
        // SAFETY: the dump's linear skb, ours during the callback, with `max` bytes of room.
        let ok = unsafe {
            append(self.skb, max, |w| {
                put(w, msg, family, NLM_F_MULTI, seq, portid)
            })
        };
        if !ok {
            return Err(Errno::EMSGSIZE.into());
        }
        self.wrote = true;
        Ok(true)
    }
}

/// The request message as bytes.
///
/// # Safety
///
/// `nlh` is the request the netlink core checked (`nlmsg_len` within its skb), valid for
/// `'a`.
unsafe fn request_bytes<'a>(nlh: *const bindings::nlmsghdr) -> &'a [u8] {
    // SAFETY: the caller guarantees `nlh` is valid.
    let len = unsafe { (*nlh).nlmsg_len };
    let len = usize::try_from(len).unwrap_or(0);
    // SAFETY: the caller guarantees `nlh` starts `nlmsg_len` readable bytes that do not
    // change for `'a` (the request skb is not written while it is handled).
    unsafe { core::slice::from_raw_parts(nlh.cast::<u8>(), len) }
}

/// `genl_ops::doit`.
///
/// # Safety
///
/// Only called by generic netlink with a valid `info` for a request of this family.
unsafe extern "C" fn doit_trampoline<F: Family>(
    _skb: *mut bindings::sk_buff,
    info: *mut bindings::genl_info,
) -> c_int {
    // SAFETY: generic netlink passes a valid `info` for the duration of the call.
    let info = unsafe { &*info };
    // SAFETY: `info.nlhdr` is the validated request, valid during the call.
    let request = unsafe { request_bytes(info.nlhdr) };
    // SAFETY: `info.genlhdr` points into the request, after its `nlmsghdr` (the core
    // checked that the message holds a `genlmsghdr`).
    let cmd = unsafe { (*info.genlhdr).cmd };
    let mut sender = Sender { info };
    match F::doit(cmd, request, &mut sender) {
        Ok(()) => 0,
        Err(refusal) => {
            let extack = info.extack;
            if !extack.is_null() {
                // SAFETY (the writes below): `extack` is the request's extended ack, ours
                // to fill during the call, as `NL_SET_ERR_MSG`, `NL_SET_BAD_ATTR` and
                // `NL_SET_ERR_ATTR_MISS` do; the message is a `'static` C string.
                unsafe { (*extack)._msg = refusal.msg.as_char_ptr() };
                let inside = |off: usize| off.checked_add(4).is_some_and(|e| e <= request.len());
                if let Some(off) = refusal.bad_attr.filter(|&off| inside(off)) {
                    // SAFETY: `off + 4 <= nlmsg_len`: the attribute header is inside the
                    // request, where the core requires `bad_attr` to point to report
                    // its offset.
                    let attr = unsafe { info.nlhdr.cast::<u8>().add(off) };
                    // SAFETY: as above.
                    unsafe { (*extack).bad_attr = attr.cast() };
                }
                if let Some(ty) = refusal.missing {
                    // SAFETY: as above.
                    unsafe { (*extack).miss_type = ty };
                }
            }
            refusal.errno.to_errno()
        }
    }
}

/// `genl_ops::dumpit`: returns the length written (more to come) or 0 (done; the core
/// then sends `NLMSG_DONE`).
///
/// # Safety
///
/// Only called by netlink's dump machinery with a valid `skb` and `cb` of this family.
unsafe extern "C" fn dumpit_trampoline<F: Family>(
    skb: *mut bindings::sk_buff,
    cb: *mut bindings::netlink_callback,
) -> c_int {
    // SAFETY: `cb` is valid and ours during the call.
    let cb = unsafe { &mut *cb };
    // SAFETY: `cb->nlh` is the validated request, kept for the whole dump.
    let request = unsafe { request_bytes(cb.nlh) };
    // SAFETY: `cb->skb` is the request's skb; its `cb` is a `netlink_skb_parms`
    // (`NETLINK_CB`), 8-byte aligned, set by the netlink core.
    let portid = unsafe { (*(*cb.skb).cb.as_ptr().cast::<bindings::netlink_skb_parms>()).portid };
    // SAFETY: `args` is six `long`s the dump owns (generic netlink keeps its state in
    // `cb->data`); the first one, 8 bytes and 8-aligned, is this dump's position.
    let next = unsafe { &mut *ptr::addr_of_mut!(cb.__bindgen_anon_1.args).cast::<u64>() };
    let Some((hdr, genl_hdr)) = request
        .get(4..6)
        .zip(request.get(16..17))
        .and_then(|(t, c)| Some((u16::from_ne_bytes(t.try_into().ok()?), *c.first()?)))
    else {
        return EINVAL.to_errno();
    };
    let seq = request
        .get(8..12)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u32::from_ne_bytes);
    let mut sink = DumpSink {
        skb,
        family: hdr,
        seq,
        portid,
        max: F::MAX_DUMP_MESSAGE,
        wrote: false,
        _cb: core::marker::PhantomData,
    };
    match F::dumpit(genl_hdr, request, next, &mut sink) {
        Ok(true) => 0,
        // SAFETY: `skb` is valid during the call.
        Ok(false) if sink.wrote => c_int::try_from(unsafe { (*skb).len }).unwrap_or(c_int::MAX),
        // Not done, yet nothing fits in an empty buffer: it would never end.
        Ok(false) => Errno::EMSGSIZE.to_negative(),
        Err(e) => e.to_errno(),
    }
}
