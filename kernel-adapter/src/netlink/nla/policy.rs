//! The validation policy of a derived attribute set, as data: what a kernel family puts in
//! its `struct nla_policy` table (`include/net/netlink.h`) so that the kernel checks every
//! request before the handler runs, and what `nlctrl`'s `CTRL_CMD_GETPOLICY` shows.
//!
//! `#[derive(NlaSet)]` fills [`NlaSet::POLICY`](super::NlaSet::POLICY) with one
//! [`PolicyEntry`] per field, in declaration order; each payload type says its own
//! [`Policy`] through [`NlaValue::POLICY`](super::NlaValue::POLICY). In a kernel module,
//! `kmod::genl` turns the entries into the command's `nla_policy` array.

/// How the kernel validates one attribute: the `enum netlink_attribute_type` values a
/// derived type can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyKind {
    /// `NLA_UNSPEC`: any payload of at least [`Policy::len`] bytes (fixed C structs, which
    /// newer versions may lengthen).
    Unspec,
    /// `NLA_U8`.
    U8,
    /// `NLA_U16`.
    U16,
    /// `NLA_U32`.
    U32,
    /// `NLA_U64`.
    U64,
    /// `NLA_S8`.
    S8,
    /// `NLA_S16`.
    S16,
    /// `NLA_S32`.
    S32,
    /// `NLA_S64`.
    S64,
    /// `NLA_BE16`: a network-order `u16`.
    Be16,
    /// `NLA_BE32`: a network-order `u32`.
    Be32,
    /// `NLA_NUL_STRING`: NUL-terminated, at most [`Policy::len`] bytes before the NUL.
    NulString,
    /// `NLA_FLAG`: no payload.
    Flag,
    /// `NLA_BINARY`: at most [`Policy::len`] bytes.
    Binary,
    /// `NLA_NESTED`: a nest validated by the inner set's policy.
    Nested(&'static [PolicyEntry]),
    /// `NLA_NESTED_ARRAY`: a nest of nests, each validated by the inner set's policy.
    NestedArray(&'static [PolicyEntry]),
}

/// The policy of one attribute: its kind and, for strings, binaries and `NLA_UNSPEC`, a
/// length (maximum for strings and binaries, minimum for `NLA_UNSPEC`; 0 means no limit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// What the kernel checks.
    pub kind: PolicyKind,
    /// The length bound that goes with `kind`.
    pub len: u16,
}

impl Policy {
    /// `NLA_UNSPEC` without a length: the kernel checks nothing.
    pub const UNSPEC: Policy = Policy::of(PolicyKind::Unspec);

    /// `kind` without a length.
    #[inline]
    pub const fn of(kind: PolicyKind) -> Policy {
        Policy { kind, len: 0 }
    }

    /// `kind` with a length bound, saturated to `u16::MAX` (an attribute cannot be longer).
    #[inline]
    pub const fn with_len(kind: PolicyKind, len: usize) -> Policy {
        // `try_from` is not `const`: compare, then convert what is known to fit.
        let len = if len > 0xFFFF {
            u16::MAX
        } else {
            #[expect(
                clippy::as_conversions,
                clippy::cast_possible_truncation,
                reason = "at most 0xFFFF by the test above"
            )]
            let len = len as u16;
            len
        };
        Policy { kind, len }
    }
}

/// One attribute of a set: its id (`nla_type`) and its policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyEntry {
    /// The attribute id.
    pub id: u16,
    /// How the kernel validates it.
    pub policy: Policy,
}

/// The largest id in `entries` (the `maxattr` of the family or nest), 0 for none.
pub const fn max_id(entries: &[PolicyEntry]) -> u16 {
    let mut max = 0;
    let mut rest = entries;
    while let [first, tail @ ..] = rest {
        if first.id > max {
            max = first.id;
        }
        rest = tail;
    }
    max
}
