//! Messages that grow between versions: the type-level [`Versioning`] policy, and the
//! kernel's `copy_struct_from_user` and `copy_struct_to_user` rules
//! (`include/linux/uaccess.h`) as pure functions over byte slices.
//!
//! A transport copies the peer's buffer once (never more than [`PAGE_SIZE`] bytes), then
//! calls these on the copy; userspace tests call them directly. `ksize` is the size this
//! side was built with, `usize` the size the other side sent or expects:
//!
//! | sizes | into this side ([`copy_struct_from_user`]) | back to the caller ([`copy_struct_to_user`]) |
//! | --- | --- | --- |
//! | `usize == ksize` | copy | copy |
//! | `usize < ksize` (older caller) | copy, zero-extend | copy the first `usize` bytes; [`ToUser::dropped_nonzero`] if a dropped byte was non-zero |
//! | `usize > ksize` (newer caller) | copy if bytes `ksize..usize` are zero, else `E2BIG` | copy, zero the caller's extra bytes |
//!
//! Before either, [`check_user_size`] applies the caller-side limits the kernel documents
//! for such interfaces (`clone3`, `openat2`, `sched_setattr`): below version 0's size is
//! `EINVAL`, above a page is `E2BIG`.
//!
//! crosswire's extensible structs (spec §13) already read an older or newer body by these
//! rules; what is left to a transport is the size of the peer's buffer, which
//! [`Versioning`] checks ([`Versioning::check_size`]) and fits a reply to
//! ([`Versioning::fit`]).

use crate::Errno;

/// How a command's messages may differ between the two sides' builds: [`Fixed`] or
/// [`Extensible`]. A transport's command type carries one as a type parameter, so the
/// policy is a fact of the command's type, not a flag each call passes.
///
/// Sealed: these are the two conventions kernel interfaces use.
///
/// ```
/// use crosswire_kernel::{message::{Extensible, Fixed, Versioning}, Errno};
///
/// // A caller built with a 12-byte message, this side with 8 bytes.
/// assert_eq!(Fixed::check_size(12, 8), Err(Errno::EMSGSIZE));
/// assert_eq!(Extensible::<8>::check_size(12, 8), Ok(()));
/// assert!(!Fixed::EXTENSIBLE && Extensible::<8>::EXTENSIBLE);
/// ```
pub trait Versioning: sealed::Sealed {
    /// Whether the messages grow between versions.
    const EXTENSIBLE: bool;

    /// The smallest buffer a peer may send: 0 for [`Fixed`], the first published
    /// version's size for [`Extensible`]`<VER0>`, and 0 for [`Extensible`] without it,
    /// whose command takes the size from its messages' types
    /// ([`Command::MIN_SIZE`](crate::ioctl::Command::MIN_SIZE)).
    const MIN_SIZE: usize;

    /// Checks `peer`, the buffer size the peer was built with (an ioctl number's size, a
    /// frame's length), against `ours`, this side's: see [`Fixed`] and [`Extensible`].
    fn check_size(peer: usize, ours: usize) -> Result<(), Errno>;

    /// Fits `encoded`, exactly one encoded reply, into a peer's buffer of `room` bytes;
    /// returns the new encoded length (at most `encoded.len()`, and the bytes past it are
    /// bytes of `encoded` that were zero).
    fn fit(encoded: &mut [u8], room: usize) -> Result<usize, Errno>;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Fixed {}
    impl<const VER0: usize> Sealed for super::Extensible<VER0> {}
}

/// Messages both sides must have been built with alike.
///
/// - A peer's buffer larger than this side's is `EMSGSIZE`. A smaller one is checked by
///   decoding: a truncated request is `EINVAL`, a short message that is whole is fine.
/// - A reply longer than the peer's buffer is `EMSGSIZE`.
///
/// ```
/// use crosswire_kernel::{message::{Fixed, Versioning}, Errno};
///
/// assert_eq!(Fixed::check_size(8, 8), Ok(()));
/// assert_eq!(Fixed::check_size(5, 8), Ok(()));
/// assert_eq!(Fixed::check_size(9, 8), Err(Errno::EMSGSIZE));
/// assert_eq!(Fixed::fit(&mut [1, 2, 3], 2), Err(Errno::EMSGSIZE));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fixed {}

