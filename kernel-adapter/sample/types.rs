// SPDX-License-Identifier: MIT OR Apache-2.0

//! The messages of the crosswire sample device, shared word for word by the kernel module
//! (`module/sample_main.rs`), the userspace sample program (`user/src/main.rs`) and the
//! qemu test's checker (`tests/kernel/checker/`). Cargo builds it as the crate
//! `crosswire-sample-types` (manifest `types/Cargo.toml`); the kernel module, built by kbuild
//! rather than cargo, includes this one file with `#[path]`.
//!
//! Protocol: `crosswire_kernel::ioctl`'s buffer convention. Each command is a
//! [`Command`]`<Req, Reply, Versioning>`, an `_IOWR(SAMPLE_IOC_TYPE, nr, size)` whose size is
//! the larger of the two messages' `MAX_SIZE` (`_IOR` for [`VERSION`], which has no request). The buffer holds the encoded request, then
//! zeros; the module reads it once, decodes, acts, encodes the reply into the same buffer
//! (then zeros) and returns the reply's length. The errno of every failure is listed in
//! `kernel-adapter/README.md`.
//!
//! Versions of the extensible message [`Settings`]: version 1 has `max_items` and `flags`,
//! version 2 (the module's) adds `timeout_ms`, version 3 adds `priority` and `verbose`. The
//! userspace programs are built as version 1 with this crate's cargo feature `msg-v1`, as
//! version 3 with `msg-v3` (they forward features of the same names); the module is always
//! built as version 2.
//!
//! The C sample module (`cmodule/`) serves the same ioctl commands from the C header
//! generated from these types (`c/crosswire_sample.h`, `cgen/tests/sample_header.rs`).

use crosswire::{BoundedStr, BoundedString, BoundedVec, Decode, Described, Encode, MaxSize};
use crosswire_kernel::{ioctl::Command, message::Extensible, netlink::NlaSet, Errno};

/// The ioctl "type" (magic) byte of the sample device.
pub const SAMPLE_IOC_TYPE: u8 = 0xC5;

/// The plain-struct command.
pub const ARITH: Command<Arith, ArithReply> = Command::new(SAMPLE_IOC_TYPE, 1);
/// The enum command.
pub const OP: Command<Op, OpReply> = Command::new(SAMPLE_IOC_TYPE, 2);
/// The extensible command (its size is this build's version of [`Settings`]; callers built
/// with any version from 1 on are served).
pub const SETTINGS: Command<Settings, SettingsReply, Extensible> = Command::new(SAMPLE_IOC_TYPE, 3);

/// The version command: no request, a [`VersionReply`] with the wire fingerprints of the
/// module's message types. Userspace calls it first and refuses to run on a mismatch
/// ([`VersionReply::mismatch`]); the older commands keep their numbers.
pub const VERSION: Command<(), VersionReply> = Command::new(SAMPLE_IOC_TYPE, 4);

/// Buffer size of [`ARITH`].
pub const ARITH_BUF: usize = Command::<Arith, ArithReply>::SIZE;
/// Buffer size of [`OP`].
pub const OP_BUF: usize = Command::<Op, OpReply>::SIZE;
/// Buffer size of [`VERSION`].
pub const VERSION_BUF: usize = Command::<(), VersionReply>::SIZE;
/// Buffer size of [`SETTINGS`] in this build's version.
pub const SETTINGS_BUF: usize = Command::<Settings, SettingsReply, Extensible>::SIZE;
/// Buffer size of [`SETTINGS`] in version 1, the first published one: the smallest size the
/// module accepts for it (`EINVAL` below, as `clone3` does). From the types: the fields
/// without `#[crosswire(since = N)]`.
pub const SETTINGS_BUF_V1: usize = Command::<Settings, SettingsReply, Extensible>::MIN_SIZE;
const _: () = assert!(SETTINGS_BUF_V1 == 16);
#[cfg(feature = "msg-v1")]
const _: () = assert!(SETTINGS_BUF == SETTINGS_BUF_V1);

