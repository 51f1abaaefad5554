//! Mapping Rust types to netlink attributes: [`NlaSet`] (a struct whose fields are
//! attributes, usually derived), [`NlaValue`] (a type that is one attribute's payload) and
//! [`NlaField`] (how a field maps to zero, one or many attributes).
//!
//! The rules, in full, are in [`docs/netlink.md`]. In short: a field's id is its attribute
//! type; a plain field is required, `Option` is optional, `bool` is an `NLA_FLAG`,
//! [`BoundedVec`] is a repeated attribute, [`Indexed`] an indexed array (a nest whose
//! children are the elements), a derived struct a nest with `NLA_F_NESTED`. Of duplicates
//! the last wins; unknown attributes are skipped and counted, or an error in
//! [`Mode::Strict`].
//!
//! [`docs/netlink.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/netlink.md

mod c_layout;
mod c_string;
pub mod policy;
mod values;

use crosswire::BoundedVec;

use self::policy::{Policy, PolicyEntry, PolicyKind};
pub use self::{
    c_layout::CField,
    c_string::{CBytes, Escaped},
    values::{Binary, CLayout, Crosswire, Indexed},
};
use super::{header::align, Attr, AttrIter, Mode, NlError, NlErrorKind, NlWriter, NLA_HDRLEN};

/// The space an attribute with a payload of at most `payload` bytes takes, padding
/// included (`nla_total_size`). Saturates instead of overflowing.
#[inline]
pub const fn attr_size(payload: usize) -> usize {
    match align(payload.saturating_add(NLA_HDRLEN)) {
        Some(n) => n,
        None => usize::MAX,
    }
}

/// A set of attributes: a struct whose fields are attributes. Derive it with
/// `#[derive(NlaSet)]` (feature `derive`).
///
/// ```
/// use crosswire::BoundedString;
/// use crosswire_kernel::netlink::{AttrIter, NlWriter, NlaSet};
///
/// #[derive(Debug, PartialEq, NlaSet)]
/// struct Link {
///     #[nla(id = 1)]
///     index: u32,
///     #[nla(id = 2)]
///     name: BoundedString<16>,
///     #[nla(id = 3)]
///     mtu: Option<u32>,
/// }
///
/// let link = Link { index: 1, name: "lo".try_into().unwrap(), mtu: None };
/// let mut buf = [0u8; Link::MAX_LEN];
/// let mut w = NlWriter::new(&mut buf);
/// link.put_attrs(&mut w)?;
/// assert_eq!(Link::from_attrs(AttrIter::new(w.as_bytes()))?, link);
/// # Ok::<(), crosswire_kernel::netlink::NlError>(())
/// ```
pub trait NlaSet<'a>: Sized {
    /// The most bytes [`NlaSet::put_attrs`] writes, padding included: buffers of this size
    /// always have room.
    const MAX_LEN: usize;
    /// The kernel validation policy of the fields, one entry per field in declaration
    /// order (see [`policy`]); empty for a hand-written set that gives none.
    const POLICY: &'static [PolicyEntry] = &[];

    /// Writes the fields as attributes, in declaration order.
    fn put_attrs(&self, w: &mut NlWriter<'_>) -> Result<(), NlError>;

    /// Reads the fields from `attrs`, in the mode of the iterator; adds the number of
    /// unknown attributes skipped (here and in nests) to `unknown`.
    fn decode_attrs(attrs: AttrIter<'a>, unknown: &mut u32) -> Result<Self, NlError>;

    /// Reads the fields from `attrs`, ignoring the count of unknown attributes.
    #[inline]
    fn from_attrs(attrs: AttrIter<'a>) -> Result<Self, NlError> {
        let mut unknown = 0;
        Self::decode_attrs(attrs, &mut unknown)
    }
}

/// A type that is the payload of one attribute.
pub trait NlaValue<'a>: Sized {
    /// The longest payload, in bytes.
    const MAX_PAYLOAD: usize;
    /// How the kernel validates the attribute (see [`policy`]); `NLA_UNSPEC` unless the
    /// type says more.
    const POLICY: Policy = Policy::UNSPEC;

    /// Writes the whole attribute of type `ty` with this value as payload.
    fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError>;

    /// Reads the value from `attr` (in its mode); adds unknown attributes found in nests to
    /// `unknown`.
    fn read(attr: &Attr<'a>, unknown: &mut u32) -> Result<Self, NlError>;
}

/// How a struct field maps to attributes: the derive calls this for every field.
///
/// Implemented for every [`NlaValue`] (a required attribute), `Option` of one (optional),
/// `bool` (`NLA_FLAG`: present is true) and [`BoundedVec`] of one (the attribute repeated,
/// in order).
pub trait NlaField<'a>: Sized {
    /// The most bytes the field writes, padding included.
    const MAX_LEN: usize;
    /// How the kernel validates each of the field's attributes (`NLA_UNSPEC`, no check,
    /// unless the impl says more).
    const POLICY: Policy = Policy::UNSPEC;
    /// What decoding accumulates while the attributes go by.
    type Slot: Default;

    /// Writes the field as attributes of type `ty`.
    fn put_field(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError>;

    /// Takes one attribute of the field's type.
    fn take(slot: &mut Self::Slot, attr: &Attr<'a>, unknown: &mut u32) -> Result<(), NlError>;

    /// The field's value once every attribute has been seen; `at` is the offset of the
    /// attribute set, where a missing attribute is reported.
    fn finish(slot: Self::Slot, ty: u16, at: usize) -> Result<Self, NlError>;
}

impl<'a, T: NlaValue<'a>> NlaField<'a> for T {
    const MAX_LEN: usize = attr_size(T::MAX_PAYLOAD);
    const POLICY: Policy = T::POLICY;
    type Slot = Option<T>;

    #[inline]
    fn put_field(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        self.put(ty, w)
    }

    #[inline]
    fn take(slot: &mut Option<T>, attr: &Attr<'a>, unknown: &mut u32) -> Result<(), NlError> {
        *slot = Some(T::read(attr, unknown)?);
        Ok(())
    }

    #[inline]
    fn finish(slot: Option<T>, ty: u16, at: usize) -> Result<Self, NlError> {
        slot.ok_or(NlError::new(NlErrorKind::MissingAttribute { id: ty }, at))
    }
}

impl<'a, T: NlaValue<'a>> NlaField<'a> for Option<T> {
    const MAX_LEN: usize = attr_size(T::MAX_PAYLOAD);
    const POLICY: Policy = T::POLICY;
    type Slot = Option<T>;

    #[inline]
    fn put_field(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        match self {
            Some(v) => v.put(ty, w),
            None => Ok(()),
        }
    }

    #[inline]
    fn take(slot: &mut Option<T>, attr: &Attr<'a>, unknown: &mut u32) -> Result<(), NlError> {
        *slot = Some(T::read(attr, unknown)?);
        Ok(())
    }

    #[inline]
    fn finish(slot: Option<T>, _: u16, _: usize) -> Result<Self, NlError> {
        Ok(slot)
    }
}

