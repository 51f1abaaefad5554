//! [`NlaValue`] for the payload types: integers in host order, [`Be`] integers in network
//! order, NUL-terminated strings, byte strings, fixed C structs ([`Binary`]), whole
//! crosswire messages ([`Crosswire`]) and indexed arrays ([`Indexed`]).

use core::ops::{Deref, DerefMut};

use crosswire::{Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec, Decode, Encode, MaxSize};

use super::{
    attr_size,
    policy::{Policy, PolicyKind},
    NlaValue,
};
use crate::netlink::{Attr, NlError, NlErrorKind, NlWriter};

/// `NlaValue` for integers: host order, exactly their size in strict mode, a prefix of a
/// longer payload in liberal mode.
macro_rules! host_order {
    ($($t:ty => $kind:expr, $be:expr;)*) => {$(
        impl<'a> NlaValue<'a> for $t {
            const MAX_PAYLOAD: usize = core::mem::size_of::<$t>();
            const POLICY: Policy = Policy::of($kind);

            #[inline]
            fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
                w.put_attr(ty, &self.to_ne_bytes())
            }

            #[inline]
            fn read(attr: &Attr<'a>, _: &mut u32) -> Result<Self, NlError> {
                attr.array().map(<$t>::from_ne_bytes)
            }
        }

        impl<'a> NlaValue<'a> for Be<$t> {
            const MAX_PAYLOAD: usize = core::mem::size_of::<$t>();
            const POLICY: Policy = $be;

            #[inline]
            fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
                w.put_attr(ty, &self.0.to_be_bytes())
            }

            #[inline]
            fn read(attr: &Attr<'a>, _: &mut u32) -> Result<Self, NlError> {
                attr.array().map(<$t>::from_be_bytes).map(Be)
            }
        }
    )*};
}

/// A network-order integer the kernel has no kind for: exactly its size.
const fn be_exact(size: usize) -> Policy {
    Policy::with_len(PolicyKind::Unspec, size)
}

host_order! {
    u8 => PolicyKind::U8, be_exact(1);
    u16 => PolicyKind::U16, Policy::of(PolicyKind::Be16);
    u32 => PolicyKind::U32, Policy::of(PolicyKind::Be32);
    u64 => PolicyKind::U64, be_exact(8);
    i8 => PolicyKind::S8, be_exact(1);
    i16 => PolicyKind::S16, be_exact(2);
    i32 => PolicyKind::S32, be_exact(4);
    i64 => PolicyKind::S64, be_exact(8);
}

/// A NUL-terminated string (`NLA_NUL_STRING`) of at most `N` bytes before the NUL.
impl<'a, const N: usize> NlaValue<'a> for BoundedString<N> {
    const MAX_PAYLOAD: usize = N.saturating_add(1);
    const POLICY: Policy = Policy::with_len(PolicyKind::NulString, N);

    #[inline]
    fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        w.put_str(ty, self)
    }

    fn read(attr: &Attr<'a>, _: &mut u32) -> Result<Self, NlError> {
        BoundedString::try_from(attr.str()?)
            .map_err(|_| attr.error(NlErrorKind::BadString { id: attr.ty() }))
    }
}

/// A NUL-terminated string borrowed from the receive buffer.
impl<'a, const N: usize> NlaValue<'a> for BoundedStr<'a, N> {
    const MAX_PAYLOAD: usize = N.saturating_add(1);
    const POLICY: Policy = Policy::with_len(PolicyKind::NulString, N);

    #[inline]
    fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        w.put_str(ty, self)
    }

    fn read(attr: &Attr<'a>, _: &mut u32) -> Result<Self, NlError> {
        BoundedStr::new(attr.str()?)
            .map_err(|_| attr.error(NlErrorKind::BadString { id: attr.ty() }))
    }
}

/// Raw bytes (`NLA_BINARY`) borrowed from the receive buffer, at most `N`.
impl<'a, const N: usize> NlaValue<'a> for BoundedBytes<'a, N> {
    const MAX_PAYLOAD: usize = N;
    const POLICY: Policy = Policy::with_len(PolicyKind::Binary, N);

    #[inline]
    fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        w.put_attr(ty, self)
    }

    fn read(attr: &Attr<'a>, _: &mut u32) -> Result<Self, NlError> {
        BoundedBytes::new(attr.payload())
            .map_err(|_| attr.error(NlErrorKind::BadPayloadSize { id: attr.ty() }))
    }
}

/// Exactly `N` bytes (a hardware address, an IPv6 address); a longer payload is read as
/// its prefix in liberal mode.
impl<'a, const N: usize> NlaValue<'a> for [u8; N] {
    const MAX_PAYLOAD: usize = N;
    // At least `N` bytes: liberal reading takes a prefix of a longer payload.
    const POLICY: Policy = Policy::with_len(PolicyKind::Unspec, N);

