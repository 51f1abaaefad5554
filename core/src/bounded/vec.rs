//! [`BoundedVec`]: an owned sequence of at most `N` elements, stored inline.

use core::{fmt, ops::Deref};

use super::CapacityError;
use crate::{__private, encode, Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer};

/// A vector of at most `N` elements stored inline: no allocation, no `unsafe`.
///
/// Unused slots hold `T::default()` (without `unsafe` there is no uninitialised storage),
/// so `T: Default`. Encoded as a bounded sequence (spec §10.2).
///
/// ```
/// use crosswire::BoundedVec;
/// let v = BoundedVec::<u16, 4>::from_slice(&[1, 2]).unwrap();
/// let mut buf = [0u8; 12];
/// assert_eq!(crosswire::to_slice(&v, &mut buf).unwrap(), [2, 0, 0, 0, 1, 0, 2, 0]);
/// ```
#[derive(Clone, Copy)]
pub struct BoundedVec<T, const N: usize> {
    // INVARIANT: `len <= N`.
    items: [T; N],
    len: usize,
}

impl<T: Default, const N: usize> BoundedVec<T, N> {
    /// An empty vector.
    pub fn new() -> Self {
        BoundedVec {
            items: core::array::from_fn(|_| T::default()),
            len: 0,
        }
    }

    /// A vector holding clones of `items`, or an error when there are more than `N`.
    pub fn from_slice(items: &[T]) -> Result<Self, CapacityError>
    where
        T: Clone,
    {
        let mut v = Self::new();
        let slots = v.items.get_mut(..items.len()).ok_or(CapacityError)?;
        slots.clone_from_slice(items);
        v.len = items.len();
        Ok(v)
    }
}

impl<T, const N: usize> BoundedVec<T, N> {
    /// The capacity `N`.
    pub const CAPACITY: usize = N;

    /// Appends `item`, or gives it back when the vector is full.
    pub fn push(&mut self, item: T) -> Result<(), T> {
        match self.items.get_mut(self.len) {
            Some(slot) => {
                *slot = item;
                self.len = self.len.saturating_add(1);
                Ok(())
            }
            None => Err(item),
        }
    }

    /// Removes and returns the last element, if any.
    pub fn pop(&mut self) -> Option<T>
    where
        T: Default,
    {
        let last = self.len.checked_sub(1)?;
        let item = core::mem::take(self.items.get_mut(last)?);
        self.len = last;
        Some(item)
    }

    /// Removes every element.
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// The elements.
    pub fn as_slice(&self) -> &[T] {
        // `min` restates the invariant `len <= N` for the optimiser (see `encode`).
        self.items.get(..self.len.min(N)).unwrap_or_default()
    }

    /// The elements, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        self.items.get_mut(..self.len).unwrap_or_default()
    }
}

impl<T: Default, const N: usize> Default for BoundedVec<T, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T, const N: usize> Deref for BoundedVec<T, N> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: fmt::Debug, const N: usize> fmt::Debug for BoundedVec<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl<T: PartialEq, const N: usize> PartialEq for BoundedVec<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Eq, const N: usize> Eq for BoundedVec<T, N> {}

impl<T: core::hash::Hash, const N: usize> core::hash::Hash for BoundedVec<T, N> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl<T: MaxSize, const N: usize> MaxSize for BoundedVec<T, N> {
    const MAX_SIZE: usize = __private::bounded_max_size(N, T::MAX_SIZE);
    const FIXED_SIZE: bool = __private::bounded_fixed_size(N, T::MAX_SIZE);
}

/// `u32` length, then the elements (spec §10.2).
impl<T: Encode, const N: usize> Encode for BoundedVec<T, N> {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        let items = self.as_slice();
        w.write_len(items.len())?;
        T::encode_slice(items, w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        encode::seq_len(self.as_slice())
    }
}

/// `u32` length checked against `N` before any element is read (spec §10.2).
impl<'de, T: Decode<'de> + Default, const N: usize> Decode<'de> for BoundedVec<T, N> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let mut v = Self::new();
        v.decode_in_place(r)?;
        Ok(v)
    }

    /// Overwrites the first `len` slots; the slots past them keep what they held.
    #[inline]
    fn decode_in_place(&mut self, r: &mut Reader<'de>) -> Result<(), Error> {
        self.len = 0;
        let len = r.read_len(N)?;
        // `read_len` checked `len <= N`, so the slots always exist.
        let Some(slots) = self.items.get_mut(..len) else {
            return Err(r.error(ErrorKind::LengthOverCapacity));
        };
        T::decode_slice(r, slots)?;
        self.len = len;
        Ok(())
    }
}

impl<T: crate::schema::Described, const N: usize> crate::schema::Described for BoundedVec<T, N> {
    const SCHEMA: &'static crate::schema::Schema = &crate::schema::Schema::Seq {
        capacity: N,
        item: T::SCHEMA,
        borrowed: false,
    };
}
