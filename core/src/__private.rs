//! Derive support: what the code of `#[derive(Encode, Decode, MaxSize)]` calls, and nothing
//! else. Reached as `crosswire::__private`, hidden from the docs and outside the API's
//! stability promise, as serde's `__private` is. Hand-written impls use [`Writer`],
//! [`Reader`] and [`extensible`](crate::extensible) instead, and so does the derive for
//! extensible structs: those are public API already.
//!
//! Besides the `MAX_SIZE` arithmetic, one mirrored pair: [`encode_window`] writes a
//! whole value, [`decode_window`] reads a whole `FIXED_SIZE` value, each with one room or
//! length check for the value and a field-by-field slow path out of line.

use crate::{build_error::BuildError, Error, MaxSize, Reader, Writer};

/// `#[crosswire(plain)]`: layout checks and run codecs (`crate::plain`).
pub use crate::plain::support as plain;

/// `a + b` for `MAX_SIZE` arithmetic; overflow stops compilation.
pub const fn add(a: usize, b: usize) -> usize {
    match a.checked_add(b) {
        Some(sum) => sum,
        None => const_overflow(),
    }
}

/// `a * b` for `MAX_SIZE` arithmetic; overflow stops compilation.
pub const fn mul(a: usize, b: usize) -> usize {
    match a.checked_mul(b) {
        Some(product) => product,
        None => const_overflow(),
    }
}

/// The larger of `a` and `b`, for enum `MAX_SIZE` arithmetic.
pub const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// The sum of `sizes` (the fields of a struct or variant), for `MAX_SIZE` arithmetic;
/// overflow stops compilation.
pub const fn sum(mut sizes: &[usize]) -> usize {
    let mut total = 0;
    while let Some((first, rest)) = sizes.split_first() {
        total = add(total, *first);
        sizes = rest;
    }
    total
}

/// The largest of `sizes` (the variants of an enum), 0 for none.
pub const fn largest(mut sizes: &[usize]) -> usize {
    let mut most = 0;
    while let Some((first, rest)) = sizes.split_first() {
        most = max(most, *first);
        sizes = rest;
    }
    most
}

/// Whether all of `sizes` (the variants of an enum) are the same.
pub const fn all_equal(sizes: &[usize]) -> bool {
    let Some((first, mut rest)) = sizes.split_first() else {
        return true;
    };
    while let Some((next, after)) = rest.split_first() {
        if *next != *first {
            return false;
        }
        rest = after;
    }
    true
}

/// `MAX_SIZE` of a bounded sequence: the `u32` length, then up to `capacity` elements
/// (spec §10.2). A capacity the `u32` length cannot express stops compilation, saying so,
/// in the caller's constant (`__build_assert!`).
#[macro_export]
#[doc(hidden)]
macro_rules! __bounded_max_size {
    ($capacity:expr, $element:expr) => {{
        $crate::__build_assert!($crate::__private::capacity_fits($capacity));
        $crate::__private::add(4, $crate::__private::mul($capacity, $element))
    }};
}

/// The error of a bounded capacity the `u32` length cannot express, or none.
pub const fn capacity_fits(capacity: usize) -> BuildError {
    if capacity > 0xFFFF_FFFF {
        BuildError::new()
            .str("crosswire: a bounded capacity of ")
            .num(capacity)
            .str(" is above u32::MAX (4294967295): the length of a bounded sequence or string is a u32 on the wire (spec 10.2); use a smaller capacity")
    } else {
        BuildError::new()
    }
}

/// The error of `size` over `limit`, saying what, and both numbers, or none:
/// "crosswire: {what}: {size} bytes is over the limit of {limit} bytes". Also used by
/// `crosswire-kernel` (released in lockstep with this crate) for the ioctl size field,
/// through `__build_assert!`.
pub const fn size_within(size: usize, limit: usize, what: &str) -> BuildError {
    if size <= limit {
        return BuildError::new();
    }
    BuildError::new()
        .str("crosswire: ")
        .str(what)
        .str(": ")
        .num(size)
        .str(" bytes is over the limit of ")
        .num(limit)
        .str(" bytes")
}

/// The error of a buffer of `buffer` bytes that cannot hold every value of a type whose
/// `MAX_SIZE` is `max_size`, with both sizes in the message, or none (`to_array`,
/// `to_fixed`, [`assert_fits!`](crate::assert_fits), through `__build_assert!`).
pub const fn buffer_fits(buffer: usize, max_size: usize) -> BuildError {
    if buffer < max_size {
        BuildError::new()
            .str("crosswire: a buffer of ")
            .num(buffer)
            .str(" bytes is smaller than the encoded type's MAX_SIZE of ")
            .num(max_size)
            .str(" bytes; size it `{ T::MAX_SIZE }`, or use `to_slice` to encode into a smaller buffer with a runtime check")
    } else {
        BuildError::new()
    }
}