/// Command 1 request: a plain struct of fixed-width fields.
#[derive(Encode, Decode, MaxSize, Described, Clone, Debug, PartialEq, Eq, Default)]
pub struct Arith {
    /// Added to `b`.
    pub a: u64,
    /// Added to `a` (sign-extended). A deliberately mismatched build makes this field wider.
    #[cfg(not(feature = "mismatch"))]
    pub b: i32,
    /// The mismatched build's `b`.
    #[cfg(feature = "mismatch")]
    pub b: i64,
    /// Multiplies `d` in the reply.
    pub c: u16,
    /// A small factor.
    pub d: u8,
    /// Negates the sum when set.
    pub negate: bool,
    /// Doubled in the reply when present.
    pub opt: Option<u32>,
    /// Summed in the reply.
    pub arr: [u16; 4],
    /// Echoed, shifted to the next scalar value.
    pub ch: char,
}

/// Command 1 reply.
#[derive(Encode, Decode, MaxSize, Described, Clone, Debug, PartialEq, Eq, Default)]
pub struct ArithReply {
    /// `a + b` (wrapping), negated if `negate`.
    pub sum: u64,
    /// `c * d`.
    pub product: u32,
    /// `opt * 2` (wrapping).
    pub opt_doubled: Option<u64>,
    /// Sum of `arr`.
    pub arr_sum: u32,
    /// `!negate`.
    pub not_negate: bool,
    /// `ch` as a number.
    pub ch_code: u32,
}

impl Arith {
    /// What the module answers.
    pub fn reply(&self) -> ArithReply {
        #[allow(
            clippy::useless_conversion,
            reason = "`b` is already an i64 in the mismatched build"
        )]
        let mut sum = self.a.wrapping_add(i64::from(self.b) as u64);
        if self.negate {
            sum = sum.wrapping_neg();
        }
        ArithReply {
            sum,
            product: u32::from(self.c) * u32::from(self.d),
            opt_doubled: self.opt.map(|v| u64::from(v) * 2),
            arr_sum: self.arr.iter().map(|&v| u32::from(v)).sum(),
            not_negate: !self.negate,
            ch_code: u32::from(self.ch),
        }
    }
}

/// A short name.
pub type Name = BoundedString<32>;

/// Command 2 request: an enum whose variants carry bounded strings and sequences.
#[derive(Encode, Decode, MaxSize, Described, Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Returns the text unchanged.
    Echo(Name),
    /// Returns the text in ASCII upper case.
    Upper {
        /// The text.
        text: Name,
    },
    /// Returns the sum of the values.
    Sum(BoundedVec<u32, 16>),
    /// Returns the items in reverse order.
    Reverse(BoundedVec<u16, 24>),
    /// Returns statistics about a named series.
    Stats {
        /// Series name.
        name: BoundedString<16>,
        /// The series.
        values: BoundedVec<i16, 8>,
        /// Optional flag, echoed.
        flag: Option<bool>,
    },
    /// Does nothing.
    Nop,
}

/// Command 2 reply.
#[derive(Encode, Decode, MaxSize, Described, Clone, Debug, PartialEq, Eq)]
pub enum OpReply {
    /// A text result.
    Text(Name),
    /// A number.
    Total(u64),
    /// A sequence.
    Items(BoundedVec<u16, 24>),
    /// Statistics.
    Stats {
        /// Number of values.
        count: u32,
        /// Smallest value (0 when empty).
        min: i16,
        /// Largest value (0 when empty).
        max: i16,
        /// Byte length of the name.
        name_len: u8,
        /// The request's flag.
        flag: Option<bool>,
    },
    /// Nothing.
    Done,
}

impl Op {
    /// What the module answers.
    pub fn reply(&self) -> OpReply {
        match self {
            Op::Echo(text) => OpReply::Text(*text),
            Op::Upper { text } => {
                let mut out = Name::new();
                for ch in text.as_str().chars() {
                    let mut b = [0u8; 4];
                    // Upper-casing ASCII keeps the length, so this cannot exceed the capacity.
                    let _ = out.push_str(ch.to_ascii_uppercase().encode_utf8(&mut b));
                }
                OpReply::Text(out)
            }
            Op::Sum(values) => OpReply::Total(values.iter().map(|&v| u64::from(v)).sum()),
            Op::Reverse(items) => {
                let mut out = BoundedVec::new();
                for &item in items.iter().rev() {
                    // Same capacity as the request: cannot overflow.
                    let _ = out.push(item);
                }
                OpReply::Items(out)
            }
            Op::Stats { name, values, flag } => OpReply::Stats {
                count: values.len() as u32,
                min: values.iter().copied().min().unwrap_or(0),
                max: values.iter().copied().max().unwrap_or(0),
                name_len: name.as_str().len() as u8,
                flag: *flag,
            },
            Op::Nop => OpReply::Done,
        }
    }
}

