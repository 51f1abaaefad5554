//! `struct nlattr` TLVs and nests, read from a byte slice (`include/uapi/linux/netlink.h`).
//!
//! ```text
//!  0       2       4                          4 + payload        nla_align(nla_len)
//! +-------+-------+--------------------------+-------------------+
//! |nla_len|nla_typ| payload                  | zero padding      |
//! +-------+-------+--------------------------+-------------------+
//! ```
//!
//! `nla_len` counts the 4-byte header and the payload, not the padding. The two top bits of
//! `nla_type` are flags (`NLA_F_NESTED`, `NLA_F_NET_BYTEORDER`).

use super::{header::align, NlError, NlErrorKind};

/// The size of `struct nlattr`.
pub const NLA_HDRLEN: usize = 4;
/// Type flag: the payload is a nest of attributes.
pub const NLA_F_NESTED: u16 = 1 << 15;
/// Type flag: the payload is in network byte order.
pub const NLA_F_NET_BYTEORDER: u16 = 1 << 14;
/// The bits of `nla_type` that are the type.
pub const NLA_TYPE_MASK: u16 = !(NLA_F_NESTED | NLA_F_NET_BYTEORDER);
/// The longest payload an attribute can carry (`u16::MAX` minus the header).
pub const NLA_MAX_PAYLOAD: usize = 65535 - NLA_HDRLEN;

/// How closely the reader follows the kernel's strict validation (`NL_VALIDATE_STRICT`).
///
/// See [`docs/netlink.md`] for exactly what each mode accepts.
///
/// [`docs/netlink.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/netlink.md
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Accept what the kernel's `nla_parse` accepts by default: unknown attributes (skipped
    /// and counted), type 0, nests without `NLA_F_NESTED`, scalar payloads longer than the
    /// type (read as a prefix), strings without a NUL, up to 3 stray bytes after the last
    /// attribute.
    #[default]
    Liberal,
    /// Reject all of the above, as `NL_VALIDATE_STRICT` does.
    Strict,
}

impl Mode {
    /// Whether this is [`Mode::Strict`].
    #[inline]
    pub const fn is_strict(self) -> bool {
        matches!(self, Mode::Strict)
    }
}

/// One attribute, borrowed from the buffer it was read from.
///
/// ```
/// use crosswire_kernel::netlink::{AttrIter, NlErrorKind};
///
/// let attr = AttrIter::new(&[8, 0, 3, 0, 42, 0, 0, 0]).next().unwrap()?;
/// assert_eq!((attr.ty(), attr.u32()?), (3, 42));
/// assert!(matches!(attr.u64().unwrap_err().kind(), NlErrorKind::BadPayloadSize { .. }));
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attr<'a> {
    raw_type: u16,
    payload: &'a [u8],
    offset: usize,
    mode: Mode,
}

impl<'a> Attr<'a> {
    /// The attribute type without its flag bits.
    #[inline]
    pub const fn ty(&self) -> u16 {
        self.raw_type & NLA_TYPE_MASK
    }

    /// `nla_type` as sent, with its flag bits.
    #[inline]
    pub const fn raw_type(&self) -> u16 {
        self.raw_type
    }

    /// Whether `NLA_F_NESTED` is set.
    #[inline]
    pub const fn has_nested_flag(&self) -> bool {
        self.raw_type & NLA_F_NESTED != 0
    }

