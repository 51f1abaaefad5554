//! Heap containers (feature `alloc`, spec §10.3): [`HeapVec`] and [`HeapString`], a `Vec`
//! and a `String` with a declared maximum, on the wire exactly as `BoundedVec<T, MAX>` and
//! `BoundedString<MAX>`; and `Box<T>`, as the `T` inside. Golden test: `s10_3_heap`.

extern crate alloc;

use alloc::{boxed::Box, string::String, vec::Vec};
use core::ops::{Deref, DerefMut};

use crate::{
    __private,
    bounded::CapacityError,
    schema::{Described, Schema},
    Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer,
};

/// A `Vec<T>` of at most `MAX` elements, for userspace code that would rather allocate
/// than hold `MAX` elements inline. On the wire a bounded sequence, as
/// `BoundedVec<T, MAX>` (spec §10.3): a decoder checks the length against `MAX` before it
/// allocates anything.
///
/// ```
/// use crosswire::{Decode, Encode, Error, ErrorKind, HeapString, HeapVec, MaxSize};
///
/// #[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
/// struct Batch {
///     label: HeapString<8>,
///     samples: HeapVec<u16, 1000>,
/// }
///
/// let batch = Batch {
///     label: HeapString::new("cpu".into())?,
///     samples: HeapVec::new(vec![1, 2])?,
/// };
/// let mut buf = [0u8; Batch::MAX_SIZE];
/// let bytes = crosswire::to_slice(&batch, &mut buf)?;
/// assert_eq!(bytes, [3, 0, 0, 0, b'c', b'p', b'u', 2, 0, 0, 0, 1, 0, 2, 0]);
/// assert_eq!(crosswire::from_bytes::<Batch>(bytes)?, batch);
/// // A length above the maximum is refused before any allocation.
/// let e = crosswire::from_bytes::<HeapVec<u16, 1000>>(&[0xE9, 0x03, 0, 0]).unwrap_err();
/// assert_eq!(e, Error::new(ErrorKind::LengthOverCapacity, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HeapVec<T, const MAX: usize>(
    // INVARIANT: `len() <= MAX`.
    Vec<T>,
);

/// A `String` of at most `MAX` bytes. On the wire a bounded string, as
/// `BoundedString<MAX>` (spec §10.3); the length is checked before any allocation.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HeapString<const MAX: usize>(
    // INVARIANT: `len() <= MAX`.
    String,
);

impl<T, const MAX: usize> HeapVec<T, MAX> {
    /// `items`, or an error when it holds more than `MAX` elements.
    pub fn new(items: Vec<T>) -> Result<Self, CapacityError> {
        if items.len() > MAX {
            return Err(CapacityError);
        }
        Ok(HeapVec(items))
    }

    /// The `Vec` inside.
    pub fn into_inner(self) -> Vec<T> {
        self.0
    }
}

impl<const MAX: usize> HeapString<MAX> {
    /// `s`, or an error when it is longer than `MAX` bytes.
    pub fn new(s: String) -> Result<Self, CapacityError> {
        if s.len() > MAX {
            return Err(CapacityError);
        }
        Ok(HeapString(s))
    }

    /// The `String` inside.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl<T, const MAX: usize> TryFrom<Vec<T>> for HeapVec<T, MAX> {
    type Error = CapacityError;

    fn try_from(items: Vec<T>) -> Result<Self, CapacityError> {
        Self::new(items)
    }
}

impl<const MAX: usize> TryFrom<String> for HeapString<MAX> {
    type Error = CapacityError;

    fn try_from(s: String) -> Result<Self, CapacityError> {
        Self::new(s)
    }
}

impl<const MAX: usize> TryFrom<&str> for HeapString<MAX> {
    type Error = CapacityError;

    fn try_from(s: &str) -> Result<Self, CapacityError> {
        Self::new(String::from(s))
    }
}

/// Read-only: a `&mut Vec` could grow past `MAX`. Elements are mutable through
/// [`DerefMut`] to the slice.
impl<T, const MAX: usize> Deref for HeapVec<T, MAX> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T, const MAX: usize> DerefMut for HeapVec<T, MAX> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<const MAX: usize> Deref for HeapString<MAX> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<T: MaxSize, const MAX: usize> MaxSize for HeapVec<T, MAX> {
    const MAX_SIZE: usize = crate::__bounded_max_size!(MAX, T::MAX_SIZE);
    const FIXED_SIZE: bool = __private::bounded_fixed_size(MAX, T::MAX_SIZE);
}

