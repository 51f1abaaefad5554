//! Decoding of the fixed-width kinds: integers, `bool`, `char`, floats, `NonZero`,
//! `Duration`, big-endian wrappers and the empty types (spec §3 to §7, §9).

use core::{marker::PhantomData, num, time::Duration};

use crate::{Be, Decode, Error, ErrorKind, MaxSize, Reader};

macro_rules! decode_le {
    ($($ty:ty),*) => {$(
        /// Fixed width, little-endian (spec §3).
        impl<'de> Decode<'de> for $ty {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                r.read_array().map(<$ty>::from_le_bytes)
            }

            #[inline]
            fn decode_slice(r: &mut Reader<'de>, out: &mut [Self]) -> Result<(), Error> {
                let len = out.len().saturating_mul(Self::MAX_SIZE);
                match r.read_bytes(len) {
                    Ok(mut bytes) => {
                        for slot in out.iter_mut() {
                            // Always taken: there are exactly `out.len() * SIZE` bytes.
                            if let Some((head, tail)) = bytes.split_first_chunk() {
                                *slot = <$ty>::from_le_bytes(*head);
                                bytes = tail;
                            }
                        }
                        Ok(())
                    }
                    // Short input (or a zero-extended body): element by element.
                    Err(_) => out.iter_mut().try_for_each(|slot| {
                        *slot = Self::decode(r)?;
                        Ok(())
                    }),
                }
            }

            #[inline]
            fn decode_array<const N: usize>(r: &mut Reader<'de>) -> Result<[Self; N], Error> {
                const SIZE: usize = core::mem::size_of::<$ty>();
                let mut bytes = match r.read_bytes(N.saturating_mul(SIZE)) {
                    Ok(bytes) => bytes,
                    // Short input (or a zero-extended body): element by element.
                    Err(_) => {
                        let mut out = [0; N];
                        for slot in &mut out {
                            *slot = Self::decode(r)?;
                        }
                        return Ok(out);
                    }
                };
                // Built in place from the `N * SIZE` bytes, each element once.
                Ok(core::array::from_fn(|_| match bytes.split_first_chunk::<SIZE>() {
                    Some((head, tail)) => {
                        bytes = tail;
                        <$ty>::from_le_bytes(*head)
                    }
                    // Unreachable: there are exactly `N * SIZE` bytes.
                    None => 0,
                }))
            }
        }
    )*};
}

decode_le!(u16, u32, u64, u128, i16, i32, i64, i128, i8);

/// One byte (spec §3).
impl<'de> Decode<'de> for u8 {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        r.read_u8()
    }

    #[inline]
    fn decode_slice(r: &mut Reader<'de>, out: &mut [Self]) -> Result<(), Error> {
        r.read_into(out)
    }

    #[inline]
    fn decode_array<const N: usize>(r: &mut Reader<'de>) -> Result<[Self; N], Error> {
        r.read_array()
    }
}

/// As `u64`; a value that does not fit this target's `usize` is an error (spec §3.2).
impl<'de> Decode<'de> for usize {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        let wide = u64::decode(r)?;
        usize::try_from(wide).map_err(|_| Error::new(ErrorKind::IntegerOutOfRange, at))
    }
}

/// As `i64`; a value that does not fit this target's `isize` is an error (spec §3.2).
impl<'de> Decode<'de> for isize {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        let wide = i64::decode(r)?;
        isize::try_from(wide).map_err(|_| Error::new(ErrorKind::IntegerOutOfRange, at))
    }
}

/// Big-endian integers (spec §3.3).
macro_rules! decode_be {
    ($($ty:ty),*) => {$(
        impl<'de> Decode<'de> for Be<$ty> {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                r.read_array().map(|b| Be(<$ty>::from_be_bytes(b)))
            }
        }
    )*};
}

decode_be!(u16, u32, u64, u128, i16, i32, i64, i128);

/// As the integer; zero is an error (spec §3.4).
macro_rules! decode_nonzero {
    ($($ty:ty => $int:ty),*) => {$(
        impl<'de> Decode<'de> for $ty {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                let at = r.offset();
                let raw = <$int>::decode(r)?;
                <$ty>::new(raw).ok_or(Error::new(ErrorKind::ZeroNonZero, at))
            }
        }
    )*};
}

decode_nonzero!(
    num::NonZeroU8 => u8, num::NonZeroU16 => u16, num::NonZeroU32 => u32,
    num::NonZeroU64 => u64, num::NonZeroU128 => u128, num::NonZeroUsize => usize,
    num::NonZeroI8 => i8, num::NonZeroI16 => i16, num::NonZeroI32 => i32,
    num::NonZeroI64 => i64, num::NonZeroI128 => i128, num::NonZeroIsize => isize
);

/// `0` or `1`; any other byte is an error (spec §4).
impl<'de> Decode<'de> for bool {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        match r.read_u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Error::new(ErrorKind::InvalidBool, at)),
        }
    }
}

/// A `u32` that must be a Unicode scalar value (spec §5).
impl<'de> Decode<'de> for char {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        let raw = u32::decode(r)?;
        char::from_u32(raw).ok_or(Error::new(ErrorKind::InvalidChar, at))
    }
}

/// IEEE-754 bits, little-endian; every bit pattern is accepted (spec §6).
#[cfg(feature = "float")]
macro_rules! decode_float {
    ($($ty:ty => $bits:ty),*) => {$(
        impl<'de> Decode<'de> for $ty {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                <$bits>::decode(r).map(<$ty>::from_bits)
            }
        }
    )*};
}

#[cfg(feature = "float")]
decode_float!(f32 => u32, f64 => u64);

/// Seconds as `u64`, then nanoseconds as `u32` below `1_000_000_000` (spec §9).
impl<'de> Decode<'de> for Duration {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let secs = u64::decode(r)?;
        let at = r.offset();
        let nanos = u32::decode(r)?;
        if nanos >= 1_000_000_000 {
            return Err(Error::new(ErrorKind::InvalidDuration, at));
        }
        Ok(Duration::new(secs, nanos))
    }
}

/// Nothing (spec §7).
impl<'de> Decode<'de> for () {
    #[inline]
    fn decode(_: &mut Reader<'de>) -> Result<Self, Error> {
        Ok(())
    }
}

/// Nothing (spec §7).
impl<'de, T: ?Sized> Decode<'de> for PhantomData<T> {
    #[inline]
    fn decode(_: &mut Reader<'de>) -> Result<Self, Error> {
        Ok(PhantomData)
    }
}
