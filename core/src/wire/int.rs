//! Integers: fixed width, little-endian, two's complement (spec §3.1); `usize` and `isize`
//! as 64 bits (§3.2); `NonZero` integers as their integer, zero rejected (§3.4).
//! Golden tests: `s03_1_integers`, `s03_2_usize_isize`, `s03_4_nonzero`.

use core::num;

use crate::{max_size::fixed_size, Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer};

fixed_size! {
    u8 => 1, u16 => 2, u32 => 4, u64 => 8, u128 => 16, usize => 8,
    i8 => 1, i16 => 2, i32 => 4, i64 => 8, i128 => 16, isize => 8,
}

fixed_size! {
    zero_invalid:
    num::NonZeroU8 => 1, num::NonZeroU16 => 2, num::NonZeroU32 => 4,
    num::NonZeroU64 => 8, num::NonZeroU128 => 16, num::NonZeroUsize => 8,
    num::NonZeroI8 => 1, num::NonZeroI16 => 2, num::NonZeroI32 => 4,
    num::NonZeroI64 => 8, num::NonZeroI128 => 16, num::NonZeroIsize => 8,
}

/// One byte (spec §3.1): a run of them is copied in one go.
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

/// One byte (spec §3.1): a run of them is copied in one go.
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

/// Two's complement byte (spec §3.1).
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

macro_rules! encode_le {
    ($($ty:ty),*) => {$(
        /// Fixed width, little-endian (spec §3.1).
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

macro_rules! decode_le {
    ($($ty:ty),*) => {$(
        /// Fixed width, little-endian (spec §3.1).
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

/// As `u64`; a value that does not fit this target's `usize` is an error (spec §3.2).
impl<'de> Decode<'de> for usize {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        let wide = u64::decode(r)?;
        usize::try_from(wide).map_err(|_| Error::new(ErrorKind::IntegerOutOfRange, at))
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

/// As `i64`; a value that does not fit this target's `isize` is an error (spec §3.2).
impl<'de> Decode<'de> for isize {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        let wide = i64::decode(r)?;
        isize::try_from(wide).map_err(|_| Error::new(ErrorKind::IntegerOutOfRange, at))
    }
}

/// As the integer; zero is an error (spec §3.4).
macro_rules! nonzero {
    ($($ty:ty => $int:ty),*) => {$(
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

nonzero!(
    num::NonZeroU8 => u8, num::NonZeroU16 => u16, num::NonZeroU32 => u32,
    num::NonZeroU64 => u64, num::NonZeroU128 => u128, num::NonZeroUsize => usize,
    num::NonZeroI8 => i8, num::NonZeroI16 => i16, num::NonZeroI32 => i32,
    num::NonZeroI64 => i64, num::NonZeroI128 => i128, num::NonZeroIsize => isize
);

/// The wire shape of each integer (spec §3.1, §3.2, §3.4).
mod schema {
    use core::num;

    use crate::schema::{described, Int, Schema};

    const fn int(width: u8, signed: bool) -> Schema {
        Schema::Int {
            int: Int::new(width, signed),
        }
    }

    const fn pointer_sized(signed: bool) -> Int {
        Int {
            pointer_sized: true,
            ..Int::new(8, signed)
        }
    }

    const fn nonzero(int: Int) -> Schema {
        Schema::Int {
            int: Int {
                nonzero: true,
                ..int
            },
        }
    }

    described! {
        u8 => int(1, false), u16 => int(2, false), u32 => int(4, false),
        u64 => int(8, false), u128 => int(16, false),
        i8 => int(1, true), i16 => int(2, true), i32 => int(4, true),
        i64 => int(8, true), i128 => int(16, true),
        usize => Schema::Int { int: pointer_sized(false) },
        isize => Schema::Int { int: pointer_sized(true) },
        num::NonZeroU8 => nonzero(Int::new(1, false)),
        num::NonZeroU16 => nonzero(Int::new(2, false)),
        num::NonZeroU32 => nonzero(Int::new(4, false)),
        num::NonZeroU64 => nonzero(Int::new(8, false)),
        num::NonZeroU128 => nonzero(Int::new(16, false)),
        num::NonZeroUsize => nonzero(pointer_sized(false)),
        num::NonZeroI8 => nonzero(Int::new(1, true)),
        num::NonZeroI16 => nonzero(Int::new(2, true)),
        num::NonZeroI32 => nonzero(Int::new(4, true)),
        num::NonZeroI64 => nonzero(Int::new(8, true)),
        num::NonZeroI128 => nonzero(Int::new(16, true)),
        num::NonZeroIsize => nonzero(pointer_sized(true)),
    }
}
