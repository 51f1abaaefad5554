//! [`BoundedCStr`]: a borrowed, bounded C string (`core::ffi::CStr`) view, NUL included on
//! the wire (spec §11.1). Golden test: `s11_1_c_strings`.

use core::{ffi::CStr, ops::Deref};

use crate::{
    __private, bounded::CapacityError, Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer,
};

/// A borrowed C string of at most `N` bytes counting its terminating NUL, as a
/// `char name[N]` holds one (`IFNAMSIZ`, `TASK_COMM_LEN`). Decoding checks the NUL and
/// points into the input, no copy. Encoded as a bounded sequence of bytes whose last byte
/// is the one NUL (spec §11.1).
///
/// ```
/// use crosswire::{BoundedCStr, Error, ErrorKind};
///
/// let name = BoundedCStr::<16>::new(c"eth0").unwrap();
/// let mut buf = [0u8; 20];
/// assert_eq!(crosswire::to_slice(&name, &mut buf)?, [5, 0, 0, 0, b'e', b't', b'h', b'0', 0]);
/// let back: BoundedCStr<'_, 16> = crosswire::from_bytes(&[3, 0, 0, 0, b'l', b'o', 0])?;
/// assert_eq!(back.get(), c"lo");
/// // A NUL inside, or none at the end: InvalidValue at the offending byte.
/// let e = crosswire::from_bytes::<BoundedCStr<'_, 16>>(&[3, 0, 0, 0, b'l', 0, 0]).unwrap_err();
/// assert_eq!(e, Error::new(ErrorKind::InvalidValue, 5));
/// let e = crosswire::from_bytes::<BoundedCStr<'_, 16>>(&[2, 0, 0, 0, b'l', b'o']).unwrap_err();
/// assert_eq!(e, Error::new(ErrorKind::InvalidValue, 5));
/// # Ok::<(), Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BoundedCStr<'a, const N: usize>(
    // INVARIANT: `to_bytes_with_nul().len() <= N`.
    &'a CStr,
);

impl<'a, const N: usize> BoundedCStr<'a, N> {
    /// A view of `s`, or an error when it takes more than `N` bytes with its NUL.
    pub const fn new(s: &'a CStr) -> Result<Self, CapacityError> {
        if s.to_bytes_with_nul().len() > N {
            return Err(CapacityError);
        }
        Ok(BoundedCStr(s))
    }

    /// The C string, with the input's lifetime.
    pub const fn get(&self) -> &'a CStr {
        self.0
    }
}

impl<'a, const N: usize> TryFrom<&'a CStr> for BoundedCStr<'a, N> {
    type Error = CapacityError;

    fn try_from(s: &'a CStr) -> Result<Self, CapacityError> {
        Self::new(s)
    }
}

impl<const N: usize> Deref for BoundedCStr<'_, N> {
    type Target = CStr;

    fn deref(&self) -> &CStr {
        self.0
    }
}

/// As a bounded sequence of `N` bytes. Its all-zero encoding (length 0) has no NUL: not a
/// value, so it cannot be a field added to an extensible struct later (§13).
impl<const N: usize> MaxSize for BoundedCStr<'_, N> {
    const MAX_SIZE: usize = crate::__bounded_max_size!(N, 1);
    const FIXED_SIZE: bool = __private::bounded_fixed_size(N, 1);
    const ZERO_VALID: bool = false;
}

/// `u32` length (NUL included), then the bytes and the NUL (spec §11.1).
impl<const N: usize> Encode for BoundedCStr<'_, N> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        let bytes = self.0.to_bytes_with_nul();
        w.write_len(bytes.len())?;
        w.write_bytes(bytes)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.0.to_bytes_with_nul().len().saturating_add(4)
    }
}

/// Length checked against `N`, then the bytes borrowed from the input and checked: one
/// NUL, the last byte (spec §11.1).
impl<'de, const N: usize> Decode<'de> for BoundedCStr<'de, N> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at_len = r.offset();
        let len = r.read_len(N)?;
        let start = r.offset();
        let bytes = r.read_bytes(len)?;
        match bytes.iter().position(|&b| b == 0) {
            // The first NUL is the last byte: a C string.
            Some(nul) if nul.checked_add(1) == Some(len) => CStr::from_bytes_with_nul(bytes)
                .map(BoundedCStr)
                .map_err(|_| Error::new(ErrorKind::InvalidValue, start.saturating_add(nul))),
            // A NUL before the last byte.
            Some(nul) => Err(Error::new(
                ErrorKind::InvalidValue,
                start.saturating_add(nul),
            )),
            // No NUL: at the last byte, which should have been one; an empty one at its
            // length.
            None => Err(Error::new(
                ErrorKind::InvalidValue,
                len.checked_sub(1)
                    .map_or(at_len, |last| start.saturating_add(last)),
            )),
        }
    }
}
