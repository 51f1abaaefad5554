//! The userspace side of the crosswire sample device: opens `/dev/crosswire_sample` (the
//! sample kernel module; or the device given, such as `/dev/crosswire_sample_c` of the C
//! sample module), checks with the `VERSION` command that the module was built from the same
//! message types (it refuses to go on otherwise), sends each command once and prints the
//! replies; then does the same over the module's generic-netlink family, `crosswire_genl`
//! (not with `--ioctl-only`).
//!
//! The message types and the commands come from the crate `crosswire-sample-types`
//! (`../types.rs`, the file the module includes too); `crosswire_kernel::ioctl::user::call` encodes the request, makes the ioctl and
//! decodes the reply. (The qemu test's checks of the module, thousands of messages, hostile
//! input and version skew, are in `tests/kernel/checker/`.)

use std::{error::Error, fs::File, process::ExitCode};

use crosswire::{BoundedStr, BoundedString, BoundedVec};
use crosswire_kernel::{
    ioctl::user::{call, CallError},
    netlink::{
        genl::{self, FamilyCache, GenlMessage},
        socket::{NlSocket, DEFAULT_BUFFER},
        Mode, NlWriter, NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST,
    },
    Errno,
};

use crosswire_sample_types::*;

/// Usage: `crosswire-sample-user [--ioctl-only] [DEVICE]`. `DEVICE` defaults to
/// `/dev/crosswire_sample`; `--ioctl-only` skips the generic-netlink part (the C sample
/// module, `/dev/crosswire_sample_c`, serves the ioctl commands only).
fn main() -> ExitCode {
    let mut ioctl_only = false;
    let mut device = String::from("/dev/crosswire_sample");
    for arg in std::env::args().skip(1) {
        if arg == "--ioctl-only" {
            ioctl_only = true;
        } else {
            device = arg;
        }
    }
    match run(&device, ioctl_only) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(device: &str, ioctl_only: bool) -> Result<(), Box<dyn Error>> {
    let dev = File::options().read(true).write(true).open(device)?;
    println!("device {device}");

    // First the version command: this program and the module must have been built from the
    // same message types, else every other answer would be misread.
    // SAFETY: the sample modules implement their commands with the crosswire buffer
    // convention, reading and writing only the size in the number (so for every `call`
    // below).
    let (theirs, _len) = unsafe { call(&dev, VERSION, &()) }
        .map_err(|e| format!("{device}: the version command failed: {e}"))?;
    if let Some(what) = theirs.mismatch(&VersionReply::ours()) {
        return Err(format!(
            "{device}: built from other message types than this program ({what} differs): \
             rebuild both from the same types.rs (module {theirs:x?}, program {:x?})",
            VersionReply::ours()
        )
        .into());
    }
    println!("VERSION -> {theirs:x?}");

    let arith = Arith {
        a: 40,
        b: 2,
        c: 6,
        d: 7,
        negate: false,
        opt: Some(21),
        arr: [1, 2, 3, 4],
        ch: '🦀',
    };
    // SAFETY: as above.
    let (reply, _len) = unsafe { call(&dev, ARITH, &arith) }?;
    println!("ARITH {arith:?}\n   -> {reply:?}");

    let ops = [
        Op::Upper {
            text: BoundedString::try_from("hello, kernel")?,
        },
        Op::Sum(BoundedVec::from_slice(&[1, 2, 3, 4])?),
        Op::Stats {
            name: BoundedString::try_from("temps")?,
            values: BoundedVec::from_slice(&[-3, 12, 7])?,
            flag: Some(true),
        },
    ];
    for op in &ops {
        // SAFETY: as above.
        let (reply, _len) = unsafe { call(&dev, OP, op) }?;
        println!("OP {op:?}\n   -> {reply:?}");
    }

    #[allow(
        clippy::needless_update,
        reason = "the later versions' fields exist only in some builds"
    )]
    let settings = Settings {
        max_items: 5000,
        flags: 0x1,
        ..Settings::default()
    };
    // SAFETY: as above.
    let (reply, _len) = unsafe { call(&dev, SETTINGS, &settings) }?;
    println!("SETTINGS (v{SETTINGS_VERSION}) {settings:?}\n   -> {reply:?}");

    // The module refuses a reserved flag with its own errno.
    #[allow(
        clippy::needless_update,
        reason = "the later versions' fields exist only in some builds"
    )]
    let reserved = Settings {
        flags: FLAG_RESERVED,
        ..settings
    };
    // SAFETY: as above.
    match unsafe { call(&dev, SETTINGS, &reserved) } {
        Err(CallError::Os(Errno::EOPNOTSUPP)) => println!("SETTINGS reserved flag -> EOPNOTSUPP"),
        other => return Err(format!("reserved flag: expected EOPNOTSUPP, got {other:?}").into()),
    }
    if ioctl_only {
        return Ok(());
    }
    generic_netlink()
}

/// The module's generic-netlink family: one `ECHO` (request → reply) and one `LIST` dump,
/// with the same derived types the module is built from.
fn generic_netlink() -> Result<(), Box<dyn Error>> {
    let mut sock = NlSocket::generic()?;
    let mut buf = vec![0u8; DEFAULT_BUFFER];
    let mut families = FamilyCache::<1>::new();
    let family = sock
        .resolve(&mut families, GENL_FAMILY, &mut buf)?
        .ok_or("the module's generic netlink family is not registered")?;

    let echo = Echo {
        value: 41,
        text: BoundedStr::try_from("hello, netlink")?,
        range: Some(Range { lo: 1, hi: 100 }),
        notify: false,
    };
    let mut req = [0u8; <Echo<'static> as GenlMessage<'static>>::MAX_MESSAGE_LEN];
    let seq = sock.next_seq();
    let mut w = NlWriter::new(&mut req);
    genl::put_message(&mut w, &echo, family.id, NLM_F_REQUEST | NLM_F_ACK, seq)?;
    sock.request(w.finish(), &mut buf, |msg| {
        let (_, reply, _) = genl::read_message::<EchoReply<'_>>(&msg, Mode::Strict)?;
        println!("GENL ECHO {echo:?}\n   -> {reply:?}");
        Ok(())
    })?;

    let list = List { count: 3 };
    let mut req = [0u8; <List as GenlMessage<'static>>::MAX_MESSAGE_LEN];
    let seq = sock.next_seq();
    let mut w = NlWriter::new(&mut req);
    genl::put_message(&mut w, &list, family.id, NLM_F_REQUEST | NLM_F_DUMP, seq)?;
    let outcome = sock.dump(w.finish(), &mut buf, |msg| {
        let (_, item, _) = genl::read_message::<Item>(&msg, Mode::Strict)?;
        println!("GENL LIST item {item:?}");
        Ok(())
    })?;
    println!("GENL LIST {list:?} -> {outcome:?}");
    Ok(())
}
