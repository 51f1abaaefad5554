//! The kernel side of an ioctl whose buffer holds crosswire messages: [`read_request`],
//! [`write_reply`], [`serve`] and the dispatcher [`Ioctl`] (re-exported by `kmod`).

#[cfg(all(doc, not(crosswire_kernel_module)))]
use super::kernel;
use crosswire::{Decode, Encode, MaxSize};
use kernel::{
    prelude::*,
    uaccess::{UserSliceReader, UserSliceWriter},
};

use crate::{
    ioctl::Command,
    message::{RequestBytes, Versioning},
    Errno,
};

/// Copies all of the user slice behind `reader` into the start of `buf`, once, and returns
/// those bytes for decoding. Consumes the reader: the user memory cannot be read again.
///
/// Errors: `EFAULT` for unreadable user memory, `EINVAL` when `buf` is shorter than the
/// user slice.
///
/// A handler for a request too large for the kernel stack: copied in once, decoded in
/// place into memory allocated once (runs only in a module).
///
/// ```ignore
/// let (reader, writer) = UserSlice::new(arg, size).reader_writer();
/// let mut buf = KVec::from_elem(0u8, size, GFP_KERNEL)?;
/// let mut req = KBox::new(Big::default(), GFP_KERNEL)?;
/// kmod::read_request(reader, &mut buf)?.decode_in_place(&mut *req)?;
/// ```
pub fn read_request(mut reader: UserSliceReader, buf: &mut [u8]) -> Result<RequestBytes<'_>> {
    let copy = buf.get_mut(..reader.len()).ok_or(EINVAL)?;
    reader.read_slice(copy)?;
    Ok(RequestBytes::new(copy))
}

/// Copies `bytes` (an [`EncodedReply`](crate::message::EncodedReply)'s
/// [`padded`](crate::message::EncodedReply::padded) bytes) to the user slice behind
/// `writer`, once. Consumes the writer: the user memory cannot be written again.
///
/// Errors: `EFAULT` for unwritable user memory or a slice shorter than `bytes`.
///
/// ```ignore
/// let reply = ReplyBuf::new(&mut buf).encode(&answer)?.fit::<Fixed>(size)?;
/// kmod::write_reply(writer, reply.padded(size)?)?;
/// ```
pub fn write_reply(mut writer: UserSliceWriter, bytes: &[u8]) -> Result {
    writer.write_slice(bytes)
}

/// Serves one call of `command` whose user buffer, at `arg`, has `user_size` bytes (the
/// size in the caller's number, from [`Command::user_size`]): checks the size by the
/// command's policy, copies the buffer in once, decodes, calls `handler`, encodes and fits
/// the reply ([`Command::answer`]), copies `user_size` bytes back once. Returns the reply's
/// encoded length.
///
/// Errors: those of [`Command::answer`] (the size, a bad request, the handler's own errno,
/// a reply that does not fit), `EFAULT` for unreadable or unwritable user memory, `ENOMEM`.
///
/// Serving one command by hand (what [`Ioctl::serve`] does for each command it tries):
///
/// ```ignore
/// fn ioctl(cmd: u32, arg: usize) -> Result<usize> {
///     match types::PING.user_size(cmd) {
///         Some(size) => kmod::serve(types::PING, size, arg, |n: u64| n.checked_add(1).ok_or(Errno::EOVERFLOW)),
///         None => Err(ENOTTY),
///     }
/// }
/// ```
pub fn serve<Req, Rep, V, H>(
    command: Command<Req, Rep, V>,
    user_size: usize,
    arg: usize,
    handler: H,
) -> Result<usize>
where
    Req: for<'de> Decode<'de>,
    Rep: Encode + MaxSize,
    V: Versioning,
    H: FnOnce(Req) -> Result<Rep, Errno>,
{
    // Before allocating: at most a page (extensible) or the command's size (fixed).
    let size = command.check_size(user_size)?;
    let (reader, writer) = super::compat::user_slice(arg, size).reader_writer();
    let mut buf = KVec::from_elem(0u8, size.max(Rep::MAX_SIZE), GFP_KERNEL)?;
    // The only read of user memory.
    let request_len = read_request(reader, &mut buf)?.len();
    let len = command.answer(&mut buf, request_len, handler)?;
    // The only write of user memory: the reply, then zeros up to `size`.
    write_reply(writer, buf.get(..size).ok_or(EINVAL)?)?;
    Ok(len)
}

/// One ioctl call being dispatched to the command its number names: each
/// [`serve`](Ioctl::serve) tries one command, the first that matches serves the call
/// ([`serve`](fn@serve)), and [`finish`](Ioctl::finish) returns its result, or `ENOTTY`
/// when none matched.
///
/// ```ignore
/// // The module's `unlocked_ioctl` (runs only in a module; `types` is the file the module
/// // shares with its userspace program):
/// fn ioctl(cmd: u32, arg: usize) -> Result<usize> {
///     kmod::Ioctl::new(cmd, arg)
///         .serve(types::GET, |req| Ok(state.get(req)))
///         .serve(types::SET, |req| state.set(req)) // Err(Errno::EBUSY) is the caller's errno
///         .finish() // ENOTTY when no command matched
/// }
/// ```
#[must_use = "call `finish` to get the ioctl's result"]
pub struct Ioctl {
    number: u32,
    arg: usize,
    result: Option<Result<usize>>,
}

impl Ioctl {
    /// The call `ioctl(fd, number, arg)`.
    pub fn new(number: u32, arg: usize) -> Self {
        Ioctl {
            number,
            arg,
            result: None,
        }
    }

    /// Serves the call with `handler` if its number is `command` with any size.
    pub fn serve<Req, Rep, V, H>(self, command: Command<Req, Rep, V>, handler: H) -> Self
    where
        Req: for<'de> Decode<'de>,
        Rep: Encode + MaxSize,
        V: Versioning,
        H: FnOnce(Req) -> Result<Rep, Errno>,
    {
        if self.result.is_some() {
            return self;
        }
        match command.user_size(self.number) {
            None => self,
            Some(size) => Ioctl {
                result: Some(serve(command, size, self.arg, handler)),
                ..self
            },
        }
    }

    /// The result of the command that served the call: the reply's length or an errno;
    /// `ENOTTY` when no command matched.
    pub fn finish(self) -> Result<usize> {
        self.result.unwrap_or(Err(ENOTTY))
    }
}
