//! `Duration`: seconds as `u64`, then nanoseconds as `u32` below `1_000_000_000`
//! (spec §9). Golden test: `s09_duration`.

use core::time::Duration;

use crate::{max_size::fixed_size, Decode, Encode, Error, ErrorKind, Reader, Writer};

fixed_size! { Duration => 12 }

/// Seconds as `u64`, then nanoseconds as `u32` (spec §9).
impl Encode for Duration {
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        self.as_secs().encode(w)?;
        self.subsec_nanos().encode(w)
    }

    #[inline]
    fn encoded_len(&self) -> usize {
        12
    }
}

/// Nanoseconds `>= 1_000_000_000` are [`ErrorKind::InvalidDuration`] at their first byte
/// (spec §9).
impl<'de> Decode<'de> for Duration {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, Error> {
        let secs = u64::decode(r)?;
        let at = r.offset();
        let nanos = u32::decode(r)?;
        if nanos >= 1_000_000_000 {
            return Err(Error::new(ErrorKind::InvalidDuration, at));
        }
        Ok(Duration::new(secs, nanos))
    }
}

crate::schema::described! { Duration => crate::schema::Schema::Duration }
