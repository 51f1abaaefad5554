//! The sample module's generic-netlink family, `crosswire_genl`, driven through
//! crosswire-kernel's socket with the derived types the module is built from:
//!
//! 1. resolution through `nlctrl` (id, version, the `events` group);
//! 2. the `ECHO` do command, reply checked against `Echo::reply`;
//! 3. the `events` multicast notification, seen on a second, subscribed socket;
//! 4. the `LIST` dump, every item in order, over several datagrams;
//! 5. the family's policy as `nlctrl` dumps it (`CTRL_CMD_GETPOLICY`), compared with the
//!    derived types' `NlaSet::POLICY`;
//! 6. decode failures in the module's handler: errno, extended-ack message and offset;
//! 7. hostile requests (truncated, wrong types, unknown attributes, oversized, mutated):
//!    errnos and extended acks from the kernel's validation, and no hang.

use std::time::Duration;

use crosswire::BoundedStr;
use crosswire_kernel::netlink::{
    genl::{self, FamilyCache, GenlMessage, GenlMsgHdr, GENL_HDRLEN, GENL_ID_CTRL},
    nla::policy::{PolicyEntry, PolicyKind},
    socket::{NlSocket, SocketError, DEFAULT_BUFFER},
    Attr, Dump, DumpEnd, DumpStep, Mode, NlWriter, NlaSet, NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP_INTR,
    NLM_F_REQUEST,
};
use crosswire_kernel::Errno;
use rustix::net::sockopt::{set_socket_timeout, Timeout};

use crosswire_sample_types::*;

use crate::{gen::Rng, Tally};

const EINVAL: i32 = Errno::EINVAL.get();
const ERANGE: i32 = Errno::ERANGE.get();
const EOPNOTSUPP: i32 = Errno::EOPNOTSUPP.get();
const EMSGSIZE: i32 = Errno::EMSGSIZE.get();

/// `CTRL_ATTR_POLICY`, `CTRL_ATTR_OP_POLICY` and their inner attributes
/// (`include/uapi/linux/genetlink.h`, `netlink.h`).
const CTRL_ATTR_POLICY: u16 = 8;
const CTRL_ATTR_OP_POLICY: u16 = 9;
const CTRL_ATTR_POLICY_DO: u16 = 1;
const CTRL_ATTR_POLICY_DUMP: u16 = 2;
const NL_POLICY_TYPE_ATTR_TYPE: u16 = 1;
const NL_POLICY_TYPE_ATTR_MAX_LENGTH: u16 = 7;
const NL_POLICY_TYPE_ATTR_POLICY_IDX: u16 = 8;
const NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE: u16 = 9;

/// The request header size: `nlmsghdr` and `genlmsghdr`.
const HDR: usize = 16 + GENL_HDRLEN;

struct Ctx {
    sock: NlSocket,
    family: u16,
    group: u32,
    buf: Vec<u8>,
}

/// What the kernel answered to a raw request.
#[derive(Debug, PartialEq)]
struct Answer {
    error: i32,
    msg: String,
    offset: Option<u32>,
    miss_type: Option<u32>,
    replies: usize,
}

impl Ctx {
    /// Sends `bytes` (a request with `NLM_F_ACK` and this socket's next sequence number)
    /// and collects the answer.
    fn raw(&mut self, bytes: &[u8]) -> Result<Answer, SocketError> {
        let mut replies = 0;
        let r = self.sock.request(bytes, &mut self.buf, |_| {
            replies += 1;
            Ok(())
        });
        let ack = self.sock.last_ack();
        match r {
            Ok(()) | Err(SocketError::Refused { .. }) => Ok(Answer {
                error: ack.error,
                msg: ack.msg.to_string(),
                offset: ack.offset,
                miss_type: ack.miss_type,
                replies,
            }),
            Err(e) => Err(e),
        }
    }

