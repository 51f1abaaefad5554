//! Running a test body inside a network namespace of its own: the test re-runs its own
//! binary, filtered to itself, under `unshare -n`, so the namespace never leaks into the
//! other tests of the binary. Skips (saying why) when not root or without `unshare`.

use std::process::Command;

const CHILD: &str = "CROSSWIRE_NETLINK_NETNS_CHILD";

/// Whether the current process may create network namespaces and run `ip`.
pub fn can_run() -> Result<(), String> {
    if !rustix::process::geteuid().is_root() {
        return Err("not root: network namespaces need CAP_SYS_ADMIN".into());
    }
    for tool in ["unshare", "ip"] {
        if Command::new(tool).arg("-V").output().is_err() {
            return Err(format!("`{tool}` not found"));
        }
    }
    Ok(())
}

/// In the parent: runs test `name` in a new network namespace and returns `false` (the
/// body ran in the child, whose failure fails this test). In the child: returns `true`,
/// so the caller runs the body.
pub fn enter(name: &str) -> bool {
    if std::env::var_os(CHILD).is_some() {
        return true;
    }
    if let Err(why) = can_run() {
        eprintln!("SKIPPED {name}: {why}");
        return false;
    }
    let exe = std::env::current_exe().expect("test binary path");
    let out = Command::new("unshare")
        .arg("-n")
        .arg(exe)
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .output()
        .expect("run unshare");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    eprint!("{stderr}");
    assert!(
        out.status.success(),
        "{name} failed in its network namespace"
    );
    assert!(
        stdout.contains("1 passed"),
        "{name} did not run in the child: {stdout}"
    );
    false
}

/// Runs `ip` with `args` in the current namespace; panics on failure.
pub fn ip(args: &[&str]) -> String {
    let out = Command::new("ip").args(args).output().expect("run ip");
    assert!(
        out.status.success(),
        "ip {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("ip prints UTF-8")
}

/// Runs `ip -batch -` with the given commands.
pub fn ip_batch(commands: &str) {
    use std::io::Write;
    let mut child = Command::new("ip")
        .args(["-batch", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("run ip -batch");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(commands.as_bytes())
        .expect("write batch");
    assert!(
        child.wait().expect("ip -batch").success(),
        "ip -batch failed"
    );
}

/// The path of example `name` as `cargo test` builds it (beside the test binaries'
/// `deps/`); panics when it is not there.
pub fn example(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let example = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(|dir| dir.join("examples").join(name))
        .expect("target directory");
    assert!(
        example.exists(),
        "{} not built (cargo test builds the examples)",
        example.display()
    );
    example
}
