//! [`CField`]: the fields a `#[derive(CLayout)]` struct may hold, with their C size and
//! alignment, read and written in host order at their C offsets.

use crosswire::Be;

/// A field of a C struct: integers (host order), [`Be`] integers (network order) and byte
/// arrays.
pub trait CField: Sized {
    /// `sizeof` the field.
    const SIZE: usize;
    /// `_Alignof` the field.
    const ALIGN: usize;

    /// Reads the field from `bytes` at `offset`; `None` when it does not fit.
    fn read_at(bytes: &[u8], offset: usize) -> Option<Self>;

    /// Writes the field into `out` at `offset` (nothing when it does not fit).
    fn write_at(&self, out: &mut [u8], offset: usize);
}

/// The `N` bytes at `offset`.
#[inline]
fn window<const N: usize>(bytes: &[u8], offset: usize) -> Option<[u8; N]> {
    let end = offset.checked_add(N)?;
    bytes.get(offset..end)?.try_into().ok()
}

#[inline]
fn put(out: &mut [u8], offset: usize, src: &[u8]) {
    let Some(end) = offset.checked_add(src.len()) else {
        return;
    };
    if let Some(dst) = out.get_mut(offset..end) {
        dst.copy_from_slice(src);
    }
}

macro_rules! c_int {
    ($($t:ty),*) => {$(
        impl CField for $t {
            const SIZE: usize = core::mem::size_of::<$t>();
            const ALIGN: usize = core::mem::align_of::<$t>();

            #[inline]
            fn read_at(bytes: &[u8], offset: usize) -> Option<Self> {
                window(bytes, offset).map(<$t>::from_ne_bytes)
            }

            #[inline]
            fn write_at(&self, out: &mut [u8], offset: usize) {
                put(out, offset, &self.to_ne_bytes());
            }
        }

        impl CField for Be<$t> {
            const SIZE: usize = core::mem::size_of::<$t>();
            const ALIGN: usize = core::mem::align_of::<$t>();

            #[inline]
            fn read_at(bytes: &[u8], offset: usize) -> Option<Self> {
                window(bytes, offset).map(<$t>::from_be_bytes).map(Be)
            }

            #[inline]
            fn write_at(&self, out: &mut [u8], offset: usize) {
                put(out, offset, &self.0.to_be_bytes());
            }
        }
    )*};
}

c_int!(u8, u16, u32, u64, i8, i16, i32, i64);

impl<const N: usize> CField for [u8; N] {
    const SIZE: usize = N;
    const ALIGN: usize = 1;

    #[inline]
    fn read_at(bytes: &[u8], offset: usize) -> Option<Self> {
        window(bytes, offset)
    }

    #[inline]
    fn write_at(&self, out: &mut [u8], offset: usize) {
        put(out, offset, self);
    }
}

/// `offset` rounded up to `align` (a power of two, as every C alignment is), saturating.
#[doc(hidden)]
#[inline]
pub const fn c_align(offset: usize, align: usize) -> usize {
    let mask = align.saturating_sub(1);
    offset.saturating_add(mask) & !mask
}

/// The larger of two alignments.
#[doc(hidden)]
#[inline]
pub const fn c_max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}
