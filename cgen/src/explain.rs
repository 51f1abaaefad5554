//! The byte annotator: a type's schema and some bytes in, one line per value out (its
//! offset, its bytes, its path and its value), and the exact place and reason a decode
//! fails, like `od` crossed with the decoder. The tool to reach for when a C side and a
//! Rust side disagree: `cargo run -p crosswire-cgen --example explain`.
//!
//! It reads by the rules of `docs/wire-format.md` on its own (the same cursor model as
//! the C decoder: real bytes, then the virtual zeros of a short extensible body, §13), and
//! its verdict is tested against crosswire's decoder.

use std::fmt::Write as _;

use crosswire::{schema::Schema, ErrorKind};

use crate::layout;

/// What [`explain`] found: the annotated lines, and the bytes consumed or the error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    /// One line per value read, in reading order.
    pub lines: Vec<String>,
    /// The bytes consumed (as `take_from_bytes`), or the error kind and offset (§14).
    pub result: Result<usize, (ErrorKind, usize)>,
}

impl std::fmt::Display for Explained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        match self.result {
            Ok(n) => writeln!(f, "ok: {n} bytes"),
            Err((kind, at)) => writeln!(f, "error: {kind:?} at offset {at}: {}", kind.as_str()),
        }
    }
}

/// Annotates the value of `schema` at the start of `bytes`.
pub fn explain(schema: &Schema, bytes: &[u8]) -> Explained {
    let mut w = Walker {
        data: bytes,
        pos: 0,
        real: bytes.len(),
        end: bytes.len(),
        lines: Vec::new(),
    };
    let result = w.value(schema, "value", 0).map(|()| w.pos);
    Explained {
        lines: w.lines,
        result,
    }
}

type Failure = (ErrorKind, usize);

struct Walker<'a> {
    data: &'a [u8],
    pos: usize,
    real: usize,
    end: usize,
    lines: Vec<String>,
}