impl<'a> NlaField<'a> for bool {
    const MAX_LEN: usize = NLA_HDRLEN;
    const POLICY: Policy = Policy::of(PolicyKind::Flag);
    type Slot = bool;

    #[inline]
    fn put_field(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        if *self {
            w.put_flag(ty)
        } else {
            Ok(())
        }
    }

    #[inline]
    fn take(slot: &mut bool, attr: &Attr<'a>, _: &mut u32) -> Result<(), NlError> {
        *slot = attr.flag()?;
        Ok(())
    }

    #[inline]
    fn finish(slot: bool, _: u16, _: usize) -> Result<Self, NlError> {
        Ok(slot)
    }
}

impl<'a, T: NlaValue<'a> + Default, const N: usize> NlaField<'a> for BoundedVec<T, N> {
    const MAX_LEN: usize = attr_size(T::MAX_PAYLOAD).saturating_mul(N);
    const POLICY: Policy = T::POLICY;
    type Slot = BoundedVec<T, N>;

    fn put_field(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        self.iter().try_for_each(|v| v.put(ty, w))
    }

    fn take(slot: &mut Self::Slot, attr: &Attr<'a>, unknown: &mut u32) -> Result<(), NlError> {
        slot.push(T::read(attr, unknown)?)
            .map_err(|_| attr.error(NlErrorKind::TooManyItems { id: attr.ty() }))
    }

    #[inline]
    fn finish(slot: Self::Slot, _: u16, _: usize) -> Result<Self, NlError> {
        Ok(slot)
    }
}

/// Support for the code `#[derive(NlaSet)]` generates. Not public API.
#[doc(hidden)]
pub mod __private {
    use super::{Attr, Mode, NlError, NlErrorKind};

    /// An attribute no field claims: counted, or an error in strict mode.
    #[inline]
    pub fn unknown(attr: &Attr<'_>, unknown: &mut u32) -> Result<(), NlError> {
        if attr.mode() == Mode::Strict {
            return Err(attr.error(NlErrorKind::UnknownAttribute { id: attr.ty() }));
        }
        *unknown = unknown.saturating_add(1);
        Ok(())
    }

    pub use super::c_layout::{c_align, c_max};

    /// `a + b` for `MAX_LEN`, saturating.
    #[inline]
    pub const fn add(a: usize, b: usize) -> usize {
        a.saturating_add(b)
    }
}

/// Reads a derived set nested in `attr` (`NLA_F_NESTED` required in strict mode).
#[inline]
pub fn read_nested<'a, S: NlaSet<'a>>(attr: &Attr<'a>, unknown: &mut u32) -> Result<S, NlError> {
    S::decode_attrs(attr.nested()?, unknown)
}

/// Writes `set` as a nest of type `ty` with `NLA_F_NESTED`.
#[inline]
pub fn put_nested<'a, S: NlaSet<'a>>(
    set: &S,
    ty: u16,
    w: &mut NlWriter<'_>,
) -> Result<(), NlError> {
    let nest = w.begin_nest(ty)?;
    set.put_attrs(w)?;
    w.end_nest(nest)
}

/// Decodes `S` from a payload of attributes starting at `offset` of the receive buffer,
/// in `mode`; returns it with the number of unknown attributes skipped.
pub fn decode<'a, S: NlaSet<'a>>(
    payload: &'a [u8],
    offset: usize,
    mode: Mode,
) -> Result<(S, u32), NlError> {
    let mut unknown = 0;
    let s = S::decode_attrs(AttrIter::at(payload, offset, mode), &mut unknown)?;
    Ok((s, unknown))
}