/// The error of a type that takes `size` bytes in memory, over `limit`, or none
/// (`assert_size_of!`).
pub const fn size_of_at_most(size: usize, limit: usize) -> BuildError {
    if size <= limit {
        return BuildError::new();
    }
    BuildError::new()
        .str("crosswire: the type takes ")
        .num(size)
        .str(" bytes in memory, over the limit of ")
        .num(limit)
        .str("; keep large parts out of line (`HeapVec`, `Box`, feature `alloc`) or decode into memory allocated once with `decode_in_place`")
}

/// The error of field `field` of extensible struct `ty` when `zero_valid` (its type's
/// `MaxSize::ZERO_VALID`) is false, or none: a field added in a later version, which an
/// older sender leaves out, reads as zeros (spec §13). The derive panics with it in the
/// user's crate.
pub const fn zero_valid(zero_valid: bool, ty: &str, field: &str) -> BuildError {
    if zero_valid {
        return BuildError::new();
    }
    BuildError::new()
        .str("crosswire: field `")
        .str(field)
        .str("` of extensible type `")
        .str(ty)
        .str("` reads as zeros from an older sender, and zeros are no value of its type; give it a variant tagged 0, or use Option<T> (spec 13)")
}

/// `FIXED_SIZE` of a bounded sequence (spec §2): every value is its `u32` length alone when
/// no element can take a byte, the capacity is 0 or the elements are empty types.
pub const fn bounded_fixed_size(capacity: usize, element: usize) -> bool {
    capacity == 0 || element == 0
}

#[expect(
    clippy::panic,
    reason = "only ever evaluated at compile time, where it is a build error"
)]
const fn const_overflow() -> usize {
    panic!("crosswire: MAX_SIZE overflows usize")
}

