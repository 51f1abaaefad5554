//! The `nlctrl` generic netlink family (`Documentation/netlink/specs/nlctrl.yaml`),
//! declared with `#[derive(NlaSet)]`: the attribute sets `genl_ctrl_list` and the tests use.

use crosswire::BoundedString;
use crosswire_kernel::netlink::{nla::CBytes, Indexed, NlaSet};

/// `CTRL_CMD_GETFAMILY`: one family by name, or (without a name, with `NLM_F_DUMP`) all.
#[derive(Debug, Default, NlaSet)]
#[nla(family = "nlctrl", version = 2, cmd = 3)]
pub struct GetFamily {
    /// `CTRL_ATTR_FAMILY_NAME`.
    #[nla(id = 2)]
    pub name: Option<BoundedString<16>>,
}

/// `ctrl-attrs`: one family, as `CTRL_CMD_NEWFAMILY` describes it.
#[derive(Debug, NlaSet)]
pub struct FamilyInfo<'a> {
    /// `CTRL_ATTR_FAMILY_ID`.
    #[nla(id = 1)]
    pub id: u16,
    /// `CTRL_ATTR_FAMILY_NAME` (`GENL_NAMSIZ` is 16 with the NUL): bytes, as the kernel
    /// has them.
    #[nla(id = 2)]
    pub name: CBytes<'a, 16>,
    /// `CTRL_ATTR_VERSION`.
    #[nla(id = 3)]
    pub version: u32,
    /// `CTRL_ATTR_HDRSIZE`.
    #[nla(id = 4)]
    pub hdrsize: u32,
    /// `CTRL_ATTR_MAXATTR`.
    #[nla(id = 5)]
    pub maxattr: u32,
    /// `CTRL_ATTR_OPS`: an indexed array of `op-attrs`.
    #[nla(id = 6)]
    pub ops: Option<Indexed<Op, 256>>,
    /// `CTRL_ATTR_MCAST_GROUPS`: an indexed array of `mcast-group-attrs`.
    #[nla(id = 7)]
    pub mcast_groups: Option<Indexed<McastGroup<'a>, 32>>,
}

/// `op-attrs`.
#[derive(Debug, Default, Clone, PartialEq, NlaSet)]
pub struct Op {
    /// `CTRL_ATTR_OP_ID`.
    #[nla(id = 1)]
    pub id: u32,
    /// `CTRL_ATTR_OP_FLAGS` (`GENL_ADMIN_PERM`, `GENL_CMD_CAP_*`).
    #[nla(id = 2)]
    pub flags: Option<u32>,
}

/// `mcast-group-attrs`.
#[derive(Debug, Default, Clone, PartialEq, NlaSet)]
pub struct McastGroup<'a> {
    /// `CTRL_ATTR_MCAST_GRP_NAME`: bytes.
    #[nla(id = 1)]
    pub name: CBytes<'a, 16>,
    /// `CTRL_ATTR_MCAST_GRP_ID`.
    #[nla(id = 2)]
    pub id: u32,
}

use crosswire_kernel::netlink::{
    genl::{self, GENL_ID_CTRL},
    socket::{DumpEvent, DumpOutcome, NlSocket, SocketError},
    NlWriter, NLM_F_DUMP, NLM_F_REQUEST,
};

use crate::json::{array, Object};

/// One family as `genl ctrl list` shows it, in JSON.
pub fn family_json(f: &FamilyInfo<'_>) -> String {
    let ops = f.ops.iter().flat_map(|ops| ops.iter()).map(|op| {
        Object::new()
            .num("id", op.id)
            .num("flags", op.flags.unwrap_or(0))
            .finish()
    });
    let groups = f.mcast_groups.iter().flat_map(|g| g.iter()).map(|g| {
        Object::new()
            .str("name", &g.name.to_string())
            .num("id", g.id)
            .finish()
    });
    Object::new()
        .str("name", &f.name.to_string())
        .num("id", f.id)
        .num("version", f.version)
        .num("hdrsize", f.hdrsize)
        .num("maxattr", f.maxattr)
        .raw("ops", &array(ops))
        .raw("mcast_groups", &array(groups))
        .finish()
}

/// Dumps every generic netlink family (`CTRL_CMD_GETFAMILY` with `NLM_F_DUMP`), at most
/// `tries` times while the dump comes back interrupted, and hands each family to
/// `on_family`; `Start` comes before each try (forget what the tries before gave).
pub fn dump_families(
    sock: &mut NlSocket,
    buf: &mut [u8],
    tries: u32,
    mut on_family: impl FnMut(Option<&FamilyInfo<'_>>),
) -> Result<DumpOutcome, SocketError> {
    let mut req = [0u8; 64];
    let mut w = NlWriter::new(&mut req);
    // The sequence number is written by `dump_retrying`, one per try.
    genl::put_message(
        &mut w,
        &GetFamily::default(),
        GENL_ID_CTRL,
        NLM_F_REQUEST | NLM_F_DUMP,
        0,
    )?;
    let len = w.len();
    sock.dump_retrying(&mut req[..len], buf, tries, |event| {
        match event {
            DumpEvent::Start { .. } => on_family(None),
            DumpEvent::Item(msg) => {
                let (_, family, _) = genl::read_message::<FamilyInfo<'_>>(
                    &msg,
                    crosswire_kernel::netlink::Mode::Liberal,
                )?;
                on_family(Some(&family));
            }
        }
        Ok(())
    })
}
