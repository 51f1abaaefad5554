//! Drives `/dev/crosswire_sample` (the sample kernel module) from userspace.

use std::process::ExitCode;

use rustix::fs::{open, Mode, OFlags};
use rustix::ioctl::{ioctl, Ioctl, IoctlOutput, Opcode};

/// One ioctl call with a raw opcode and a raw argument (usually a pointer).
struct Raw {
    opcode: Opcode,
    arg: *mut core::ffi::c_void,
}

// SAFETY: the opcode and argument are passed through unchanged; `IS_MUTATING` is true, so
// rustix assumes the kernel may write through `arg`, which the callers own for the call.
unsafe impl Ioctl for Raw {
    type Output = IoctlOutput;
    const IS_MUTATING: bool = true;
    fn opcode(&self) -> Opcode {
        self.opcode
    }
    fn as_ptr(&mut self) -> *mut core::ffi::c_void {
        self.arg
    }
    unsafe fn output_from_ptr(
        out: IoctlOutput,
        _arg: *mut core::ffi::c_void,
    ) -> rustix::io::Result<IoctlOutput> {
        Ok(out)
    }
}

const fn iowr(ty: u8, nr: u8, size: usize) -> Opcode {
    (3 << 30) | ((size as u32) << 16) | ((ty as u32) << 8) | nr as u32
}

fn main() -> ExitCode {
    let fd = match open("/dev/crosswire_sample", OFlags::RDWR, Mode::empty()) {
        Ok(fd) => fd,
        Err(e) => {
            println!("FAIL open /dev/crosswire_sample: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut v: u64 = 41;
    let call = Raw { opcode: iowr(b'x', 0, 8), arg: (&mut v as *mut u64).cast() };
    // SAFETY: `arg` points at a live, writable u64, which is what the PING command reads and writes.
    let r = unsafe { ioctl(&fd, call) };
    match r {
        Ok(0) if v == 42 => {
            println!("ping ok");
            ExitCode::SUCCESS
        }
        other => {
            println!("FAIL ping: {other:?}, v={v}");
            ExitCode::FAILURE
        }
    }
}