impl<const MAX: usize> MaxSize for HeapString<MAX> {
    const MAX_SIZE: usize = crate::__bounded_max_size!(MAX, 1);
    const FIXED_SIZE: bool = __private::bounded_fixed_size(MAX, 1);
}

/// `u32` length, then the elements (spec §10.3, as §10.2).
impl<T: Encode, const MAX: usize> Encode for HeapVec<T, MAX> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_len(self.0.len())?;
        T::encode_slice(&self.0, w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.0
            .iter()
            .fold(4usize, |n, item| n.saturating_add(item.encoded_len()))
    }
}

/// `u32` length, then the UTF-8 bytes (spec §10.3, as §11).
impl<const MAX: usize> Encode for HeapString<MAX> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        w.write_len(self.0.len())?;
        w.write_bytes(self.0.as_bytes())
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        self.0.len().saturating_add(4)
    }
}

/// Reserves `len` elements, checked against `MAX` already; an allocation failure is
/// `LengthOverCapacity` at the length (`at`), not an abort.
fn reserve<T>(len: usize, at: usize) -> Result<Vec<T>, Error> {
    let mut items = Vec::new();
    items
        .try_reserve_exact(len)
        .map_err(|_| Error::new(ErrorKind::LengthOverCapacity, at))?;
    Ok(items)
}

/// The length, checked against `MAX`, then the elements (spec §10.3).
impl<'de, T: Decode<'de>, const MAX: usize> Decode<'de> for HeapVec<T, MAX> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        let len = r.read_len(MAX)?;
        let mut items = reserve(len, at)?;
        for _ in 0..len {
            items.push(T::decode(r)?);
        }
        Ok(HeapVec(items))
    }
}

/// The length, checked against `MAX`, then the bytes, validated as UTF-8 (spec §10.3).
impl<'de, const MAX: usize> Decode<'de> for HeapString<MAX> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let at = r.offset();
        let len = r.read_len(MAX)?;
        let start = r.offset();
        let mut bytes = reserve::<u8>(len, at)?;
        bytes.resize(len, 0);
        r.read_into(&mut bytes)?;
        String::from_utf8(bytes).map(HeapString).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            Error::new(ErrorKind::InvalidUtf8, start.saturating_add(valid))
        })
    }
}

impl<T: Described, const MAX: usize> Described for HeapVec<T, MAX> {
    const SCHEMA: &'static Schema = &Schema::Seq {
        capacity: MAX,
        item: T::SCHEMA,
        borrowed: false,
    };
}

impl<const MAX: usize> Described for HeapString<MAX> {
    const SCHEMA: &'static Schema = &Schema::Str {
        capacity: MAX,
        borrowed: false,
    };
}

/// As the `T` inside: a `Box` is not on the wire (spec §10.3).
impl<T: MaxSize + ?Sized> MaxSize for Box<T> {
    const MAX_SIZE: usize = T::MAX_SIZE;
    const FIXED_SIZE: bool = T::FIXED_SIZE;
    const EXTENSIBLE: bool = T::EXTENSIBLE;
    const ZERO_VALID: bool = T::ZERO_VALID;
    const FIRST_VERSION_MAX_SIZE: usize = T::FIRST_VERSION_MAX_SIZE;
}

/// The `T` inside.
impl<T: Encode + ?Sized> Encode for Box<T> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        T::encode(self, w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        T::encoded_len(self)
    }
}

/// A `T`, then boxed.
impl<'de, T: Decode<'de>> Decode<'de> for Box<T> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        T::decode(r).map(Box::new)
    }

    #[inline]
    fn decode_in_place(&mut self, r: &mut Reader<'de>) -> Result<(), Error> {
        T::decode_in_place(self, r)
    }
}

impl<T: Described + ?Sized> Described for Box<T> {
    const SCHEMA: &'static Schema = T::SCHEMA;
}
