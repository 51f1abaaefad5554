//! [`CBytes`]: a NUL-terminated string attribute read as bytes, whatever its encoding, and
//! [`Escaped`], its lossless text form.
//!
//! The kernel's strings are bytes: an interface name may hold any byte but `/`, `:`, NUL
//! and white space (`dev_valid_name`), so `\xff\xfe` is a valid name; a UTF-8-only field
//! (`BoundedStr`) refuses it with `BadString`, and a listing with that field fails as a
//! whole. Read names and labels as `CBytes` and print them with [`CBytes::escaped`].

use core::fmt::{self, Write};

use crosswire::CapacityError;

use super::{
    policy::{Policy, PolicyKind},
    NlaValue,
};
use crate::netlink::{Attr, NlError, NlErrorKind, NlWriter};

/// The bytes of a NUL-terminated string attribute (`NLA_NUL_STRING`), at most `N` before
/// the NUL, in any encoding, borrowed from the receive buffer. Read as
/// [`Attr::c_bytes`] reads (liberal: up to the first NUL; strict: exactly one NUL, at
/// the end); written with its NUL. `Display` prints it [`Escaped`].
///
/// ```
/// use crosswire_kernel::netlink::{nla::CBytes, AttrIter, NlaValue, NlWriter};
///
/// let name = CBytes::<'_, 15>::new(b"eth\xff\xfe")?;
/// let mut buf = [0u8; 16];
/// let mut w = NlWriter::new(&mut buf);
/// name.put(3, &mut w)?; // IFLA_IFNAME
/// let attr = AttrIter::new(w.as_bytes()).next().unwrap()?;
/// let back = CBytes::<'_, 15>::read(&attr, &mut 0)?;
/// assert_eq!(back.get(), b"eth\xff\xfe");
/// assert_eq!(back.to_string(), r"eth\xff\xfe");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CBytes<'a, const N: usize>(
    // INVARIANT: at most `N` bytes, none of them NUL.
    &'a [u8],
);

impl<'a, const N: usize> CBytes<'a, N> {
    /// A view of `bytes`: at most `N` bytes, without NUL.
    pub fn new(bytes: &'a [u8]) -> Result<Self, CapacityError> {
        if bytes.len() > N || bytes.contains(&0) {
            return Err(CapacityError);
        }
        Ok(CBytes(bytes))
    }

    /// The bytes, without the NUL, with the buffer's lifetime.
    #[inline]
    pub const fn get(&self) -> &'a [u8] {
        self.0
    }

    /// The string, when it is UTF-8.
    #[inline]
    pub fn to_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.0).ok()
    }

    /// The lossless text form ([`Escaped`]).
    #[inline]
    pub const fn escaped(&self) -> Escaped<'a> {
        Escaped(self.0)
    }
}

impl<const N: usize> core::ops::Deref for CBytes<'_, N> {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        self.0
    }
}

impl<const N: usize> fmt::Display for CBytes<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.escaped().fmt(f)
    }
}

impl<const N: usize> fmt::Debug for CBytes<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.escaped())
    }
}

impl<'a, const N: usize> NlaValue<'a> for CBytes<'a, N> {
    const MAX_PAYLOAD: usize = N.saturating_add(1);
    const POLICY: Policy = Policy::with_len(PolicyKind::NulString, N);

    #[inline]
    fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        w.put_c_bytes(ty, self.0)
    }

    fn read(attr: &Attr<'a>, _: &mut u32) -> Result<Self, NlError> {
        let bytes = attr.c_bytes()?;
        if bytes.len() > N {
            return Err(attr.error(NlErrorKind::BadString { id: attr.ty() }));
        }
        // INVARIANT: at most `N` bytes, and `c_bytes` stops before the first NUL.
        Ok(CBytes(bytes))
    }
}

/// Bytes as text, losslessly: UTF-8 as it is, a backslash as `\\`, and every byte that is
/// not UTF-8 or is an ASCII control character as `\xHH` (two lowercase hex digits). The
/// bytes can be recovered from the text, and the text is safe for a terminal and for a
/// JSON string (where the backslashes are escaped once more).
///
/// ```
/// use crosswire_kernel::netlink::nla::Escaped;
///
/// assert_eq!(Escaped(b"eth0").to_string(), "eth0");
/// assert_eq!(Escaped(b"\xff\xfe").to_string(), r"\xff\xfe");
/// assert_eq!(Escaped("n3\\é\n".as_bytes()).to_string(), r"n3\\é\x0a");
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Escaped<'a>(pub &'a [u8]);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.0.utf8_chunks() {
            for c in chunk.valid().chars() {
                match c {
                    '\\' => f.write_str("\\\\")?,
                    c if c.is_ascii_control() => write!(f, "\\x{:02x}", u32::from(c))?,
                    c => f.write_char(c)?,
                }
            }
            for b in chunk.invalid() {
                write!(f, "\\x{b:02x}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}
