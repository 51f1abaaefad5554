//! The netlink benchmark's operations, one function per library, shared by the criterion
//! bench (`main.rs`) and the agreement test (`agree.rs`, beside it).
//!
//! Decoding: every `RTM_NEWLINK` message of a captured link dump, reading the same
//! fields with each library (index, name, MTU, queue length, operational state, peer link,
//! hardware address) into a [`Summary`], so that the test can check they agree. Each
//! library decodes the way its documentation shows: crosswire in place with a derived set,
//! netlink-packet-route into its owned `LinkMessage`, neli into its `Nlmsghdr` with an
//! attribute handle.
//!
//! Building: the `CTRL_CMD_GETFAMILY` request for "nlctrl".
#![allow(dead_code, reason = "the bench and the test each use a part")]

use crosswire::{BoundedBytes, BoundedStr};
use crosswire_kernel::netlink::{
    genl::{self, GenlMessage, GENL_ID_CTRL},
    route::{self, IfInfoMsg, RTM_NEWLINK},
    Messages, Mode, NlWriter, NlaSet, NLM_F_ACK, NLM_F_REQUEST,
};

/// What every decoder extracts from the dump: sums and counts over the links.
#[derive(Debug, Default, PartialEq, Eq, Clone, Copy)]
pub struct Summary {
    pub links: u64,
    pub index_sum: u64,
    pub name_bytes: u64,
    pub mtu_sum: u64,
    pub txqlen_sum: u64,
    pub operstate_sum: u64,
    pub peer_sum: u64,
    pub address_bytes: u64,
}

/// The `IFLA_*` attributes the benchmark reads, declared with the derive.
#[derive(NlaSet)]
struct Link<'a> {
    #[nla(id = 1)]
    address: Option<BoundedBytes<'a, 32>>,
    #[nla(id = 3)]
    ifname: BoundedStr<'a, 16>,
    #[nla(id = 4)]
    mtu: u32,
    #[nla(id = 5)]
    link: Option<u32>,
    #[nla(id = 13)]
    txqlen: Option<u32>,
    #[nla(id = 16)]
    operstate: Option<u8>,
}

/// crosswire: messages iterated in place, each decoded into a borrowed derived set.
pub fn crosswire_decode(dump: &[u8]) -> Summary {
    let mut s = Summary::default();
    for msg in Messages::new(dump) {
        let Ok(msg) = msg else { break };
        if msg.header().ty != RTM_NEWLINK {
            continue;
        }
        let Ok((hdr, link, _)) = route::read_message::<IfInfoMsg, Link<'_>>(&msg, Mode::Liberal)
        else {
            continue;
        };
        s.links += 1;
        s.index_sum += u64::from(hdr.index.unsigned_abs());
        s.name_bytes += link.ifname.len() as u64;
        s.mtu_sum += u64::from(link.mtu);
        s.txqlen_sum += u64::from(link.txqlen.unwrap_or(0));
        s.operstate_sum += u64::from(link.operstate.unwrap_or(0));
        s.peer_sum += u64::from(link.link.unwrap_or(0));
        s.address_bytes += link.address.map_or(0, |a| a.len() as u64);
    }
    s
}

/// The length of each message of `dump`, for the peers that parse one message at a time.
fn message_spans(dump: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = dump;
    std::iter::from_fn(move || {
        let len = u32::from_ne_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let msg = rest.get(..len)?;
        rest = rest.get(len.next_multiple_of(4)..).unwrap_or(&[]);
        Some(msg)
    })
}

/// netlink-packet-route: each message parsed into an owned `NetlinkMessage`.
pub fn npr_decode(dump: &[u8]) -> Summary {
    use netlink_packet_core::{NetlinkMessage, NetlinkPayload};
    use netlink_packet_route::{
        link::{LinkAttribute, State},
        RouteNetlinkMessage,
    };

    let mut s = Summary::default();
    for bytes in message_spans(dump) {
        let Ok(msg) = NetlinkMessage::<RouteNetlinkMessage>::deserialize(bytes) else {
            continue;
        };
        let NetlinkPayload::InnerMessage(RouteNetlinkMessage::NewLink(link)) = msg.payload else {
            continue;
        };
        s.links += 1;
        s.index_sum += u64::from(link.header.index);
        for attr in &link.attributes {
            match attr {
                LinkAttribute::IfName(name) => s.name_bytes += name.len() as u64,
                LinkAttribute::Mtu(mtu) => s.mtu_sum += u64::from(*mtu),
                LinkAttribute::TxQueueLen(q) => s.txqlen_sum += u64::from(*q),
                LinkAttribute::OperState(state) => s.operstate_sum += u64::from(u8::from(*state)),
                LinkAttribute::Link(peer) => s.peer_sum += u64::from(*peer),
                LinkAttribute::Address(a) => s.address_bytes += a.len() as u64,
                _ => {}
            }
        }
        let _ = State::Up;
    }
    s
}