impl Versioning for Fixed {
    const EXTENSIBLE: bool = false;
    const MIN_SIZE: usize = 0;

    #[inline]
    fn check_size(peer: usize, ours: usize) -> Result<(), Errno> {
        if peer > ours {
            Err(Errno::EMSGSIZE)
        } else {
            Ok(())
        }
    }

    #[inline]
    fn fit(encoded: &mut [u8], room: usize) -> Result<usize, Errno> {
        if encoded.len() > room {
            Err(Errno::EMSGSIZE)
        } else {
            Ok(encoded.len())
        }
    }
}

/// Extensible structs (`#[crosswire(extensible)]`, spec §13): the `clone3`/`openat2`
/// convention.
///
/// The size of the first published version, below which a caller's buffer is `EINVAL`, is
/// the messages' own: `MaxSize::FIRST_VERSION_MAX_SIZE`, the length prefix and the fields
/// without `#[crosswire(since = N)]`. Write `Extensible` and a command takes it from its
/// request and reply ([`Command::MIN_SIZE`](crate::ioctl::Command::MIN_SIZE)).
/// `Extensible<VER0>` restates it, and a command checks at compile time that `VER0` is
/// what the types say (`VER0 = 0`, the default, restates nothing).
///
/// - A peer's buffer of any size from `VER0` to [`PAGE_SIZE`] is accepted
///   ([`check_user_size`]: `EINVAL` below, `E2BIG` above); the request's extensible struct
///   then reads an older body zero-extended and a newer one only with a zero unknown part
///   (`E2BIG` otherwise).
/// - A reply longer than an older peer's buffer is shrunk to it
///   ([`shrink_extensible`]); `E2BIG` when a dropped byte is not zero, as `openat2` would
///   refuse a flag the caller cannot see.
///
/// The reply must be an extensible struct itself, not a message containing one: a reply
/// that is not one length prefix and its body is `EINVAL` when it has to shrink.
///
/// `VER0` from 1 to 3 (below an extensible struct's length prefix) does not compile once
/// used:
///
/// ```compile_fail
/// use crosswire_kernel::{ioctl::Command, message::Extensible};
/// const BAD: Command<[u8; 8], [u8; 8], Extensible<2>> = Command::new(b'x', 9);
/// ```
///
/// ```
/// use crosswire_kernel::{message::{Extensible, Versioning, PAGE_SIZE}, Errno};
///
/// type V = Extensible<8>;
/// assert_eq!(V::check_size(8, 12), Ok(()));
/// assert_eq!(V::check_size(100, 12), Ok(()));
/// assert_eq!(V::check_size(7, 12), Err(Errno::EINVAL));
/// assert_eq!(V::check_size(PAGE_SIZE + 1, 12), Err(Errno::E2BIG));
///
/// // Version 2 (a u32 and a u16) answering a version 1 caller (a u32: 8 bytes).
/// let mut reply = [6, 0, 0, 0, 1, 0, 0, 0, 0, 0];
/// assert_eq!(V::fit(&mut reply, 8), Ok(8));
/// assert_eq!(reply[..8], [4, 0, 0, 0, 1, 0, 0, 0]);
/// let mut reply = [6, 0, 0, 0, 1, 0, 0, 0, 2, 0];
/// assert_eq!(V::fit(&mut reply, 8), Err(Errno::E2BIG));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extensible<const VER0: usize = 0> {}

impl<const VER0: usize> Versioning for Extensible<VER0> {
    const EXTENSIBLE: bool = true;
    const MIN_SIZE: usize = {
        assert!(
            VER0 == 0 || VER0 >= 4,
            "an extensible struct's first version is at least its 4-byte length prefix"
        );
        VER0
    };

    #[inline]
    fn check_size(peer: usize, _ours: usize) -> Result<(), Errno> {
        check_user_size(peer, Self::MIN_SIZE)
    }

