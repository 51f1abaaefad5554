//! A key-value daemon over `NETLINK_USERSOCK`: prints its port id, then answers
//! `usersock_tool` until told to quit. Both sides share `shared/usersock.rs`.
//!
//! ```text
//! cargo run -p crosswire-kernel --example usersock_daemon &
//! cargo run -p crosswire-kernel --example usersock_tool -- <port> set answer 42
//! cargo run -p crosswire-kernel --example usersock_tool -- <port> get answer
//! cargo run -p crosswire-kernel --example usersock_tool -- <port> quit
//! ```

#[path = "shared/usersock.rs"]
mod usersock;

use std::io::Write;

use crosswire_kernel::netlink::socket::NlSocket;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut sock = NlSocket::usersock()?;
    println!("{}", sock.port());
    std::io::stdout().flush()?;
    let served = usersock::serve(&mut sock)?;
    eprintln!("usersock_daemon: served {served} requests");
    Ok(())
}
