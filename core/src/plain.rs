//! [`Plain`] records: types whose memory layout is their wire encoding on a little-endian
//! target, so that a run of them (`[T; N]`, `BoundedVec<T, N>`) is encoded with one copy and
//! decoded with one copy and a check of the bytes that can be invalid (`bool`, `char`).
//!
//! A record opts in with `#[crosswire(plain)]` (`docs/derive.md`), which checks its layout
//! at compile time. The byte views come from zerocopy, behind the optional feature
//! `zerocopy`: this crate stays free of `unsafe`. Without the feature, or on a big-endian
//! target, runs of plain records are written and read field by field, as any other record.
//! Either way the bytes and the errors are those of spec §10.1 and §10.2.

use crate::MaxSize;

/// A type whose memory layout is its wire encoding on a little-endian target: its size is
/// its [`MaxSize::MAX_SIZE`], it has no padding, and its fields lie at their wire offsets,
/// each of a `Plain` type.
///
/// crosswire implements it for the fixed-width integers (not `usize`/`isize`, which are 8
/// bytes on the wire whatever the target), `bool`, `char` and arrays of `Plain` types;
/// `#[derive(MaxSize)]` implements it for a `#[repr(C)]` or `#[repr(C, packed)]` struct
/// marked `#[crosswire(plain)]`, once it has checked the layout at compile time. It
/// cannot be implemented by hand. [`Be`](crate::Be) is not `Plain`: it holds a native
/// integer, whose bytes are not big-endian on a little-endian target.
///
/// ```compile_fail
/// // `usize` is not plain: 8 bytes on the wire, 4 in memory on a 32-bit target.
/// fn plain<T: crosswire::Plain>() {}
/// plain::<usize>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a plain crosswire type: its memory layout is not its wire layout",
    label = "not plain",
    note = "a `#[crosswire(plain)]` record holds only fixed-width integers (not `usize`/`isize`), `bool`, `char`, arrays of them, and other `#[crosswire(plain)]` records"
)]
pub trait Plain: MaxSize + Copy + support::Sealed {}

macro_rules! plain {
    ($($ty:ty),*) => {$(
        impl support::Sealed for $ty {}
        impl Plain for $ty {}
    )*};
}

plain!(u8, u16, u32, u64, u128, i8, i16, i32, i64, i128, bool, char);

impl<T: Plain, const N: usize> support::Sealed for [T; N] {}
impl<T: Plain, const N: usize> Plain for [T; N] {}

/// What the code of `#[crosswire(plain)]` calls: the layout checks, and the run codecs
/// that the derived `encode_slice`/`decode_slice` forward to. Reached as
/// `crosswire::__private::plain`.
pub mod support {
    use crate::{Decode, Encode, Error, Reader, Writer};

    /// Implemented only where [`Plain`](super::Plain) is: by crosswire, and by the derive
    /// after its layout checks.
    pub trait Sealed {}

    /// The byte views a plain record needs for the fast path: zerocopy's `IntoBytes`
    /// (encode), `TryFromBytes` (decode, checking `bool` and `char` bytes) and `Immutable`,
    /// which the user derives next to crosswire's traits.
    #[cfg(feature = "zerocopy")]
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is a plain crosswire record without zerocopy's byte views",
        label = "needs zerocopy's traits",
        note = "with crosswire's feature `zerocopy` on, derive zerocopy's `IntoBytes, TryFromBytes, Immutable, KnownLayout` next to crosswire's traits"
    )]
    pub trait Bytes: zerocopy::IntoBytes + zerocopy::TryFromBytes + zerocopy::Immutable {}

    #[cfg(feature = "zerocopy")]
    impl<T: zerocopy::IntoBytes + zerocopy::TryFromBytes + zerocopy::Immutable> Bytes for T {}

    /// Without the feature `zerocopy`, every type: runs go field by field.
    #[cfg(not(feature = "zerocopy"))]
    pub trait Bytes {}

    #[cfg(not(feature = "zerocopy"))]
    impl<T: ?Sized> Bytes for T {}

    /// Writes a run of plain records: one copy of their memory when the byte view is
    /// there (feature `zerocopy`, little-endian target), else record by record. The same
    /// bytes and the same `BufferFull` either way: the room for the whole run is checked
    /// once, before anything is written.
    #[inline]
    pub fn encode_slice<T: Encode + super::Plain + Bytes>(
        items: &[T],
        w: &mut Writer<'_>,
    ) -> Result<(), Error> {
        #[cfg(all(feature = "zerocopy", target_endian = "little"))]
        {
            w.write_bytes(zerocopy::IntoBytes::as_bytes(items))
        }
        #[cfg(not(all(feature = "zerocopy", target_endian = "little")))]
        {
            let room = w.reserve(items.len().saturating_mul(T::MAX_SIZE))?;
            for (item, chunk) in items.iter().zip(room.chunks_exact_mut(T::MAX_SIZE.max(1))) {
                item.encode(&mut Writer::new(chunk))?;
            }
            Ok(())
        }
    }

    /// Reads a run of plain records into `out`. When the whole run's bytes are there and
    /// the byte view is (feature `zerocopy`, little-endian target), zerocopy checks the
    /// `bool` and `char` bytes of the whole run where they lie, and the run is copied into
    /// the slots: in one `memcpy` when the input is aligned for `T` (always for a packed
    /// record), else record by record from an unaligned view (`Unalign<T>`), which the
    /// compiler turns into a loop of vector moves. A run that fails the check is read
    /// field by field, so the error and its offset are those of the field-by-field path.
    /// With fewer bytes left, record by record.
    #[inline]
    pub fn decode_slice<'de, T: Decode<'de> + super::Plain + Bytes>(
        r: &mut Reader<'de>,
        out: &mut [T],
    ) -> Result<(), Error> {
        #[cfg(all(feature = "zerocopy", target_endian = "little"))]
        if T::MAX_SIZE > 0 {
            if let Some(mut run) = r.take_run(out.len().saturating_mul(T::MAX_SIZE)) {
                if let Ok(view) = <[T] as zerocopy::TryFromBytes>::try_ref_from_bytes(run.rest()) {
                    if let Some(view) = view.get(..out.len()) {
                        out.copy_from_slice(view);
                        return Ok(());
                    }
                }
                let view = <[zerocopy::Unalign<T>] as zerocopy::TryFromBytes>::try_ref_from_bytes(
                    run.rest(),
                );
                match view {
                    Ok(view) => {
                        for (slot, item) in out.iter_mut().zip(view) {
                            *slot = item.get();
                        }
                    }
                    Err(_) => out
                        .iter_mut()
                        .try_for_each(|slot| slot.decode_in_place(&mut run))?,
                }
                return Ok(());
            }
        }
        for slot in out {
            slot.decode_in_place(r)?;
        }
        Ok(())
    }
}
