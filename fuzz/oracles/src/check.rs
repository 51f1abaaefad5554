//! The oracles: each takes one input (or value), runs crosswire on it and panics when a
//! rule of `docs/wire-format.md` is broken. libFuzzer reports the panic as a crash; the
//! corpus replay under `cargo test` reports it as a failed test.
//!
//! Values that borrow from their input (`BoundedStr`, `BoundedBytes`) are re-decoded from a
//! `scratch` buffer that the caller owns, so that the original and the re-decoded value
//! share one lifetime `'de` and can be compared.

use core::fmt::Debug;

use crosswire::{Decode, Encode, Error, ErrorKind};

/// Which canonical-encoding rule a type obeys (spec §1, §13).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Every accepted input re-encodes to exactly the bytes consumed.
    Canonical,
    /// An extensible struct (§13) whose fields are all canonical: the decoder may accept a
    /// short body (read as zero-extended) or a long body with a zero tail, and the exact
    /// relation between the input's body and the re-encoded full body is checked.
    ExtensibleTop,
    /// A type with an extensible struct somewhere inside: the re-encoding must be a fixed
    /// point (it decodes to the same value and re-encodes to itself).
    ContainsExtensible,
}

/// Encodes `v` into `scratch` (cleared and resized to `MAX_SIZE`), checking the length
/// rules, and returns the written prefix.
pub fn encode_checked<'s, T: Encode + Debug>(v: &T, scratch: &'s mut Vec<u8>) -> &'s [u8] {
    let len = crosswire::encoded_len(v);
    assert!(
        len <= T::MAX_SIZE,
        "encoded_len {len} > MAX_SIZE {} for {v:?}",
        T::MAX_SIZE
    );
    if T::FIXED_SIZE {
        assert_eq!(len, T::MAX_SIZE, "FIXED_SIZE type encoded short: {v:?}");
    }
    // Too small by one byte: must fail cleanly with BufferFull, never write past the end.
    if let Some(short) = len.checked_sub(1) {
        let mut small = vec![0u8; short];
        let e = crosswire::to_slice(v, &mut small).expect_err("encoding into a too-small buffer");
        assert_eq!(e.kind(), ErrorKind::BufferFull, "{v:?}");
        assert!(e.offset() <= short, "{e:?} past a buffer of {short}");
    }
    scratch.clear();
    scratch.resize(T::MAX_SIZE, 0);
    let written = crosswire::to_slice(v, scratch)
        .unwrap_or_else(|e| panic!("encoding {v:?} into MAX_SIZE bytes failed: {e:?}"))
        .len();
    assert_eq!(
        written, len,
        "encoded_len disagrees with the bytes written for {v:?}"
    );
    scratch.truncate(written);
    scratch
}

/// The checks every decode error must pass: it is a decoding error and it is
/// [located](error_located) (`virtual_zeros` as there).
pub fn error_sane(e: Error, input: &[u8], virtual_zeros: usize) {
    if let ErrorKind::BufferFull
    | ErrorKind::TrailingBytes
    | ErrorKind::InvalidValue
    | ErrorKind::Custom
    | ErrorKind::Unsupported = e.kind()
    {
        panic!("{e:?} from a decoder");
    }
    error_located(e, input, virtual_zeros);
}

/// A decode error's offset lies within the input, and where it names a byte, that byte is
/// really offending. The exception is an error in the virtual zeros of a short extensible
/// body (spec §13, §14), which is at the byte's own offset, past the real input (a length
/// that is real with its elements virtual, say): at most `virtual_zeros` bytes past it, the
/// decoded type's `MAX_SIZE` (0 for a decoder without extensible bodies).
pub fn error_located(e: Error, input: &[u8], virtual_zeros: usize) {
    let at = e.offset();
    let limit = match e.kind() {
        ErrorKind::UnexpectedEnd => input.len(),
        _ => input.len().saturating_add(virtual_zeros),
    };
    assert!(at <= limit, "{e:?} beyond an input of {}", input.len());
    match e.kind() {
        ErrorKind::InvalidBool => {
            let b = input.get(at).copied();
            assert!(matches!(b, Some(2..)), "{e:?} names byte {b:?}");
        }
        ErrorKind::NonZeroTail => {
            let b = input.get(at).copied();
            assert!(matches!(b, Some(1..)), "{e:?} names byte {b:?}");
        }
        // A length or UTF-8 byte is always a real byte (a fully virtual length is 0).
        ErrorKind::LengthOverCapacity | ErrorKind::InvalidUtf8 => {
            assert!(at < input.len(), "{e:?} at the end of the input");
        }
        _ => {}
    }
}

