//! `Serialize`/`Deserialize` for crosswire's own containers and [`Be`], so that a type
//! using them can derive serde's traits beside crosswire's (`docs/serde.md` §1). Through
//! the bridge each writes the bytes of its native `Encode` (spec §3.3, §10.2, §11); other
//! serde formats see a sequence, a string, bytes or a number.

use core::{fmt, marker::PhantomData};

use serde::{
    de::{self, Deserialize, Deserializer, SeqAccess, Visitor},
    ser::{Serialize, SerializeSeq, Serializer},
};

use crate::{Be, BoundedBytes, BoundedStr, BoundedString, BoundedVec};

/// A sequence: the `u32` count, then the elements (spec §10.2).
impl<T: Serialize, const N: usize> Serialize for BoundedVec<T, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(item)?;
        }
        seq.end()
    }
}

/// A sequence of at most `N` elements; one more is `invalid_length` (through the bridge,
/// `LengthOverCapacity` at the sequence's start).
impl<'de, T: Deserialize<'de> + Default, const N: usize> Deserialize<'de> for BoundedVec<T, N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(VecVisitor(PhantomData))
    }
}

struct VecVisitor<T, const N: usize>(PhantomData<T>);

impl<'de, T: Deserialize<'de> + Default, const N: usize> Visitor<'de> for VecVisitor<T, N> {
    type Value = BoundedVec<T, N>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a sequence of at most {N} elements")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut v = BoundedVec::new();
        while let Some(item) = seq.next_element()? {
            if v.push(item).is_err() {
                return Err(de::Error::invalid_length(N.saturating_add(1), &self));
            }
        }
        Ok(v)
    }
}

/// A string: the `u32` byte length, then the UTF-8 bytes (spec §11).
impl<const N: usize> Serialize for BoundedString<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A string of at most `N` bytes; a longer one is `invalid_length`.
impl<'de, const N: usize> Deserialize<'de> for BoundedString<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StringVisitor::<N>)
    }
}

struct StringVisitor<const N: usize>;

impl<'de, const N: usize> Visitor<'de> for StringVisitor<N> {
    type Value = BoundedString<N>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string of at most {N} bytes")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        BoundedString::try_from(s).map_err(|_| E::invalid_length(s.len(), &self))
    }
}

/// Bytes: the `u32` length, then the bytes (spec §10.2).
impl<const N: usize> Serialize for BoundedBytes<'_, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.get())
    }
}

/// Bytes borrowed from the input (a view cannot hold a copy), at most `N` of them.
impl<'de: 'a, 'a, const N: usize> Deserialize<'de> for BoundedBytes<'a, N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_bytes(BytesVisitor::<N>)
    }
}

struct BytesVisitor<const N: usize>;

impl<'de, const N: usize> Visitor<'de> for BytesVisitor<N> {
    type Value = BoundedBytes<'de, N>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at most {N} bytes borrowed from the input")
    }

    fn visit_borrowed_bytes<E: de::Error>(self, b: &'de [u8]) -> Result<Self::Value, E> {
        BoundedBytes::new(b).map_err(|_| E::invalid_length(b.len(), &self))
    }
}

/// A string: the `u32` byte length, then the UTF-8 bytes (spec §11).
impl<const N: usize> Serialize for BoundedStr<'_, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.get())
    }
}

/// A string borrowed from the input, at most `N` bytes.
impl<'de: 'a, 'a, const N: usize> Deserialize<'de> for BoundedStr<'a, N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StrVisitor::<N>)
    }
}

struct StrVisitor<const N: usize>;

impl<'de, const N: usize> Visitor<'de> for StrVisitor<N> {
    type Value = BoundedStr<'de, N>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string of at most {N} bytes borrowed from the input")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
        BoundedStr::new(s).map_err(|_| E::invalid_length(s.len(), &self))
    }
}

/// In a compact format (the bridge), the big-endian bytes as a tuple: no count, the
/// bytes of the native encoding (spec §3.3). In a human-readable one, the number.
macro_rules! big_endian {
    ($($ty:ty),*) => {$(
        impl Serialize for Be<$ty> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if serializer.is_human_readable() {
                    self.0.serialize(serializer)
                } else {
                    self.0.to_be_bytes().serialize(serializer)
                }
            }
        }

        impl<'de> Deserialize<'de> for Be<$ty> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                if deserializer.is_human_readable() {
                    <$ty>::deserialize(deserializer).map(Be)
                } else {
                    Deserialize::deserialize(deserializer).map(|b| Be(<$ty>::from_be_bytes(b)))
                }
            }
        }
    )*};
}

big_endian!(u16, u32, u64, u128, i16, i32, i64, i128);