impl Walker<'_> {
    /// Where an error in the value starting here is reported: its offset, counting virtual
    /// zeros as bytes (§13).
    fn at(&self) -> usize {
        self.pos
    }

    /// The next `n` bytes (virtual zeros past `real`), or `UnexpectedEnd`.
    fn take(&mut self, n: usize) -> Result<Vec<u8>, Failure> {
        if self.end - self.pos < n {
            return Err((ErrorKind::UnexpectedEnd, self.real));
        }
        let bytes = (self.pos..self.pos + n)
            .map(|p| if p < self.real { self.data[p] } else { 0 })
            .collect();
        self.pos += n;
        Ok(bytes)
    }

    fn uint(&mut self, n: usize, big_endian: bool) -> Result<(u128, Vec<u8>), Failure> {
        let bytes = self.take(n)?;
        let fold = |v: u128, b: &u8| v << 8 | u128::from(*b);
        let v = if big_endian {
            bytes.iter().fold(0, fold)
        } else {
            bytes.iter().rev().fold(0, fold)
        };
        Ok((v, bytes))
    }

    fn line(&mut self, at: usize, start: usize, bytes: &[u8], depth: usize, text: &str) {
        let mut hex = String::new();
        for b in bytes.iter().take(12) {
            let _ = write!(hex, "{b:02x} ");
        }
        if bytes.len() > 12 {
            hex.push_str("..");
        }
        let virt = if start + bytes.len() > self.real && !bytes.is_empty() {
            " (zero-extended)"
        } else {
            ""
        };
        let pad = "  ".repeat(depth);
        self.lines
            .push(format!("{at:>6}  {hex:<38}{pad}{text}{virt}"));
    }

    /// The length and bytes of an unknown variant's body that is not kept (§17.2).
    fn skip_body(&mut self, path: &str, depth: usize) -> Result<(), Failure> {
        let (at, start) = (self.at(), self.pos);
        let (s, bytes) = self.uint(4, false)?;
        let s = usize::try_from(s).unwrap_or(usize::MAX);
        let text = format!("{path}: unknown body of {s} bytes, skipped");
        self.line(at, start, &bytes, depth, &text);
        if s > self.end - self.pos {
            return Err((ErrorKind::UnexpectedEnd, self.real));
        }
        self.pos += s;
        Ok(())
    }

    fn value(&mut self, schema: &Schema, path: &str, depth: usize) -> Result<(), Failure> {
        let at = self.at();
        let start = self.pos;
        match *schema {
            Schema::Int { int } => {
                let width = usize::from(int.width);
                let (v, bytes) = self.uint(width, int.big_endian)?;
                let shown = if int.signed {
                    let shift = 128 - 8 * u32::from(int.width);
                    #[expect(clippy::as_conversions, reason = "two's complement by design")]
                    let s = ((v << shift) as i128) >> shift;
                    s.to_string()
                } else {
                    v.to_string()
                };
                self.line(at, start, &bytes, depth, &format!("{path}: {shown}"));
                if int.nonzero && v == 0 {
                    return Err((ErrorKind::ZeroNonZero, at));
                }
                // §3.2: `usize`/`isize` hold what this target's pointer width holds.
                if int.pointer_sized && !fits_pointer_width(v, int.signed) {
                    return Err((ErrorKind::IntegerOutOfRange, at));
                }
            }
            Schema::Bool => {
                let (v, bytes) = self.uint(1, false)?;
                self.line(
                    at,
                    start,
                    &bytes,
                    depth,
                    &format!("{path}: bool {}", v == 1),
                );
                if v > 1 {
                    return Err((ErrorKind::InvalidBool, at));
                }
            }
            Schema::Char => {
                let (v, bytes) = self.uint(4, false)?;
                let c = u32::try_from(v).ok().and_then(char::from_u32);
                let shown = c.map_or(format!("U+{v:X} (not a scalar value)"), |c| {
                    format!("{c:?} U+{v:04X}")
                });
                self.line(at, start, &bytes, depth, &format!("{path}: char {shown}"));
                if c.is_none() {
                    return Err((ErrorKind::InvalidChar, at));
                }
            }
            Schema::Float { width } => {
                let (v, bytes) = self.uint(usize::from(width), false)?;
                self.line(
                    at,
                    start,
                    &bytes,
                    depth,
                    &format!("{path}: float bits {v:#x}"),
                );
            }
            Schema::Unit => {}
            Schema::Duration => {
                let (secs, bytes) = self.uint(8, false)?;
                self.line(at, start, &bytes, depth, &format!("{path}.secs: {secs}"));
                let (at, start) = (self.at(), self.pos);
                let (nanos, bytes) = self.uint(4, false)?;
                self.line(at, start, &bytes, depth, &format!("{path}.nanos: {nanos}"));
                if nanos >= 1_000_000_000 {
                    return Err((ErrorKind::InvalidDuration, at));
                }
            }
            Schema::Option { some } => {
                let (tag, bytes) = self.uint(1, false)?;
                let shown = match tag {
                    0 => "None",
                    1 => "Some",
                    _ => "invalid tag",
                };
                self.line(at, start, &bytes, depth, &format!("{path}: {shown}"));
                match tag {
                    0 => {}
                    1 => self.value(some, &format!("{path}.some"), depth + 1)?,
                    _ => return Err((ErrorKind::InvalidTag, at)),
                }
            }
            Schema::Result { ok, err } => {
                let (tag, bytes) = self.uint(1, false)?;
                let shown = ["Ok", "Err"].get(usize::from(tag > 0) + usize::from(tag > 1));
                let shown = shown.copied().unwrap_or("invalid tag");
                self.line(at, start, &bytes, depth, &format!("{path}: {shown}"));
                match tag {
                    0 => self.value(ok, &format!("{path}.ok"), depth + 1)?,
                    1 => self.value(err, &format!("{path}.err"), depth + 1)?,
                    _ => return Err((ErrorKind::InvalidTag, at)),
                }
            }
            Schema::Array { len, item } => {
                for i in 0..len {
                    self.value(item, &format!("{path}[{i}]"), depth)?;
                }
            }
            Schema::Tuple { items } => {
                for (i, item) in items.iter().enumerate() {
                    self.value(item, &format!("{path}.{i}"), depth)?;
                }
            }
            Schema::Seq {
                capacity,
                item,
                borrowed,
            } => {
                let len = self.length(capacity, path, depth)?;
                if borrowed {
                    self.view(len, false, path, depth)?;
                } else {
                    for i in 0..len {
                        self.value(item, &format!("{path}[{i}]"), depth + 1)?;
                    }
                }
            }
            Schema::Str { capacity, borrowed } => {
                let len = self.length(capacity, path, depth)?;
                if borrowed {
                    self.view(len, true, path, depth)?;
                } else {
                    let (at, start) = (self.at(), self.pos);
                    let bytes = self.take(len)?;
                    self.text(at, start, &bytes, path, depth)?;
                }
            }
            Schema::Struct {
                name,
                fields,
                extensible: false,
                ..
            } => {
                self.line(at, start, &[], depth, &format!("{path}: {name}"));
                for f in fields {
                    self.value(f.schema, &format!("{path}.{}", f.name), depth + 1)?;
                }
            }
            Schema::Struct {
                name,
                fields,
                extensible: true,
                first_version_fields,
                ..
            } => self.extensible_body(name, fields, first_version_fields, path, depth)?,
            Schema::OpenEnum {
                name,
                tag_width,
                variants,
                extensible,
                other,
                ..
            } => {
                // §17: the tag; a known variant's fields (in a body when extensible), or
                // the catch-all's body, kept or skipped.
                let (tag, bytes) = self.uint(usize::from(tag_width), false)?;
                let variant = variants.iter().find(|v| u128::from(v.tag) == tag);
                let shown = match (variant, other) {
                    (Some(v), _) => v.name,
                    (None, Some(o)) => o.name,
                    (None, None) => "no such variant",
                };
                self.line(
                    at,
                    start,
                    &bytes,
                    depth,
                    &format!("{path}: {name} tag {tag:#x} = {shown}"),
                );
                match (variant, other) {
                    (Some(v), _) if extensible => {
                        self.extensible_body(v.name, v.fields, 0, path, depth + 1)?;
                    }
                    (Some(v), _) => {
                        for f in v.fields {
                            self.value(f.schema, &format!("{path}.{}", f.name), depth + 1)?;
                        }
                    }
                    (None, None) => return Err((ErrorKind::InvalidTag, at)),
                    (None, Some(_)) if !extensible => {}
                    (None, Some(o)) => {
                        let path = format!("{path}.{}", o.name);
                        match o.body {
                            // A body that fits is kept, a longer one skipped.
                            Some(Schema::Option { some }) => {
                                // Past the capacity: skipped (a body of another type never
                                // comes from the derive; read as kept).
                                let capacity = layout::kept_capacity(some).unwrap_or(usize::MAX);
                                let start = self.pos;
                                let (s, _) = self.uint(4, false)?;
                                self.pos = start;
                                match usize::try_from(s) {
                                    Ok(s) if s <= capacity => self.value(some, &path, depth + 1)?,
                                    _ => self.skip_body(&path, depth + 1)?,
                                }
                            }
                            Some(body) => self.value(body, &path, depth + 1)?,
                            None => self.skip_body(&path, depth + 1)?,
                        }
                    }
                }
            }
            Schema::Enum {
                name,
                tag_width,
                variants,
                ..
            } => {
                let (tag, bytes) = self.uint(usize::from(tag_width), false)?;
                let variant = variants.iter().find(|v| u128::from(v.tag) == tag);
                let shown = variant.map_or("no such variant", |v| v.name);
                self.line(
                    at,
                    start,
                    &bytes,
                    depth,
                    &format!("{path}: {name} tag {tag:#x} = {shown}"),
                );
                let Some(variant) = variant else {
                    return Err((ErrorKind::InvalidTag, at));
                };
                for f in variant.fields {
                    self.value(f.schema, &format!("{path}.{}", f.name), depth + 1)?;
                }
            }
            _ => return Err((ErrorKind::Unsupported, at)),
        }
        Ok(())
    }

    /// An extensible body (§13, §17.2): its length, then `fields` zero-extended (the first
    /// `first_version_fields` from real bytes only), then the unknown tail, which must be
    /// zero.
    fn extensible_body(
        &mut self,
        name: &str,
        fields: &[crosswire::schema::Field],
        first_version_fields: usize,
        path: &str,
        depth: usize,
    ) -> Result<(), Failure> {
        let (at, start) = (self.at(), self.pos);
        let body_max = layout::fields_max(fields).unwrap_or(usize::MAX);
        let (s, bytes) = self.uint(4, false)?;
        let s = usize::try_from(s).unwrap_or(usize::MAX);
        self.line(
            at,
            start,
            &bytes,
            depth,
            &format!("{path}: {name}, body of {s} bytes (this version reads {body_max})"),
        );
        if s > self.end - self.pos {
            return Err((ErrorKind::UnexpectedEnd, self.real));
        }
        let (outer_real, outer_end, body_start) = (self.real, self.end, self.pos);
        self.real = outer_real.min(body_start + s);
        let zero_extended_end = body_start + s.max(body_max);
        // The first version's fields from real bytes only (§13).
        self.end = self.real.max(self.pos);
        let (required, later) = fields.split_at(first_version_fields.min(fields.len()));
        let mut result = required
            .iter()
            .try_for_each(|f| self.value(f.schema, &format!("{path}.{}", f.name), depth + 1));
        self.end = zero_extended_end;
        if result.is_ok() {
            result = later
                .iter()
                .try_for_each(|f| self.value(f.schema, &format!("{path}.{}", f.name), depth + 1));
        }
        let tail = (self.pos..self.real).find(|&p| self.data[p] != 0);
        let (read_to, real_to) = (self.pos, self.real);
        self.real = outer_real;
        self.end = outer_end;
        self.pos = body_start + s;
        result?;
        if let Some(p) = tail {
            return Err((ErrorKind::NonZeroTail, p));
        }
        if real_to > read_to {
            let tail = &self.data[read_to..real_to];
            let text = format!("{path}: unknown tail of {} zero bytes", tail.len());
            let tail = tail.to_vec();
            self.line(read_to, read_to, &tail, depth + 1, &text);
        }
        Ok(())
    }

    fn length(&mut self, capacity: usize, path: &str, depth: usize) -> Result<usize, Failure> {
        let (at, start) = (self.at(), self.pos);
        let (len, bytes) = self.uint(4, false)?;
        self.line(
            at,
            start,
            &bytes,
            depth,
            &format!("{path}: length {len} (capacity {capacity})"),
        );
        match usize::try_from(len) {
            Ok(len) if len <= capacity => Ok(len),
            _ => Err((ErrorKind::LengthOverCapacity, at)),
        }
    }

    fn view(&mut self, len: usize, utf8: bool, path: &str, depth: usize) -> Result<(), Failure> {
        let (at, start) = (self.at(), self.pos);
        if self.end - self.pos < len || (len != 0 && self.real.saturating_sub(self.pos) < len) {
            // A view points into the input: it cannot hold virtual zeros (§13).
            return Err((ErrorKind::UnexpectedEnd, self.real));
        }
        let bytes = self.take(len)?;
        if utf8 {
            self.text(at, start, &bytes, path, depth)
        } else {
            self.line(at, start, &bytes, depth + 1, &format!("{path}: bytes"));
            Ok(())
        }
    }

    fn text(
        &mut self,
        at: usize,
        start: usize,
        bytes: &[u8],
        path: &str,
        depth: usize,
    ) -> Result<(), Failure> {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                self.line(at, start, bytes, depth + 1, &format!("{path}: {s:?}"));
                Ok(())
            }
            Err(e) => {
                self.line(at, start, bytes, depth + 1, &format!("{path}: not UTF-8"));
                Err((ErrorKind::InvalidUtf8, at + e.valid_up_to()))
            }
        }
    }
}

/// Whether the 8-byte wire value `v` of a `usize` (or, `signed`, an `isize`) fits this
/// target's (§3.2).
fn fits_pointer_width(v: u128, signed: bool) -> bool {
    let Ok(v) = u64::try_from(v) else {
        return false;
    };
    if signed {
        isize::try_from(i64::from_ne_bytes(v.to_ne_bytes())).is_ok()
    } else {
        usize::try_from(v).is_ok()
    }
}
