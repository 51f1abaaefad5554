//! Captures the fixture of the netlink benchmark: the raw bytes of an rtnetlink link dump
//! (`RTM_GETLINK`, `NLM_F_DUMP`) from a fresh network namespace holding `PAIRS` veth
//! pairs, every datagram back to back, `NLMSG_DONE` included.
//!
//! ```text
//! cargo run -p crosswire-benches --release --bin netlink_capture -- benches/fixtures/rtnl_link_dump.bin 100
//! ```
//!
//! Needs root (it re-runs itself under `unshare -n`, so the host's links are untouched),
//! `unshare` and `ip`.

use std::{io::Write, process::Command};

use crosswire_kernel::netlink::{
    route::{self, IfInfoMsg, RTM_GETLINK},
    socket::{NlSocket, DEFAULT_BUFFER},
    Control, NlWriter, NlaSet, NLM_F_DUMP, NLM_F_REQUEST,
};

#[derive(NlaSet)]
struct NoAttrs {}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(pairs)) = (args.get(1), args.get(2)) else {
        return Err("usage: netlink_capture OUTPUT PAIRS".into());
    };
    let pairs: usize = pairs.parse()?;
    if std::env::var_os("NETLINK_CAPTURE_IN_NETNS").is_none() {
        let status = Command::new("unshare")
            .arg("-n")
            .args(&args)
            .env("NETLINK_CAPTURE_IN_NETNS", "1")
            .status()?;
        return if status.success() {
            Ok(())
        } else {
            Err("capture failed".into())
        };
    }
    let mut batch = Command::new("ip")
        .args(["-batch", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()?;
    let mut stdin = batch.stdin.take().ok_or("ip stdin")?;
    for i in 0..pairs {
        writeln!(stdin, "link add a{i} type veth peer name b{i}")?;
    }
    drop(stdin);
    if !batch.wait()?.success() {
        return Err("ip -batch failed".into());
    }

    let mut sock = NlSocket::route()?;
    let mut req = [0u8; 64];
    let seq = sock.next_seq();
    let mut w = NlWriter::new(&mut req);
    let flags = NLM_F_REQUEST | NLM_F_DUMP;
    route::put_message(
        &mut w,
        RTM_GETLINK,
        flags,
        seq,
        &IfInfoMsg::default(),
        &NoAttrs {},
    )?;
    let len = w.len();
    sock.send(&req[..len])?;
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let mut out = Vec::new();
    let (mut links, mut done) = (0, false);
    while !done {
        let (msgs, _) = sock.recv(&mut buf)?;
        let mut end = 0;
        for msg in msgs {
            let msg = msg?;
            end = msg.payload_offset() + msg.payload().len();
            match msg.control()? {
                Some(Control::Done(_)) => done = true,
                Some(_) => return Err("unexpected control message".into()),
                None => links += 1,
            }
        }
        out.extend_from_slice(&buf[..end.next_multiple_of(4)]);
    }
    std::fs::write(path, &out)?;
    eprintln!("{links} links, {} bytes, written to {path}", out.len());
    Ok(())
}
