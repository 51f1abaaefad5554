//! Lists the addresses of the current namespace, one JSON object per address: `ifindex`,
//! `family` (`inet`/`inet6`), `local`, `prefixlen`, `scope` (as `ip` names it), `label`
//! (where present). `ip -j addr` groups the same values per link, under `addr_info`.
//! Labels are escaped as `ip_link` escapes names; an interrupted dump is retried three
//! times, then printed with `ip`'s warning on stderr.
//!
//! ```text
//! cargo run -p crosswire-kernel --example ip_addr -- --json
//! ```
//!
//! The `IFA_*` attribute set is declared with `#[derive(NlaSet)]` in `shared/rtnl.rs`.

use crosswire_kernel_examples::json;
use crosswire_kernel_examples::rtnl;

use crosswire_kernel::netlink::socket::{NlSocket, DEFAULT_BUFFER};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let as_json = std::env::args().any(|a| a == "--json");
    let mut sock = NlSocket::route()?;
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let (addrs, interrupted) = rtnl::addrs_json(&mut sock, &mut buf)?;
    if interrupted {
        eprintln!("{}", rtnl::INTERRUPTED);
    }
    if as_json {
        println!("{}", json::array(addrs));
    } else {
        for a in addrs {
            println!("{a}");
        }
    }
    Ok(())
}
