// SPDX-License-Identifier: GPL-2.0

//! The sample's generic-netlink family, `crosswire_genl`: its commands and attribute sets
//! are the derived types of `../types.rs`, shared with the userspace programs, and its
//! `nla_policy` tables are their `NlaSet::POLICY` (registered by `genl_family.rs`, where
//! the `unsafe` is).
//!
//! - `ECHO` (do): an `Echo` request, an `EchoReply`; with `notify`, also an `Event` on the
//!   `events` group. A request the policy let through but crosswire's strict decoder refuses
//!   (a string that is not UTF-8 or has bytes after its NUL, a missing required attribute)
//!   or a range with `lo > hi` gets `EINVAL` with an extended ack: a message and the
//!   offending attribute's offset (or the missing attribute's type).
//! - `LIST` (dump): `List { count }` gives `count` `Item` messages, as many per socket buffer
//!   as fit, so a long dump spans several `recv` calls.

use crosswire_kernel::netlink::{find_last, genl, Messages, Mode, NlError, NlErrorKind, NlaSet};
use crosswire_kernel::Errno;
use kernel::c_str;
use kernel::prelude::*;

use crate::genl_family::{Command, DumpSink, Family, Refusal, Sender};
use crate::types::{
    Echo, Event, Item, List, GENL_CMD_ECHO, GENL_CMD_LIST, GENL_FAMILY, GENL_GROUP, GENL_VERSION,
    LIST_MAX,
};

/// The family `crosswire_genl`.
pub(crate) struct SampleFamily;

/// The attribute id of `Echo::range`.
const ECHO_RANGE: u16 = 3;

/// Decodes the request `M` strictly, from the whole message (offsets from its `nlmsghdr`).
fn decode<'a, M: NlaSet<'a>>(request: &'a [u8]) -> Result<M, Refusal> {
    let msg = match Messages::new(request).next() {
        Some(Ok(msg)) => msg,
        Some(Err(e)) => return Err(refusal(e)),
        None => return Err(refusal(NlError::new(NlErrorKind::Truncated, 0))),
    };
    genl::read_message::<M>(&msg, Mode::Strict)
        .map(|(_, value, _)| value)
        .map_err(refusal)
}

/// The extended ack of a decoding error.
fn refusal(e: NlError) -> Refusal {
    let (msg, bad_attr, missing) = match e.kind() {
        NlErrorKind::MissingAttribute { id } => (
            c_str!("crosswire: a required attribute is missing"),
            None,
            Some(id),
        ),
        NlErrorKind::BadString { .. } => (
            c_str!("crosswire: string attribute is not NUL-terminated UTF-8"),
            Some(e.offset()),
            None,
        ),
        NlErrorKind::UnknownAttribute { .. } => (
            c_str!("crosswire: unknown attribute"),
            Some(e.offset()),
            None,
        ),
        _ => (
            c_str!("crosswire: malformed attribute"),
            Some(e.offset()),
            None,
        ),
    };
    Refusal {
        errno: EINVAL,
        msg,
        bad_attr,
        missing,
    }
}

fn echo(request: &[u8], out: &mut Sender<'_>) -> Result<(), Refusal> {
    let req: Echo<'_> = decode(request)?;
    let Some(reply) = req.reply() else {
        // Only a bad range is refused: point at it.
        let at = Messages::new(request)
            .next()
            .and_then(|m| m.ok())
            .and_then(|m| m.split_header::<{ genl::GENL_HDRLEN }>(Mode::Strict).ok())
            .and_then(|(_, attrs)| find_last(attrs, ECHO_RANGE).ok().flatten())
            .map(|a| a.offset());
        return Err(Refusal {
            errno: EINVAL,
            msg: c_str!("crosswire_genl: range has lo > hi"),
            bad_attr: at,
            missing: None,
        });
    };
    let failed = |errno| Refusal {
        errno,
        msg: c_str!("crosswire_genl: could not send"),
        bad_attr: None,
        missing: None,
    };
    out.reply(&reply).map_err(failed)?;
    if req.notify {
        out.notify(&Event {
            value: req.value,
            text: req.text,
        })
        .map_err(failed)?;
    }
    Ok(())
}

impl Family for SampleFamily {
    const NAME: &'static str = GENL_FAMILY;
    const VERSION: u8 = GENL_VERSION;
    const GROUP: &'static str = GENL_GROUP;
    const COMMANDS: &'static [Command] = &[
        Command {
            cmd: GENL_CMD_ECHO,
            policy: <Echo<'static> as NlaSet<'static>>::POLICY,
            dump: false,
        },
        Command {
            cmd: GENL_CMD_LIST,
            policy: <List as NlaSet<'static>>::POLICY,
            dump: true,
        },
    ];
    const MAX_DUMP_MESSAGE: usize = <Item as genl::GenlMessage<'static>>::MAX_MESSAGE_LEN;

    fn doit(cmd: u8, request: &[u8], out: &mut Sender<'_>) -> Result<(), Refusal> {
        match cmd {
            GENL_CMD_ECHO => echo(request, out),
            _ => Err(Refusal {
                errno: Errno::EOPNOTSUPP.into(),
                msg: c_str!("crosswire_genl: not a do command"),
                bad_attr: None,
                missing: None,
            }),
        }
    }

    fn dumpit(cmd: u8, request: &[u8], next: &mut u64, out: &mut DumpSink<'_>) -> Result<bool> {
        if cmd != GENL_CMD_LIST {
            return Err(Errno::EOPNOTSUPP.into());
        }
        let list: List = decode(request).map_err(|r| r.errno)?;
        if list.count > LIST_MAX {
            return Err(EINVAL);
        }
        loop {
            let index = u32::try_from(*next).map_err(|_| EINVAL)?;
            if index >= list.count {
                return Ok(true);
            }
            if !out.put(&Item::at(index))? {
                return Ok(false);
            }
            *next = next.saturating_add(1);
        }
    }
}