/// The version of [`Settings`] this build knows.
#[cfg(feature = "msg-v1")]
pub const SETTINGS_VERSION: u32 = 1;
/// The version of [`Settings`] this build knows.
#[cfg(all(not(feature = "msg-v1"), not(feature = "msg-v3")))]
pub const SETTINGS_VERSION: u32 = 2;
/// The version of [`Settings`] this build knows.
#[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
pub const SETTINGS_VERSION: u32 = 3;

/// Whether this build has the module's messages (version 2, not the mismatched build): the
/// ones the C header is made from.
pub const MODULE_MESSAGES: bool = SETTINGS_VERSION == 2 && !cfg!(feature = "mismatch");

/// A [`Settings::flags`] bit no version defines: the module refuses it with `EOPNOTSUPP`.
pub const FLAG_RESERVED: u32 = 1 << 31;

/// Command 3 request: a size-versioned (extensible) struct. Fields are only ever appended.
#[derive(Encode, Decode, MaxSize, Described, Clone, Debug, PartialEq, Eq, Default)]
#[crosswire(extensible)]
pub struct Settings {
    /// Version 1.
    pub max_items: u32,
    /// Version 1. [`FLAG_RESERVED`] is refused.
    pub flags: u32,
    /// Version 2.
    #[cfg(not(feature = "msg-v1"))]
    #[crosswire(since = 2)]
    pub timeout_ms: u64,
    /// Version 3.
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
    #[crosswire(since = 3)]
    pub priority: u16,
    /// Version 3.
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
    #[crosswire(since = 3)]
    pub verbose: bool,
}

/// Command 3 reply: the settings as the module understood them, and the module's version.
/// Also extensible, so an older program reads a newer module's reply (and the reverse).
#[derive(Encode, Decode, MaxSize, Described, Clone, Debug, PartialEq, Eq, Default)]
#[crosswire(extensible)]
pub struct SettingsReply {
    /// The module's [`SETTINGS_VERSION`].
    pub version: u32,
    /// `max_items`, capped at 1000.
    pub max_items: u32,
    /// `flags`, echoed.
    pub flags: u32,
    /// `timeout_ms`, echoed (version 2).
    #[cfg(not(feature = "msg-v1"))]
    #[crosswire(since = 2)]
    pub timeout_ms: u64,
    /// `priority`, echoed (version 3).
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
    #[crosswire(since = 3)]
    pub priority: u16,
    /// `verbose`, echoed (version 3).
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
    #[crosswire(since = 3)]
    pub verbose: bool,
}

impl Settings {
    /// What a module of this build's version answers: `EOPNOTSUPP` for a reserved flag.
    pub fn reply(&self) -> Result<SettingsReply, Errno> {
        if self.flags & FLAG_RESERVED != 0 {
            return Err(Errno::EOPNOTSUPP);
        }
        Ok(SettingsReply {
            version: SETTINGS_VERSION,
            max_items: self.max_items.min(1000),
            flags: self.flags,
            #[cfg(not(feature = "msg-v1"))]
            timeout_ms: self.timeout_ms,
            #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
            priority: self.priority,
            #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
            verbose: self.verbose,
        })
    }
}

/// The [`VERSION`] reply: the wire format and [`Settings`] versions of the module, and the
/// `crosswire::schema` fingerprint of each message type of the ioctl commands as the module
/// was built (a C module sends its generated header's `*_FINGERPRINT` constants). Fixed:
/// its shape never changes, so that every build can read it.
#[derive(Encode, Decode, MaxSize, Described, Clone, Debug, PartialEq, Eq, Default)]
pub struct VersionReply {
    /// `crosswire::WIRE_FORMAT_VERSION`.
    pub wire_format: u32,
    /// The module's [`SETTINGS_VERSION`].
    pub settings_version: u32,
    /// `Arith::FINGERPRINT`.
    pub arith: u64,
    /// `ArithReply::FINGERPRINT`.
    pub arith_reply: u64,
    /// `Op::FINGERPRINT`.
    pub op: u64,
    /// `OpReply::FINGERPRINT`.
    pub op_reply: u64,
    /// `Settings::FINGERPRINT` (of the module's version).
    pub settings: u64,
    /// `SettingsReply::FINGERPRINT` (of the module's version).
    pub settings_reply: u64,
}