    /// The payload, without header and padding.
    #[inline]
    pub const fn payload(&self) -> &'a [u8] {
        self.payload
    }

    /// The offset of this attribute's header in the buffer the reader started from.
    #[inline]
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The offset of the payload (the header's offset plus 4).
    #[inline]
    pub const fn payload_offset(&self) -> usize {
        self.offset.saturating_add(NLA_HDRLEN)
    }

    /// The mode this attribute was read in (its nests are read in the same mode).
    #[inline]
    pub const fn mode(&self) -> Mode {
        self.mode
    }

    /// An error of `kind` at this attribute's header.
    #[inline]
    pub const fn error(&self, kind: NlErrorKind) -> NlError {
        NlError::new(kind, self.offset)
    }

    /// The attributes nested in this one. In strict mode, `NLA_F_NESTED` must be set.
    #[inline]
    pub fn nested(&self) -> Result<AttrIter<'a>, NlError> {
        if self.mode.is_strict() && !self.has_nested_flag() {
            return Err(self.error(NlErrorKind::MissingNestedFlag { id: self.ty() }));
        }
        Ok(AttrIter::at(self.payload, self.payload_offset(), self.mode))
    }

    /// The first `N` bytes of the payload: all of it in strict mode, a prefix of a longer
    /// payload in liberal mode (the kernel reads scalars that way).
    #[inline]
    pub fn array<const N: usize>(&self) -> Result<[u8; N], NlError> {
        let bad = self.error(NlErrorKind::BadPayloadSize { id: self.ty() });
        if self.mode.is_strict() && self.payload.len() != N {
            return Err(bad);
        }
        self.payload
            .split_first_chunk::<N>()
            .map(|(a, _)| *a)
            .ok_or(bad)
    }

    /// The payload as a `u8` (`NLA_U8`).
    #[inline]
    pub fn u8(&self) -> Result<u8, NlError> {
        self.array::<1>().map(u8::from_ne_bytes)
    }

    /// The payload as a host-order `u16` (`NLA_U16`).
    #[inline]
    pub fn u16(&self) -> Result<u16, NlError> {
        self.array().map(u16::from_ne_bytes)
    }

    /// The payload as a host-order `u32` (`NLA_U32`).
    #[inline]
    pub fn u32(&self) -> Result<u32, NlError> {
        self.array().map(u32::from_ne_bytes)
    }

    /// The payload as a host-order `u64` (`NLA_U64`).
    #[inline]
    pub fn u64(&self) -> Result<u64, NlError> {
        self.array().map(u64::from_ne_bytes)
    }

    /// The payload as a host-order `i32` (`NLA_S32`).
    #[inline]
    pub fn i32(&self) -> Result<i32, NlError> {
        self.array().map(i32::from_ne_bytes)
    }

    /// The bytes of a string attribute before its terminating NUL (`NLA_NUL_STRING`,
    /// `NLA_STRING`). Liberal: up to the first NUL, or the whole payload without one.
    /// Strict: the payload must end in its only NUL.
    #[inline]
    pub fn c_bytes(&self) -> Result<&'a [u8], NlError> {
        let bad = self.error(NlErrorKind::BadString { id: self.ty() });
        match self.payload.iter().position(|&b| b == 0) {
            Some(nul) => {
                if self.mode.is_strict() && nul.checked_add(1) != Some(self.payload.len()) {
                    return Err(bad);
                }
                self.payload.get(..nul).ok_or(bad)
            }
            None if self.mode.is_strict() => Err(bad),
            None => Ok(self.payload),
        }
    }

    /// The string of a string attribute, which must be UTF-8 (see [`Attr::c_bytes`]).
    #[inline]
    pub fn str(&self) -> Result<&'a str, NlError> {
        let bytes = self.c_bytes()?;
        core::str::from_utf8(bytes)
            .map_err(|_| self.error(NlErrorKind::BadString { id: self.ty() }))
    }

    /// A flag attribute (`NLA_FLAG`): present means true. Its payload must be empty in
    /// strict mode.
    #[inline]
    pub fn flag(&self) -> Result<bool, NlError> {
        if self.mode.is_strict() && !self.payload.is_empty() {
            return Err(self.error(NlErrorKind::BadPayloadSize { id: self.ty() }));
        }
        Ok(true)
    }
}

