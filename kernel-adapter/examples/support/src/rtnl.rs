//! rtnetlink link and address attributes (`include/uapi/linux/if_link.h`, `if_addr.h`),
//! declared with `#[derive(NlaSet)]`: the sets `ip_link`, `ip_addr` and the tests use,
//! and the names `ip` prints for their values.

use crosswire::BoundedBytes;
use crosswire_kernel::netlink::{nla::CBytes, NlaSet};

/// A dump request carries no attributes, only its family header.
#[derive(Debug, Default, NlaSet)]
pub struct NoAttrs {}

/// The `IFLA_*` attributes of a link that `ip -j link` prints.
#[derive(Debug, NlaSet)]
pub struct LinkAttrs<'a> {
    /// `IFLA_ADDRESS`: the hardware address.
    #[nla(id = 1)]
    pub address: Option<BoundedBytes<'a, 32>>,
    /// `IFLA_BROADCAST`.
    #[nla(id = 2)]
    pub broadcast: Option<BoundedBytes<'a, 32>>,
    /// `IFLA_IFNAME` (`IFNAMSIZ` is 16 with the NUL): bytes, not necessarily UTF-8.
    #[nla(id = 3)]
    pub ifname: CBytes<'a, 16>,
    /// `IFLA_MTU`.
    #[nla(id = 4)]
    pub mtu: u32,
    /// `IFLA_LINK`: the index of the link this one is attached to (a veth's peer).
    #[nla(id = 5)]
    pub link: Option<u32>,
    /// `IFLA_TXQLEN`.
    #[nla(id = 13)]
    pub txqlen: Option<u32>,
    /// `IFLA_OPERSTATE` (RFC 2863).
    #[nla(id = 16)]
    pub operstate: Option<u8>,
    /// `IFLA_LINK_NETNSID`: the peer lives in another namespace.
    #[nla(id = 37)]
    pub link_netnsid: Option<i32>,
}

/// The `IFA_*` attributes of an address that `ip -j addr` prints.
#[derive(Debug, NlaSet)]
pub struct AddrAttrs<'a> {
    /// `IFA_ADDRESS`: the (peer) address.
    #[nla(id = 1)]
    pub address: Option<BoundedBytes<'a, 16>>,
    /// `IFA_LOCAL`: the local address (IPv4).
    #[nla(id = 2)]
    pub local: Option<BoundedBytes<'a, 16>>,
    /// `IFA_LABEL` (IPv4): bytes, as interface names.
    #[nla(id = 3)]
    pub label: Option<CBytes<'a, 16>>,
    /// `IFA_FLAGS`: all 32 bits of the flags.
    #[nla(id = 8)]
    pub flags: Option<u32>,
}

/// `IF_OPER_*` as `ip` prints it.
pub fn operstate_name(state: u8) -> String {
    const NAMES: [&str; 7] = [
        "UNKNOWN",
        "NOTPRESENT",
        "DOWN",
        "LOWERLAYERDOWN",
        "TESTING",
        "DORMANT",
        "UP",
    ];
    NAMES
        .get(usize::from(state))
        .map_or_else(|| state.to_string(), |s| (*s).to_string())
}

/// `RT_SCOPE_*` as `ip` prints it.
pub fn scope_name(scope: u8) -> String {
    match scope {
        0 => "global".into(),
        200 => "site".into(),
        253 => "link".into(),
        254 => "host".into(),
        255 => "nowhere".into(),
        n => n.to_string(),
    }
}

/// A hardware address as `ip` prints it: `aa:bb:cc:dd:ee:ff`.
pub fn mac(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// An IPv4 or IPv6 address as `ip` prints it.
pub fn ip(bytes: &[u8]) -> String {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        std::net::Ipv4Addr::from(v4).to_string()
    } else if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
        std::net::Ipv6Addr::from(v6).to_string()
    } else {
        mac(bytes)
    }
}

use std::collections::HashMap;

use crosswire_kernel::netlink::{
    route::{
        self, IfAddrMsg, IfInfoMsg, RTM_DELADDR, RTM_DELLINK, RTM_GETADDR, RTM_GETLINK,
        RTM_NEWADDR, RTM_NEWLINK,
    },
    socket::{DumpEvent, DumpOutcome, NlSocket, SocketError},
    Message, Mode, NlWriter, NLM_F_DUMP, NLM_F_REQUEST,
};

use crate::json::Object;

/// How many times the examples run a dump that keeps being interrupted before they print
/// the last one with a warning (under heavy link churn every dump is interrupted).
pub const DUMP_TRIES: u32 = 3;

/// What `ip` prints on stderr when a dump was interrupted.
pub const INTERRUPTED: &str = "Dump was interrupted and may be inconsistent.";

