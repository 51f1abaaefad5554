// SPDX-License-Identifier: GPL-2.0

//! The sample's generic-netlink family, `crosswire_genl`: its commands and attribute sets
//! are the derived types of `../types.rs`, shared with the userspace programs, and its
//! `nla_policy` tables are their `NlaSet::POLICY` (`crosswire_kernel::kmod::genl` builds
//! and registers them).
//!
//! - `ECHO` (do): an `Echo` request, an `EchoReply`; with `notify`, also an `Event` on the
//!   `events` group, and the family's generation changes (a dump running meanwhile is
//!   marked `NLM_F_DUMP_INTR`). A range with `lo > hi` gets `EINVAL` with an extended ack
//!   pointing at it; a request crosswire's strict decoder refuses gets the library's.
//! - `LIST` (dump): `List { count }` gives `count` `Item` messages, as many per socket buffer
//!   as fit, so a long dump spans several `recv` calls.

use core::sync::atomic::{AtomicU32, Ordering};

use crosswire_kernel::kmod::genl::{
    attr_offset, Command, DoCommand, Dump, DumpCommand, Family, Refusal, Reply,
};
use kernel::c_str;
use kernel::prelude::*;
use kernel::str::CStr;

use crate::types::{Echo, Event, Item, List, GENL_CMD_ECHO, GENL_CMD_LIST, GENL_VERSION, LIST_MAX};

/// The family `crosswire_genl` (`types::GENL_FAMILY`; the checker resolves it by that name).
pub(crate) struct SampleFamily {
    /// Bumped by every notifying `ECHO`.
    generation: AtomicU32,
}

impl SampleFamily {
    pub(crate) fn new() -> Self {
        SampleFamily {
            generation: AtomicU32::new(0),
        }
    }
}

/// The attribute id of `Echo::range`.
const ECHO_RANGE: u16 = 3;

impl Family for SampleFamily {
    const NAME: &'static CStr = c_str!("crosswire_genl");
    const VERSION: u8 = GENL_VERSION;
    /// `types::GENL_GROUP`.
    const GROUPS: &'static [&'static CStr] = &[c_str!("events")];
    const COMMANDS: &'static [Command<Self>] =
        &[Command::doit::<EchoCmd>(), Command::dumpit::<ListCmd>()];

    fn generation(&self) -> u32 {
        self.generation.load(Ordering::Relaxed)
    }
}

struct EchoCmd;

impl DoCommand<SampleFamily> for EchoCmd {
    const CMD: u8 = GENL_CMD_ECHO;
    type Request<'a> = Echo<'a>;

    fn handle(f: &SampleFamily, req: Echo<'_>, reply: &mut Reply<'_>) -> Result<(), Refusal> {
        let Some(answer) = req.reply() else {
            // Only a bad range is refused: point at it.
            let at = attr_offset(reply.request(), ECHO_RANGE);
            return Err(Refusal::new(EINVAL, c_str!("crosswire_genl: range has lo > hi")).at(at));
        };
        reply.send(&answer)?;
        if req.notify {
            f.generation.fetch_add(1, Ordering::Relaxed);
            reply.notify(
                0,
                &Event {
                    value: req.value,
                    text: req.text,
                },
            )?;
        }
        Ok(())
    }
}

struct ListCmd;

impl DumpCommand<SampleFamily> for ListCmd {
    const CMD: u8 = GENL_CMD_LIST;
    type Request<'a> = List;

    fn dump(
        _: &SampleFamily,
        list: List,
        next: &mut u64,
        out: &mut Dump<'_>,
    ) -> Result<bool, Refusal> {
        if list.count > LIST_MAX {
            return Err(EINVAL.into());
        }
        while *next < u64::from(list.count) {
            let index = u32::try_from(*next).map_err(|_| EINVAL)?;
            if !out.put(&Item::at(index))? {
                return Ok(false);
            }
            *next = next.saturating_add(1);
        }
        Ok(true)
    }
}