    #[inline]
    fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        w.put_attr(ty, self)
    }

    #[inline]
    fn read(attr: &Attr<'a>, _: &mut u32) -> Result<Self, NlError> {
        attr.array()
    }
}

/// A fixed C struct carried as an attribute's payload, in host order and C layout (with its
/// padding bytes written as zero). Implement it by hand, field by field at their C offsets.
pub trait CLayout: Sized {
    /// `sizeof` the struct this version knows.
    const SIZE: usize;

    /// Reads the struct from its first [`CLayout::SIZE`] bytes (`bytes` holds at least
    /// that many; later bytes belong to newer versions of the struct).
    fn read_prefix(bytes: &[u8]) -> Option<Self>;

    /// Writes the struct into `out`, [`CLayout::SIZE`] zeroed bytes.
    fn write_to(&self, out: &mut [u8]);
}

/// A [`CLayout`] struct as an attribute. Reading accepts a payload longer than the struct
/// (a newer kernel's bigger version: `IFLA_INET6_STATS` grew from 288 to 304 bytes) and
/// reads its prefix, in both modes; a shorter payload is an error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Binary<T>(pub T);

impl<'a, T: CLayout> NlaValue<'a> for Binary<T> {
    const MAX_PAYLOAD: usize = T::SIZE;
    // A minimum: newer, longer versions are read as a prefix.
    const POLICY: Policy = Policy::with_len(PolicyKind::Unspec, T::SIZE);

    #[inline]
    fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        w.put_attr_with(ty, T::SIZE, |out| self.0.write_to(out))
    }

    fn read(attr: &Attr<'a>, _: &mut u32) -> Result<Self, NlError> {
        let bad = attr.error(NlErrorKind::BadPayloadSize { id: attr.ty() });
        let bytes = attr.payload();
        if bytes.len() < T::SIZE {
            return Err(bad);
        }
        T::read_prefix(bytes).map(Binary).ok_or(bad)
    }
}

/// A whole crosswire message (crosswire's own wire format) as one binary attribute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Crosswire<T>(pub T);

impl<'a, T: Encode + Decode<'a> + MaxSize> NlaValue<'a> for Crosswire<T> {
    const MAX_PAYLOAD: usize = T::MAX_SIZE;
    const POLICY: Policy = Policy::with_len(PolicyKind::Binary, T::MAX_SIZE);

    fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        let at = w.len();
        let mut result = Ok(());
        w.put_attr_with(ty, crosswire::encoded_len(&self.0), |out| {
            result = crosswire::to_slice(&self.0, out).map(|_| ());
        })?;
        result.map_err(|_| NlError::new(NlErrorKind::BadValue { id: ty }, at))
    }

    fn read(attr: &Attr<'a>, _: &mut u32) -> Result<Self, NlError> {
        crosswire::from_bytes(attr.payload())
            .map(Crosswire)
            .map_err(|_| attr.error(NlErrorKind::BadValue { id: attr.ty() }))
    }
}

/// An indexed array: one nest whose children are the elements, typed 1, 2, 3... when
/// written and of any type when read (nlctrl's `CTRL_ATTR_OPS`, `CTRL_ATTR_MCAST_GROUPS`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Indexed<T, const N: usize>(pub BoundedVec<T, N>);

impl<T, const N: usize> Deref for Indexed<T, N> {
    type Target = BoundedVec<T, N>;

    fn deref(&self) -> &BoundedVec<T, N> {
        &self.0
    }
}

impl<T, const N: usize> DerefMut for Indexed<T, N> {
    fn deref_mut(&mut self) -> &mut BoundedVec<T, N> {
        &mut self.0
    }
}

impl<'a, T: NlaValue<'a> + Default, const N: usize> NlaValue<'a> for Indexed<T, N> {
    const MAX_PAYLOAD: usize = attr_size(T::MAX_PAYLOAD).saturating_mul(N);

    fn put(&self, ty: u16, w: &mut NlWriter<'_>) -> Result<(), NlError> {
        let nest = w.begin_nest(ty)?;
        let mut index = 0u16;
        for v in self.0.iter() {
            index = index.saturating_add(1);
            v.put(index, w)?;
        }
        w.end_nest(nest)
    }

    fn read(attr: &Attr<'a>, unknown: &mut u32) -> Result<Self, NlError> {
        let mut items = BoundedVec::new();
        for child in attr.nested()? {
            let child = child?;
            items
                .push(T::read(&child, unknown)?)
                .map_err(|_| child.error(NlErrorKind::TooManyItems { id: attr.ty() }))?;
        }
        Ok(Indexed(items))
    }
}