/// An iterator over the attributes of a payload (`nla_for_each_attr`), without recursion:
/// nests are read by calling [`Attr::nested`] on the item.
///
/// Yields `Err` once, then stops, on a malformed attribute: `nla_len` below 4 or past the
/// end. The last attribute may lack its padding. Fewer than 4 bytes left over after the
/// last attribute are ignored in liberal mode and [`NlErrorKind::TrailingData`] in strict
/// mode.
///
/// ```
/// use crosswire_kernel::netlink::{AttrIter, NlErrorKind, NlWriter};
///
/// let mut buf = [0u8; 32];
/// let mut w = NlWriter::new(&mut buf);
/// w.put_u16(1, 80)?;
/// w.put_flag(2)?;
/// let attrs: Vec<(u16, usize)> = AttrIter::new(w.as_bytes())
///     .map(|a| a.map(|a| (a.ty(), a.payload().len())))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(attrs, [(1, 2), (2, 0)]);
/// // An attribute whose length runs past the end:
/// let e = AttrIter::new(&[8, 0, 1, 0, 0]).next().unwrap().unwrap_err();
/// assert_eq!(e.kind(), NlErrorKind::BadAttributeLength);
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
#[derive(Clone, Debug)]
pub struct AttrIter<'a> {
    rest: &'a [u8],
    offset: usize,
    mode: Mode,
}

impl<'a> AttrIter<'a> {
    /// The attributes of `payload`, read liberally, with offsets counted from its start.
    #[inline]
    pub const fn new(payload: &'a [u8]) -> Self {
        AttrIter::at(payload, 0, Mode::Liberal)
    }

    /// The attributes of `payload`, which starts at byte `offset` of the buffer errors and
    /// [`Attr::offset`] are reported against, read in `mode`.
    #[inline]
    pub const fn at(payload: &'a [u8], offset: usize, mode: Mode) -> Self {
        AttrIter {
            rest: payload,
            offset,
            mode,
        }
    }

    /// The same attributes, read in `mode`.
    #[inline]
    pub const fn with_mode(self, mode: Mode) -> Self {
        AttrIter { mode, ..self }
    }

    /// The mode of this reader.
    #[inline]
    pub const fn mode(&self) -> Mode {
        self.mode
    }

    /// The offset of the next attribute.
    #[inline]
    pub const fn offset(&self) -> usize {
        self.offset
    }

    #[cold]
    fn fail(&mut self, kind: NlErrorKind) -> Option<Result<Attr<'a>, NlError>> {
        let at = self.offset;
        self.rest = &[];
        Some(Err(NlError::new(kind, at)))
    }
}

impl<'a> Iterator for AttrIter<'a> {
    type Item = Result<Attr<'a>, NlError>;

    // Inlined into the decoding loops, the item stays in registers.
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let Some(([l0, l1, t0, t1], _)) = self.rest.split_first_chunk::<NLA_HDRLEN>() else {
            if self.mode.is_strict() {
                return self.fail(NlErrorKind::TrailingData);
            }
            self.rest = &[];
            return None;
        };
        let len = usize::from(u16::from_ne_bytes([*l0, *l1]));
        let raw_type = u16::from_ne_bytes([*t0, *t1]);
        let Some(payload) = self.rest.get(NLA_HDRLEN..len) else {
            // `len < 4` gives an empty range start > end, `len > rest` an overrun.
            return self.fail(NlErrorKind::BadAttributeLength);
        };
        let attr = Attr {
            raw_type,
            payload,
            offset: self.offset,
            mode: self.mode,
        };
        // `len <= rest.len() <= usize::MAX`, so aligning cannot overflow; the last
        // attribute's padding may be absent.
        let step = align(len).unwrap_or(len);
        self.rest = self.rest.get(step..).unwrap_or(&[]);
        self.offset = self.offset.saturating_add(step);
        Some(Ok(attr))
    }
}

/// Finds the last attribute of type `ty` (the one the kernel's `nla_parse` keeps) in
/// `attrs`, or the first error.
///
/// ```
/// use crosswire_kernel::netlink::{find_last, AttrIter, NlWriter};
///
/// let mut buf = [0u8; 32];
/// let mut w = NlWriter::new(&mut buf);
/// w.put_u32(1, 10)?;
/// w.put_u32(1, 20)?; // a duplicate: the last one wins
/// assert_eq!(find_last(AttrIter::new(w.as_bytes()), 1)?.map(|a| a.u32()), Some(Ok(20)));
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
pub fn find_last<'a>(attrs: AttrIter<'a>, ty: u16) -> Result<Option<Attr<'a>>, NlError> {
    let mut found = None;
    for attr in attrs {
        let attr = attr?;
        if attr.ty() == ty {
            found = Some(attr);
        }
    }
    Ok(found)
}
