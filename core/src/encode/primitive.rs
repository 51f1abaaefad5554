//! Encoding of the fixed-width kinds: integers, `bool`, `char`, floats, `NonZero`,
//! `Duration`, big-endian wrappers and the empty types (spec §3 to §7, §9).

use core::{marker::PhantomData, num, time::Duration};

use crate::{Be, Encode, Error, MaxSize, Writer};

macro_rules! encode_le {
    ($($ty:ty),*) => {$(
        /// Fixed width, little-endian (spec §3).
        impl Encode for $ty {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                w.write_array(self.to_le_bytes())
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                Self::MAX_SIZE
            }

            #[inline]
            fn encode_slice(items: &[Self], w: &mut Writer<'_>) -> Result<(), Error> {
                let mut room = w.reserve(items.len().saturating_mul(Self::MAX_SIZE))?;
                for item in items {
                    // Always taken: there is room for exactly `items.len()` values.
                    if let Some((head, tail)) = core::mem::take(&mut room).split_first_chunk_mut() {
                        *head = item.to_le_bytes();
                        room = tail;
                    }
                }
                Ok(())
            }
        }
    )*};
}

encode_le!(u16, u32, u64, u128, i16, i32, i64, i128);

/// One byte (spec §3).
impl Encode for u8 {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_u8(*self)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        1
    }

    #[inline]
    fn encode_slice(items: &[Self], w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_bytes(items)
    }
}

/// Two's complement byte (spec §3).
impl Encode for i8 {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_array(self.to_le_bytes())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        1
    }
}

/// As `u64` (spec §3.2).
impl Encode for usize {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        // `usize` is at most 64 bits on every target Rust supports.
        let wide = u64::try_from(*self).unwrap_or(u64::MAX);
        w.write_array(wide.to_le_bytes())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        8
    }
}

/// As `i64` (spec §3.2).
impl Encode for isize {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        // `isize` is at most 64 bits on every target Rust supports.
        let wide = i64::try_from(*self).unwrap_or(i64::MAX);
        w.write_array(wide.to_le_bytes())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        8
    }
}

/// Big-endian integers (spec §3.3).
macro_rules! encode_be {
    ($($ty:ty),*) => {$(
        impl Encode for Be<$ty> {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                w.write_array(self.0.to_be_bytes())
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                Self::MAX_SIZE
            }
        }
    )*};
}

encode_be!(u16, u32, u64, u128, i16, i32, i64, i128);

/// `NonZero` integers: as the integer (spec §3.4).
macro_rules! encode_nonzero {
    ($($ty:ty),*) => {$(
        impl Encode for $ty {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                self.get().encode(w)
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                Self::MAX_SIZE
            }
        }
    )*};
}

encode_nonzero!(
    num::NonZeroU8,
    num::NonZeroU16,
    num::NonZeroU32,
    num::NonZeroU64,
    num::NonZeroU128,
    num::NonZeroUsize,
    num::NonZeroI8,
    num::NonZeroI16,
    num::NonZeroI32,
    num::NonZeroI64,
    num::NonZeroI128,
    num::NonZeroIsize
);

/// `0` or `1` (spec §4).
impl Encode for bool {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_u8(u8::from(*self))
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        1
    }
}

/// The scalar value as `u32` (spec §5).
impl Encode for char {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        u32::from(*self).encode(w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        4
    }
}

/// IEEE-754 bits, little-endian (spec §6).
#[cfg(feature = "float")]
macro_rules! encode_float {
    ($($ty:ty),*) => {$(
        impl Encode for $ty {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                w.write_array(self.to_bits().to_le_bytes())
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                Self::MAX_SIZE
            }
        }
    )*};
}

#[cfg(feature = "float")]
encode_float!(f32, f64);

/// Seconds as `u64`, then nanoseconds as `u32` (spec §9).
impl Encode for Duration {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        self.as_secs().encode(w)?;
        self.subsec_nanos().encode(w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        12
    }
}

/// Nothing (spec §7).
impl Encode for () {
    #[inline]
    fn encode(&self, _: &mut Writer<'_>) -> Result<(), Error> {
        Ok(())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        0
    }
}

/// Nothing (spec §7).
impl<T: ?Sized> Encode for PhantomData<T> {
    #[inline]
    fn encode(&self, _: &mut Writer<'_>) -> Result<(), Error> {
        Ok(())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        0
    }
}
