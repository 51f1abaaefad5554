//! The `decode_core` target: crosswire's own impls, no derive.

use core::{
    marker::PhantomData,
    num::{NonZeroI128, NonZeroI64, NonZeroU32, NonZeroU8, NonZeroUsize},
    time::Duration,
};

use arrayvec::{ArrayString, ArrayVec};
use crosswire::{
    Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec, Decode, Encode, Error, MaxSize,
    Reader, Writer,
};

use crate::{
    check::{raw, Rule},
    dispatch,
};

/// An extensible struct written by hand with `crosswire::extensible`, as a user without
/// the derive would.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Versioned {
    /// A fixed field.
    pub a: u32,
    /// An optional field: the body's size varies.
    pub b: Option<u16>,
}

impl MaxSize for Versioned {
    const MAX_SIZE: usize = crosswire::extensible::max_size(7);
    const EXTENSIBLE: bool = true;
}

impl Encode for Versioned {
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        crosswire::extensible::encode(w, |w| {
            self.a.encode(w)?;
            self.b.encode(w)
        })
    }

    fn encoded_len(&self) -> usize {
        4 + 4 + self.b.encoded_len()
    }
}

impl<'de> Decode<'de> for Versioned {
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        crosswire::extensible::decode(r, 7, |r| {
            Ok(Versioned {
                a: u32::decode(r)?,
                b: Option::decode(r)?,
            })
        })
    }
}

/// f32 and f64 compared by their bits, so that every NaN payload counts as itself.
#[derive(Clone, Copy, Debug)]
pub struct Bits<T>(pub T);

macro_rules! bits {
    ($($t:ty),*) => {$(
        impl PartialEq for Bits<$t> {
            fn eq(&self, other: &Self) -> bool {
                self.0.to_bits() == other.0.to_bits()
            }
        }
        impl MaxSize for Bits<$t> {
            const MAX_SIZE: usize = <$t>::MAX_SIZE;
            const FIXED_SIZE: bool = true;
        }
        impl Encode for Bits<$t> {
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                self.0.encode(w)
            }
            fn encoded_len(&self) -> usize {
                self.0.encoded_len()
            }
        }
        impl<'de> Decode<'de> for Bits<$t> {
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                <$t>::decode(r).map(Bits)
            }
        }
    )*};
}
bits!(f32, f64);

type Twelve = (
    u8,
    i8,
    u16,
    i16,
    u32,
    i32,
    u64,
    i64,
    bool,
    char,
    (),
    Option<u8>,
);
type Mixed<'a> = (
    Option<(bool, BoundedString<8>)>,
    Result<BoundedVec<char, 4>, Duration>,
    [Option<u8>; 3],
    BoundedStr<'a, 16>,
    BoundedBytes<'a, 16>,
);

/// Raw bytes decoded as one of crosswire's own types: the first byte picks the type.
pub fn decode_core(data: &[u8]) {
    let Some((&sel, input)) = data.split_first() else {
        return;
    };
    dispatch!(sel, input, raw, [
        u8 => Rule::Canonical,
        u16 => Rule::Canonical,
        u32 => Rule::Canonical,
        u64 => Rule::Canonical,
        u128 => Rule::Canonical,
        i8 => Rule::Canonical,
        i16 => Rule::Canonical,
        i32 => Rule::Canonical,
        i64 => Rule::Canonical,
        i128 => Rule::Canonical,
        usize => Rule::Canonical,
        isize => Rule::Canonical,
        bool => Rule::Canonical,
        char => Rule::Canonical,
        Bits<f32> => Rule::Canonical,
        Bits<f64> => Rule::Canonical,
        NonZeroU8 => Rule::Canonical,
        NonZeroU32 => Rule::Canonical,
        NonZeroI64 => Rule::Canonical,
        NonZeroUsize => Rule::Canonical,
        NonZeroI128 => Rule::Canonical,
        Duration => Rule::Canonical,
        core::net::Ipv4Addr => Rule::Canonical,
        core::net::SocketAddrV4 => Rule::Canonical,
        core::net::SocketAddrV6 => Rule::Canonical,
        () => Rule::Canonical,
        PhantomData<u64> => Rule::Canonical,
        Be<u16> => Rule::Canonical,
        Be<u32> => Rule::Canonical,
        Be<u64> => Rule::Canonical,
        Be<i128> => Rule::Canonical,
        Option<u32> => Rule::Canonical,
        Option<Option<bool>> => Rule::Canonical,
        Result<u16, char> => Rule::Canonical,
        [u16; 3] => Rule::Canonical,
        [bool; 4] => Rule::Canonical,
        [char; 2] => Rule::Canonical,
        (u8, bool, i32) => Rule::Canonical,
        Twelve => Rule::Canonical,
        BoundedVec<u8, 16> => Rule::Canonical,
        BoundedVec<u32, 8> => Rule::Canonical,
        BoundedVec<bool, 8> => Rule::Canonical,
        BoundedVec<Option<char>, 4> => Rule::Canonical,
        BoundedVec<BoundedString<4>, 3> => Rule::Canonical,
        BoundedVec<(), 5> => Rule::Canonical,
        BoundedVec<u64, 0> => Rule::Canonical,
        BoundedVec<[Be<u16>; 2], 3> => Rule::Canonical,
        BoundedString<16> => Rule::Canonical,
        BoundedString<0> => Rule::Canonical,
        BoundedBytes<'_, 16> => Rule::Canonical,
        BoundedStr<'_, 16> => Rule::Canonical,
        heapless::Vec<u16, 8> => Rule::Canonical,
        heapless::Vec<bool, 4> => Rule::Canonical,
        heapless::String<12> => Rule::Canonical,
        heapless::Vec<heapless::String<4>, 3> => Rule::Canonical,
        ArrayVec<i32, 6> => Rule::Canonical,
        ArrayVec<char, 3> => Rule::Canonical,
        ArrayString<12> => Rule::Canonical,
        ArrayVec<Option<Be<u32>>, 4> => Rule::Canonical,
        Mixed<'_> => Rule::Canonical,
        (BoundedStr<'_, 4>, BoundedBytes<'_, 4>, Option<BoundedBytes<'_, 2>>) => Rule::Canonical,
        Result<Duration, BoundedVec<bool, 3>> => Rule::Canonical,
        Versioned => Rule::ExtensibleTop,
        (Versioned, Option<Versioned>) => Rule::ContainsExtensible,
        BoundedVec<Versioned, 2> => Rule::ContainsExtensible,
    ]);
}
