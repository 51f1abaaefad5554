//! A key-value daemon over `NETLINK_USERSOCK`: prints its port id, then answers
//! `usersock_tool` until told to quit. Both sides share `shared/usersock.rs`.
//!
//! Any local user can send to its port, so it serves through `socket::Server`: datagrams
//! that are malformed or too large are dropped and counted, answers go out without
//! blocking (a client that does not read loses them), and `set` and `quit` are refused
//! (`EPERM`) to other users than the daemon's own and root, by the kernel's credentials.
//! It prints its counters when it stops.
//!
//! ```text
//! cargo run -p crosswire-kernel --example usersock_daemon &
//! cargo run -p crosswire-kernel --example usersock_tool -- <port> set answer 42
//! cargo run -p crosswire-kernel --example usersock_tool -- <port> get answer
//! cargo run -p crosswire-kernel --example usersock_tool -- <port> quit
//! ```

use crosswire_kernel_examples::usersock;

use std::io::Write;

use crosswire_kernel::netlink::socket::NlSocket;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sock = NlSocket::usersock()?;
    println!("{}", sock.port());
    std::io::stdout().flush()?;
    let served = usersock::serve(sock)?;
    eprintln!("usersock_daemon: served {served:?}");
    Ok(())
}