impl VersionReply {
    /// This build's versions and fingerprints: what the module answers, and what
    /// userspace compares the module's answer with.
    pub const fn ours() -> VersionReply {
        VersionReply {
            wire_format: crosswire::WIRE_FORMAT_VERSION,
            settings_version: SETTINGS_VERSION,
            arith: Arith::FINGERPRINT,
            arith_reply: ArithReply::FINGERPRINT,
            op: Op::FINGERPRINT,
            op_reply: OpReply::FINGERPRINT,
            settings: Settings::FINGERPRINT,
            settings_reply: SettingsReply::FINGERPRINT,
        }
    }

    /// What differs between the module's answer (`self`) and this build (`ours`), or
    /// `None` when both sides were built from the same wire shapes. The extensible pair is
    /// compared only when both claim the same [`SETTINGS_VERSION`]: other versions differ
    /// by design, and size versioning serves them.
    pub fn mismatch(&self, ours: &VersionReply) -> Option<&'static str> {
        let same_settings = self.settings_version == ours.settings_version;
        let checks = [
            (
                self.wire_format == ours.wire_format,
                "the wire format version",
            ),
            (self.arith == ours.arith, "the fingerprint of Arith"),
            (
                self.arith_reply == ours.arith_reply,
                "the fingerprint of ArithReply",
            ),
            (self.op == ours.op, "the fingerprint of Op"),
            (self.op_reply == ours.op_reply, "the fingerprint of OpReply"),
            (
                !same_settings || self.settings == ours.settings,
                "the fingerprint of Settings (same version on both sides)",
            ),
            (
                !same_settings || self.settings_reply == ours.settings_reply,
                "the fingerprint of SettingsReply (same version on both sides)",
            ),
        ];
        checks
            .into_iter()
            .find(|(same, _)| !same)
            .map(|(_, what)| what)
    }
}

/// The shared-memory rings (`docs/ring-format.md`, "The kernel side"): each open file of the
/// device has two, requests (userspace produces, the module consumes) and replies (the
/// module produces, userspace consumes), mapped with `mmap` at the page offsets below.
///
/// Wake-up: userspace rings [`RING_DOORBELL`] after producing; the module drains the
/// requests, answers each into the replies ring, wakes [`RING_WAIT`] sleepers (another
/// thread may wait for replies there) and returns how many replies it wrote
/// (`EPROTO` when a ring is corrupt, after which only [`RING_RESET`] or a new open helps;
/// `EBADMSG` when some frame did not decode, the others being answered).
pub const RING_DOORBELL: u32 = crosswire_kernel::ioctl::io(SAMPLE_IOC_TYPE, 10);
/// Rewrites both rings' headers and counters and re-attaches the module's endpoints.
pub const RING_RESET: u32 = crosswire_kernel::ioctl::io(SAMPLE_IOC_TYPE, 11);
/// The other direction of wake-up: the argument is how many replies the caller has seen
/// since the last reset (modulo 2^32); the call sleeps until the module's count differs and
/// returns it, or fails with `EAGAIN` after [`RING_WAIT_MS`] (`EINTR` on a signal).
pub const RING_WAIT: u32 = crosswire_kernel::ioctl::io(SAMPLE_IOC_TYPE, 12);
/// The longest [`RING_WAIT`] sleeps.
pub const RING_WAIT_MS: u32 = 1000;

/// The page size the ring layout is built for (x86-64).
pub const RING_PAGE: usize = 4096;
/// Slots in each ring.
pub const RING_SLOTS: u32 = 256;
/// Bytes of a slot, its 8-byte frame header included.
pub const RING_SLOT_SIZE: u32 = 64;
/// The pages of one ring: page 0 holds the header and the producer line, page 1 the
/// consumer line alone (so that it alone can be mapped writable), the slots follow.
pub const RING_PAGES: usize = 2 + RING_DATA_PAGES;
const RING_DATA_PAGES: usize = (RING_SLOTS as usize * RING_SLOT_SIZE as usize) / RING_PAGE;
/// The `mmap` page offset of the requests ring (read-write).
pub const REQUESTS_PGOFF: usize = 0;
/// The `mmap` page offset of the replies ring (read-only; `PROT_WRITE` is refused).
pub const REPLIES_PGOFF: usize = RING_PAGES;
/// The `mmap` page offset of the replies ring's consumer page alone, the one page of it
/// userspace may map writable (mapped with `MAP_FIXED` over the read-only view's page 1).
pub const REPLIES_CONSUMER_PGOFF: usize = RING_PAGES + 1;