    #[inline]
    fn fit(encoded: &mut [u8], room: usize) -> Result<usize, Errno> {
        let len = encoded.len();
        if len <= room {
            return Ok(len);
        }
        // `shrink_extensible` only needs the struct at the start; here it must be the
        // whole reply, or the bytes after it would be dropped unseen.
        let prefix = encoded.first_chunk::<4>().ok_or(Errno::EINVAL)?;
        let body_len = usize::try_from(u32::from_le_bytes(*prefix)).map_err(|_| Errno::EINVAL)?;
        if len.checked_sub(4) != Some(body_len) {
            return Err(Errno::EINVAL);
        }
        let fitted = shrink_extensible(encoded, room)?;
        if fitted.dropped_nonzero {
            return Err(Errno::E2BIG);
        }
        Ok(fitted.copied)
    }
}

/// The largest user size accepted: one page on every architecture the kernel guarantees
/// (4096 bytes), as `clone3` and `openat2` use it.
pub const PAGE_SIZE: usize = 4096;

/// Checks the size a caller passed for a size-versioned struct whose first published
/// version had `ver0` bytes: above [`PAGE_SIZE`] is `E2BIG`, below `ver0` is `EINVAL`
/// (checked in that order, as `clone3` does).
///
/// ```
/// use crosswire_kernel::{message::check_user_size, Errno};
///
/// assert_eq!(check_user_size(64, 64), Ok(()));
/// assert_eq!(check_user_size(63, 64), Err(Errno::EINVAL));
/// assert_eq!(check_user_size(4097, 64), Err(Errno::E2BIG));
/// ```
#[inline]
pub const fn check_user_size(usize: usize, ver0: usize) -> Result<(), Errno> {
    if usize > PAGE_SIZE {
        Err(Errno::E2BIG)
    } else if usize < ver0 {
        Err(Errno::EINVAL)
    } else {
        Ok(())
    }
}

/// `copy_struct_from_user(dst, ksize = dst.len(), src, usize = src.len())` over slices:
/// fills all of `dst` from `src`, zero-extending a shorter `src`; a longer `src` is accepted
/// only if every byte past `dst.len()` is zero, else `E2BIG` (and `dst` is left untouched).
///
/// ```
/// use crosswire_kernel::{message::copy_struct_from_user, Errno};
///
/// let mut k = [0xFF; 4];
/// copy_struct_from_user(&mut k, &[1, 2]).unwrap();
/// assert_eq!(k, [1, 2, 0, 0]);
/// copy_struct_from_user(&mut k, &[5, 6, 7, 8, 0, 0]).unwrap();
/// assert_eq!(k, [5, 6, 7, 8]);
/// assert_eq!(copy_struct_from_user(&mut k, &[5, 6, 7, 8, 0, 1]), Err(Errno::E2BIG));
/// ```
#[inline]
pub fn copy_struct_from_user(dst: &mut [u8], src: &[u8]) -> Result<(), Errno> {
    let (known, unknown) = src.split_at(src.len().min(dst.len()));
    if unknown.iter().any(|&b| b != 0) {
        return Err(Errno::E2BIG);
    }
    let (head, tail) = dst.split_at_mut(known.len());
    head.copy_from_slice(known);
    tail.fill(0);
    Ok(())
}

/// [`check_user_size`]`(src.len(), ver0)`, then [`copy_struct_from_user`]: the whole
/// receiving side in one call.
///
/// ```
/// use crosswire_kernel::{message::copy_struct_from_user_checked, Errno};
///
/// let mut k = [0u8; 8];
/// copy_struct_from_user_checked(&mut k, &[1, 2, 3, 4], 4)?;
/// assert_eq!(k, [1, 2, 3, 4, 0, 0, 0, 0]);
/// assert_eq!(copy_struct_from_user_checked(&mut k, &[1, 2], 4), Err(Errno::EINVAL));
/// # Ok::<(), Errno>(())
/// ```
#[inline]
pub fn copy_struct_from_user_checked(dst: &mut [u8], src: &[u8], ver0: usize) -> Result<(), Errno> {
    check_user_size(src.len(), ver0)?;
    copy_struct_from_user(dst, src)
}

/// What [`copy_struct_to_user`] did.
///
/// ```
/// use crosswire_kernel::message::{copy_struct_to_user, ToUser};
///
/// let mut old_caller = [0u8; 2];
/// let r = copy_struct_to_user(&mut old_caller, &[1, 2, 0, 0]);
/// assert_eq!(r, ToUser { copied: 2, dropped_nonzero: false });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "a dropped non-zero part means the caller did not get the whole answer"]
pub struct ToUser {
    /// Bytes of `src` copied: `min(src.len(), dst.len())`.
    pub copied: usize,
    /// `true` when `dst` was shorter than `src` and a byte that did not fit was non-zero:
    /// the older caller missed part of the answer. The kernel decides whether that is an
    /// error (`EMSGSIZE`, `E2BIG`) or fine for this interface.
    pub dropped_nonzero: bool,
}

