//! [`BoundedVec`]: an owned sequence of at most `N` elements, stored inline.

use core::{
    fmt,
    ops::{Deref, DerefMut},
};

use super::{CapacityError, PushError};
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
///
/// It reads like a `Vec` whose growing operations can fail: `push`, `insert`,
/// `extend_from_slice` and [`try_from_iter`](BoundedVec::try_from_iter) return an error
/// instead of allocating, and it derefs to a slice for everything else.
///
/// ```
/// use crosswire::BoundedVec;
/// let mut v: BoundedVec<u8, 4> = BoundedVec::try_from_iter(1..=3).unwrap();
/// v.retain(|&x| x != 2);
/// v.insert(0, 9).unwrap();
/// v.sort_unstable(); // through `DerefMut` to `[u8]`
/// assert_eq!(v, [1, 3, 9]);
/// for x in &mut v {
///     *x *= 2;
/// }
/// assert_eq!(v.into_iter().collect::<Vec<_>>(), [2, 6, 18]);
/// assert!(BoundedVec::<u8, 2>::try_from(&[1, 2, 3][..]).is_err());
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
        v.extend_from_slice(items)?;
        Ok(v)
    }

    /// A vector of the items of `iter`, or an error when it yields more than `N`.
    ///
    /// This is the fallible `collect`: `FromIterator` cannot report a full vector (it
    /// would have to drop items silently or panic), so `BoundedVec` does not implement it.
    /// At most `N + 1` items are taken from `iter`.
    ///
    /// ```
    /// use crosswire::{BoundedVec, CapacityError};
    /// let evens = BoundedVec::<u32, 4>::try_from_iter((0..8).filter(|x| x % 2 == 0));
    /// assert_eq!(evens.unwrap(), [0, 2, 4, 6]);
    /// assert_eq!(BoundedVec::<u32, 4>::try_from_iter(0..5), Err(CapacityError));
    /// ```
    pub fn try_from_iter<I: IntoIterator<Item = T>>(iter: I) -> Result<Self, CapacityError> {
        let mut v = Self::new();
        for item in iter {
            v.push(item)?;
        }
        Ok(v)
    }
}

impl<T, const N: usize> BoundedVec<T, N> {
    /// The capacity `N`.
    pub const CAPACITY: usize = N;

    /// An empty vector whose unused slots hold `fill`: a `const fn`, for statics and
    /// constants. ([`new`](BoundedVec::new) fills them with `T::default()`, which cannot
    /// be called in a `const fn` on stable Rust.)
    ///
    /// ```
    /// use crosswire::BoundedVec;
    /// const EMPTY: BoundedVec<u32, 8> = BoundedVec::new_filled(0);
    /// assert!(EMPTY.is_empty());
    /// ```
    pub const fn new_filled(fill: T) -> Self
    where
        T: Copy,
    {
        BoundedVec {
            items: [fill; N],
            len: 0,
        }
    }

    /// The number of elements.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no elements.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the vector holds `N` elements, so that `push` would fail.
    pub const fn is_full(&self) -> bool {
        self.len >= N
    }

