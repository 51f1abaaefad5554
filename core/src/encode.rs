//! Encoding: the [`Encode`] trait, and the entry points that write a value into a buffer
//! ([`to_slice`], [`to_array`], [`to_fixed`], [`encoded_len`]). Mirrors `decode.rs`.

mod encoded_buf;

pub use encoded_buf::EncodedBuf;

use crate::{__private::buffer_fits, Error, MaxSize, Writer};

/// A type that can be written in wire format v1 ([`spec`](crate::spec)).
///
/// Implementations write exactly [`encoded_len`](Encode::encoded_len) bytes, never more
/// than [`MaxSize::MAX_SIZE`], and fail only when the writer is out of room (or, for a
/// hand-written type, when the value breaks its own invariant).
///
/// A hand-written impl (the derive writes the same): a `u16` length in tenths.
///
/// ```
/// use crosswire::{Encode, Error, MaxSize, Writer};
///
/// struct Tenths(u16);
/// impl MaxSize for Tenths {
///     const MAX_SIZE: usize = 2;
/// }
/// impl Encode for Tenths {
///     fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
///         w.write_array(self.0.to_le_bytes())
///     }
///     fn encoded_len(&self) -> usize {
///         2
///     }
/// }
///
/// let mut buf = [0u8; 2];
/// assert_eq!(crosswire::to_slice(&Tenths(25), &mut buf)?, [25, 0]);
/// # Ok::<(), Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a crosswire wire type (no `Encode`): use a bounded type or implement `Encode`",
    label = "cannot be encoded by crosswire",
    note = "crosswire encodes only types whose size is bounded at compile time: `BoundedVec<T, N>` (or `HeapVec<T, N>`, feature `alloc`) for `Vec<T>`, `BoundedString<N>` (or `HeapString<N>`) for `String`, `BoundedStr<'a, N>` for `&str`, `BoundedBytes<'a, N>` for `&[u8]`, `BoundedVec<(K, V), N>` for a map, `T` for `Box<T>` (or feature `alloc`); feature `float` for `f32`/`f64`; or implement `Encode` and `MaxSize`"
)]
pub trait Encode: MaxSize {
    /// Writes `self` to `w`.
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error>;

    /// The exact number of bytes [`encode`](Encode::encode) writes.
    fn encoded_len(&self) -> usize;

    /// Writes every item of `items`, back to back. Types whose wire form is their
    /// little-endian bytes override this to write the slice in one go.
    #[inline]
    fn encode_slice(items: &[Self], w: &mut Writer<'_>) -> Result<(), Error>
    where
        Self: Sized,
    {
        if Self::FIXED_SIZE {
            // One room check for the whole run; each item then writes into its own chunk.
            let room = w.reserve(items.len().saturating_mul(Self::MAX_SIZE))?;
            for (item, chunk) in items
                .iter()
                .zip(room.chunks_exact_mut(Self::MAX_SIZE.max(1)))
            {
                item.encode(&mut Writer::new(chunk))?;
            }
            Ok(())
        } else {
            items.iter().try_for_each(|item| item.encode(w))
        }
    }
}

/// `a + b` for encoded lengths, which are bounded by `MAX_SIZE` and so cannot overflow.
#[inline]
pub(crate) fn add_len(a: usize, b: usize) -> usize {
    a.saturating_add(b)
}

/// The summed encoded length of `items`.
#[inline]
pub(crate) fn sum_len<T: Encode>(items: &[T]) -> usize {
    if T::FIXED_SIZE {
        items.len().saturating_mul(T::MAX_SIZE)
    } else {
        items
            .iter()
            .fold(0, |sum: usize, item| sum.saturating_add(item.encoded_len()))
    }
}

/// The encoded length of a bounded sequence of `items`: the `u32` length, then the items.
#[inline]
pub(crate) fn seq_len<T: Encode>(items: &[T]) -> usize {
    add_len(4, sum_len(items))
}

/// Encodes `value` at the start of `buf` and returns the written prefix.
///
/// Fails with [`ErrorKind::BufferFull`](crate::ErrorKind::BufferFull) when `buf` is too small; a buffer of
/// [`MaxSize::MAX_SIZE`] bytes is always large enough.
///
/// ```
/// let mut buf = [0u8; 8];
/// let written = crosswire::to_slice(&(0xA5C7u16, true), &mut buf)?;
/// assert_eq!(written, [0xC7, 0xA5, 1]);
/// let e = crosswire::to_slice(&0u64, &mut [0u8; 4]).unwrap_err();
/// assert_eq!(e.kind(), crosswire::ErrorKind::BufferFull);
/// # Ok::<(), crosswire::Error>(())
/// ```
#[inline]
pub fn to_slice<'b, T: Encode + ?Sized>(
    value: &T,
    buf: &'b mut [u8],
) -> Result<&'b mut [u8], Error> {
    let len = encode_counted(value, buf)?;
    // `len` bytes were written into `buf`, so the prefix exists.
    Ok(buf.get_mut(..len).unwrap_or_default())
}