    /// A request of command `cmd` whose attributes `attrs` writes; returns the bytes and
    /// what `attrs` returned (typically offsets).
    fn build<T>(
        &mut self,
        cmd: u8,
        flags: u16,
        attrs: impl FnOnce(&mut NlWriter<'_>) -> T,
    ) -> (Vec<u8>, T) {
        let mut buf = vec![0u8; 8192];
        let seq = self.sock.next_seq();
        let mut w = NlWriter::new(&mut buf);
        let start = w.begin_message(self.family, flags, seq, 0).expect("room");
        w.put_bytes(
            &GenlMsgHdr {
                cmd,
                version: GENL_VERSION,
                reserved: 0,
            }
            .to_bytes(),
        )
        .expect("room");
        let out = attrs(&mut w);
        w.end_message(start).expect("room");
        let n = w.len();
        buf.truncate(n);
        (buf, out)
    }

    fn echo(&mut self, req: &Echo<'_>) -> Result<(EchoReply<'static>, usize), SocketError> {
        let (bytes, ()) = self.build(GENL_CMD_ECHO, NLM_F_REQUEST | NLM_F_ACK, |w| {
            req.put_attrs(w).expect("room")
        });
        let mut got = None;
        let mut count = 0;
        self.sock.request(&bytes, &mut self.buf, |msg| {
            count += 1;
            let (hdr, reply, _) = genl::read_message::<EchoReply<'_>>(&msg, Mode::Strict)?;
            assert_eq!(hdr.cmd, GENL_CMD_ECHO);
            got = Some(owned_reply(&reply));
            Ok(())
        })?;
        Ok((got.expect("a reply before the ack"), count))
    }
}

/// An `EchoReply` whose text is leaked: the checker is short-lived.
fn owned_reply(r: &EchoReply<'_>) -> EchoReply<'static> {
    let text: &'static str = Box::leak(r.text.to_string().into_boxed_str());
    EchoReply {
        value: r.value,
        text: BoundedStr::try_from(text).expect("same bound"),
        sum: r.sum,
    }
}

/// The id of the generic-netlink family `name` as `nlctrl` answers `CTRL_CMD_GETFAMILY`, or
/// `None` when no such family is registered (for `--genl-family`).
pub(crate) fn family_id(name: &str) -> Result<Option<u16>, String> {
    let mut sock = NlSocket::generic().map_err(|e| e.to_string())?;
    let _ = set_socket_timeout(&sock, Timeout::Recv, Some(Duration::from_secs(3)));
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let mut cache = FamilyCache::<1>::new();
    match sock.resolve(&mut cache, name, &mut buf) {
        Ok(family) => Ok(family.map(|f| f.id)),
        Err(e) => Err(format!("{e:?}")),
    }
}

pub(crate) fn genl(rng: &mut Rng, t: &mut Tally) {
    let before = t.passed;
    let mut sock = match NlSocket::generic() {
        Ok(s) => s,
        Err(e) => {
            t.check("genl socket", false, || e.to_string());
            return;
        }
    };
    let timeout = Some(Duration::from_secs(3));
    let _ = set_socket_timeout(&sock, Timeout::Recv, timeout);
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let mut cache = FamilyCache::<4>::new();
    let family = match sock.resolve(&mut cache, GENL_FAMILY, &mut buf) {
        Ok(Some(f)) => f,
        other => {
            t.check("resolve crosswire_genl", false, || format!("{other:?}"));
            return;
        }
    };
    t.check(
        "family version",
        family.version == u32::from(GENL_VERSION),
        || format!("{family:?}"),
    );
    t.check("family maxattr", family.maxattr == 0, || {
        format!("{family:?}")
    });
    let Some(group) = family.group(GENL_GROUP) else {
        t.check("events group", false, || format!("{family:?}"));
        return;
    };
    t.check(
        "resolved once",
        cache.get(GENL_FAMILY).is_some(),
        String::new,
    );
    let mut cx = Ctx {
        sock,
        family: family.id,
        group,
        buf,
    };
    do_command(&mut cx, rng, t);
    multicast(&mut cx, t);
    dump(&mut cx, t);
    policy(&mut cx, t);
    decode_failures(&mut cx, t);
    hostile(&mut cx, rng, t);
    println!(
        "generic netlink: {} checks passed (family {GENL_FAMILY} id {}, events group {})",
        t.passed - before,
        cx.family,
        cx.group
    );
}

fn do_command(cx: &mut Ctx, rng: &mut Rng, t: &mut Tally) {
    let texts = ["", "hello", "ünïcode ✓", "0123456789abcdef0123456789abcdef"];
    for i in 0..200u32 {
        let lo = u32::try_from(rng.next() % 100_000).unwrap_or(0);
        let range = match i % 3 {
            0 => None,
            1 => Some(Range { lo, hi: lo }),
            _ => Some(Range {
                lo,
                hi: lo.saturating_add(u32::try_from(rng.next() % 1000).unwrap_or(0)),
            }),
        };
        let req = Echo {
            value: u32::try_from(rng.next() & 0xFFFF_FFFF).unwrap_or(0),
            text: BoundedStr::try_from(texts[i as usize % texts.len()]).expect("fits"),
            range,
            notify: false,
        };
        let got = cx.echo(&req);
        let want = req.reply().expect("valid range");
        t.check("echo", got.as_ref().map(|g| &g.0) == Ok(&want), || {
            format!("{req:?} -> {got:?}, want {want:?}")
        });
        t.check(
            "echo: one reply",
            got.as_ref().map(|g| g.1) == Ok(1),
            || format!("{got:?}"),
        );
    }
    // The largest range: the sum needs 64 bits.
    let req = Echo {
        value: u32::MAX,
        text: BoundedStr::try_from("max").expect("fits"),
        range: Some(Range {
            lo: 0,
            hi: u32::MAX,
        }),
        notify: false,
    };
    let got = cx.echo(&req).map(|g| g.0);
    t.check(
        "echo: full range",
        got.as_ref().map(|r| (r.value, r.sum))
            == Ok((0, Some(u64::from(u32::MAX) * (u64::from(u32::MAX) + 1) / 2))),
        || format!("{got:?}"),
    );
}

fn multicast(cx: &mut Ctx, t: &mut Tally) {
    let listener = match NlSocket::generic() {
        Ok(s) => s,
        Err(e) => return t.check("listener socket", false, || e.to_string()),
    };
    let _ = set_socket_timeout(&listener, Timeout::Recv, Some(Duration::from_secs(3)));
    if let Err(e) = listener.add_membership(cx.group) {
        return t.check("join events", false, || e.to_string());
    }
    for (value, notify) in [(7u32, true), (8, false), (9, true)] {
        let req = Echo {
            value,
            text: BoundedStr::try_from("event").expect("fits"),
            range: None,
            notify,
        };
        let got = cx.echo(&req);
        t.check("echo with notify", got.is_ok(), || format!("{got:?}"));
    }
    // Exactly the two notifications, in order: the second request asked for none.
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let mut seen = Vec::new();
    while seen.len() < 3 {
        let Ok((msgs, _)) = listener.recv(&mut buf) else {
            break;
        };
        for msg in msgs {
            let event = msg
                .map_err(SocketError::from)
                .and_then(|m| {
                    t.check("event type", m.header().ty == cx.family, || {
                        format!("{:?}", m.header())
                    });
                    Ok(genl::read_message::<Event<'_>>(&m, Mode::Strict)?)
                })
                .map(|(h, e, unknown)| (h.cmd, e.value, e.text.to_string(), unknown));
            seen.push(event);
        }
    }
    let want = vec![
        Ok((GENL_CMD_EVENT, 7, "event".to_string(), 0)),
        Ok((GENL_CMD_EVENT, 9, "event".to_string(), 0)),
    ];
    t.check("events received", seen == want, || format!("{seen:?}"));
    t.check(
        "event command",
        <Event<'_> as GenlMessage<'_>>::CMD == GENL_CMD_EVENT,
        String::new,
    );
}

fn dump(cx: &mut Ctx, t: &mut Tally) {
    // A second socket changes the family's generation (a notifying ECHO) in the middle of
    // the last dump: its later messages and NLMSG_DONE must carry NLM_F_DUMP_INTR, and no
    // message of the undisturbed dumps may.
    let mut other = match NlSocket::generic() {
        Ok(s) => s,
        Err(e) => return t.check("dump: second socket", false, || e.to_string()),
    };
    let _ = set_socket_timeout(&other, Timeout::Recv, Some(Duration::from_secs(3)));
    let mut other_buf = vec![0u8; DEFAULT_BUFFER];
    for (count, disturb) in [
        (0u32, false),
        (1, false),
        (1000, false),
        (LIST_MAX, false),
        (LIST_MAX, true),
    ] {
        let (bytes, ()) = cx.build(GENL_CMD_LIST, NLM_F_REQUEST | NLM_F_DUMP, |w| {
            List { count }.put_attrs(w).expect("room")
        });
        let seq = u32::from_ne_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if let Err(e) = cx.sock.send(&bytes) {
            return t.check("dump send", false, || e.to_string());
        }
        let mut d = Dump::new(seq);
        let (mut next, mut datagrams, mut ok, mut end) = (0u32, 0usize, true, None);
        let mut interrupted = 0usize;
        'recv: while end.is_none() {
            if disturb && datagrams == 1 {
                let (echo, ()) = cx.build(GENL_CMD_ECHO, NLM_F_REQUEST | NLM_F_ACK, |w| {
                    Echo {
                        value: 1,
                        text: BoundedStr::try_from("bump").expect("fits"),
                        range: None,
                        notify: true,
                    }
                    .put_attrs(w)
                    .expect("room")
                });
                let r = other.request(&echo, &mut other_buf, |_| Ok(()));
                t.check("dump: a notifying echo meanwhile", r.is_ok(), || {
                    format!("{r:?}")
                });
            }
            let msgs = match cx.sock.recv(&mut cx.buf) {
                Ok((m, _)) => m,
                Err(e) => {
                    t.check("dump recv", false, || e.to_string());
                    break;
                }
            };
            datagrams += 1;
            for msg in msgs {
                if let Ok(m) = &msg {
                    if m.header().flags & NLM_F_DUMP_INTR != 0 {
                        interrupted += 1;
                    }
                }
                let step = msg.and_then(|m| d.step(m));
                match step {
                    Ok(DumpStep::Item(m)) => {
                        let item = genl::read_message::<Item>(&m, Mode::Strict);
                        let want = Item::at(next);
                        let good = matches!(&item, Ok((h, it, 0)) if h.cmd == GENL_CMD_LIST && *it == want);
                        if !good {
                            ok = false;
                            t.check("dump item", false, || format!("#{next}: {item:?}"));
                        }
                        next += 1;
                    }
                    Ok(DumpStep::Other(_)) => {}
                    Ok(DumpStep::End(e)) => {
                        end = Some(match e {
                            DumpEnd::Complete(_) => "complete",
                            DumpEnd::Interrupted(_) => "interrupted",
                            _ => "failed",
                        });
                        break 'recv;
                    }
                    Err(e) => {
                        t.check("dump parse", false, || e.to_string());
                        break 'recv;
                    }
                }
            }
        }
        t.check("dump items in order", ok && next == count, || {
            format!("count {count}: got {next}")
        });
        let want = if disturb { "interrupted" } else { "complete" };
        t.check("dump complete", end == Some(want), || format!("{end:?}"));
        t.check(
            "dump: NLM_F_DUMP_INTR exactly when the generation changed",
            (interrupted > 0) == disturb,
            || format!("count {count}, disturbed {disturb}: {interrupted} messages marked"),
        );
        if count >= 1000 {
            t.check("dump spans several datagrams", datagrams >= 2, || {
                format!("{count} items in {datagrams} datagrams")
            });
        }
    }
    // A count over the limit: the dump fails with EINVAL, reported in NLMSG_DONE.
    let (bytes, ()) = cx.build(GENL_CMD_LIST, NLM_F_REQUEST | NLM_F_DUMP, |w| {
        List {
            count: LIST_MAX + 1,
        }
        .put_attrs(w)
        .expect("room")
    });
    let r = cx.sock.dump(&bytes, &mut cx.buf, |_| Ok(()));
    t.check(
        "dump over the limit",
        matches!(r, Err(SocketError::Refused { error, .. }) if error == -EINVAL),
        || format!("{r:?}"),
    );
}

/// The `NL_ATTR_TYPE_*` a policy kind is dumped as (`enum netlink_attribute_type`).
fn dumped_type(kind: PolicyKind) -> u32 {
    match kind {
        PolicyKind::Flag => 1,
        PolicyKind::U8 => 2,
        PolicyKind::U16 | PolicyKind::Be16 => 3,
        PolicyKind::U32 | PolicyKind::Be32 => 4,
        PolicyKind::U64 => 5,
        PolicyKind::S8 => 6,
        PolicyKind::S16 => 7,
        PolicyKind::S32 => 8,
        PolicyKind::S64 => 9,
        PolicyKind::Binary => 10,
        PolicyKind::NulString => 12,
        PolicyKind::Nested(_) => 13,
        PolicyKind::NestedArray(_) => 14,
        _ => 0,
    }
}

/// One attribute as the policy dump describes it.
#[derive(Clone, Debug, Default, PartialEq)]
struct DumpedAttr {
    ty: u32,
    max_len: Option<u32>,
    nested: Option<(u32, u32)>,
}

fn policy(cx: &mut Ctx, t: &mut Tally) {
    use std::collections::BTreeMap;
    let mut req = vec![0u8; 256];
    let seq = cx.sock.next_seq();
    let mut w = NlWriter::new(&mut req);
    let start = w
        .begin_message(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_DUMP, seq, 0)
        .expect("room");
    w.put_bytes(
        &GenlMsgHdr {
            cmd: genl::CTRL_CMD_GETPOLICY,
            version: 2,
            reserved: 0,
        }
        .to_bytes(),
    )
    .expect("room");
    w.put_str(genl::CTRL_ATTR_FAMILY_NAME, GENL_FAMILY)
        .expect("room");
    w.end_message(start).expect("room");
    let n = w.len();
    req.truncate(n);
    // op -> (do idx, dump idx); (policy idx, attr) -> description.
    let mut ops: BTreeMap<u32, (Option<u32>, Option<u32>)> = BTreeMap::new();
    let mut attrs: BTreeMap<(u32, u32), DumpedAttr> = BTreeMap::new();
    let r = cx.sock.dump(&req, &mut cx.buf, |msg| {
        let (_, top) = msg.split_header::<GENL_HDRLEN>(Mode::Liberal)?;
        for a in top {
            let a = a?;
            match a.ty() {
                CTRL_ATTR_OP_POLICY => {
                    for op in a.nested()? {
                        let op = op?;
                        let e = ops.entry(u32::from(op.ty())).or_default();
                        for p in op.nested()? {
                            let p = p?;
                            match p.ty() {
                                CTRL_ATTR_POLICY_DO => e.0 = Some(p.u32()?),
                                CTRL_ATTR_POLICY_DUMP => e.1 = Some(p.u32()?),
                                _ => {}
                            }
                        }
                    }
                }
                CTRL_ATTR_POLICY => {
                    for idx in a.nested()? {
                        let idx = idx?;
                        for attr in idx.nested()? {
                            let attr = attr?;
                            let d = dumped_attr(&attr)?;
                            attrs.insert((u32::from(idx.ty()), u32::from(attr.ty())), d);
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    });
    t.check("policy dump", r.is_ok(), || format!("{r:?}"));
    let echo_idx = ops.get(&u32::from(GENL_CMD_ECHO)).and_then(|o| o.0);
    let list_idx = ops.get(&u32::from(GENL_CMD_LIST)).and_then(|o| o.1);
    t.check(
        "policy: ECHO is a do, LIST a dump",
        echo_idx.is_some()
            && list_idx.is_some()
            && ops.get(&u32::from(GENL_CMD_ECHO)).map(|o| o.1) == Some(None)
            && ops.get(&u32::from(GENL_CMD_LIST)).map(|o| o.0) == Some(None),
        || format!("{ops:?}"),
    );
    let mut compared = 0;
    if let (Some(e), Some(l)) = (echo_idx, list_idx) {
        compare_policy(
            &attrs,
            e,
            <Echo<'_> as NlaSet<'_>>::POLICY,
            &mut compared,
            t,
        );
        compare_policy(&attrs, l, <List as NlaSet<'_>>::POLICY, &mut compared, t);
    }
    // Every dumped attribute is one of the derived types' fields.
    t.check(
        "policy: nothing else dumped",
        compared == attrs.len(),
        || format!("compared {compared} of {attrs:?}"),
    );
}

fn dumped_attr(attr: &Attr<'_>) -> Result<DumpedAttr, crosswire_kernel::netlink::NlError> {
    let mut d = DumpedAttr::default();
    let (mut idx, mut max) = (None, None);
    for p in attr.nested()? {
        let p = p?;
        match p.ty() {
            NL_POLICY_TYPE_ATTR_TYPE => d.ty = p.u32()?,
            NL_POLICY_TYPE_ATTR_MAX_LENGTH => d.max_len = Some(p.u32()?),
            NL_POLICY_TYPE_ATTR_POLICY_IDX => idx = Some(p.u32()?),
            NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE => max = Some(p.u32()?),
            _ => {}
        }
    }
    d.nested = idx.zip(max);
    Ok(d)
}

fn compare_policy(
    attrs: &std::collections::BTreeMap<(u32, u32), DumpedAttr>,
    idx: u32,
    entries: &[PolicyEntry],
    compared: &mut usize,
    t: &mut Tally,
) {
    for e in entries {
        let got = attrs.get(&(idx, u32::from(e.id)));
        *compared += 1;
        let want_type = dumped_type(e.policy.kind);
        let ok = match (got, e.policy.kind) {
            (Some(d), PolicyKind::Nested(inner)) => {
                let inner_max = inner.iter().map(|i| u32::from(i.id)).max().unwrap_or(0);
                match d.nested {
                    Some((inner_idx, max)) if d.ty == want_type && max == inner_max => {
                        compare_policy(attrs, inner_idx, inner, compared, t);
                        true
                    }
                    _ => false,
                }
            }
            (Some(d), PolicyKind::NulString | PolicyKind::Binary) => {
                d.ty == want_type && d.max_len == Some(u32::from(e.policy.len))
            }
            (Some(d), _) => d.ty == want_type,
            (None, _) => false,
        };
        t.check("policy attribute matches the derived type", ok, || {
            format!(
                "policy {idx} attr {}: dumped {got:?}, derived {:?}",
                e.id, e.policy
            )
        });
    }
}

/// Writes `Echo`'s attributes by hand, returning each one's offset in the message.
struct Offsets {
    text: usize,
    range: usize,
}

fn echo_attrs(w: &mut NlWriter<'_>, text: &[u8], lo: u32, hi: u32) -> Offsets {
    w.put_u32(1, 5).expect("room");
    let text_at = w.len();
    w.put_attr(2, text).expect("room");
    let range = w.len();
    let nest = w.begin_nest(3).expect("room");
    w.put_u32(1, lo).expect("room");
    w.put_u32(2, hi).expect("room");
    w.end_nest(nest).expect("room");
    Offsets {
        text: text_at,
        range,
    }
}

fn offset(at: usize) -> Option<u32> {
    u32::try_from(at).ok()
}

fn decode_failures(cx: &mut Ctx, t: &mut Tally) {
    let flags = NLM_F_REQUEST | NLM_F_ACK;
    // Not UTF-8: the kernel's NLA_NUL_STRING lets it through, crosswire refuses it.
    let (bytes, at) = cx.build(GENL_CMD_ECHO, flags, |w| echo_attrs(w, b"\xff\xfe\0", 1, 2));
    let got = cx.raw(&bytes);
    t.check(
        "decode failure: not UTF-8",
        matches!(&got, Ok(a) if a.error == -EINVAL && a.offset == offset(at.text)
            && a.msg.contains("not NUL-terminated UTF-8") && a.replies == 0),
        || format!("{got:?}, text at {}", at.text),
    );
    // Bytes after the NUL: the kernel accepts, strict crosswire does not.
    let (bytes, at) = cx.build(GENL_CMD_ECHO, flags, |w| echo_attrs(w, b"ab\0cd\0", 1, 2));
    let got = cx.raw(&bytes);
    t.check(
        "decode failure: bytes after the NUL",
        matches!(&got, Ok(a) if a.error == -EINVAL && a.offset == offset(at.text)),
        || format!("{got:?}, text at {}", at.text),
    );
    // A missing required attribute: its type in the extended ack.
    let (bytes, ()) = cx.build(GENL_CMD_ECHO, flags, |w| {
        w.put_str(2, "no value").expect("room")
    });
    let got = cx.raw(&bytes);
    t.check(
        "decode failure: missing attribute",
        matches!(&got, Ok(a) if a.error == -EINVAL && a.miss_type == Some(1)
            && a.msg.contains("required attribute")),
        || format!("{got:?}"),
    );
    // A range with lo > hi: the handler refuses it and points at the nest.
    let (bytes, at) = cx.build(GENL_CMD_ECHO, flags, |w| echo_attrs(w, b"r\0", 9, 3));
    let got = cx.raw(&bytes);
    t.check(
        "handler refusal: lo > hi",
        matches!(&got, Ok(a) if a.error == -EINVAL && a.offset == offset(at.range)
            && a.msg.contains("lo > hi")),
        || format!("{got:?}, range at {}", at.range),
    );
    // The same request with a valid range is served (the offsets above were right).
    let (bytes, _) = cx.build(GENL_CMD_ECHO, flags, |w| echo_attrs(w, b"r\0", 3, 9));
    let got = cx.raw(&bytes);
    t.check(
        "hand-built request served",
        matches!(&got, Ok(a) if a.error == 0 && a.replies == 1),
        || format!("{got:?}"),
    );
}

/// Writes a request's attributes; returns the offset of the one under test.
type WriteAttrs = dyn Fn(&mut NlWriter<'_>) -> usize;

fn hostile(cx: &mut Ctx, rng: &mut Rng, t: &mut Tally) {
    let flags = NLM_F_REQUEST | NLM_F_ACK;
    let refused = |got: &Result<Answer, SocketError>, errnos: &[i32], at: Option<usize>| {
        matches!(got, Ok(a) if errnos.iter().any(|e| a.error == -e) && a.replies == 0
            && (at.is_none() || a.offset == at.and_then(offset)))
    };
    // Wrong types, each caught by the kernel's policy, with the attribute's offset.
    let cases: [(&str, &WriteAttrs); 6] = [
        ("u32 with 2 bytes", &|w| {
            let at = w.len();
            w.put_attr(1, &[1, 2]).expect("room");
            at
        }),
        ("u32 with 8 bytes", &|w| {
            let at = w.len();
            w.put_u64(1, 1).expect("room");
            at
        }),
        ("flag with a payload", &|w| {
            w.put_u32(1, 1).expect("room");
            w.put_str(2, "x").expect("room");
            let at = w.len();
            w.put_u32(4, 1).expect("room");
            at
        }),
        ("string without NUL", &|w| {
            w.put_u32(1, 1).expect("room");
            let at = w.len();
            w.put_attr(2, b"abc").expect("room");
            at
        }),
        ("nest without NLA_F_NESTED", &|w| {
            w.put_u32(1, 1).expect("room");
            w.put_str(2, "x").expect("room");
            let at = w.len();
            let mut inner = [0u8; 16];
            let mut iw = NlWriter::new(&mut inner);
            iw.put_u32(1, 1).expect("room");
            iw.put_u32(2, 2).expect("room");
            w.put_attr(3, &inner).expect("room");
            at
        }),
        ("string over 32 bytes", &|w| {
            w.put_u32(1, 1).expect("room");
            let at = w.len();
            w.put_str(2, &"x".repeat(100)).expect("room");
            at
        }),
    ];
    for (what, attrs) in cases {
        let (bytes, at) = cx.build(GENL_CMD_ECHO, flags, |w| attrs(w));
        let got = cx.raw(&bytes);
        t.check(what, refused(&got, &[EINVAL, ERANGE], Some(at)), || {
            format!("{got:?}, attribute at {at}")
        });
    }
    // Unknown attributes, at the top level and in the nest: strict validation refuses them.
    let (bytes, at) = cx.build(GENL_CMD_ECHO, flags, |w| {
        w.put_u32(1, 1).expect("room");
        w.put_str(2, "x").expect("room");
        let at = w.len();
        w.put_u32(9, 1).expect("room");
        at
    });
    let got = cx.raw(&bytes);
    t.check(
        "unknown attribute",
        refused(&got, &[EINVAL], Some(at)),
        || format!("{got:?}, attribute at {at}"),
    );
    let (bytes, at) = cx.build(GENL_CMD_ECHO, flags, |w| {
        w.put_u32(1, 1).expect("room");
        w.put_str(2, "x").expect("room");
        let nest = w.begin_nest(3).expect("room");
        w.put_u32(1, 1).expect("room");
        let at = w.len();
        w.put_u32(7, 1).expect("room");
        w.end_nest(nest).expect("room");
        at
    });
    let got = cx.raw(&bytes);
    t.check(
        "unknown nested attribute",
        refused(&got, &[EINVAL], Some(at)),
        || format!("{got:?}, attribute at {at}"),
    );
    // Truncated: an attribute longer than the message, a message shorter than its
    // genlmsghdr, trailing bytes.
    let (mut bytes, at) = cx.build(GENL_CMD_ECHO, flags, |w| {
        w.put_u32(1, 1).expect("room");
        w.len()
    });
    bytes.extend_from_slice(&[64, 0, 2, 0, b'x', 0, 0, 0]);
    let len = u32::try_from(bytes.len()).expect("small");
    bytes[..4].copy_from_slice(&len.to_ne_bytes());
    let got = cx.raw(&bytes);
    t.check(
        "attribute past the end",
        refused(&got, &[EINVAL, ERANGE], None),
        || format!("{got:?}, attribute at {at}"),
    );
    let (mut bytes, ()) = cx.build(GENL_CMD_ECHO, flags, |_| ());
    bytes.truncate(18);
    bytes[..4].copy_from_slice(&18u32.to_ne_bytes());
    let got = cx.raw(&bytes);
    t.check(
        "message shorter than genlmsghdr",
        refused(&got, &[EINVAL], None),
        || format!("{got:?}"),
    );
    let (mut bytes, ()) = cx.build(GENL_CMD_ECHO, flags, |w| {
        w.put_u32(1, 1).expect("room");
        w.put_str(2, "x").expect("room");
    });
    bytes.extend_from_slice(&[1, 2]);
    let len = u32::try_from(bytes.len()).expect("small");
    bytes[..4].copy_from_slice(&len.to_ne_bytes());
    let got = cx.raw(&bytes);
    t.check("trailing bytes", refused(&got, &[EINVAL], None), || {
        format!("{got:?}")
    });
    // A reserved field that is not 0, an unknown command, a dump of a do command.
    let (mut bytes, ()) = cx.build(GENL_CMD_ECHO, flags, |_| ());
    bytes[18] = 1;
    let got = cx.raw(&bytes);
    t.check(
        "genlmsghdr.reserved set",
        refused(&got, &[EINVAL], None),
        || format!("{got:?}"),
    );
    let (bytes, ()) = cx.build(99, flags, |_| ());
    let got = cx.raw(&bytes);
    t.check(
        "unknown command",
        refused(&got, &[EOPNOTSUPP], None),
        || format!("{got:?}"),
    );
    let (bytes, ()) = cx.build(GENL_CMD_ECHO, flags | NLM_F_DUMP, |_| ());
    let got = cx.raw(&bytes);
    t.check(
        "dump of a do command",
        refused(&got, &[EOPNOTSUPP], None),
        || format!("{got:?}"),
    );
    // Oversized: larger than the socket's send buffer.
    let (mut bytes, ()) = cx.build(GENL_CMD_ECHO, flags, |_| ());
    bytes.resize(1 << 20, 0);
    let got = cx.sock.send(&bytes);
    t.check(
        "oversized datagram",
        matches!(got, Err(SocketError::Io(e)) if e.get() == EMSGSIZE),
        || format!("{got:?}"),
    );
    // Mutated requests: any answer but a hang or a crash; replies only to what decodes.
    let (good, _) = cx.build(GENL_CMD_ECHO, flags, |w| echo_attrs(w, b"mutate\0", 1, 4));
    let mut answered = 0;
    for _ in 0..500 {
        let mut bytes = good.clone();
        let seq = cx.sock.next_seq();
        bytes[8..12].copy_from_slice(&seq.to_ne_bytes());
        for _ in 0..1 + rng.next() % 4 {
            let i = HDR + rng.below((bytes.len() - HDR) as u64) as usize;
            bytes[i] = u8::try_from(rng.next() & 0xFF).unwrap_or(0);
        }
        let got = cx.raw(&bytes);
        let fine = matches!(&got, Ok(a) if (a.error == 0 && a.replies == 1)
            || (a.error < 0 && a.replies == 0));
        if fine {
            answered += 1;
        }
        t.check("mutated request answered", fine, || format!("{got:?}"));
    }
    // Still serving after all that.
    let req = Echo {
        value: 41,
        text: BoundedStr::try_from("after").expect("fits"),
        range: None,
        notify: false,
    };
    let got = cx.echo(&req).map(|g| g.0.value);
    t.check("serving after hostile input", got == Ok(42), || {
        format!("{got:?}")
    });
    println!("generic netlink: {answered} of 500 mutated requests answered");
}
