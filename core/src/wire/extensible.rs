//! Extensible (size-versioned) structs: a `u32` body length, then the body, read with the
//! kernel's `copy_struct_from_user` rules (spec §13). The derive's
//! `#[crosswire(extensible)]` calls these; hand-written impls may too.
//!
//! The fields of the first version (the derive's fields without `#[crosswire(since = N)]`)
//! are read with [`decode_required`]: every sender has them, so a body that ends before
//! them is an error, not zeros. Later fields read as zero when an older sender left them
//! out, so their type's all-zero encoding must be a value ([`MaxSize::ZERO_VALID`](crate::MaxSize::ZERO_VALID)).

use crate::{__private, Error, Reader, Writer};

/// `MAX_SIZE` of an extensible struct whose fields need at most `body_max` bytes.
///
/// ```
/// assert_eq!(crosswire::extensible::max_size(6), 10);
/// ```
pub const fn max_size(body_max: usize) -> usize {
    __private::add(4, body_max)
}

/// Writes the `u32` body length, then the body that `body` writes. The length is
/// measured from what `body` wrote, so it cannot disagree with it.
///
/// ```
/// use crosswire::{extensible, Encode, Writer};
///
/// let mut buf = [0u8; 10];
/// let mut w = Writer::new(&mut buf);
/// extensible::encode(&mut w, |w| {
///     1u32.encode(w)?;
///     2u16.encode(w)
/// })?;
/// assert_eq!(buf, [6, 0, 0, 0, 1, 0, 0, 0, 2, 0]);
/// # Ok::<(), crosswire::Error>(())
/// ```
#[inline]
pub fn encode<F>(w: &mut Writer<'_>, body: F) -> Result<(), Error>
where
    F: FnOnce(&mut Writer<'_>) -> Result<(), Error>,
{
    let at = w.written();
    let len_slot = w.reserve_array::<4>()?;
    let start = w.written();
    body(w)?;
    let len = u32::try_from(w.written().wrapping_sub(start))
        .map_err(|_| Error::new(crate::ErrorKind::InvalidValue, at))?;
    *len_slot = len.to_le_bytes();
    Ok(())
}

/// Reads an extensible struct whose current version's fields need at most `body_max`
/// bytes: `body` decodes the fields from the body, which reads as zero-extended when an
/// older sender sent less, and whose unknown tail must be all zero when a newer sender
/// sent more ([`ErrorKind::NonZeroTail`](crate::ErrorKind::NonZeroTail) otherwise).
///
/// A hand-written extensible struct whose version 2 added `b` (the derive's
/// `#[crosswire(extensible)]` writes the same): a version 1 sender's shorter body reads `b`
/// as zero.
///
/// ```
/// use crosswire::{extensible, Decode, Reader};
///
/// fn decode_v2(bytes: &[u8]) -> Result<(u32, u16), crosswire::Error> {
///     let mut r = Reader::new(bytes);
///     let v = extensible::decode(&mut r, 6, |r| Ok((u32::decode(r)?, u16::decode(r)?)))?;
///     r.finish()?;
///     Ok(v)
/// }
///
/// assert_eq!(decode_v2(&[6, 0, 0, 0, 1, 0, 0, 0, 2, 0]), Ok((1, 2)));
/// assert_eq!(decode_v2(&[4, 0, 0, 0, 1, 0, 0, 0]), Ok((1, 0)));
/// ```
#[inline]
pub fn decode<'de, T, F>(r: &mut Reader<'de>, body_max: usize, body: F) -> Result<T, Error>
where
    F: FnOnce(&mut Reader<'de>) -> Result<T, Error>,
{
    let size = u32::from_le_bytes(r.read_array()?);
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    let mut body_reader = r.extensible_body(size, body_max)?;
    let value = body(&mut body_reader)?;
    body_reader.finish_zero_tail()?;
    Ok(value)
}

/// Reads a field of an extensible struct's first version, inside the `body` closure of
/// [`decode`]: from the body's real bytes only, since every sender has it. A body that
/// ends before it does is [`ErrorKind::UnexpectedEnd`](crate::ErrorKind::UnexpectedEnd)
/// where the body's bytes end (spec §13).
///
/// ```
/// use crosswire::{extensible, Error, ErrorKind, Reader};
///
/// // Version 1 has a `u32`; version 2 adds a `u16`.
/// fn read(input: &[u8]) -> Result<(u32, u16), Error> {
///     extensible::decode(&mut Reader::new(input), 6, |r| {
///         let a = extensible::decode_required(r, |r| Ok(u32::from_le_bytes(r.read_array()?)))?;
///         let b = u16::from_le_bytes(r.read_array()?);
///         Ok((a, b))
///     })
/// }
/// assert_eq!(read(&[4, 0, 0, 0, 1, 0, 0, 0])?, (1, 0));
/// assert_eq!(read(&[2, 0, 0, 0, 1, 0]).unwrap_err(), Error::new(ErrorKind::UnexpectedEnd, 6));
/// # Ok::<(), Error>(())
/// ```
#[inline]
pub fn decode_required<'de, T, F>(r: &mut Reader<'de>, read: F) -> Result<T, Error>
where
    F: FnOnce(&mut Reader<'de>) -> Result<T, Error>,
{
    let zeros = r.withhold_zeros();
    let value = read(r);
    r.restore_zeros(zeros);
    value
}