/// The layout of both rings: header and producer line on page 0, consumer line alone on
/// page 1, then the slots. A constant: an inconsistent geometry fails to compile.
pub const RING_LAYOUT: crosswire_kernel::ring::Layout = {
    const PAGE: u32 = RING_PAGE as u32;
    match crosswire_kernel::ring::Layout::new(
        RING_SLOTS,
        RING_SLOT_SIZE,
        crosswire_kernel::ring::LINE,
        PAGE,
        2 * PAGE,
        (RING_PAGES * RING_PAGE) as u32,
    ) {
        Ok(layout) => layout,
        Err(_) => panic!("the ring layout constants are inconsistent"),
    }
};
const _: () = assert!(RING_LAYOUT.region_size() == RING_PAGES * RING_PAGE);

/// The buffer a ring message is copied into before decoding (at least both messages'
/// `MAX_SIZE`, at most a slot's payload).
pub const RING_MSG_BUF: usize = 56;
const _: () = assert!(RingRequest::MAX_SIZE <= RING_MSG_BUF && RingReply::MAX_SIZE <= RING_MSG_BUF);
const _: () = assert!(RING_MSG_BUF <= RING_LAYOUT.max_frame());

/// A request sent over the requests ring.
#[derive(Encode, Decode, MaxSize, Clone, Debug, PartialEq, Eq)]
pub struct RingRequest {
    /// Echoed in the reply: the requests' order.
    pub seq: u32,
    /// Summed and folded in the reply.
    pub values: BoundedVec<u32, 8>,
}

/// The module's answer to a [`RingRequest`], sent over the replies ring.
#[derive(Encode, Decode, MaxSize, Clone, Debug, PartialEq, Eq)]
pub struct RingReply {
    /// The request's `seq`.
    pub seq: u32,
    /// How many values the request held.
    pub count: u8,
    /// Their sum.
    pub sum: u64,
    /// Their exclusive or, rotated by one bit per position.
    pub fold: u32,
}

impl RingRequest {
    /// What the module answers.
    pub fn reply(&self) -> RingReply {
        let values = self.values.as_slice();
        RingReply {
            seq: self.seq,
            count: u8::try_from(values.len()).unwrap_or(u8::MAX),
            sum: values
                .iter()
                .fold(0u64, |s, &v| s.wrapping_add(u64::from(v))),
            fold: values
                .iter()
                .zip(0u32..)
                .fold(0, |f, (&v, i)| f ^ v.rotate_left(i)),
        }
    }
}

// ---- The generic-netlink family -------------------------------------------------------------
//
// The module registers the family `GENL_FAMILY`; its `nla_policy` tables are made from the
// derived types' `NlaSet::POLICY`, so the kernel validates each request (strictly: unknown
// attributes, wrong sizes, missing `NLA_F_NESTED` are refused) before the handler runs.

/// The family name (at most 15 bytes: `GENL_NAMSIZ` counts the NUL).
pub const GENL_FAMILY: &str = "crosswire_genl";
/// The family version.
pub const GENL_VERSION: u8 = 1;
/// The family's multicast group, on which [`Event`]s are sent.
pub const GENL_GROUP: &str = "events";
/// Do command: an [`Echo`] request, an [`EchoReply`] reply.
pub const GENL_CMD_ECHO: u8 = 1;
/// Dump command: a [`List`] request, one [`Item`] message per item.
pub const GENL_CMD_LIST: u8 = 2;
/// Notification command: an [`Event`] on [`GENL_GROUP`].
pub const GENL_CMD_EVENT: u8 = 3;
/// The most items a [`List`] dump may ask for.
pub const LIST_MAX: u32 = 5000;

/// A range, nested in [`Echo`]; the module refuses `lo > hi` (an extended ack points at the
/// nest).
#[derive(NlaSet, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Range {
    /// The low end.
    #[nla(id = 1)]
    pub lo: u32,
    /// The high end (inclusive).
    #[nla(id = 2)]
    pub hi: u32,
}

