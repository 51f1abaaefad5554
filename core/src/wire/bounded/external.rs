//! Encode/Decode for the bounded containers of other crates, behind their features:
//! `heapless::{Vec, String}` and `arrayvec::{ArrayVec, ArrayString}` are bounded sequences
//! and strings (spec §10.2, §11).

/// Implements the three traits for a bounded vector type `$vec<T, N>` and a bounded string
/// type `$string<N>` whose fallible appends are `$push` and `$push_str`.
#[cfg(any(feature = "heapless", feature = "arrayvec"))]
macro_rules! bounded_containers {
    ($vec:ident, $string:ident, $push:ident, $push_str:ident) => {
        use crate::{
            __private, bounded, encode, Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer,
        };

        impl<T: MaxSize, const N: usize> MaxSize for $vec<T, N> {
            const MAX_SIZE: usize = crate::__bounded_max_size!(N, T::MAX_SIZE);
            const FIXED_SIZE: bool = __private::bounded_fixed_size(N, T::MAX_SIZE);
        }

        /// `u32` length, then the elements (spec §10.2).
        impl<T: Encode, const N: usize> Encode for $vec<T, N> {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                w.write_len(self.len())?;
                T::encode_slice(self, w)
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                encode::seq_len(self)
            }
        }

        /// Length checked against `N` before any element is read (spec §10.2).
        impl<'de, T: Decode<'de>, const N: usize> Decode<'de> for $vec<T, N> {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                let len = r.read_len(N)?;
                let mut out = $vec::new();
                for _ in 0..len {
                    let item = T::decode(r)?;
                    // `len <= N`, so the vector has room.
                    out.$push(item)
                        .map_err(|_| r.error(ErrorKind::LengthOverCapacity))?;
                }
                Ok(out)
            }
        }

        impl<T: crate::schema::Described, const N: usize> crate::schema::Described for $vec<T, N> {
            const SCHEMA: &'static crate::schema::Schema = &crate::schema::Schema::Seq {
                capacity: N,
                item: T::SCHEMA,
                borrowed: false,
            };
        }

        impl<const N: usize> crate::schema::Described for $string<N> {
            const SCHEMA: &'static crate::schema::Schema = &crate::schema::Schema::Str {
                capacity: N,
                borrowed: false,
            };
        }

        impl<const N: usize> MaxSize for $string<N> {
            const MAX_SIZE: usize = crate::__bounded_max_size!(N, 1);
            const FIXED_SIZE: bool = __private::bounded_fixed_size(N, 1);
        }

        /// `u32` length, then the UTF-8 bytes (spec §11).
        impl<const N: usize> Encode for $string<N> {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                bounded::encode_bytes(w, self.as_bytes())
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                self.len().saturating_add(4)
            }
        }

        /// Length checked against `N`, then UTF-8 validated (spec §11).
        impl<'de, const N: usize> Decode<'de> for $string<N> {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                let (s, zeros) = bounded::decode_str_or_zeros(r, N)?;
                let mut out = $string::new();
                out.$push_str(s)
                    .map_err(|_| r.error(ErrorKind::LengthOverCapacity))?;
                // The virtual zeros of a zero-extended body (spec §13).
                for _ in 0..zeros {
                    out.$push_str("\0")
                        .map_err(|_| r.error(ErrorKind::LengthOverCapacity))?;
                }
                Ok(out)
            }
        }
    };
}

#[cfg(feature = "heapless")]
mod heapless {
    use heapless::{String, Vec};
    bounded_containers!(Vec, String, push, push_str);
}

#[cfg(feature = "arrayvec")]
mod arrayvec {
    use arrayvec::{ArrayString, ArrayVec};
    bounded_containers!(ArrayVec, ArrayString, try_push, try_push_str);
}
