//! The `shm_ring` example, as the issue specifies it: `serve` prints `ring: /proc/<pid>/fd/<n>`
//! first, counts frames until SIGTERM or SIGINT, prints `delivered=<n> corrupt=<n>` last and
//! exits 0; `produce <path> <count>` sends `<count>` frames. `cargo test` builds examples
//! next to the test binaries, so this test runs the real one.
#![cfg(all(feature = "std", target_os = "linux", not(loom)))]

use std::{
    env,
    io::{BufRead, BufReader, Read},
    path::PathBuf,
    process::{Child, ChildStdout, Command, Stdio},
    time::Duration,
};

use crosswire_kernel::ring::SharedRing;
use rustix::process::{kill_process, Pid, Signal};

fn example() -> PathBuf {
    // target/<profile>/deps/ring_example-<hash> -> target/<profile>/examples/shm_ring
    let exe = env::current_exe().unwrap();
    exe.parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples/shm_ring")
}

struct Server {
    child: Child,
    out: BufReader<ChildStdout>,
    path: String,
}

fn serve() -> Server {
    let mut child = Command::new(example())
        .arg("serve")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the shm_ring example is built by cargo test");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let path = first
        .trim_end()
        .strip_prefix("ring: ")
        .unwrap_or_else(|| panic!("first line {first:?}"))
        .to_owned();
    let prefix = format!("/proc/{}/fd/", child.id());
    let fd = path
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{path}"));
    fd.parse::<u32>().unwrap();
    Server { child, out, path }
}

/// Stops the server with `signal`; returns its last line and whether it exited 0.
fn stop(mut server: Server, signal: Signal) -> (String, bool) {
    let pid = Pid::from_raw(i32::try_from(server.child.id()).unwrap()).unwrap();
    kill_process(pid, signal).unwrap();
    let mut rest = String::new();
    server.out.read_to_string(&mut rest).unwrap();
    let status = server.child.wait().unwrap();
    let last = rest.lines().last().unwrap_or_default().to_owned();
    (last, status.success())
}

#[test]
fn serve_and_produce() {
    let server = serve();
    for count in ["1000", "250"] {
        let produced = Command::new(example())
            .args(["produce", &server.path, count])
            .output()
            .unwrap();
        assert!(produced.status.success(), "{produced:?}");
        assert_eq!(
            String::from_utf8_lossy(&produced.stdout).trim(),
            format!("sent={count}")
        );
    }
    // The last frames may still be in flight when `produce` exits.
    std::thread::sleep(Duration::from_millis(300));
    let (last, ok) = stop(server, Signal::TERM);
    assert_eq!(last, "delivered=1250 corrupt=0");
    assert!(ok);
}

#[test]
fn a_producer_of_garbage_is_counted_not_fatal() {
    let server = serve();
    {
        let ring = SharedRing::open(&server.path).unwrap();
        let mut tx = ring.producer().unwrap();
        // Frames that do not decode as the example's messages.
        for len in [0usize, 3, 17] {
            tx.send_bytes_timeout(&vec![0xFF; len], Duration::from_secs(5))
                .unwrap();
        }
        tx.notify();
    }
    std::thread::sleep(Duration::from_millis(300));
    let (last, ok) = stop(server, Signal::INT);
    assert_eq!(last, "delivered=0 corrupt=3");
    assert!(ok);
}

#[test]
fn bad_arguments_fail() {
    let out = Command::new(example()).arg("bogus").output().unwrap();
    assert!(!out.status.success());
    let out = Command::new(example())
        .args(["produce", "/nonexistent", "1"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}
