//! The netlink socket on tokio (feature `tokio`): requests, dumps as a stream and
//! multicast notifications, with the same types, errors and deadlines as the blocking
//! socket; the `ip_monitor` example's events in a network namespace of the test's own.
// Not under qemu-user (`.ci/cross.sh`'s emulated targets): it does not translate the
// payloads of netlink sockets, which this test needs from the host kernel.
#![cfg(not(crosswire_qemu_user))]

use crate::{netns, rtnl};

use std::{collections::BTreeSet, time::Duration};

use crosswire_kernel::netlink::{
    genl,
    route::{
        self, IfInfoMsg, RTM_GETLINK, RTM_NEWLINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR,
        RTNLGRP_LINK,
    },
    socket::{AsyncNlSocket, DumpOutcome, NlSocket, SocketError, DEFAULT_BUFFER},
    NlWriter, NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST,
};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A request and a dump against nlctrl, through the async socket.
#[test]
fn request_and_dump_stream() {
    runtime().block_on(async {
        let mut sock = AsyncNlSocket::generic().unwrap();
        let mut buf = vec![0u8; DEFAULT_BUFFER];
        let mut req = [0u8; 64];
        let seq = sock.get_mut().next_seq();
        let req = genl::getfamily_request(&mut req, seq, "nlctrl").unwrap();
        let mut replies = 0;
        sock.request(req, &mut buf, |_| {
            replies += 1;
            Ok(())
        })
        .await
        .unwrap();
        assert_eq!(replies, 1);
        // An unknown family: refused, as by the blocking socket.
        let mut req = [0u8; 64];
        let seq = sock.get_mut().next_seq();
        let req = genl::getfamily_request(&mut req, seq, "no-such-family").unwrap();
        let got = sock.request(req, &mut buf, |_| Ok(())).await;
        assert!(
            matches!(got, Err(SocketError::Refused { error: -2, .. })),
            "{got:?}"
        );

        // Every family, as a stream, against the blocking socket's dump.
        let mut req = [0u8; 64];
        let mut w = NlWriter::new(&mut req);
        let seq = sock.get_mut().next_seq();
        let m = w
            .begin_message(genl::GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_DUMP, seq, 0)
            .unwrap();
        w.put_bytes(&[genl::CTRL_CMD_GETFAMILY, 2, 0, 0]).unwrap();
        w.end_message(m).unwrap();
        let len = w.len();
        let mut dump = sock.dump(&req[..len], &mut buf).await.unwrap();
        let mut items = 0;
        while let Some(item) = dump.next().await.unwrap() {
            assert_eq!(item.header().ty, genl::GENL_ID_CTRL);
            items += 1;
        }
        assert!(matches!(dump.outcome(), Some(DumpOutcome::Complete { items: n }) if n == items));
        let mut blocking = NlSocket::generic().unwrap();
        let mut count = 0;
        let seq = blocking.next_seq();
        req[8..12].copy_from_slice(&seq.to_ne_bytes());
        let _ = blocking
            .dump(&req[..len], &mut buf, |_| {
                count += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(items, count);
    });
}

/// A peer that never answers: the async request ends at the socket's deadline.
#[test]
fn silent_peer_hits_the_deadline() {
    runtime().block_on(async {
        let silent = NlSocket::usersock().unwrap();
        let mut sock = AsyncNlSocket::usersock().unwrap();
        sock.get_mut().set_peer(silent.port());
        sock.get_mut().set_timeout(Some(Duration::from_millis(200)));
        let mut req = [0u8; 32];
        let mut w = NlWriter::new(&mut req);
        let seq = sock.get_mut().next_seq();
        let port = sock.get_ref().port();
        let m = w
            .begin_message(0x20, NLM_F_REQUEST | NLM_F_ACK, seq, port)
            .unwrap();
        w.end_message(m).unwrap();
        let len = w.len();
        let mut buf = vec![0u8; 4096];
        let got = sock.request(&req[..len], &mut buf, |_| Ok(())).await;
        assert_eq!(got, Err(SocketError::TimedOut));
        let mut dump = sock.dump(&req[..len], &mut buf).await.unwrap();
        assert_eq!(dump.next().await.unwrap_err(), SocketError::TimedOut);
    });
}

/// `ip_monitor`'s events: links and addresses made and removed in a namespace, each
/// event received through the async socket, none missed; then the link dump as a
/// stream.
#[test]
fn monitor_sees_every_link_and_address_event() {
    if !netns::enter("async_socket::monitor_sees_every_link_and_address_event") {
        return;
    }
    runtime().block_on(async {
        let sock = AsyncNlSocket::route().unwrap();
        for group in [RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR] {
            sock.get_ref().add_membership(group).unwrap();
        }
        // Two phases: an IPv6 address is announced from a work queue, after `ip` returns,
        // so the deletions wait until every addition has been seen.
        let phases = [
            (
                "link add ev0 type veth peer name ev1\n\
                 addr add 192.0.2.9/24 dev ev0\n\
                 addr add 2001:db8::9/64 dev ev0 nodad\n",
                &[
                    "newlink ev0",
                    "newlink ev1",
                    "newaddr 192.0.2.9",
                    "newaddr 2001:db8::9",
                ][..],
            ),
            (
                "addr del 192.0.2.9/24 dev ev0\n\
                 link del ev0\n",
                &["deladdr 192.0.2.9", "dellink ev0", "dellink ev1"][..],
            ),
        ];
        let mut seen = BTreeSet::new();
        let mut buf = vec![0u8; DEFAULT_BUFFER];
        for (script, expected) in phases {
            let script = tokio::task::spawn_blocking(move || netns::ip_batch(script));
            // Generous: the events come within milliseconds; a lost one never comes.
            let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
            while !expected.iter().all(|e| seen.contains(*e)) {
                let (msgs, sender) = tokio::time::timeout_at(deadline, sock.recv(&mut buf))
                    .await
                    .unwrap_or_else(|_| panic!("events missing: saw {seen:?}"))
                    .unwrap();
                assert_eq!(sender, 0);
                for msg in msgs {
                    let Some(line) = rtnl::event(&msg.unwrap(), true).unwrap() else {
                        continue;
                    };
                    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
                    let event = v["event"].as_str().unwrap();
                    let what = v
                        .get("ifname")
                        .or_else(|| v.get("local"))
                        .and_then(|w| w.as_str())
                        .unwrap_or_default();
                    seen.insert(format!("{event} {what}"));
                }
            }
            script.await.unwrap();
        }

        // The link dump as a stream: lo alone is left.
        let mut sock = AsyncNlSocket::route().unwrap();
        let mut req = [0u8; 64];
        let mut w = NlWriter::new(&mut req);
        let seq = sock.get_mut().next_seq();
        route::put_message(
            &mut w,
            RTM_GETLINK,
            NLM_F_REQUEST | NLM_F_DUMP,
            seq,
            &IfInfoMsg::default(),
            &rtnl::NoAttrs {},
        )
        .unwrap();
        let len = w.len();
        let mut dump = sock.dump(&req[..len], &mut buf).await.unwrap();
        let mut names = Vec::new();
        while let Some(item) = dump.next().await.unwrap() {
            assert_eq!(item.header().ty, RTM_NEWLINK);
            names.push(rtnl::name(&rtnl::link_of(&item).unwrap().ifname));
        }
        assert_eq!(names, ["lo"]);
    });
}

/// The `ip_monitor` example itself (the binary `cargo test` builds): it prints the two
/// `newlink` events of a veth pair made after it says it listens, in text and JSON.
#[test]
fn ip_monitor_example_prints_events() {
    if !netns::enter("async_socket::ip_monitor_example_prints_events") {
        return;
    }
    use std::{
        io::{BufRead, BufReader},
        process::{Command, Stdio},
    };
    let example = netns::example("ip_monitor");
    for (json, pair) in [(false, ("mx0", "mx1")), (true, ("mj0", "mj1"))] {
        let mut args = vec!["--count", "2"];
        if json {
            args.push("--json");
        }
        let mut child = Command::new(&example)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ip_monitor: listening");
        netns::ip(&[
            "link", "add", pair.0, "type", "veth", "peer", "name", pair.1,
        ]);
        let start = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                panic!("ip_monitor did not print two events");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        for (line, name) in lines.iter().zip([pair.1, pair.0]) {
            if json {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                assert_eq!(
                    (v["event"].as_str(), v["ifname"].as_str()),
                    (Some("newlink"), Some(name))
                );
            } else {
                assert!(
                    line.starts_with("newlink ")
                        && line.contains(&format!(": {name} mtu 1500 state ")),
                    "{line}"
                );
            }
        }
    }
}
