//! Prints link and address changes as they happen, like `ip monitor link address`, on a
//! tokio runtime: an async netlink socket (`socket::AsyncNlSocket`, feature `tokio`)
//! subscribed to rtnetlink's link, IPv4 and IPv6 address groups. One line per event: in
//! text `newlink 3: eth0 mtu 1500 state UP`, `deladdr 3: inet 192.0.2.1/24 scope global`;
//! with `--json` one object per line, the keys of `ip_link`/`ip_addr` after `"event"`.
//! `--count N` stops after N events.
//!
//! ```text
//! cargo run -p crosswire-kernel --features tokio --example ip_monitor -- --json
//! ```

use crosswire_kernel_examples::rtnl;

use std::io::Write;

use crosswire_kernel::netlink::{
    route::{RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR, RTNLGRP_LINK},
    socket::{AsyncNlSocket, DEFAULT_BUFFER},
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let as_json = args.iter().any(|a| a == "--json");
    let count: Option<usize> = match args.iter().position(|a| a == "--count") {
        Some(i) => Some(args.get(i + 1).ok_or("--count N")?.parse()?),
        None => None,
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let sock = AsyncNlSocket::route()?;
        for group in [RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR] {
            sock.get_ref().add_membership(group)?;
        }
        // Subscribed: a script may start changing things now.
        eprintln!("ip_monitor: listening");
        let mut buf = vec![0u8; DEFAULT_BUFFER];
        let mut seen = 0;
        loop {
            let (msgs, _) = sock.recv(&mut buf).await?;
            for msg in msgs {
                if let Some(line) = rtnl::event(&msg?, as_json)? {
                    println!("{line}");
                    std::io::stdout().flush()?;
                    seen += 1;
                    if count.is_some_and(|n| seen >= n) {
                        return Ok(());
                    }
                }
            }
        }
    })
}
