//! Lists the network links of the current namespace with the keys and formats of
//! `ip -j link`: `ifindex`, `ifname`, `mtu`, `operstate`, `txqlen`, `address`,
//! `broadcast`, `link` (where present). Names are the kernel's bytes: those that are not
//! UTF-8 are escaped losslessly (`\xff`, and `\\` for a backslash). A dump that is still
//! interrupted (`NLM_F_DUMP_INTR`) after three tries is printed with `ip`'s warning on
//! stderr, "Dump was interrupted and may be inconsistent."
//!
//! ```text
//! cargo run -p crosswire-kernel --example ip_link -- --json
//! ```
//!
//! The `IFLA_*` attribute set is declared with `#[derive(NlaSet)]` in `shared/rtnl.rs`.

use crosswire_kernel_examples::json;
use crosswire_kernel_examples::rtnl;

use crosswire_kernel::netlink::socket::{NlSocket, DEFAULT_BUFFER};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let as_json = std::env::args().any(|a| a == "--json");
    let mut sock = NlSocket::route()?;
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let (links, interrupted) = rtnl::links_json(&mut sock, &mut buf)?;
    if interrupted {
        eprintln!("{}", rtnl::INTERRUPTED);
    }
    if as_json {
        println!("{}", json::array(links));
    } else {
        for l in links {
            println!("{l}");
        }
    }
    Ok(())
}