/// `copy_struct_to_user(dst, usize = dst.len(), src, ksize = src.len())` over slices: a
/// newer side answering a caller built with `dst.len()` bytes. Copies what fits, zeroes the
/// rest of a longer `dst`, and reports whether a non-zero byte had to be dropped.
///
/// ```
/// use crosswire_kernel::message::{copy_struct_to_user, ToUser};
///
/// let mut old = [0xFF; 2];
/// let r = copy_struct_to_user(&mut old, &[1, 2, 0, 0]);
/// assert_eq!((old, r), ([1, 2], ToUser { copied: 2, dropped_nonzero: false }));
/// let r = copy_struct_to_user(&mut old, &[1, 2, 0, 3]);
/// assert!(r.dropped_nonzero);
///
/// let mut new = [0xFF; 6];
/// let r = copy_struct_to_user(&mut new, &[1, 2, 3, 4]);
/// assert_eq!((new, r.copied), ([1, 2, 3, 4, 0, 0], 4));
/// ```
#[inline]
pub fn copy_struct_to_user(dst: &mut [u8], src: &[u8]) -> ToUser {
    let (fits, dropped) = src.split_at(src.len().min(dst.len()));
    let (head, tail) = dst.split_at_mut(fits.len());
    head.copy_from_slice(fits);
    tail.fill(0);
    ToUser {
        copied: fits.len(),
        dropped_nonzero: dropped.iter().any(|&b| b != 0),
    }
}

/// Shrinks an encoded extensible struct (spec §13: `u32` body length, then the body) in
/// place so that it fits a caller built with `user_size` bytes: a newer side answering an
/// older program. The body is cut to `user_size - 4` bytes and its length prefix rewritten,
/// so the older decoder reads exactly the fields it knows.
///
/// `encoded` must start with the whole encoded struct (the reply itself, not a message
/// that merely contains one). Returns the new encoded length and whether a non-zero body
/// byte was dropped (`copied` is the new length). A `user_size` below the 4-byte length
/// prefix, or an `encoded` that is not a whole extensible struct, is `EINVAL`.
///
/// ```
/// use crosswire_kernel::message::{shrink_extensible, ToUser};
///
/// // Version 2: a u32 and a u16; the caller was built with version 1 (a u32 only).
/// let mut reply = [6, 0, 0, 0, 1, 0, 0, 0, 0, 0];
/// let r = shrink_extensible(&mut reply, 8).unwrap();
/// assert_eq!(r, ToUser { copied: 8, dropped_nonzero: false });
/// assert_eq!(reply[..8], [4, 0, 0, 0, 1, 0, 0, 0]);
///
/// let mut reply = [6, 0, 0, 0, 1, 0, 0, 0, 2, 0];
/// assert!(shrink_extensible(&mut reply, 8).unwrap().dropped_nonzero);
/// ```
#[inline]
pub fn shrink_extensible(encoded: &mut [u8], user_size: usize) -> Result<ToUser, Errno> {
    let Some((len_bytes, rest)) = encoded.split_first_chunk_mut::<4>() else {
        return Err(Errno::EINVAL);
    };
    let body_len = usize::try_from(u32::from_le_bytes(*len_bytes)).map_err(|_| Errno::EINVAL)?;
    let body = rest.get(..body_len).ok_or(Errno::EINVAL)?;
    let room = user_size.checked_sub(4).ok_or(Errno::EINVAL)?;
    let (kept, dropped) = body.split_at(body_len.min(room));
    let kept_len = kept.len();
    let dropped_nonzero = dropped.iter().any(|&b| b != 0);
    let new_prefix = u32::try_from(kept_len).map_err(|_| Errno::EINVAL)?;
    *len_bytes = new_prefix.to_le_bytes();
    Ok(ToUser {
        copied: kept_len.saturating_add(4),
        dropped_nonzero,
    })
}