/// neli: each message parsed into an `Nlmsghdr<Rtm, Ifinfomsg>`, attributes read through
/// its handle.
pub fn neli_decode(dump: &[u8]) -> Summary {
    use std::io::Cursor;

    use neli::{
        consts::rtnl::{Ifla, Rtm},
        nl::{NlPayload, Nlmsghdr},
        rtnl::Ifinfomsg,
        FromBytes,
    };

    let mut s = Summary::default();
    for bytes in message_spans(dump) {
        let Ok(msg) = Nlmsghdr::<Rtm, Ifinfomsg>::from_bytes(&mut Cursor::new(bytes)) else {
            continue;
        };
        if *msg.nl_type() != Rtm::Newlink {
            continue;
        }
        let NlPayload::Payload(info) = msg.nl_payload() else {
            continue;
        };
        s.links += 1;
        s.index_sum += u64::from(info.ifi_index().unsigned_abs());
        let attrs = info.rtattrs().get_attr_handle();
        if let Ok(name) = attrs.get_attr_payload_as_with_len::<String>(Ifla::Ifname) {
            s.name_bytes += name.len() as u64;
        }
        s.mtu_sum += u64::from(attrs.get_attr_payload_as::<u32>(Ifla::Mtu).unwrap_or(0));
        s.txqlen_sum += u64::from(attrs.get_attr_payload_as::<u32>(Ifla::Txqlen).unwrap_or(0));
        s.operstate_sum += u64::from(
            attrs
                .get_attr_payload_as::<u8>(Ifla::Operstate)
                .unwrap_or(0),
        );
        s.peer_sum += u64::from(attrs.get_attr_payload_as::<u32>(Ifla::Link).unwrap_or(0));
        if let Some(a) = attrs.get_attribute(Ifla::Address) {
            s.address_bytes += a.rta_payload().as_ref().len() as u64;
        }
    }
    s
}

/// The `CTRL_CMD_GETFAMILY` request for "nlctrl", declared with the derive.
#[derive(NlaSet)]
#[nla(family = "nlctrl", version = 2, cmd = 3)]
struct GetFamily<'a> {
    #[nla(id = 2)]
    name: BoundedStr<'a, 16>,
}

/// crosswire: the request built into a stack buffer sized at compile time.
pub fn crosswire_getfamily(seq: u32, out: &mut [u8; 64]) -> usize {
    let mut w = NlWriter::new(out);
    let req = GetFamily {
        name: BoundedStr::new("nlctrl").unwrap_or_default(),
    };
    genl::put_message(&mut w, &req, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, seq).unwrap_or(0);
    w.len()
}

const _: () = assert!(GetFamily::MAX_MESSAGE_LEN <= 64);

/// neli: the request built with its builders and serialized into a `Vec`.
pub fn neli_getfamily(seq: u32) -> Vec<u8> {
    use std::io::Cursor;

    use neli::{
        consts::{
            genl::{CtrlAttr, CtrlCmd},
            nl::{GenlId, NlmF},
        },
        genl::{AttrTypeBuilder, Genlmsghdr, GenlmsghdrBuilder, NlattrBuilder},
        nl::{NlPayload, NlmsghdrBuilder},
        types::GenlBuffer,
        ToBytes,
    };

    let attr = NlattrBuilder::default()
        .nla_type(
            AttrTypeBuilder::default()
                .nla_type(CtrlAttr::FamilyName)
                .build()
                .unwrap(),
        )
        .nla_payload("nlctrl")
        .build()
        .unwrap();
    let genl: Genlmsghdr<CtrlCmd, CtrlAttr> = GenlmsghdrBuilder::default()
        .cmd(CtrlCmd::Getfamily)
        .version(2)
        .attrs(std::iter::once(attr).collect::<GenlBuffer<_, _>>())
        .build()
        .unwrap();
    let msg = NlmsghdrBuilder::default()
        .nl_type(GenlId::Ctrl)
        .nl_flags(NlmF::REQUEST | NlmF::ACK)
        .nl_seq(seq)
        .nl_pid(0)
        .nl_payload(NlPayload::Payload(genl))
        .build()
        .unwrap();
    let mut cursor = Cursor::new(Vec::new());
    msg.to_bytes(&mut cursor).unwrap();
    cursor.into_inner()
}
