//! Generic-netlink families: a family is a description ([`Family`]: name, version,
//! multicast groups, commands) and a handler per command; crosswire builds and registers the
//! `genl_family`, its `genl_ops` and, for each command, the `nla_policy` table of its request
//! type (`NlaSet::POLICY`, `docs/netlink.md` §8.1), so the kernel validates each request
//! strictly before the handler runs.
//!
//! - A **do** command ([`DoCommand`]) gets its request decoded (crosswire's strict decoder)
//!   and a [`Reply`], through which it answers with derived messages (`NlWriter` writing
//!   straight into a socket buffer) and multicasts. It returns `Ok(())` or a [`Refusal`]:
//!   the errno with an optional extended-ack message and offending attribute.
//! - A **dump** command ([`DumpCommand`]) writes messages from a position that crosswire keeps
//!   across the calls of one dump (`cb->args`); when the family's
//!   [`generation`](Family::generation) changed since the dump began, every later message and
//!   `NLMSG_DONE` carry `NLM_F_DUMP_INTR`.
//! - [`Registration`] registers the family and unregisters it on drop; a failure half-way
//!   undoes what was done.
//!
//! ```ignore
//! struct Echo;
//! impl DoCommand<MyFamily> for Echo {
//!     const CMD: u8 = 1;
//!     type Request<'a> = EchoRequest<'a>;
//!     fn handle(_: &MyFamily, req: EchoRequest<'_>, reply: &mut Reply<'_>) -> Result<(), Refusal> {
//!         reply.send(&req.answer())
//!     }
//! }
//! impl Family for MyFamily {
//!     const NAME: &'static CStr = c_str!("my_family");
//!     const VERSION: u8 = 1;
//!     const GROUPS: &'static [&'static CStr] = &[c_str!("events")];
//!     const COMMANDS: &'static [Command<Self>] = &[Command::doit::<Echo>()];
//! }
//! let reg = Registration::register(MyFamily::default(), module)?;
//! ```

use core::ffi::c_void;
use core::ptr::NonNull;

use kernel::ffi::{c_int, c_long};
use kernel::prelude::*;
use kernel::str::CStr;

use super::ffi;
use crate::{
    netlink::{
        find_last,
        genl::{self, GenlMessage, GENL_HDRLEN},
        nla::policy::{max_id, PolicyEntry, PolicyKind},
        Messages, Mode, NlError, NlErrorKind, NlWriter, NlaSet, NLM_F_DUMP_INTR, NLM_F_MULTI,
    },
    Errno,
};

/// Why a handler refused a request: the errno and the extended ack that goes with it.
#[derive(Clone, Copy, Debug)]
pub struct Refusal {
    /// The errno.
    pub errno: Error,
    /// `NLMSGERR_ATTR_MSG`.
    pub msg: Option<&'static CStr>,
    /// `NLMSGERR_ATTR_OFFS`: the offset of the offending attribute from the `nlmsghdr`.
    pub bad_attr: Option<usize>,
    /// `NLMSGERR_ATTR_MISS_TYPE`: a required attribute that is missing.
    pub missing: Option<u16>,
}

impl Refusal {
    /// A refusal with `errno` and `msg`.
    pub fn new(errno: impl Into<Error>, msg: &'static CStr) -> Self {
        Refusal {
            errno: errno.into(),
            msg: Some(msg),
            bad_attr: None,
            missing: None,
        }
    }

    /// Points the extended ack at the attribute at `offset` from the `nlmsghdr`.
    pub fn at(self, offset: Option<usize>) -> Self {
        Refusal {
            bad_attr: offset,
            ..self
        }
    }
}

impl From<Error> for Refusal {
    fn from(errno: Error) -> Self {
        Refusal {
            errno,
            msg: None,
            bad_attr: None,
            missing: None,
        }
    }
}

impl From<Errno> for Refusal {
    fn from(errno: Errno) -> Self {
        Error::from(errno).into()
    }
}