    /// Appends `item`, or gives it back inside the error when the vector is full.
    pub fn push(&mut self, item: T) -> Result<(), PushError<T>> {
        match self.items.get_mut(self.len) {
            Some(slot) => {
                *slot = item;
                self.len = self.len.saturating_add(1);
                Ok(())
            }
            None => Err(PushError::full(item)),
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

    /// Appends clones of `items`, or fails, leaving the vector unchanged, when they do not
    /// all fit.
    pub fn extend_from_slice(&mut self, items: &[T]) -> Result<(), CapacityError>
    where
        T: Clone,
    {
        let end = self.len.checked_add(items.len()).ok_or(CapacityError)?;
        let slots = self.items.get_mut(self.len..end).ok_or(CapacityError)?;
        slots.clone_from_slice(items);
        self.len = end;
        Ok(())
    }

    /// Inserts `item` at `index`, shifting the elements after it to the right. Gives
    /// `item` back inside the error when the vector is full or `index > len` (where `Vec`
    /// would panic).
    pub fn insert(&mut self, index: usize, item: T) -> Result<(), PushError<T>> {
        if index > self.len {
            return Err(PushError::past_end(item));
        }
        let end = self.len;
        self.push(item)?;
        // The new item is last in `index..=end`; rotating puts it at `index`.
        if let Some(moved) = self.items.get_mut(index..=end) {
            moved.rotate_right(1);
        }
        Ok(())
    }

    /// Removes and returns the element at `index`, shifting the elements after it to the
    /// left; `None` when `index >= len` (where `Vec` would panic).
    pub fn remove(&mut self, index: usize) -> Option<T>
    where
        T: Default,
    {
        if index >= self.len {
            return None;
        }
        // The element at `index` moves to the last slot in use, which `pop` takes.
        let moved = self.items.get_mut(index..self.len)?;
        moved.rotate_left(1);
        self.pop()
    }

    /// Keeps only the elements for which `keep` returns `true`, in their order. The
    /// removed elements stay in the unused slots until overwritten or dropped.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let mut kept = 0usize;
        for i in 0..self.len {
            if !self.items.get(i).is_some_and(&mut keep) {
                continue;
            }
            // Swap element `i` down to slot `kept` (`kept <= i`).
            if let Some((first, rest)) = self
                .items
                .get_mut(kept..=i)
                .and_then(|run| run.split_first_mut())
            {
                if let Some(last) = rest.last_mut() {
                    core::mem::swap(first, last);
                }
            }
            kept = kept.saturating_add(1);
        }
        self.len = kept;
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

impl<T, const N: usize> DerefMut for BoundedVec<T, N> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.as_mut_slice()
    }
}

impl<T, const N: usize> AsRef<[T]> for BoundedVec<T, N> {
    fn as_ref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T, const N: usize> AsMut<[T]> for BoundedVec<T, N> {
    fn as_mut(&mut self) -> &mut [T] {
        self.as_mut_slice()
    }
}

/// Clones of the elements of a slice, or an error when there are more than `N`.
impl<T: Clone + Default, const N: usize> TryFrom<&[T]> for BoundedVec<T, N> {
    type Error = CapacityError;

    fn try_from(items: &[T]) -> Result<Self, CapacityError> {
        Self::from_slice(items)
    }
}

impl<'a, T, const N: usize> IntoIterator for &'a BoundedVec<T, N> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<'a, T, const N: usize> IntoIterator for &'a mut BoundedVec<T, N> {
    type Item = &'a mut T;
    type IntoIter = core::slice::IterMut<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_mut_slice().iter_mut()
    }
}

impl<T, const N: usize> IntoIterator for BoundedVec<T, N> {
    type Item = T;
    type IntoIter = IntoIter<T, N>;

    fn into_iter(self) -> IntoIter<T, N> {
        IntoIter(self.items.into_iter().take(self.len))
    }
}

/// The elements of a [`BoundedVec`], by value (its `IntoIterator`).
#[derive(Clone, Debug)]
pub struct IntoIter<T, const N: usize>(core::iter::Take<core::array::IntoIter<T, N>>);

impl<T, const N: usize> Iterator for IntoIter<T, N> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T, const N: usize> DoubleEndedIterator for IntoIter<T, N> {
    fn next_back(&mut self) -> Option<T> {
        self.0.next_back()
    }
}

impl<T, const N: usize> ExactSizeIterator for IntoIter<T, N> {}

impl<T, const N: usize> core::iter::FusedIterator for IntoIter<T, N> {}

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

impl<T: PartialEq, const N: usize> PartialEq<[T]> for BoundedVec<T, N> {
    fn eq(&self, other: &[T]) -> bool {
        self.as_slice() == other
    }
}

impl<T: PartialEq, const N: usize> PartialEq<&[T]> for BoundedVec<T, N> {
    fn eq(&self, other: &&[T]) -> bool {
        self.as_slice() == *other
    }
}

impl<T: PartialEq, const N: usize, const M: usize> PartialEq<[T; M]> for BoundedVec<T, N> {
    fn eq(&self, other: &[T; M]) -> bool {
        self.as_slice() == other
    }
}

impl<T: core::hash::Hash, const N: usize> core::hash::Hash for BoundedVec<T, N> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl<T: MaxSize, const N: usize> MaxSize for BoundedVec<T, N> {
    const MAX_SIZE: usize = crate::__bounded_max_size!(N, T::MAX_SIZE);
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