/// Decodes `input` as `T` with both entry points and checks them against each other.
/// Returns the value and the number of bytes it consumed.
pub fn decode_checked<'de, T: Decode<'de> + Encode + Debug>(
    input: &'de [u8],
) -> Option<(T, usize)> {
    let native = Decoder {
        take: crosswire::take_from_bytes::<T>,
        whole: crosswire::from_bytes::<T>,
        error_sane,
        virtual_zeros: T::MAX_SIZE,
    };
    native.checked(input)
}

/// What `take_from_bytes` returns: a value and the bytes after it.
pub type Taken<'de, T> = Result<(T, &'de [u8]), Error>;

/// A decoder's entry points (crosswire's own, or the serde bridge's) and the check its
/// errors must pass.
pub struct Decoder<'de, T> {
    /// `take_from_bytes`: a value from the start of the input, and the bytes after it.
    pub take: fn(&'de [u8]) -> Taken<'de, T>,
    /// `from_bytes`: a value spanning the whole input.
    pub whole: fn(&'de [u8]) -> Result<T, Error>,
    /// The check every error of this decoder must pass (such as [`error_sane`]).
    pub error_sane: fn(Error, &[u8], usize),
    /// How far past the input an error may lie (see [`error_located`]).
    pub virtual_zeros: usize,
}

impl<'de, T: Debug> Decoder<'de, T> {
    /// Decodes `input` with both entry points and checks them against each other: the
    /// same error, or the same value with `TrailingBytes` exactly after it; the format is
    /// self-delimiting. Returns the value and the number of bytes it consumed.
    pub fn checked(&self, input: &'de [u8]) -> Option<(T, usize)> {
        let taken = (self.take)(input);
        let whole = (self.whole)(input);
        match taken {
            Err(e) => {
                (self.error_sane)(e, input, self.virtual_zeros);
                assert_eq!(
                    whole.err(),
                    Some(e),
                    "from_bytes and take_from_bytes disagree"
                );
                None
            }
            Ok((v, rest)) => {
                let n = input.len() - rest.len();
                assert!(
                    core::ptr::eq(rest, &input[n..]),
                    "rest is not the input's suffix"
                );
                // No `n <= MAX_SIZE` here: an extensible struct from a newer sender may be
                // longer (§13). For every other type it follows from the canonical check.
                match whole {
                    Ok(_) => assert!(rest.is_empty(), "from_bytes ignored trailing bytes"),
                    Err(e) => assert_eq!(e, Error::new(ErrorKind::TrailingBytes, n)),
                }
                // The format is self-delimiting: one byte less cannot decode.
                if let Some(short) = n.checked_sub(1) {
                    let e = (self.take)(&input[..short])
                        .expect_err("a strict prefix of an encoding decoded");
                    assert_eq!(e.kind(), ErrorKind::UnexpectedEnd, "prefix of {v:?}");
                    assert!(e.offset() <= short);
                }
                Some((v, n))
            }
        }
    }
}

/// The raw-bytes oracle: decoding never panics, errors are sane, and whatever decodes
/// re-encodes under `rule`.
pub fn raw<'de, T>(input: &'de [u8], scratch: &'de mut Vec<u8>, rule: Rule)
where
    T: Decode<'de> + Encode + Debug + PartialEq,
{
    let decoded = decode_checked::<T>(input);
    in_place_agrees::<T>(input);
    let Some((v, n)) = decoded else {
        return;
    };
    let consumed = &input[..n];
    let encoded = encode_checked(&v, scratch);
    match rule {
        Rule::Canonical => {
            assert_eq!(encoded, consumed, "not canonical: {v:?}");
        }
        Rule::ExtensibleTop => {
            extensible_relation(consumed, encoded);
            fixed_point(&v, encoded);
        }
        Rule::ContainsExtensible => fixed_point(&v, encoded),
    }
}

/// The in-place oracle: decoding in place (`from_bytes_in_place`) over whatever other
/// messages left in the value gives exactly what `from_bytes` gives, the same value or
/// the same error. The first byte of `input` splits the rest into two messages `a` and
/// `b`. A value decoded from one of them (by `take_from_bytes`: `T` need not be `Default`)
/// is overwritten in place by the other, by the whole input (which mostly fails part-way,
/// leaving a half-overwritten value), by the first and by the other again.
pub fn in_place_agrees<'de, T>(input: &'de [u8])
where
    T: Decode<'de> + Debug + PartialEq,
{
    let Some((&split, rest)) = input.split_first() else {
        return;
    };
    let (a, b) = rest.split_at(usize::from(split).min(rest.len()));
    for (first, other) in [(a, b), (b, a)] {
        let Ok((mut out, _)) = crosswire::take_from_bytes::<T>(first) else {
            continue;
        };
        for bytes in [other, input, first, other] {
            in_place_step(bytes, &mut out, first);
        }
    }
}