/// `EINVAL` with the extended ack of a strict decoding error: the message names the
/// problem, the offset or missing type points at it.
impl From<NlError> for Refusal {
    fn from(e: NlError) -> Self {
        let (msg, bad_attr, missing): (&'static CStr, _, _) = match e.kind() {
            NlErrorKind::MissingAttribute { id } => (
                kernel::c_str!("crosswire: a required attribute is missing"),
                None,
                Some(id),
            ),
            NlErrorKind::BadString { .. } => (
                kernel::c_str!("crosswire: string attribute is not NUL-terminated UTF-8"),
                Some(e.offset()),
                None,
            ),
            NlErrorKind::UnknownAttribute { .. } => (
                kernel::c_str!("crosswire: unknown attribute"),
                Some(e.offset()),
                None,
            ),
            _ => (
                kernel::c_str!("crosswire: malformed attribute"),
                Some(e.offset()),
                None,
            ),
        };
        Refusal {
            errno: EINVAL,
            msg: Some(msg),
            bad_attr,
            missing,
        }
    }
}

/// A generic-netlink family: its description. The value is the driver's state, shared by
/// every handler (`&self`), so it is `Sync`.
pub trait Family: Sized + Sync + 'static {
    /// The family name (at most 15 bytes).
    const NAME: &'static CStr;
    /// The family version.
    const VERSION: u8;
    /// The multicast groups; [`Reply::notify`] and [`Registration::notify`] take an index
    /// into this list.
    const GROUPS: &'static [&'static CStr];
    /// The commands.
    const COMMANDS: &'static [Command<Self>];

    /// The generation of the data dumps walk: a driver bumps it when the data changes, and
    /// a dump that sees it change is marked `NLM_F_DUMP_INTR`.
    fn generation(&self) -> u32 {
        0
    }
}

/// A do command of family `F`.
pub trait DoCommand<F>: 'static {
    /// `genlmsghdr.cmd`.
    const CMD: u8;
    /// The request; its `NlaSet::POLICY` is the command's `nla_policy`.
    type Request<'a>: NlaSet<'a>;
    /// Handles one request.
    fn handle(family: &F, request: Self::Request<'_>, reply: &mut Reply<'_>)
        -> Result<(), Refusal>;
}

/// A dump command of family `F`.
pub trait DumpCommand<F>: 'static {
    /// `genlmsghdr.cmd`.
    const CMD: u8;
    /// The request; its `NlaSet::POLICY` is the command's `nla_policy`.
    type Request<'a>: NlaSet<'a>;
    /// Writes the dump's messages from `*position` on with [`Dump::put`], advancing
    /// `*position` (kept across calls, 0 at the start), until `put` says the buffer is full
    /// (return `Ok(false)`: called again with a new buffer) or the dump is complete
    /// (`Ok(true)`).
    fn dump(
        family: &F,
        request: Self::Request<'_>,
        position: &mut u64,
        out: &mut Dump<'_>,
    ) -> Result<bool, Refusal>;
}

