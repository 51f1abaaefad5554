//! A second decoder of wire format v1, written from `docs/wire-format.md` alone and kept as
//! plain as possible, to judge crosswire's decoder against ([`decode_reference`]).
//!
//! It interprets a [`Shape`] (a type described as the spec describes it) over a list of
//! [`Cell`]s, one per byte, each knowing whether it is a real input byte or a virtual zero
//! of a short extensible body (§13), and reads them one at a time, front to back. So it
//! finds errors in reading order by construction (§14), zero-extends by literally
//! appending zero cells, and has no fast paths: nothing in it can disagree with the spec's
//! words without being visible in a few lines.

mod types;

pub use types::{agree, decode_reference};

/// A type as the spec sees it.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// `u8` … `u64`, `i8` … `i64` (§3.1): width in bytes, signed or not.
    Int(usize, bool),
    /// `bool` (§4).
    Bool,
    /// `char` (§5).
    Char,
    /// `Option<T>` (§8).
    Option(&'static Shape),
    /// `[T; N]` (§10.1).
    Array(usize, &'static Shape),
    /// A bounded sequence of capacity `N` (§10.2), owned.
    Seq(usize, &'static Shape),
    /// A bounded string of capacity `N` (§11), owned.
    Str(usize),
    /// A borrowed bounded byte view of capacity `N` (§10.2): real bytes only (§13).
    BytesView(usize),
    /// A borrowed bounded string view of capacity `N` (§11): real bytes only (§13).
    StrView(usize),
    /// A struct or tuple (§12.1).
    Struct(&'static [Shape]),
    /// An enum (§12.3): tag width in bytes, and each variant's tag and fields.
    Enum(usize, &'static [(u64, &'static [Shape])]),
    /// An extensible struct (§13): how many of its fields are the first version's (read
    /// from real bytes only), and its fields.
    Extensible(usize, &'static [Shape]),
    /// A unit-only enum with a catch-all (§17.1): tag width in bytes, and the known tags.
    CatchAll(usize, &'static [u64]),
    /// An extensible enum (§17.2): tag width in bytes, each known variant's tag and
    /// fields, and what an unknown tag gives.
    ExtensibleEnum(usize, &'static [(u64, &'static [Shape])], Unknown),
}

/// What an extensible enum (§17.2) does with an unknown tag.
#[derive(Clone, Copy, Debug)]
pub enum Unknown {
    /// No catch-all: `InvalidTag`.
    Reject,
    /// A catch-all that skips the body.
    Skip,
    /// A catch-all that keeps the body as this bounded byte sequence (`Seq` of `u8`, or
    /// `BytesView`).
    Keep(&'static Shape),
    /// A catch-all that keeps a body up to the capacity of this bounded byte sequence and
    /// skips a longer one (an `Option` of the sequence).
    KeepOrSkip(&'static Shape),
}

/// A decoded value, enough to re-encode it (§1: the encoding is canonical, so two
/// decoders agree on a value exactly when they agree on its encoding).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// An integer, `bool` or `char`, as its little-endian bytes.
    Bytes(Vec<u8>),
    /// `None`.
    None,
    /// `Some(v)`.
    Some(Box<Value>),
    /// The elements of an array or the fields of a struct.
    Fields(Vec<Value>),
    /// A bounded sequence or string, with its length.
    Seq(Vec<Value>),
    /// An enum variant: its tag's bytes, then its fields.
    Variant(Vec<u8>, Vec<Value>),
    /// An extensible struct's fields.
    Extensible(Vec<Value>),
    /// A known variant of an extensible enum: its tag's bytes, then its body's fields.
    ExtensibleVariant(Vec<u8>, Vec<Value>),
    /// An unknown variant whose body was skipped (§17.2): its tag's bytes. It has no
    /// encoding.
    Skipped(Vec<u8>),
}

/// The error kinds of §14 that these shapes can meet, with their offset.
pub type Failure = (crosswire::ErrorKind, usize);

/// One byte to read: its value, and the offset an error there reports (a virtual zero
/// reports the offset it would have were it real).
#[derive(Clone, Copy, Debug)]
pub struct Cell {
    byte: u8,
    real: bool,
    offset: usize,
}

/// The cells of an input or of a zero-extended body, and where its real bytes end.
struct Input {
    cells: Vec<Cell>,
    pos: usize,
    end: usize,
}

impl Input {
    fn offset(&self) -> usize {
        self.cells.get(self.pos).map_or(self.end, |c| c.offset)
    }

    fn take(&mut self, n: usize) -> Result<Vec<Cell>, Failure> {
        let cells = self
            .cells
            .get(self.pos..self.pos + n)
            .ok_or((crosswire::ErrorKind::UnexpectedEnd, self.end))?
            .to_vec();
        self.pos += n;
        Ok(cells)
    }

    fn bytes(&mut self, n: usize) -> Result<Vec<u8>, Failure> {
        Ok(self.take(n)?.iter().map(|c| c.byte).collect())
    }

    fn uint(&mut self, n: usize) -> Result<u64, Failure> {
        let bytes = self.bytes(n)?;
        Ok(bytes.iter().rev().fold(0, |v, &b| v << 8 | u64::from(b)))
    }
}

/// Decodes `shape` from the start of `input`: the value and the bytes consumed, or the
/// first failure in reading order.
pub fn decode(shape: &Shape, input: &[u8]) -> Result<(Value, usize), Failure> {
    let cells = input
        .iter()
        .enumerate()
        .map(|(offset, &byte)| Cell {
            byte,
            real: true,
            offset,
        })
        .collect();
    let mut i = Input {
        cells,
        pos: 0,
        end: input.len(),
    };
    let value = read(shape, &mut i)?;
    Ok((value, i.pos))
}

fn read(shape: &Shape, i: &mut Input) -> Result<Value, Failure> {
    use crosswire::ErrorKind as K;
    let at = i.offset();
    Ok(match *shape {
        Shape::Int(width, _) => Value::Bytes(i.bytes(width)?),
        Shape::Bool => match i.bytes(1)?[0] {
            b @ (0 | 1) => Value::Bytes(vec![b]),
            _ => return Err((K::InvalidBool, at)),
        },
        Shape::Char => {
            let v = i.uint(4)?;
            if char::from_u32(v as u32).is_none() {
                return Err((K::InvalidChar, at));
            }
            Value::Bytes((v as u32).to_le_bytes().to_vec())
        }
        Shape::Option(inner) => match i.bytes(1)?[0] {
            0 => Value::None,
            1 => Value::Some(Box::new(read(inner, i)?)),
            _ => return Err((K::InvalidTag, at)),
        },
        Shape::Array(n, inner) => Value::Fields(repeat(n, inner, i)?),
        Shape::Struct(fields) => Value::Fields(each(fields, i)?),
        Shape::Seq(cap, inner) => {
            let len = length(cap, i)?;
            Value::Seq(repeat(len, inner, i)?)
        }
        Shape::Str(cap) => {
            let len = length(cap, i)?;
            let start = i.offset();
            let bytes = i.bytes(len)?;
            utf8(&bytes, start)?;
            Value::Seq(bytes.into_iter().map(|b| Value::Bytes(vec![b])).collect())
        }
        Shape::BytesView(cap) | Shape::StrView(cap) => {
            let len = length(cap, i)?;
            let start = i.offset();
            let cells = i.take(len)?;
            if cells.iter().any(|c| !c.real) {
                // A view points into the input: it cannot hold virtual zeros.
                return Err((K::UnexpectedEnd, i.end));
            }
            let bytes: Vec<u8> = cells.iter().map(|c| c.byte).collect();
            if matches!(shape, Shape::StrView(_)) {
                utf8(&bytes, start)?;
            }
            Value::Seq(bytes.into_iter().map(|b| Value::Bytes(vec![b])).collect())
        }
        Shape::Enum(width, variants) => {
            let tag = i.uint(width)?;
            let Some((_, fields)) = variants.iter().find(|(t, _)| *t == tag) else {
                return Err((K::InvalidTag, at));
            };
            Value::Variant(tag.to_le_bytes()[..width].to_vec(), each(fields, i)?)
        }
        Shape::Extensible(first, fields) => Value::Extensible(extensible_body(first, fields, i)?),
        Shape::CatchAll(width, _) => Value::Variant(i.bytes(width)?, Vec::new()),
        Shape::ExtensibleEnum(width, variants, unknown) => {
            let tag = i.uint(width)?;
            let tag_bytes = tag.to_le_bytes()[..width].to_vec();
            match (variants.iter().find(|(t, _)| *t == tag), unknown) {
                (Some((_, fields)), _) => {
                    Value::ExtensibleVariant(tag_bytes, extensible_body(0, fields, i)?)
                }
                (None, Unknown::Reject) => return Err((K::InvalidTag, at)),
                (None, Unknown::Skip) => {
                    let size = i.uint(4)? as usize;
                    i.take(size)?;
                    Value::Skipped(tag_bytes)
                }
                (None, Unknown::Keep(body)) => Value::Variant(tag_bytes, vec![read(body, i)?]),
                (None, Unknown::KeepOrSkip(body)) => {
                    let (Shape::Seq(capacity, _) | Shape::BytesView(capacity)) = *body else {
                        unreachable!("a kept body is a bounded byte sequence")
                    };
                    let start = i.pos;
                    let size = i.uint(4)? as usize;
                    if size > capacity {
                        i.take(size)?;
                        Value::Skipped(tag_bytes)
                    } else {
                        i.pos = start;
                        Value::Variant(tag_bytes, vec![read(body, i)?])
                    }
                }
            }
        }
    })
}

/// The body of an extensible struct (§13) holding `fields`, the first `first` of them the
/// first version's, from its length on.
fn extensible_body(first: usize, fields: &[Shape], i: &mut Input) -> Result<Vec<Value>, Failure> {
    use crosswire::ErrorKind as K;
    let size = i.uint(4)? as usize;
    let start = i.offset();
    if size > i.cells.len() - i.pos {
        return Err((K::UnexpectedEnd, i.end));
    }
    let mut cells = i.take(size)?;
    let real = cells.iter().filter(|c| c.real).count();
    // A body that starts in the outer body's virtual zeros has no real bytes, which
    // ended where the outer body's did.
    let end = (start + real).min(i.end);
    let max: usize = fields.iter().map(max_size).sum();
    // The zero-extended body: the real bytes, then zeros up to `max`, each at the
    // offset it would have were it real.
    while cells.len() < max {
        cells.push(Cell {
            byte: 0,
            real: false,
            offset: start + cells.len(),
        });
    }
    // The first version's fields from the real bytes alone.
    let (required, later) = fields.split_at(first.min(fields.len()));
    let mut real_body = Input {
        cells: cells[..real].to_vec(),
        pos: 0,
        end,
    };
    let mut values = each(required, &mut real_body)?;
    let mut body = Input {
        cells,
        pos: real_body.pos,
        end,
    };
    values.extend(each(later, &mut body)?);
    // What the fields did not consume must be zero.
    if let Some(c) = body.cells[body.pos..].iter().find(|c| c.byte != 0) {
        return Err((K::NonZeroTail, c.offset));
    }
    Ok(values)
}

fn each(fields: &[Shape], i: &mut Input) -> Result<Vec<Value>, Failure> {
    fields.iter().map(|f| read(f, i)).collect()
}

fn repeat(n: usize, shape: &Shape, i: &mut Input) -> Result<Vec<Value>, Failure> {
    (0..n).map(|_| read(shape, i)).collect()
}

fn length(cap: usize, i: &mut Input) -> Result<usize, Failure> {
    let at = i.offset();
    let len = i.uint(4)? as usize;
    if len > cap {
        return Err((crosswire::ErrorKind::LengthOverCapacity, at));
    }
    Ok(len)
}

fn utf8(bytes: &[u8], start: usize) -> Result<(), Failure> {
    std::str::from_utf8(bytes)
        .map(drop)
        .map_err(|e| (crosswire::ErrorKind::InvalidUtf8, start + e.valid_up_to()))
}

/// §2's `MAX_SIZE`.
pub fn max_size(shape: &Shape) -> usize {
    match *shape {
        Shape::Int(width, _) => width,
        Shape::Bool => 1,
        Shape::Char => 4,
        Shape::Option(inner) => 1 + max_size(inner),
        Shape::Array(n, inner) => n * max_size(inner),
        Shape::Seq(cap, inner) => 4 + cap * max_size(inner),
        Shape::Str(cap) | Shape::BytesView(cap) | Shape::StrView(cap) => 4 + cap,
        Shape::Struct(fields) => fields.iter().map(max_size).sum(),
        Shape::Enum(width, variants) => {
            let largest = variants.iter().map(|(_, f)| f.iter().map(max_size).sum());
            width + largest.max().unwrap_or(0)
        }
        Shape::Extensible(_, fields) => 4 + fields.iter().map(max_size).sum::<usize>(),
        // The catch-all's raw tag is the tag.
        Shape::CatchAll(width, _) => width,
        Shape::ExtensibleEnum(width, variants, unknown) => {
            let known = variants
                .iter()
                .map(|(_, f)| 4 + f.iter().map(max_size).sum::<usize>());
            let kept = match unknown {
                Unknown::Keep(body) | Unknown::KeepOrSkip(body) => max_size(body),
                Unknown::Reject | Unknown::Skip => 0,
            };
            width + known.chain([kept]).max().unwrap_or(0)
        }
    }
}

/// The one encoding of `value` (what every encoder writes: full extensible bodies), into
/// `out`. `false` when `value` holds a skipped unknown variant (§17.2), which has no
/// encoding: `out` then ends where that variant would start, as an encoder's error there.
pub fn encode(value: &Value, out: &mut Vec<u8>) -> bool {
    match value {
        Value::Bytes(bytes) => out.extend_from_slice(bytes),
        Value::None => out.push(0),
        Value::Some(v) => {
            out.push(1);
            return encode(v, out);
        }
        Value::Fields(values) => return values.iter().all(|v| encode(v, out)),
        Value::Seq(values) => {
            out.extend_from_slice(&(values.len() as u32).to_le_bytes());
            return values.iter().all(|v| encode(v, out));
        }
        Value::Variant(tag, values) => {
            out.extend_from_slice(tag);
            return values.iter().all(|v| encode(v, out));
        }
        Value::Extensible(values) => return extensible(values, out),
        Value::ExtensibleVariant(tag, values) => {
            out.extend_from_slice(tag);
            return extensible(values, out);
        }
        Value::Skipped(_) => return false,
    }
    true
}

/// A body length, then the body of `values` (as [`encode`]).
fn extensible(values: &[Value], out: &mut Vec<u8>) -> bool {
    let start = out.len();
    out.extend_from_slice(&[0; 4]);
    if !values.iter().all(|v| encode(v, out)) {
        return false;
    }
    let len = (out.len() - start - 4) as u32;
    out[start..start + 4].copy_from_slice(&len.to_le_bytes());
    true
}