/// One step of [`in_place_agrees`]: `bytes` decoded into `out` in place, against
/// `from_bytes`. (`out` is not formatted up front: that would slow every fuzz run down.)
fn in_place_step<'de, T>(bytes: &'de [u8], out: &mut T, first: &[u8])
where
    T: Decode<'de> + Debug + PartialEq,
{
    let got = crosswire::from_bytes_in_place(bytes, out);
    let want = crosswire::from_bytes::<T>(bytes);
    let msg = || format!("in place: {bytes:02x?}, in a value first decoded from {first:02x?}");
    match want {
        Ok(want) => {
            assert_eq!(got, Ok(()), "{}", msg());
            assert_eq!(*out, want, "{}", msg());
        }
        Err(e) => assert_eq!(got, Err(e), "{}", msg()),
    }
}

/// `encoded` (the encoding of `v`) decodes, in full, to `v`, and is canonical.
fn fixed_point<'de, T>(v: &T, encoded: &'de [u8])
where
    T: Decode<'de> + Encode + Debug + PartialEq,
{
    match crosswire::from_bytes::<T>(encoded) {
        Ok(again) => assert_eq!(&again, v, "re-encoding does not decode to the value"),
        Err(e) => panic!("re-encoding of {v:?} does not decode: {e:?}"),
    }
}

/// §13 for a top-level extensible struct whose fields are canonical. The input's body
/// `B` (length `S`) and the re-encoded full body `E` (length `L`) relate exactly: `B`
/// extended with zeros to `max(S, L)` bytes is `E` followed by zeros. The encoder's length
/// field says `L`.
fn extensible_relation(consumed: &[u8], encoded: &[u8]) {
    let (s, body) = split_len(consumed);
    let (l, full) = split_len(encoded);
    assert_eq!(
        s,
        body.len(),
        "consumed bytes are not one extensible struct"
    );
    assert_eq!(
        l,
        full.len(),
        "the encoder's length field disagrees with its body"
    );
    let len = s.max(l);
    let ext = |i: usize| body.get(i).copied().unwrap_or(0);
    for i in 0..len {
        let want = full.get(i).copied().unwrap_or(0);
        assert_eq!(
            ext(i),
            want,
            "body byte {i}: input {body:02x?} vs full re-encoding {full:02x?}"
        );
    }
}

fn split_len(bytes: &[u8]) -> (usize, &[u8]) {
    let (len, body) = bytes
        .split_first_chunk::<4>()
        .expect("an extensible struct starts with its u32 length");
    (u32::from_le_bytes(*len) as usize, body)
}

/// The structured oracle: a value built by `arbitrary` encodes within `MAX_SIZE` to exactly
/// `encoded_len` bytes, decodes back to itself consuming every byte, and its encoding is
/// canonical (decoding then re-encoding gives the same bytes).
pub fn roundtrip<'de, T>(v: &T, scratch: &'de mut Vec<u8>)
where
    T: Decode<'de> + Encode + Debug + PartialEq,
{
    let encoded = encode_checked(v, scratch);
    let Some((again, n)) = decode_checked::<T>(encoded) else {
        panic!("the encoding of {v:?} does not decode: {encoded:02x?}");
    };
    assert_eq!(n, encoded.len(), "decoding stopped early on {v:?}");
    assert_eq!(&again, v, "round trip changed the value");
}