type DoFn<F> = fn(&F, &[u8], &mut Reply<'_>) -> Result<(), Refusal>;
type DumpFn<F> = fn(&F, &[u8], &mut u64, &mut Dump<'_>) -> Result<bool, Refusal>;

enum Kind<F> {
    Do(DoFn<F>),
    Dump(DumpFn<F>),
}

/// One command of a family: do or dump, its number, its request's policy, its handler.
pub struct Command<F> {
    cmd: u8,
    policy: &'static [PolicyEntry],
    kind: Kind<F>,
}

impl<F: Family> Command<F> {
    /// The do command `C`.
    pub const fn doit<C: DoCommand<F>>() -> Self {
        Command {
            cmd: C::CMD,
            policy: <C::Request<'static> as NlaSet<'static>>::POLICY,
            kind: Kind::Do(run_do::<F, C>),
        }
    }

    /// The dump command `C`.
    pub const fn dumpit<C: DumpCommand<F>>() -> Self {
        Command {
            cmd: C::CMD,
            policy: <C::Request<'static> as NlaSet<'static>>::POLICY,
            kind: Kind::Dump(run_dump::<F, C>),
        }
    }
}

/// Decodes the request `M` strictly, from the whole message (offsets from its `nlmsghdr`).
fn decode<'a, M: NlaSet<'a>>(request: &'a [u8]) -> Result<M, Refusal> {
    let msg = match Messages::new(request).next() {
        Some(Ok(msg)) => msg,
        Some(Err(e)) => return Err(e.into()),
        None => return Err(NlError::new(NlErrorKind::Truncated, 0).into()),
    };
    genl::read_message::<M>(&msg, Mode::Strict)
        .map(|(_, value, _)| value)
        .map_err(Refusal::from)
}

fn run_do<F: Family, C: DoCommand<F>>(
    family: &F,
    request: &[u8],
    reply: &mut Reply<'_>,
) -> Result<(), Refusal> {
    C::handle(family, decode::<C::Request<'_>>(request)?, reply)
}

fn run_dump<F: Family, C: DumpCommand<F>>(
    family: &F,
    request: &[u8],
    position: &mut u64,
    out: &mut Dump<'_>,
) -> Result<bool, Refusal> {
    C::dump(family, decode::<C::Request<'_>>(request)?, position, out)
}

/// The offset, from the `nlmsghdr`, of the last top-level attribute `id` of the generic
/// netlink message `request` (for [`Refusal::at`]).
pub fn attr_offset(request: &[u8], id: u16) -> Option<usize> {
    let msg = Messages::new(request).next()?.ok()?;
    let (_, attrs) = msg.split_header::<GENL_HDRLEN>(Mode::Strict).ok()?;
    find_last(attrs, id).ok().flatten().map(|a| a.offset())
}

/// The kind code `helpers.c` maps to an `NLA_*` type.
fn kind_code(kind: PolicyKind) -> u8 {
    match kind {
        PolicyKind::U8 => 1,
        PolicyKind::U16 => 2,
        PolicyKind::U32 => 3,
        PolicyKind::U64 => 4,
        PolicyKind::S8 => 5,
        PolicyKind::S16 => 6,
        PolicyKind::S32 => 7,
        PolicyKind::S64 => 8,
        PolicyKind::Be16 => 9,
        PolicyKind::Be32 => 10,
        PolicyKind::NulString => 11,
        PolicyKind::Flag => 12,
        PolicyKind::Binary => 13,
        PolicyKind::Nested(_) => 14,
        PolicyKind::NestedArray(_) => 15,
        _ => 0,
    }
}

/// The `nla_policy` tables of a family, freed on drop (after the family is unregistered).
struct Policies {
    // INVARIANT: each from `crosswire_policy_new`, freed only on drop.
    tables: KVec<NonNull<ffi::NlaPolicy>>,
}

impl Policies {
    /// Builds the table of `entries` (index = attribute id) and those of its nests; returns
    /// it and its `maxattr`.
    fn build(
        &mut self,
        entries: &'static [PolicyEntry],
        depth: u32,
    ) -> Result<(*const ffi::NlaPolicy, u16)> {
        if depth > 8 {
            return Err(EINVAL);
        }
        let maxattr = max_id(entries);
        // SAFETY: no preconditions; the result is checked.
        let table = NonNull::new(unsafe { ffi::crosswire_policy_new(maxattr) }).ok_or(ENOMEM)?;
        if let Err(e) = self.tables.push(table, GFP_KERNEL) {
            // SAFETY: just allocated, not kept anywhere.
            unsafe { ffi::crosswire_policy_free(table.as_ptr()) };
            return Err(e.into());
        }
        for e in entries {
            let (nested, len) = match e.policy.kind {
                // For nests, `len` is the inner `maxattr` (`NLA_POLICY_NESTED`).
                PolicyKind::Nested(inner) | PolicyKind::NestedArray(inner) => {
                    self.build(inner, depth.saturating_add(1))?
                }
                _ => (core::ptr::null(), e.policy.len),
            };
            // SAFETY: `table` has `maxattr + 1` entries (the helper checks `e.id` against
            // it); `nested` is null or a table of `self`, which lives as long as this one.
            let err = unsafe {
                ffi::crosswire_policy_set(
                    table.as_ptr(),
                    maxattr,
                    e.id,
                    kind_code(e.policy.kind),
                    len,
                    nested,
                )
            };
            if err != 0 {
                return Err(Error::from_errno(err));
            }
        }
        Ok((table.as_ptr(), maxattr))
    }
}

impl Drop for Policies {
    fn drop(&mut self) {
        for t in self.tables.iter() {
            // SAFETY: from `crosswire_policy_new`, freed once; the family using them is
            // unregistered (or never was) before `Policies` is dropped.
            unsafe { ffi::crosswire_policy_free(t.as_ptr()) };
        }
    }
}

/// A registered family; unregistered on drop.
pub struct Registration<F: Family> {
    // INVARIANT: from `crosswire_genl_new`; registered iff `registered`; its `data` is
    // `&*family`.
    raw: NonNull<ffi::Genl>,
    registered: bool,
    // Dropped after `raw` is unregistered and freed (in `drop`).
    _policies: Policies,
    family: Pin<KBox<F>>,
}

// SAFETY: the C family is only changed by the kernel (under `genl_mutex`) during
// (un)registration; `F: Sync` for the handlers that share it.
unsafe impl<F: Family + Send> Send for Registration<F> {}
// SAFETY: `&Registration` reads the family id and multicasts, both fine concurrently.
unsafe impl<F: Family> Sync for Registration<F> {}

impl<F: Family> Registration<F> {
    /// Registers `family` for `module`. On failure nothing stays registered or allocated.
    pub fn register(family: F, module: &'static ThisModule) -> Result<Self> {
        let family = KBox::pin(family, GFP_KERNEL)?;
        let n_ops = u8::try_from(F::COMMANDS.len()).map_err(|_| EINVAL)?;
        let n_groups = u8::try_from(F::GROUPS.len()).map_err(|_| EINVAL)?;
        let data: *const F = &*family;
        // SAFETY: `NAME` is a C string (copied); `module` is this module; `data` points into
        // the pinned box kept in the registration, valid as long as the family exists.
        let raw = unsafe {
            ffi::crosswire_genl_new(
                F::NAME.as_char_ptr(),
                u32::from(F::VERSION),
                n_ops,
                n_groups,
                module.as_ptr().cast::<ffi::Module>(),
                data.cast_mut().cast::<c_void>(),
            )
        };
        let mut reg = Registration {
            raw: NonNull::new(raw).ok_or(ENOMEM)?,
            registered: false,
            _policies: Policies {
                tables: KVec::new(),
            },
            family,
        };
        // From here on, a failure drops `reg`, which frees what was made.
        for (i, c) in (0u8..).zip(F::COMMANDS) {
            let (policy, maxattr) = reg._policies.build(c.policy, 0)?;
            let (doit, dumpit): (Option<ffi::DoitFn>, Option<ffi::DumpitFn>) = match c.kind {
                Kind::Do(_) => (Some(doit_trampoline::<F>), None),
                Kind::Dump(_) => (None, Some(dumpit_trampoline::<F>)),
            };
            // SAFETY: `raw` is an unregistered family with `n_ops` entries (the helper checks
            // `i`); `policy` lives as long as the family (`_policies`).
            let err = unsafe {
                ffi::crosswire_genl_set_op(
                    reg.raw.as_ptr(),
                    i,
                    c.cmd,
                    policy,
                    maxattr,
                    doit,
                    dumpit,
                )
            };
            if err != 0 {
                return Err(Error::from_errno(err));
            }
        }
        for (i, g) in (0u8..).zip(F::GROUPS) {
            // SAFETY: as above; the name is copied.
            let err =
                unsafe { ffi::crosswire_genl_set_group(reg.raw.as_ptr(), i, g.as_char_ptr()) };
            if err != 0 {
                return Err(Error::from_errno(err));
            }
        }
        // SAFETY: a complete family whose tables live until it is unregistered in `drop`.
        let err = unsafe { ffi::crosswire_genl_register(reg.raw.as_ptr()) };
        if err != 0 {
            return Err(Error::from_errno(err));
        }
        reg.registered = true;
        Ok(reg)
    }

    /// The driver's state.
    pub fn family(&self) -> &F {
        &self.family
    }

    /// Multicasts `msg` to group `group` (an index into [`Family::GROUPS`]); no listener is
    /// not an error.
    pub fn notify<'m, M: GenlMessage<'m>>(&self, group: u32, msg: &M) -> Result {
        // SAFETY: `raw` is a live family (type invariant).
        let id = unsafe { ffi::crosswire_genl_id(self.raw.as_ptr()) };
        multicast(self.raw.as_ptr(), id, group, msg)
    }
}

impl<F: Family> Drop for Registration<F> {
    fn drop(&mut self) {
        if self.registered {
            // SAFETY: registered (type invariant); after this no handler runs any more and
            // the kernel keeps no pointer into the family or its tables.
            unsafe { ffi::crosswire_genl_unregister(self.raw.as_ptr()) };
        }
        // SAFETY: from `crosswire_genl_new`, not registered any more, freed once.
        unsafe { ffi::crosswire_genl_free(self.raw.as_ptr()) };
    }
}

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

/// A socket buffer owned by the caller until it is sent or dropped.
struct Skb {
    // INVARIANT: a valid, linear socket buffer that this value owns.
    raw: NonNull<ffi::SkBuff>,
}

impl Skb {
    fn new(size: usize) -> Result<Skb> {
        let size = u32::try_from(size).map_err(|_| EINVAL)?;
        // SAFETY: process context (a netlink handler or the driver), may sleep; checked.
        let raw = unsafe { ffi::crosswire_skb_new(size) };
        Ok(Skb {
            raw: NonNull::new(raw).ok_or(ENOMEM)?,
        })
    }

    /// Gives up ownership (the socket buffer is sent).
    fn into_raw(self) -> *mut ffi::SkBuff {
        let raw = self.raw.as_ptr();
        core::mem::forget(self);
        raw
    }
}

impl Drop for Skb {
    fn drop(&mut self) {
        // SAFETY: owned (type invariant), not sent.
        unsafe { ffi::crosswire_skb_free(self.raw.as_ptr()) };
    }
}

/// Appends one message of at most `max` bytes to `skb`, written by `write` into zeroed room;
/// returns whether it was written (false: no room or `write` failed, the skb is as before).
///
/// # Safety
///
/// `skb` is a valid, linear socket buffer the caller may write for the call.
unsafe fn append(
    skb: *mut ffi::SkBuff,
    max: usize,
    write: impl FnOnce(&mut NlWriter<'_>) -> Option<()>,
) -> bool {
    let Ok(max32) = u32::try_from(max) else {
        return false;
    };
    // SAFETY: the caller owns `skb`.
    let before = unsafe { ffi::crosswire_skb_len(skb) };
    // SAFETY: as above; the helper checks the tailroom and returns NULL without it, else the
    // start of `max` zeroed bytes of the skb's data, which nothing else uses meanwhile.
    let room = unsafe { ffi::crosswire_skb_put_zero(skb, max32) };
    if room.is_null() {
        return false;
    }
    // SAFETY: `max` initialized bytes (zeroed above), exclusively ours for this call.
    let buf = unsafe { core::slice::from_raw_parts_mut(room, max) };
    let mut w = NlWriter::new(buf);
    let written = write(&mut w).map(|()| w.len());
    let keep = match written.and_then(|n| u32::try_from(n).ok()) {
        Some(n) => before.saturating_add(n),
        None => before,
    };
    // SAFETY: the caller owns `skb`; `keep <= skb->len`: only gives back room.
    unsafe { ffi::crosswire_skb_trim(skb, keep) };
    written.is_some()
}

/// Builds `msg` in a new socket buffer.
fn build<'m, M: GenlMessage<'m>>(msg: &M, family: u16, seq: u32, portid: u32) -> Result<Skb> {
    let skb = Skb::new(M::MAX_MESSAGE_LEN)?;
    // SAFETY: a new linear skb with at least `MAX_MESSAGE_LEN` bytes of room, ours.
    let ok = unsafe {
        append(skb.raw.as_ptr(), M::MAX_MESSAGE_LEN, |w| {
            put(w, msg, family, 0, seq, portid)
        })
    };
    if !ok {
        return Err(Errno::EMSGSIZE.into());
    }
    Ok(skb)
}

/// Multicasts `msg` on `group` of the family `raw` whose id is `id`.
fn multicast<'m, M: GenlMessage<'m>>(raw: *mut ffi::Genl, id: u16, group: u32, msg: &M) -> Result {
    let skb = build(msg, id, 0, 0)?;
    // SAFETY: `raw` is a registered family (callers); the helper checks `group` and takes
    // the skb in every case.
    let err = unsafe { ffi::crosswire_genl_multicast(raw, skb.into_raw(), group) };
    if err < 0 && err != ESRCH.to_errno() {
        return Err(Error::from_errno(err));
    }
    Ok(())
}

/// What a do handler answers through: its replies and notifications.
pub struct Reply<'a> {
    info: *mut ffi::GenlInfo,
    req: &'a ffi::GenlRequest,
    request: &'a [u8],
}

impl Reply<'_> {
    /// The whole request message (offsets count from its `nlmsghdr`, as extended acks do).
    pub fn request(&self) -> &[u8] {
        self.request
    }

    /// Sends `msg` to the requester (`genlmsg_reply`).
    pub fn send<'m, M: GenlMessage<'m>>(&mut self, msg: &M) -> Result<(), Refusal> {
        let skb = build(msg, self.req.family_id, self.req.seq, self.req.portid)?;
        // SAFETY: `info` is the request being handled (valid during the call); the helper
        // takes the skb in every case.
        let err = unsafe { ffi::crosswire_genl_reply(skb.into_raw(), self.info) };
        if err < 0 {
            return Err(Error::from_errno(err).into());
        }
        Ok(())
    }

    /// Multicasts `msg` to group `group` of the family; no listener is not an error.
    pub fn notify<'m, M: GenlMessage<'m>>(&mut self, group: u32, msg: &M) -> Result<(), Refusal> {
        multicast(self.req.genl, self.req.family_id, group, msg).map_err(Refusal::from)
    }
}

/// Where a dump handler writes its messages.
pub struct Dump<'a> {
    skb: *mut ffi::SkBuff,
    req: &'a ffi::GenlRequest,
    flags: u16,
    wrote: bool,
}

impl Dump<'_> {
    /// Appends `msg` as one part of the dump; `Ok(false)` when the buffer is full (the kernel
    /// calls the dump again with a new one).
    pub fn put<'m, M: GenlMessage<'m>>(&mut self, msg: &M) -> Result<bool, Refusal> {
        let max = M::MAX_MESSAGE_LEN;
        // SAFETY: the dump's skb is valid during the callback.
        if usize::try_from(unsafe { ffi::crosswire_skb_tailroom(self.skb) }).unwrap_or(0) < max {
            return Ok(false);
        }
        let (family, flags, seq, portid) = (
            self.req.family_id,
            self.flags,
            self.req.seq,
            self.req.portid,
        );
        // SAFETY: the dump's linear skb, ours during the callback.
        let ok = unsafe { append(self.skb, max, |w| put(w, msg, family, flags, seq, portid)) };
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
/// `req` was filled by the helpers for the request being handled: `msg` starts `len`
/// readable bytes (the netlink core checked `nlmsg_len` against its skb) that do not change
/// for `'a` (the request is not written while it is handled).
unsafe fn request_bytes<'a>(req: &ffi::GenlRequest) -> &'a [u8] {
    let len = usize::try_from(req.len).unwrap_or(0);
    // SAFETY: the caller's guarantee.
    unsafe { core::slice::from_raw_parts(req.msg.cast::<u8>(), len) }
}

/// Fills in the extended ack of `refusal` and returns its errno.
///
/// # Safety
///
/// `extack` is null or the request's extended ack and `nlh` its message, both valid during
/// the call.
unsafe fn refuse(extack: *mut ffi::ExtAck, nlh: *const ffi::NlMsgHdr, refusal: Refusal) -> c_int {
    let msg = refusal.msg.map_or(core::ptr::null(), |m| m.as_char_ptr());
    let bad = refusal
        .bad_attr
        .and_then(|o| u32::try_from(o).ok())
        .unwrap_or(u32::MAX);
    let miss = refusal.missing.map_or(-1, c_int::from);
    // SAFETY: the caller's guarantee; `msg` is a `'static` C string (the ack keeps the
    // pointer); the helper checks that the offset lies inside the message.
    unsafe { ffi::crosswire_extack_set(extack, nlh, msg, bad, miss) };
    refusal.errno.to_errno()
}

/// The command entry of `cmd`.
fn command<F: Family>(cmd: u8) -> Option<&'static Command<F>> {
    F::COMMANDS.iter().find(|c| c.cmd == cmd)
}

/// `genl_ops::doit`.
///
/// # Safety
///
/// Only called by generic netlink with a valid `info` for a request of a family registered by
/// `Registration<F>`.
unsafe extern "C" fn doit_trampoline<F: Family>(
    _skb: *mut ffi::SkBuff,
    info: *mut ffi::GenlInfo,
) -> c_int {
    let mut req = ffi::GenlRequest::empty();
    // SAFETY: `info` is valid during the call.
    unsafe { ffi::crosswire_genl_do_request(info, &mut req) };
    // SAFETY: filled just now, for this request.
    let request = unsafe { request_bytes(&req) };
    // SAFETY: `data` is the `&F` of the registration, which outlives the registered family
    // (the registration unregisters it before dropping `F`).
    let family = unsafe { &*req.data.cast::<F>() };
    let mut reply = Reply {
        info,
        req: &req,
        request,
    };
    let outcome = match command::<F>(req.cmd).map(|c| &c.kind) {
        Some(Kind::Do(run)) => run(family, request, &mut reply),
        _ => Err(Errno::EOPNOTSUPP.into()),
    };
    match outcome {
        Ok(()) => 0,
        // SAFETY: `info` is valid during the call, its extack and message with it.
        Err(refusal) => unsafe {
            refuse(
                ffi::crosswire_genl_do_extack(info),
                ffi::crosswire_genl_do_nlh(info),
                refusal,
            )
        },
    }
}

/// `genl_ops::dumpit`: returns the length written (more to come) or 0 (done; the core then
/// sends `NLMSG_DONE`).
///
/// # Safety
///
/// Only called by netlink's dump machinery with a valid `skb` and `cb` of a family registered
/// by `Registration<F>`.
unsafe extern "C" fn dumpit_trampoline<F: Family>(
    skb: *mut ffi::SkBuff,
    cb: *mut ffi::NetlinkCallback,
) -> c_int {
    let mut req = ffi::GenlRequest::empty();
    // SAFETY: `cb` is valid and ours during the call.
    let args = unsafe { ffi::crosswire_genl_dump_request(cb, &mut req) };
    // SAFETY: filled just now; `cb->nlh` is kept for the whole dump.
    let request = unsafe { request_bytes(&req) };
    // SAFETY: as in `doit_trampoline`.
    let family = unsafe { &*req.data.cast::<F>() };
    // SAFETY: `args` is `cb->args`, six `long`s this dump owns (generic netlink keeps its own
    // state in `cb->data`), zero when the dump starts, ours during the call: [0] the
    // position, [1] the generation the dump began with, [2] 1 once it has begun.
    let args = unsafe { &mut *args.cast::<[c_long; 3]>() };
    let word = |v: u64| c_long::from_ne_bytes(v.to_ne_bytes());
    let generation = word(u64::from(family.generation()));
    if args[2] == 0 {
        args[1] = generation;
        args[2] = word(1);
    }
    let interrupted = args[1] != generation;
    // SAFETY: `cb` is valid during the call.
    unsafe { ffi::crosswire_genl_dump_consistent(cb, interrupted) };
    let mut out = Dump {
        skb,
        req: &req,
        flags: if interrupted {
            NLM_F_MULTI | NLM_F_DUMP_INTR
        } else {
            NLM_F_MULTI
        },
        wrote: false,
    };
    let mut position = u64::from_ne_bytes(args[0].to_ne_bytes());
    let outcome = match command::<F>(req.cmd).map(|c| &c.kind) {
        Some(Kind::Dump(run)) => run(family, request, &mut position, &mut out),
        _ => Err(Errno::EOPNOTSUPP.into()),
    };
    args[0] = word(position);
    match outcome {
        Ok(true) => 0,
        // SAFETY: `skb` is valid during the call.
        Ok(false) if out.wrote => {
            c_int::try_from(unsafe { ffi::crosswire_skb_len(skb) }).unwrap_or(c_int::MAX)
        }
        // Not done, yet nothing fits in an empty buffer: it would never end.
        Ok(false) => Errno::EMSGSIZE.to_negative(),
        // SAFETY: `cb` is valid during the call, its extack and message with it.
        Err(refusal) => unsafe {
            refuse(
                ffi::crosswire_genl_dump_extack(cb),
                ffi::crosswire_genl_dump_nlh(cb),
                refusal,
            )
        },
    }
}
