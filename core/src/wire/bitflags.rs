//! [`bitflags`](https://docs.rs/bitflags/2) types as fields (feature `bitflags`): on the
//! wire, the flags' underlying integer (spec §3.6). Two wrappers say what a decoder does
//! with bits the type does not define, as kernel interfaces must choose:
//!
//! - [`Strict`]: unknown bits are [`ErrorKind::InvalidValue`] at the integer's first byte,
//!   as a syscall returns `EINVAL` for a flag it does not know (`openat2`'s `how.flags`).
//! - [`Retain`]: unknown bits are kept and re-encoded, for flags a newer peer may set and
//!   this side passes on.
//!
//! A type of your own cannot be given crosswire's traits through a blanket impl over
//! `bitflags::Flags` (Rust's coherence rules forbid it), so the field names the choice:
//!
//! ```
//! use crosswire::bitflags::{Retain, Strict};
//! use crosswire::{Decode, Encode, Error, ErrorKind, MaxSize};
//!
//! bitflags::bitflags! {
//!     #[derive(Clone, Copy, Debug, PartialEq, Eq)]
//!     pub struct Mode: u16 {
//!         const READ = 1;
//!         const WRITE = 2;
//!     }
//! }
//!
//! #[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
//! struct Open {
//!     mode: Strict<Mode>,
//!     passed_on: Retain<Mode>,
//! }
//!
//! let open = Open { mode: Strict(Mode::READ | Mode::WRITE), passed_on: Retain(Mode::READ) };
//! let mut buf = [0u8; Open::MAX_SIZE];
//! assert_eq!(crosswire::to_slice(&open, &mut buf)?, [3, 0, 1, 0]);
//! // Bit 2 is no `Mode`: refused in `mode`, kept in `passed_on`.
//! assert_eq!(
//!     crosswire::from_bytes::<Open>(&[4, 0, 0, 0]).unwrap_err(),
//!     Error::new(ErrorKind::InvalidValue, 0),
//! );
//! let kept = crosswire::from_bytes::<Open>(&[1, 0, 5, 0])?;
//! assert_eq!(kept.passed_on.0.bits(), 5);
//! # Ok::<(), Error>(())
//! ```

use core::ops::{Deref, DerefMut};

use ::bitflags::Flags;

use crate::{
    schema::{Described, Schema},
    Decode, Encode, Error, ErrorKind, MaxSize, Reader, Writer,
};

/// Flags whose unknown bits a decoder refuses ([`ErrorKind::InvalidValue`] at the
/// integer's first byte). On the wire, `F::Bits` (spec §3.6).
///
/// No [`Described`]: a C decoder generated from the schema would see a plain integer and
/// could not refuse the same inputs; use [`Retain`] for types shared with C.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Strict<F>(pub F);

/// Flags whose unknown bits a decoder keeps ([`Flags::from_bits_retain`]), so they
/// re-encode unchanged. On the wire, `F::Bits` (spec §3.6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Retain<F>(pub F);

macro_rules! wrapper {
    ($wrapper:ident, $from_bits:expr) => {
        impl<F> Deref for $wrapper<F> {
            type Target = F;

            #[inline]
            fn deref(&self) -> &F {
                &self.0
            }
        }

        impl<F> DerefMut for $wrapper<F> {
            #[inline]
            fn deref_mut(&mut self) -> &mut F {
                &mut self.0
            }
        }

        impl<F> From<F> for $wrapper<F> {
            #[inline]
            fn from(flags: F) -> Self {
                $wrapper(flags)
            }
        }

        /// As wide as `F::Bits`. Zero (no flag set) is always a value.
        impl<F: Flags> MaxSize for $wrapper<F>
        where
            F::Bits: MaxSize,
        {
            const MAX_SIZE: usize = <F::Bits as MaxSize>::MAX_SIZE;
            const FIXED_SIZE: bool = <F::Bits as MaxSize>::FIXED_SIZE;
        }

        /// `self.0.bits()`, as its integer (spec §3.6).
        impl<F: Flags> Encode for $wrapper<F>
        where
            F::Bits: Encode + MaxSize,
        {
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
                self.0.bits().encode(w)
            }

            #[inline]
            fn encoded_len(&self) -> usize {
                self.0.bits().encoded_len()
            }
        }

        /// The integer, then the flags from its bits (spec §3.6).
        impl<'de, F: Flags> Decode<'de> for $wrapper<F>
        where
            F::Bits: Decode<'de> + MaxSize,
        {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
                let at = r.offset();
                let bits = F::Bits::decode(r)?;
                let from_bits: fn(F::Bits) -> Option<F> = $from_bits;
                from_bits(bits)
                    .map($wrapper)
                    .ok_or(Error::new(ErrorKind::InvalidValue, at))
            }
        }
    };
}

wrapper!(Strict, F::from_bits);
wrapper!(Retain, |bits| Some(F::from_bits_retain(bits)));

/// The integer's schema: every bit pattern decodes, as in C.
impl<F: Flags> Described for Retain<F>
where
    F::Bits: Described,
{
    const SCHEMA: &'static Schema = <F::Bits as Described>::SCHEMA;
}
