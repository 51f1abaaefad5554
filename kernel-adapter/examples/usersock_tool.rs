//! The client of `usersock_daemon`: `<port> set KEY VALUE [sticky]`, `<port> get KEY`,
//! `<port> quit`. Errors print the daemon's extended ack (message, offset).

use crosswire_kernel_examples::usersock;

use crosswire_kernel::netlink::socket::{NlSocket, SocketError};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: usersock_tool PORT (set KEY VALUE [sticky] | get KEY | quit)";
    let port: u32 = args.first().ok_or(usage)?.parse()?;
    let mut sock = NlSocket::usersock()?;
    sock.set_peer(port);
    let result = match args.get(1).map(String::as_str) {
        Some("set") => {
            let key = args.get(2).ok_or(usage)?;
            let value: u64 = args.get(3).ok_or(usage)?.parse()?;
            let sticky = args.get(4).is_some_and(|s| s == "sticky");
            usersock::set(&mut sock, key, value, sticky).map(|()| println!("ok"))
        }
        Some("get") => {
            let key = args.get(2).ok_or(usage)?;
            usersock::get(&mut sock, key).map(|v| match v {
                Some((value, sticky)) => {
                    println!("{value}{}", if sticky { " (sticky)" } else { "" })
                }
                None => println!("(no value)"),
            })
        }
        Some("quit") => usersock::quit(&mut sock),
        _ => return Err(usage.into()),
    };
    if let Err(e @ SocketError::Refused { .. }) = &result {
        let ack = sock.last_ack();
        eprintln!("{e}: {}", ack.msg);
    }
    Ok(result?)
}
