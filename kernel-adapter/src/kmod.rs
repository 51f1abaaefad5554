//! Kernel-only glue, compiled only into a kernel module (`--cfg crosswire_kernel_module`, set
//! by `kbuild/crosswire.mk`): the errno conversion into the `kernel` crate's `Error`, and the
//! kernel side of an ioctl whose buffer holds crosswire messages.
//!
//! [`serve`] reads the user buffer exactly once into kernel memory before decoding (the
//! program cannot change the request between checks and use) and writes it exactly once.

use crosswire::{Decode, Encode, MaxSize};
use kernel::{prelude::*, uaccess::UserSlice};

use crate::{ioctl, Errno};

impl From<Errno> for kernel::error::Error {
    fn from(e: Errno) -> Self {
        kernel::error::Error::from_errno(e.to_negative())
    }
}

/// How a reply is fitted into a caller's buffer that is smaller than its encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyFit {
    /// It must fit as encoded: `EMSGSIZE` otherwise.
    Exact,
    /// It is an extensible struct, answering an older caller: shrunk with
    /// [`ioctl::shrink_extensible`]; `E2BIG` when the part cut off is not all zero.
    Extensible,
}

/// Serves one ioctl call whose user buffer, at `arg`, has `size` bytes (the size in the
/// caller's command number, already checked against the command's limits): copy in once,
/// decode with [`ioctl::decode_request`], `act`, encode with [`ioctl::encode_reply`], fit the
/// reply to `size`, copy out once. Returns the reply's encoded length.
///
/// Errors: `EFAULT` for unreadable or unwritable user memory, the decode errno table of
/// [`Errno`] for a bad request, `EMSGSIZE`/`E2BIG` for a reply that does not fit.
pub fn serve<Req, Reply>(
    arg: usize,
    size: usize,
    fit: ReplyFit,
    act: impl FnOnce(&Req) -> Reply,
) -> Result<usize>
where
    Req: for<'de> Decode<'de>,
    Reply: Encode + MaxSize,
{
    let (reader, mut writer) = UserSlice::new(arg, size).reader_writer();
    // The only read of user memory.
    let mut input = KVec::with_capacity(size, GFP_KERNEL)?;
    reader.read_all(&mut input, GFP_KERNEL)?;
    let request: Req = ioctl::decode_request(&input)?;
    let reply = act(&request);

    let mut out = KVec::from_elem(0u8, Reply::MAX_SIZE.max(size), GFP_KERNEL)?;
    let mut len = ioctl::encode_reply(&reply, &mut out)?;
    if len > size {
        len = match fit {
            ReplyFit::Exact => return Err(Errno::EMSGSIZE.into()),
            ReplyFit::Extensible => {
                let fitted = ioctl::shrink_extensible(&mut out, size)?;
                if fitted.dropped_nonzero {
                    return Err(Errno::E2BIG.into());
                }
                fitted.copied
            }
        };
    }
    // The only write of user memory: the reply, then zeros up to `size`.
    writer.write_slice(out.get(..size).ok_or(EINVAL)?)?;
    Ok(len)
}
