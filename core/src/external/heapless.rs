//! `heapless::Vec` and `heapless::String` as bounded sequences and strings
//! (spec §10.2, §11). Feature `heapless`.

use heapless::{String, Vec};

use crate::{bounded, encode, max_size, Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer};

impl<T: MaxSize, const N: usize> MaxSize for Vec<T, N> {
    const MAX_SIZE: usize = max_size::bounded_max_size(N, T::MAX_SIZE);
}

/// `u32` length, then the elements (spec §10.2).
impl<T: Encode, const N: usize> Encode for Vec<T, N> {
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
impl<'de, T: Decode<'de>, const N: usize> Decode<'de> for Vec<T, N> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let len = r.read_len(N)?;
        let mut out = Vec::new();
        for _ in 0..len {
            let item = T::decode(r)?;
            // `len <= N`, so the vector has room.
            out.push(item)
                .map_err(|_| r.error(ErrorKind::LengthOverCapacity))?;
        }
        Ok(out)
    }
}

impl<const N: usize> MaxSize for String<N> {
    const MAX_SIZE: usize = max_size::bounded_max_size(N, 1);
}

/// `u32` length, then the UTF-8 bytes (spec §11).
impl<const N: usize> Encode for String<N> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_len(self.len())?;
        w.write_bytes(self.as_bytes())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.len().saturating_add(4)
    }
}

/// Length checked against `N`, then UTF-8 validated (spec §11).
impl<'de, const N: usize> Decode<'de> for String<N> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let s = bounded::decode_str(r, N)?;
        let mut out = String::new();
        out.push_str(s)
            .map_err(|_| r.error(ErrorKind::LengthOverCapacity))?;
        Ok(out)
    }
}
