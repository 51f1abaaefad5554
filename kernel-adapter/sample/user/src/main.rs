//! The userspace side of the crosswire sample device: opens `/dev/crosswire_sample` (the
//! sample kernel module), sends each command once and prints the replies.
//!
//! The message types and the commands come from `../types.rs`, the file the module includes
//! too; `crosswire_kernel::ioctl::user::call` encodes the request, makes the ioctl and
//! decodes the reply. (The qemu test's checks of the module, thousands of messages, hostile
//! input and version skew, are in `tests/kernel/checker/`.)

use std::{error::Error, fs::File};

use crosswire::{BoundedString, BoundedVec};
use crosswire_kernel::{
    ioctl::user::{call, CallError},
    Errno,
};

#[path = "../../types.rs"]
#[allow(dead_code, reason = "helpers used only by the module side")]
mod types;

use types::*;

fn main() -> Result<(), Box<dyn Error>> {
    let dev = File::options()
        .read(true)
        .write(true)
        .open("/dev/crosswire_sample")?;

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
    // SAFETY (every `call` below): the sample module implements its commands with the
    // crosswire buffer convention, reading and writing only the size in the number.
    let reply = unsafe { call(&dev, ARITH, &arith) }?;
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
        let reply = unsafe { call(&dev, OP, op) }?;
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
    let reply = unsafe { call(&dev, SETTINGS, &settings) }?;
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
    Ok(())
}
