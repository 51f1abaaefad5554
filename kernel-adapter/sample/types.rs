// SPDX-License-Identifier: MIT OR Apache-2.0

//! The messages of the crosswire sample device, shared word for word by the kernel module
//! (`module/sample_main.rs`), the userspace sample program (`user/src/main.rs`) and the
//! qemu test's checker (`tests/kernel/checker/`), all of which include this file with
//! `#[path]`.
//!
//! Protocol: `crosswire_kernel::ioctl`'s buffer convention. Each command is a
//! [`Command`]`<Req, Reply, Versioning>`, an `_IOWR(SAMPLE_IOC_TYPE, nr, size)` whose size is
//! the larger of the two messages' `MAX_SIZE`. The buffer holds the encoded request, then
//! zeros; the module reads it once, decodes, acts, encodes the reply into the same buffer
//! (then zeros) and returns the reply's length. The errno of every failure is listed in
//! `kernel-adapter/README.md`.
//!
//! Versions of the extensible message [`Settings`]: version 1 has `max_items` and `flags`,
//! version 2 (the module's) adds `timeout_ms`, version 3 adds `priority` and `verbose`. The
//! userspace program is built as version 1 with the cargo feature `msg-v1`, as version 3 with
//! `msg-v3`; the module is always built as version 2.

use crosswire::{BoundedString, BoundedVec, Decode, Described, Encode, MaxSize};
use crosswire_kernel::{ioctl::Command, message::Extensible, Errno};

/// The ioctl "type" (magic) byte of the sample device.
pub const SAMPLE_IOC_TYPE: u8 = 0xC5;

/// The plain-struct command.
pub const ARITH: Command<Arith, ArithReply> = Command::new(SAMPLE_IOC_TYPE, 1);
/// The enum command.
pub const OP: Command<Op, OpReply> = Command::new(SAMPLE_IOC_TYPE, 2);
/// The extensible command (its size is this build's version of [`Settings`]; callers built
/// with any version from 1 on are served).
pub const SETTINGS: Command<Settings, SettingsReply, Extensible<SETTINGS_BUF_V1>> =
    Command::new(SAMPLE_IOC_TYPE, 3);

/// Buffer size of [`ARITH`].
pub const ARITH_BUF: usize = Command::<Arith, ArithReply>::SIZE;
/// Buffer size of [`OP`].
pub const OP_BUF: usize = Command::<Op, OpReply>::SIZE;
/// Buffer size of [`SETTINGS`] in this build's version.
pub const SETTINGS_BUF: usize =
    Command::<Settings, SettingsReply, Extensible<SETTINGS_BUF_V1>>::SIZE;
/// Buffer size of [`SETTINGS`] in version 1, the first published one: the smallest size the
/// module accepts for it (`EINVAL` below, as `clone3` does).
pub const SETTINGS_BUF_V1: usize = 16;
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
    pub timeout_ms: u64,
    /// Version 3.
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
    pub priority: u16,
    /// Version 3.
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
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
    pub timeout_ms: u64,
    /// `priority`, echoed (version 3).
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
    pub priority: u16,
    /// `verbose`, echoed (version 3).
    #[cfg(all(not(feature = "msg-v1"), feature = "msg-v3"))]
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