/// Encodes `value` into a new `[u8; N]`. `N >= T::MAX_SIZE` is checked at compile time,
/// so this never fails for lack of room; with crosswire's own impls and derived types it
/// cannot fail at all (the `Result` remains for hand-written impls that reject a value).
///
/// ```
/// #[derive(Debug)]
/// struct Ping(u32);
/// # use crosswire::{Encode, MaxSize, Writer, Error};
/// # impl MaxSize for Ping { const MAX_SIZE: usize = 4; }
/// # impl Encode for Ping {
/// #     fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> { self.0.encode(w) }
/// #     fn encoded_len(&self) -> usize { 4 }
/// # }
/// let msg = crosswire::to_array::<_, { Ping::MAX_SIZE }>(&Ping(7)).unwrap();
/// assert_eq!(msg.as_bytes(), [7, 0, 0, 0]);
/// ```
///
/// A buffer that is too small does not compile, and the error gives both sizes
/// ("a buffer of 4 bytes is smaller than the encoded type's MAX_SIZE of 8 bytes"):
///
/// ```compile_fail
/// let msg = crosswire::to_array::<u64, 4>(&7u64);
/// ```
///
/// The check is a constant of this generic function, which the compiler evaluates when it
/// instantiates the function for `T` and `N`: `cargo build` reports it, `cargo check` (and
/// so an editor) does not, and the error points at this function, with the caller's line
/// in a note ("the above error was encountered while instantiating"). To have the check
/// where `cargo check` sees it, on the line that names the type, add
/// [`assert_fits!`](crate::assert_fits) next to the call.
#[inline]
pub fn to_array<T: Encode + ?Sized, const N: usize>(value: &T) -> Result<EncodedBuf<N>, Error> {
    const {
        let check = buffer_fits(N, T::MAX_SIZE);
        if check.message().is_some() {
            check.fail()
        }
    };
    let mut bytes = [0u8; N];
    let len = encode_counted(value, &mut bytes)?;
    Ok(EncodedBuf { bytes, len })
}

/// Encodes `value` into the caller's `[u8; N]` and returns the written prefix, with
/// `N >= T::MAX_SIZE` checked at compile time as for [`to_array`].
///
/// ```compile_fail
/// let mut buf = [0u8; 3];
/// crosswire::to_fixed(&7u32, &mut buf);
/// ```
#[inline]
pub fn to_fixed<'b, T: Encode + ?Sized, const N: usize>(
    value: &T,
    buf: &'b mut [u8; N],
) -> Result<&'b mut [u8], Error> {
    const {
        let check = buffer_fits(N, T::MAX_SIZE);
        if check.message().is_some() {
            check.fail()
        }
    };
    // Not through `to_slice`: should the compiler keep this function out of line, `N` is
    // still a constant inside it, and the encoder's room checks still fold.
    let len = encode_counted(value, buf)?;
    Ok(buf.get_mut(..len).unwrap_or_default())
}

/// Encodes `value` at the start of `buf`, returning how many bytes it wrote. Always
/// inlined, so that a caller's compile-time buffer length reaches the encoder.
#[inline(always)]
fn encode_counted<T: Encode + ?Sized>(value: &T, buf: &mut [u8]) -> Result<usize, Error> {
    let mut w = Writer::new(buf);
    value.encode(&mut w)?;
    Ok(w.written())
}

/// The exact number of bytes `value` encodes to (at most `T::MAX_SIZE`).
///
/// ```
/// assert_eq!(crosswire::encoded_len(&(1u32, Some(2u8))), 6);
/// assert_eq!(crosswire::encoded_len(&Option::<u64>::None), 1);
/// ```
#[inline]
pub fn encoded_len<T: Encode + ?Sized>(value: &T) -> usize {
    value.encoded_len()
}

/// Checks at compile time, in the crate that invokes it, that a buffer of `len` bytes holds
/// every value of `Type`: `assert_fits!(Type, len);` is a constant item, so `cargo check`
/// and editors report a failure on the macro's own line, with both sizes.
///
/// [`to_array`] and [`to_fixed`] check the same thing, but only when the compiler
/// instantiates them (`cargo build`). The type must be concrete (no type parameters).
///
/// ```
/// use crosswire::{assert_fits, MaxSize};
/// #[derive(MaxSize)]
/// struct Ping {
///     seq: u64,
/// }
/// const PING_BUF: usize = 8;
/// assert_fits!(Ping, PING_BUF);
/// ```
///
/// ```compile_fail
/// crosswire::assert_fits!(u64, 4); // a buffer of 4 bytes ... MAX_SIZE of 8 bytes
/// ```
#[macro_export]
macro_rules! assert_fits {
    ($ty:ty, $len:expr $(,)?) => {
        const _: () = $crate::__build_assert!($crate::__private::buffer_fits(
            $len,
            <$ty as $crate::MaxSize>::MAX_SIZE
        ));
    };
}
