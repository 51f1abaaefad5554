//! The device under test: raw ioctl calls with any number and any address, and round trips
//! through `crosswire_kernel::ioctl::user`.

use crosswire::{Decode, Encode, MaxSize};
use crosswire_kernel::{ioctl, message::Versioning};
use rustix::fd::OwnedFd;
use rustix::ioctl::{ioctl, Ioctl, IoctlOutput, Opcode};

/// One ioctl call with a raw opcode and a raw argument (any address, valid or not).
pub(crate) struct Raw {
    opcode: Opcode,
    arg: *mut core::ffi::c_void,
}

// SAFETY: the opcode and argument go to the kernel unchanged and the output is the syscall's
// return value; `IS_MUTATING` is true because the sample's commands write the buffer. Callers
// of `ioctl` with this type promise that `arg` is either a buffer they own for the call or an
// address the kernel must reject with EFAULT.
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

/// `cmd` with its size field replaced.
pub(crate) fn with_size(cmd: u32, size: usize) -> u32 {
    (cmd & !(0x3fff << 16)) | (((size as u32) & 0x3fff) << 16)
}

pub(crate) struct Dev {
    pub(crate) fd: OwnedFd,
}

impl Dev {
    /// The raw call: `Ok(reply length)` or `Err(errno)`.
    pub(crate) fn call_raw(&self, cmd: u32, arg: *mut core::ffi::c_void) -> Result<usize, i32> {
        // SAFETY: per the `Raw` contract, `arg` is a buffer of at least `size_of_cmd(cmd)`
        // bytes owned by the caller, or an address meant to fail.
        match unsafe { ioctl(&self.fd, Raw { opcode: cmd, arg }) } {
            Ok(n) => Ok(n as usize),
            Err(e) => Err(e.raw_os_error()),
        }
    }

    /// Calls with `buf` (whose length is put into the command's size field).
    pub(crate) fn call(&self, cmd: u32, buf: &mut [u8]) -> Result<usize, i32> {
        let cmd = with_size(cmd, buf.len());
        self.call_raw(cmd, buf.as_mut_ptr().cast())
    }

    /// A round trip through `crosswire_kernel::ioctl::user::call_in` (the request, then zeros,
    /// in a buffer of the command's size; the reply decoded by the rule the module encodes
    /// with), then checks the returned length and that the bytes after the reply are zero.
    pub(crate) fn exchange<Req, Reply, V>(
        &self,
        cmd: ioctl::Command<Req, Reply, V>,
        req: &Req,
    ) -> Result<Reply, String>
    where
        Req: Encode + MaxSize,
        Reply: for<'de> Decode<'de> + MaxSize + PartialEq,
        V: Versioning,
    {
        let mut buf = vec![0u8; ioctl::Command::<Req, Reply, V>::SIZE];
        // SAFETY: the sample module implements every command with the crosswire buffer
        // convention: it reads and writes only the number's size.
        let (reply, n) = unsafe { ioctl::user::call_in(&self.fd, cmd, req, &mut buf) }
            .map_err(|e| e.to_string())?;
        let n = usize::try_from(n).map_err(|_| "negative length")?;
        // The returned length must be exactly the reply (the module's version of it, which
        // may be shorter or longer than this program's for the extensible command).
        let strict = buf.get(..n).ok_or("reply length past the buffer")?;
        if crosswire::from_bytes::<Reply>(strict).as_ref() != Ok(&reply) {
            return Err(format!("returned length {n} is not the reply's"));
        }
        if buf[n..].iter().any(|&b| b != 0) {
            return Err("non-zero bytes after the reply".into());
        }
        Ok(reply)
    }
}

impl Dev {
    /// Sends a raw buffer; decodes the reply on success.
    pub(crate) fn exchange_raw<Reply: for<'de> Decode<'de>>(
        &self,
        cmd: u32,
        mut buf: Vec<u8>,
    ) -> Result<Reply, i32> {
        let n = self.call(cmd, &mut buf)?;
        crosswire::from_bytes(&buf[..n]).map_err(|_| -1)
    }
}