/// Writes a value of type `S` with `write` (its field-by-field writes).
///
/// With `S::MAX_SIZE` bytes of room, into a window over exactly that many, which `w` then
/// skips up to what was written. In the window every room check of every field compares
/// against a length the compiler knows, so they fold away, as in a hand-written encoder
/// into a fixed array, for variable-size values too. With less room, straight into `w`,
/// out of line (`encode_cold`), failing with `BufferFull` at the exact field that does
/// not fit.
///
/// A hand-written field type that writes more than its `MAX_SIZE` breaks the
/// [`Encode`](crate::Encode) contract; in a window that is `BufferFull` at the window's
/// end rather than bytes written past it.
#[inline(always)]
pub fn encode_window<S, F>(w: &mut Writer<'_>, write: F) -> Result<(), Error>
where
    S: MaxSize + ?Sized,
    F: FnOnce(&mut Writer<'_>) -> Result<(), Error>,
{
    if w.rest.len() < S::MAX_SIZE {
        return encode_cold(w, write);
    }
    let start = w.written();
    let rest = core::mem::take(&mut w.rest);
    let (result, used) = match rest.get_mut(..S::MAX_SIZE) {
        Some(room) => {
            let mut window = Writer::new(room);
            let result = write(&mut window);
            (result, window.written())
        }
        // Unreachable: the room was checked above.
        None => (Ok(()), 0),
    };
    w.rest = match rest.get_mut(used..) {
        Some(after) => after,
        // Unreachable: the window wrote at most `MAX_SIZE <= rest.len()` bytes.
        None => &mut [],
    };
    // Offsets inside the window count from its start.
    result.map_err(|e| Error::new(e.kind(), e.offset().saturating_add(start)))
}

/// Reads a `FIXED_SIZE` value of type `S` with `read` (its field-by-field reads), whose
/// result is the value (`decode`) or `()` (`decode_in_place`).
///
/// When `S::MAX_SIZE` real bytes are left, from a window over exactly those bytes: one
/// length check for the whole value, after which the compiler drops the per-field checks.
/// With fewer (a short input, or the zero-extended body of an extensible struct from an
/// older sender), from `r` itself, out of line (`decode_cold`), which reports the exact
/// offset or reads the virtual zeros.
#[inline(always)]
pub fn decode_window<'de, S, T, F>(r: &mut Reader<'de>, read: F) -> Result<T, Error>
where
    S: MaxSize,
    F: FnOnce(&mut Reader<'de>) -> Result<T, Error>,
{
    // `sub_reader` rather than `take_run`: the same checks, and measured to compile to
    // fewer instructions in the nested case (an enum field of a variable-size struct).
    match r.sub_reader(S::MAX_SIZE) {
        Ok(mut window) => read(&mut window),
        Err(_) => decode_cold(r, read),
    }
}

/// Runs `body` on `w` out of line, marked cold (the short-buffer path of
/// [`encode_window`]). The writer goes there and back by value: were its address taken,
/// it could not stay in registers on the common path.
#[inline(always)]
fn encode_cold<F>(w: &mut Writer<'_>, body: F) -> Result<(), Error>
where
    F: FnOnce(&mut Writer<'_>) -> Result<(), Error>,
{
    let taken = Writer {
        rest: core::mem::take(&mut w.rest),
        start_len: w.start_len,
    };
    let (back, result) = encode_cold_path(taken, body);
    *w = back;
    result
}

/// Runs `body` on `r` out of line, marked cold (the short-input path of
/// [`decode_window`]). The reader goes there and back by value, as in [`encode_cold`].
#[inline(always)]
fn decode_cold<'de, T, F>(r: &mut Reader<'de>, body: F) -> Result<T, Error>
where
    F: FnOnce(&mut Reader<'de>) -> Result<T, Error>,
{
    let (back, result) = decode_cold_path(r.clone(), body);
    *r = back;
    result
}

/// The out-of-line half of [`encode_cold`].
#[cold]
#[inline(never)]
fn encode_cold_path<'a, F>(mut w: Writer<'a>, body: F) -> (Writer<'a>, Result<(), Error>)
where
    F: FnOnce(&mut Writer<'_>) -> Result<(), Error>,
{
    let result = body(&mut w);
    (w, result)
}

/// The out-of-line half of [`decode_cold`].
#[cold]
#[inline(never)]
fn decode_cold_path<'de, T, F>(mut r: Reader<'de>, body: F) -> (Reader<'de>, Result<T, Error>)
where
    F: FnOnce(&mut Reader<'de>) -> Result<T, Error>,
{
    let result = body(&mut r);
    (r, result)
}

/// Enum tags computed at compile time, for discriminants that are constant expressions
/// (`Get = BASE + 1`): the derive checks that each value fits the tag with [`tag::range`],
/// and stops compilation with the value and the width otherwise.
pub mod tag {
    #![allow(
        clippy::as_conversions,
        clippy::arithmetic_side_effects,
        reason = "compile time only; each conversion follows the range check that makes it \
                  exact, and `previous + 1` of a u32 cannot overflow an i128"
    )]

    use crate::build_error::BuildError;

    /// The error of tag `value` when it is outside `0..=max`, the range of a `width` tag, or
    /// none. The derive fails with it in the user's constant, at the discriminant.
    pub const fn range(value: i128, max: u64, width: &str) -> BuildError {
        if value >= 0 && value <= max as i128 {
            return BuildError::new();
        }
        let message = BuildError::new().str("crosswire: the discriminant ");
        let message = if value < 0 {
            message.str("-").num(value.unsigned_abs() as usize)
        } else {
            message.num(value as usize)
        };
        message
            .str(" does not fit the enum's ")
            .str(width)
            .str(" tag (0 to ")
            .num(max as usize)
            .str("); tags are unsigned: change it, or widen the tag with #[crosswire(tag = \"u16\")] or \"u32\"")
    }

    /// The largest `u8` tag.
    pub const U8_MAX: u64 = u8::MAX as u64;
    /// The largest `u16` tag.
    pub const U16_MAX: u64 = u16::MAX as u64;
    /// The largest `u32` tag.
    pub const U32_MAX: u64 = u32::MAX as u64;

    /// A `u8` tag, `value` checked by [`range`].
    pub const fn u8(value: i128) -> u8 {
        value as u8
    }

    /// A `u16` tag, `value` checked by [`range`].
    pub const fn u16(value: i128) -> u16 {
        value as u16
    }

    /// A `u32` tag, `value` checked by [`range`].
    pub const fn u32(value: i128) -> u32 {
        value as u32
    }

    /// The implicit tag after `previous`, to check by [`range`].
    pub const fn next_u8(previous: u8) -> i128 {
        previous as i128 + 1
    }

    /// The implicit tag after `previous`, to check by [`range`].
    pub const fn next_u16(previous: u16) -> i128 {
        previous as i128 + 1
    }

    /// The implicit tag after `previous`, to check by [`range`].
    pub const fn next_u32(previous: u32) -> i128 {
        previous as i128 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::{all_equal, largest, sum};

    #[test]
    fn max_size_arithmetic() {
        assert_eq!(sum(&[]), 0);
        assert_eq!(sum(&[1, 2, 3]), 6);
        assert_eq!(largest(&[]), 0);
        assert_eq!(largest(&[3, 9, 2]), 9);
        assert!(all_equal(&[]));
        assert!(all_equal(&[4, 4, 4]));
        assert!(!all_equal(&[4, 4, 5]));
        assert_eq!(crate::__bounded_max_size!(3, 2), 10);
    }
}
