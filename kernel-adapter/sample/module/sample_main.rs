// SPDX-License-Identifier: GPL-2.0

//! crosswire sample module: a misc device, `/dev/crosswire_sample`, whose ioctl commands take
//! crosswire-encoded requests and return crosswire-encoded replies. The message types are in
//! `../types.rs`, shared word for word with the userspace program.
//!
//! For each call: check the size in the command number, copy the user buffer in once
//! (`UserSliceReader::read_all`), decode, act, encode, copy out once (`write_slice`), return
//! the reply's length. Numbers, the buffer convention and errnos come from
//! `crosswire_kernel::ioctl`. No `unsafe` here: the device registration is in `misc.rs`.

use kernel::c_str;
use kernel::prelude::*;
use kernel::uaccess::UserSlice;

mod misc;
#[path = "../types.rs"]
#[allow(
    dead_code,
    unreachable_pub,
    reason = "shared with the userspace program, which uses all of it, as a public API"
)]
mod types;

use crosswire_kernel::{ioctl, Errno};
use types::{Arith, ArithReply, Op, OpReply, Settings, SettingsReply};

module! {
    type: CrosswireSample,
    name: "crosswire_sample",
    author: "crosswire developers",
    description: "crosswire sample: ioctl with crosswire-encoded messages",
    license: "GPL",
}

/// The kernel-side half of `crosswire_kernel::Errno`: the same number as a kernel `Error`.
fn kerr(e: Errno) -> Error {
    Error::from_errno(e.to_negative())
}

/// How the reply is fitted into a caller's buffer that is smaller than its encoding.
#[derive(Clone, Copy)]
enum ReplyFit {
    /// It must fit as encoded (`EMSGSIZE` otherwise).
    Exact,
    /// It is an extensible struct: shrink it if the part cut off is zero (`E2BIG` otherwise).
    Extensible,
}

/// Serves one call: `arg` is the user buffer of `size` bytes (the size in the caller's
/// command number, already checked against the command's limits).
fn serve<Req, Reply>(
    arg: usize,
    size: usize,
    fit: ReplyFit,
    act: impl FnOnce(&Req) -> Reply,
) -> Result<usize>
where
    Req: for<'de> crosswire::Decode<'de>,
    Reply: crosswire::Encode + crosswire::MaxSize,
{
    let (reader, mut writer) = UserSlice::new(arg, size).reader_writer();
    // The only read of user memory (EFAULT if it is not readable): from here on the request
    // is kernel memory, so the program cannot change it between checks and use.
    let mut input = KVec::with_capacity(size, GFP_KERNEL)?;
    reader.read_all(&mut input, GFP_KERNEL)?;
    let req: Req = ioctl::decode_request(&input).map_err(kerr)?;
    let reply = act(&req);

    let mut out = KVec::from_elem(0u8, Reply::MAX_SIZE.max(size), GFP_KERNEL)?;
    let mut len = ioctl::encode_reply(&reply, &mut out).map_err(kerr)?;
    if len > size {
        len = match fit {
            ReplyFit::Exact => return Err(kerr(Errno::EMSGSIZE)),
            ReplyFit::Extensible => {
                let encoded = out.get_mut(..len).ok_or(EINVAL)?;
                types::shrink_extensible(encoded, size).map_err(kerr)?
            }
        };
    }
    // The only write of user memory (EFAULT if it is not writable): the reply, then zeros
    // up to `size` (the bytes past a shrunk reply were checked to be zero).
    writer.write_slice(out.get(..size).ok_or(EINVAL)?)?;
    Ok(len)
}

/// A fixed command accepts the size it was built with or less (a shorter buffer is a
/// truncated request, which does not decode); more is `EMSGSIZE`.
fn check_fixed(size: usize, limit: usize) -> Result<usize> {
    if size > limit {
        Err(kerr(Errno::EMSGSIZE))
    } else {
        Ok(size)
    }
}

struct Handler;

impl misc::IoctlHandler for Handler {
    fn ioctl(cmd: u32, arg: usize) -> Result<usize> {
        if let Some(size) = types::ARITH.user_size(cmd) {
            let size = check_fixed(size, types::ARITH_BUF)?;
            serve(arg, size, ReplyFit::Exact, |r: &Arith| -> ArithReply {
                r.reply()
            })
        } else if let Some(size) = types::OP.user_size(cmd) {
            let size = check_fixed(size, types::OP_BUF)?;
            serve(arg, size, ReplyFit::Exact, |r: &Op| -> OpReply {
                r.reply()
            })
        } else if let Some(size) = types::SETTINGS.user_size(cmd) {
            // Any version's size: at least version 1's, at most a page (E2BIG above).
            ioctl::check_user_size(size, types::SETTINGS_BUF_V1).map_err(kerr)?;
            serve(
                arg,
                size,
                ReplyFit::Extensible,
                |r: &Settings| -> SettingsReply { r.reply() },
            )
        } else {
            Err(ENOTTY)
        }
    }
}

struct CrosswireSample {
    _dev: misc::MiscDevice,
}

impl kernel::Module for CrosswireSample {
    fn init(module: &'static ThisModule) -> Result<Self> {
        let dev = misc::MiscDevice::register::<Handler>(c_str!("crosswire_sample"), module)?;
        pr_info!(
            "registered /dev/crosswire_sample (settings v{}, wire format v{})\n",
            types::SETTINGS_VERSION,
            crosswire::WIRE_FORMAT_VERSION
        );
        Ok(Self { _dev: dev })
    }
}