/// The [`GENL_CMD_ECHO`] request.
#[derive(NlaSet, Clone, Copy, Debug, PartialEq, Eq)]
#[nla(family = "crosswire_genl", version = 1, cmd = 1)]
pub struct Echo<'a> {
    /// A number the reply echoes, plus one.
    #[nla(id = 1)]
    pub value: u32,
    /// A text the reply echoes (UTF-8: the kernel's `NLA_NUL_STRING` policy does not check
    /// that, the module's decoder does).
    #[nla(id = 2)]
    pub text: BoundedStr<'a, 32>,
    /// A range whose sum the reply carries.
    #[nla(id = 3)]
    pub range: Option<Range>,
    /// Also send an [`Event`] to [`GENL_GROUP`].
    #[nla(id = 4)]
    pub notify: bool,
}

/// The [`GENL_CMD_ECHO`] reply.
#[derive(NlaSet, Clone, Copy, Debug, PartialEq, Eq)]
#[nla(family = "crosswire_genl", version = 1, cmd = 1)]
pub struct EchoReply<'a> {
    /// The request's value plus one (wrapping).
    #[nla(id = 1)]
    pub value: u32,
    /// The request's text.
    #[nla(id = 2)]
    pub text: BoundedStr<'a, 32>,
    /// `lo + (lo + 1) + ... + hi`, when the request had a range.
    #[nla(id = 3)]
    pub sum: Option<u64>,
}

impl<'a> Echo<'a> {
    /// What the module answers, or `None` when it refuses the request (`lo > hi`).
    pub fn reply(&self) -> Option<EchoReply<'a>> {
        let sum = match self.range {
            Some(r) if r.lo > r.hi => return None,
            Some(r) => Some(range_sum(r)),
            None => None,
        };
        Some(EchoReply {
            value: self.value.wrapping_add(1),
            text: self.text,
            sum,
        })
    }
}

/// `lo + ... + hi` for `lo <= hi`, without overflow (`u32` terms, at most 2^32 of them).
fn range_sum(r: Range) -> u64 {
    let (lo, hi) = (u64::from(r.lo), u64::from(r.hi));
    let n = hi.saturating_sub(lo).saturating_add(1);
    // (lo + hi) * n / 2 without overflow: one of n and lo + hi is even.
    let s = lo.saturating_add(hi);
    if n % 2 == 0 {
        (n / 2).wrapping_mul(s)
    } else {
        n.wrapping_mul(s / 2)
    }
}

/// The [`GENL_CMD_EVENT`] notification the module multicasts for an [`Echo`] with
/// `notify`.
#[derive(NlaSet, Clone, Copy, Debug, PartialEq, Eq)]
#[nla(family = "crosswire_genl", version = 1, cmd = 3)]
pub struct Event<'a> {
    /// The request's value.
    #[nla(id = 1)]
    pub value: u32,
    /// The request's text.
    #[nla(id = 2)]
    pub text: BoundedStr<'a, 32>,
}

/// The [`GENL_CMD_LIST`] dump request.
#[derive(NlaSet, Clone, Copy, Debug, PartialEq, Eq)]
#[nla(family = "crosswire_genl", version = 1, cmd = 2)]
pub struct List {
    /// How many items (at most [`LIST_MAX`]).
    #[nla(id = 1)]
    pub count: u32,
}

/// One message of a [`GENL_CMD_LIST`] dump.
#[derive(NlaSet, Clone, Debug, PartialEq, Eq)]
#[nla(family = "crosswire_genl", version = 1, cmd = 2)]
pub struct Item {
    /// The item's index, from 0.
    #[nla(id = 1)]
    pub index: u32,
    /// `"item-<index>"`.
    #[nla(id = 2)]
    pub name: BoundedString<16>,
    /// `index * index`.
    #[nla(id = 3)]
    pub square: u64,
}

impl Item {
    /// The item at `index`.
    pub fn at(index: u32) -> Item {
        // "item-" and the (at most 10) digits, written from the end.
        let mut text = *b"item-0000000000";
        let mut start = text.len();
        let mut n = index;
        while let Some(slot) = start.checked_sub(1).and_then(|i| text.get_mut(i)) {
            *slot = b'0'.wrapping_add(u8::try_from(n % 10).unwrap_or(0));
            start -= 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let digits = text.get(start..).unwrap_or(&[]);
        let mut name = BoundedString::new();
        // At most 15 bytes of ASCII: always fits, always UTF-8.
        let _ = name.push_str("item-");
        let _ = name.push_str(core::str::from_utf8(digits).unwrap_or(""));
        let square = u64::from(index).wrapping_mul(u64::from(index));
        Item {
            index,
            name,
            square,
        }
    }
}