/// Dumps `ty` with family header `header` (at most [`DUMP_TRIES`] times while the dump
/// comes back interrupted), calling `on_event` with each try's start and items. Returns
/// whether the dump it ended with was interrupted.
pub fn dump<H: crosswire_kernel::netlink::CLayout>(
    sock: &mut NlSocket,
    buf: &mut [u8],
    ty: u16,
    header: &H,
    mut on_event: impl FnMut(DumpEvent<'_>) -> Result<(), SocketError>,
) -> Result<bool, SocketError> {
    let mut req = [0u8; 64];
    let mut w = NlWriter::new(&mut req);
    // The sequence number is written by `dump_retrying`, one per try.
    route::put_message(
        &mut w,
        ty,
        NLM_F_REQUEST | NLM_F_DUMP,
        0,
        header,
        &NoAttrs {},
    )?;
    let len = w.len();
    let outcome = sock.dump_retrying(&mut req[..len], buf, DUMP_TRIES, &mut on_event)?;
    Ok(matches!(outcome, DumpOutcome::Interrupted { .. }))
}

/// One link, copied out of the receive buffer.
#[derive(Debug, Clone)]
pub struct Link {
    /// `ifi_index`.
    pub ifindex: i32,
    /// The name's bytes, as the kernel has them (any bytes but NUL, `/`, `:`, spaces).
    pub ifname: Vec<u8>,
    /// `IFLA_MTU`.
    pub mtu: u32,
    /// `IFLA_OPERSTATE`.
    pub operstate: Option<u8>,
    /// `IFLA_TXQLEN`.
    pub txqlen: Option<u32>,
    /// `IFLA_ADDRESS`.
    pub address: Option<Vec<u8>>,
    /// `IFLA_BROADCAST`.
    pub broadcast: Option<Vec<u8>>,
    /// `IFLA_LINK`.
    pub link: Option<u32>,
    /// `IFLA_LINK_NETNSID`.
    pub link_netnsid: Option<i32>,
}

/// One link from an `RTM_NEWLINK` (or `RTM_DELLINK`) message.
pub fn link_of(msg: &Message<'_>) -> Result<Link, SocketError> {
    let (hdr, a, _) = route::read_message::<IfInfoMsg, LinkAttrs<'_>>(msg, Mode::Liberal)?;
    Ok(Link {
        ifindex: hdr.index,
        ifname: a.ifname.to_vec(),
        mtu: a.mtu,
        operstate: a.operstate,
        txqlen: a.txqlen,
        address: a.address.map(|b| b.to_vec()),
        broadcast: a.broadcast.map(|b| b.to_vec()),
        link: a.link,
        link_netnsid: a.link_netnsid,
    })
}

/// Every link of the socket's network namespace (`RTM_GETLINK` dump), and whether the
/// dump was still interrupted after [`DUMP_TRIES`] tries.
pub fn dump_links(sock: &mut NlSocket, buf: &mut [u8]) -> Result<(Vec<Link>, bool), SocketError> {
    let mut links = Vec::new();
    let interrupted = dump(sock, buf, RTM_GETLINK, &IfInfoMsg::default(), |event| {
        match event {
            DumpEvent::Start { .. } => links.clear(),
            DumpEvent::Item(msg) if msg.header().ty == RTM_NEWLINK => links.push(link_of(&msg)?),
            DumpEvent::Item(_) => {}
        }
        Ok(())
    })?;
    Ok((links, interrupted))
}

/// A name as the examples print it, in text and in JSON: UTF-8 as it is, other bytes as
/// `\xHH`, a backslash doubled (lossless, see `nla::Escaped`).
pub fn name(bytes: &[u8]) -> String {
    crosswire_kernel::netlink::nla::Escaped(bytes).to_string()
}

/// A link as one `ip -j link` object (its keys `ifindex`, `ifname`, `mtu`, `operstate`,
/// `txqlen`, `address`, `broadcast`, `link`).
pub fn link_json(link: &Link, names: &HashMap<i32, String>) -> String {
    let mut o = Object::new()
        .num("ifindex", link.ifindex)
        .str("ifname", &name(&link.ifname));
    if let Some(peer) = link.link {
        o = match (peer, link.link_netnsid) {
            (0, _) => o.null("link"),
            (peer, Some(_)) => o.num("link_index", peer),
            (peer, None) => {
                let fallback = format!("if{peer}");
                let name = i32::try_from(peer)
                    .ok()
                    .and_then(|p| names.get(&p))
                    .unwrap_or(&fallback);
                o.str("link", name)
            }
        };
    }
    o = o.num("mtu", link.mtu);
    if let Some(state) = link.operstate {
        o = o.str("operstate", &operstate_name(state));
    }
    if let Some(q) = link.txqlen {
        o = o.num("txqlen", q);
    }
    if let Some(a) = &link.address {
        o = o.str("address", &mac(a));
    }
    if let Some(b) = &link.broadcast {
        o = o.str("broadcast", &mac(b));
    }
    o.finish()
}

/// Every link as an `ip -j link` object, and whether the dump was interrupted.
pub fn links_json(sock: &mut NlSocket, buf: &mut [u8]) -> Result<(Vec<String>, bool), SocketError> {
    let (links, interrupted) = dump_links(sock, buf)?;
    let names: HashMap<i32, String> = links.iter().map(|l| (l.ifindex, name(&l.ifname))).collect();
    Ok((
        links.iter().map(|l| link_json(l, &names)).collect(),
        interrupted,
    ))
}

/// One address, as the examples print it.
#[derive(Debug, Clone)]
pub struct Addr {
    /// `ifa_index`.
    pub ifindex: u32,
    /// `inet` or `inet6`.
    pub family: &'static str,
    /// `IFA_LOCAL`, as text.
    pub local: Option<String>,
    /// `ifa_prefixlen`.
    pub prefixlen: u8,
    /// As `ip` names it.
    pub scope: String,
    /// Escaped as names are.
    pub label: Option<String>,
}

/// One address from an `RTM_NEWADDR` (or `RTM_DELADDR`) message; `None` for a family
/// other than IPv4 and IPv6.
pub fn addr_of(msg: &Message<'_>) -> Result<Option<Addr>, SocketError> {
    let (hdr, a, _) = route::read_message::<IfAddrMsg, AddrAttrs<'_>>(msg, Mode::Liberal)?;
    let family = match hdr.family {
        route::AF_INET => "inet",
        route::AF_INET6 => "inet6",
        _ => return Ok(None),
    };
    Ok(Some(Addr {
        ifindex: hdr.index,
        family,
        local: a.local.or(a.address).map(|l| ip(&l)),
        prefixlen: hdr.prefixlen,
        scope: scope_name(hdr.scope),
        label: a.label.map(|l| l.to_string()),
    }))
}

/// An address as a JSON object: `ifindex`, `family` (`inet`/`inet6`), `local`,
/// `prefixlen`, `scope`, `label` (where present).
pub fn addr_json(a: &Addr) -> String {
    let mut o = Object::new()
        .num("ifindex", a.ifindex)
        .str("family", a.family);
    if let Some(local) = &a.local {
        o = o.str("local", local);
    }
    o = o.num("prefixlen", a.prefixlen).str("scope", &a.scope);
    if let Some(label) = &a.label {
        o = o.str("label", label);
    }
    o.finish()
}

/// Every address of the socket's namespace as a JSON object ([`addr_json`]), and whether
/// the dump was interrupted.
pub fn addrs_json(sock: &mut NlSocket, buf: &mut [u8]) -> Result<(Vec<String>, bool), SocketError> {
    let mut out = Vec::new();
    let interrupted = dump(sock, buf, RTM_GETADDR, &IfAddrMsg::default(), |event| {
        match event {
            DumpEvent::Start { .. } => out.clear(),
            DumpEvent::Item(msg) if msg.header().ty == RTM_NEWADDR => {
                out.extend(addr_of(&msg)?.as_ref().map(addr_json));
            }
            DumpEvent::Item(_) => {}
        }
        Ok(())
    })?;
    Ok((out, interrupted))
}

/// A notification of the link and address groups as `ip_monitor` prints it: in JSON, the
/// link's `ip -j link` keys or the address's keys with `"event"` first (`newlink`,
/// `dellink`, `newaddr`, `deladdr`); in text, the event, the index, the (escaped) name or
/// the address. `None` for other messages.
pub fn event(msg: &Message<'_>, as_json: bool) -> Result<Option<String>, SocketError> {
    let ty = msg.header().ty;
    let name = match ty {
        RTM_NEWLINK => "newlink",
        RTM_DELLINK => "dellink",
        RTM_NEWADDR => "newaddr",
        RTM_DELADDR => "deladdr",
        _ => return Ok(None),
    };
    let json = if ty == RTM_NEWLINK || ty == RTM_DELLINK {
        let link = link_of(msg)?;
        if !as_json {
            let state = link.operstate.map_or_else(String::new, operstate_name);
            return Ok(Some(format!(
                "{name} {}: {} mtu {} state {state}",
                link.ifindex,
                crate::rtnl::name(&link.ifname),
                link.mtu
            )));
        }
        link_json(&link, &HashMap::new())
    } else {
        let Some(a) = addr_of(msg)? else {
            return Ok(None);
        };
        if !as_json {
            return Ok(Some(format!(
                "{name} {}: {} {}/{} scope {}",
                a.ifindex,
                a.family,
                a.local.as_deref().unwrap_or("?"),
                a.prefixlen,
                a.scope
            )));
        }
        addr_json(&a)
    };
    Ok(Some(format!(
        "{{\"event\":\"{name}\",{}",
        json.strip_prefix('{').unwrap_or(&json)
    )))
}
