//! Reading bytes by a schema alone: the value's parts in reading order, each with its
//! offset, bytes and path, and the exact place, reason and path of a decode failure.
//!
//! The walk follows the rules of the [spec](crate::spec) on its own (real bytes, then the
//! virtual zeros of a short extensible body, §13) and reports the same error kind and
//! offset as the decoder; the tests hold it to that. It backs [`Error::locate`] (the field
//! a decode error happened in, `no_std` and without allocation) and the byte annotator of
//! `crosswire-cgen`. Only failures pay for it: nothing on the decode path calls it.

use core::fmt;

use super::{Described, Field, Int, Schema, Variant};
use crate::{Error, ErrorKind};

/// How many steps a [`Path`] holds; deeper steps are counted, not kept.
pub const PATH_STEPS: usize = 8;

/// How deep the walk follows nested schemas: a hand-written `static` schema can refer to
/// itself, and the walk must end (with [`ErrorKind::TooDeep`]).
const MAX_NESTING: usize = 64;

/// One step from a value into a part of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A named part: a struct's or variant's field, `some` of an `Option`, `ok`/`err` of a
    /// `Result`, `secs`/`nanos` of a `Duration`, the catch-all variant of an open enum.
    Field(&'static str),
    /// An element of an array or sequence: `[i]`.
    Index(usize),
    /// An element of a tuple: `.i`.
    Position(usize),
}

/// Where a part sits in a value: `Config.peers[2].port`. Fixed-size, no allocation: the
/// first [`PATH_STEPS`] steps are kept and deeper ones counted (shown as `...`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Path {
    root: &'static str,
    steps: [Step; PATH_STEPS],
    len: usize,
    hidden: usize,
}

impl Path {
    /// The path of the value itself, named `root`.
    pub const fn new(root: &'static str) -> Self {
        Path {
            root,
            steps: [Step::Index(0); PATH_STEPS],
            len: 0,
            hidden: 0,
        }
    }

    /// The name of the value the path starts at: its type's name, or `value`.
    pub const fn root(&self) -> &'static str {
        self.root
    }

    /// The steps kept, outermost first.
    pub fn steps(&self) -> &[Step] {
        self.steps.get(..self.len).unwrap_or(&[])
    }

    /// How many steps past the kept ones were dropped.
    pub const fn hidden_steps(&self) -> usize {
        self.hidden
    }

    fn push(&mut self, step: Step) {
        match self.steps.get_mut(self.len) {
            Some(slot) if self.hidden == 0 => {
                *slot = step;
                self.len = self.len.saturating_add(1);
            }
            _ => self.hidden = self.hidden.saturating_add(1),
        }
    }

    fn pop(&mut self) {
        if self.hidden > 0 {
            self.hidden = self.hidden.saturating_sub(1);
        } else {
            self.len = self.len.saturating_sub(1);
        }
    }
}

impl fmt::Display for Path {
    /// `Config.peers[2].port`; `Pair.0` for a tuple's element.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.root)?;
        for step in self.steps() {
            match step {
                Step::Field(name) => write!(f, ".{name}")?,
                Step::Index(i) => write!(f, "[{i}]")?,
                Step::Position(i) => write!(f, ".{i}")?,
            }
        }
        if self.hidden > 0 {
            f.write_str("...")?;
        }
        Ok(())
    }
}

/// What a part of the value read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// An integer (also a `Duration`'s `secs` and `nanos`): its bits, zero-extended.
    Int {
        /// The bits as read.
        bits: u128,
        /// Its kind.
        int: Int,
    },
    /// A `bool`'s byte.
    Bool(u8),
    /// A `char`'s scalar value, valid or not.
    Char(u32),
    /// A float's bits.
    Float(u128),
    /// An `Option`'s tag.
    OptionTag(u8),
    /// A `Result`'s tag.
    ResultTag(u8),
    /// A sequence's or string's length prefix, and its capacity.
    Length {
        /// The length read.
        len: u32,
        /// The capacity of the type.
        capacity: usize,
    },
    /// A borrowed byte view.
    Bytes,
    /// A string's bytes: `true` when they are UTF-8.
    Text(bool),
    /// The start of a struct (no bytes).
    Struct(&'static str),
    /// The length of an extensible body (§13, §17.2).
    Body {
        /// The type (or variant) the body holds.
        name: &'static str,
        /// The body's length on the wire.
        size: usize,
        /// How many bytes this version reads at most (`None` on overflow).
        reads: Option<usize>,
    },
    /// An enum's tag and the variant it names.
    Tag {
        /// The enum.
        name: &'static str,
        /// The tag read.
        tag: u32,
        /// The variant it selects (the catch-all's name for an unknown tag), or `None`.
        variant: Option<&'static str>,
    },
    /// The length of an unknown variant's body that is skipped (§17.2).
    Skipped(usize),
    /// The zero bytes after the fields this version knows, in an extensible body.
    Tail,
}

/// One part of the value, as [`walk`] reads it.
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    /// Its offset, virtual zeros counted as bytes (§13).
    pub at: usize,
    /// How many bytes it covers, virtual zeros included.
    pub len: usize,
    /// The real bytes among them (the first `real.len()` of `len`; the rest are virtual
    /// zeros).
    pub real: &'a [u8],
    /// Where it sits in the value.
    pub path: &'a Path,
    /// How deep it sits, for indentation: a struct's fields one level below the struct.
    pub depth: usize,
    /// What it read as.
    pub value: Value,
}

/// What [`walk`] reports each part to.
pub trait Visit {
    /// One part, in reading order.
    fn item(&mut self, item: &Item<'_>);
}

/// A [`Visit`] that ignores every part.
impl Visit for () {
    fn item(&mut self, _: &Item<'_>) {}
}

/// Reads the value of `schema` at the start of `input` (as `take_from_bytes` does),
/// reporting each part to `visit`. Returns the bytes consumed, or the error and the path
/// of the part it happened in (the value's own path, `root`, when it is not in a part).
#[expect(
    clippy::result_large_err,
    reason = "the path is the point of the error, and only failures carry it"
)]
pub fn walk(
    schema: &Schema,
    root: &'static str,
    input: &[u8],
    visit: &mut impl Visit,
) -> Result<usize, (Error, Path)> {
    let mut w = Walker {
        data: input,
        pos: 0,
        real: input.len(),
        end: input.len(),
        path: Path::new(root),
        levels: MAX_NESTING,
        visit,
    };
    match w.value(schema, 0) {
        Ok(()) => Ok(w.pos),
        Err(e) => Err((e, w.path)),
    }
}

/// The path of the part of a `schema` value that `error`, from decoding `input`, happened
/// in; `None` when the walk does not reach the same error there (a type whose decoder
/// checks more than its schema says). `TrailingBytes` after the value is the value's own.
pub fn locate(schema: &Schema, input: &[u8], error: Error) -> Option<Path> {
    let root = root_name(schema);
    match walk(schema, root, input, &mut ()) {
        Err((e, path)) if e == error => Some(path),
        Ok(n) if error == Error::new(ErrorKind::TrailingBytes, n) && n < input.len() => {
            Some(Path::new(root))
        }
        _ => None,
    }
}

/// The name a path into a `schema` value starts with: the type's name, or `value`.
pub fn root_name(schema: &Schema) -> &'static str {
    match *schema {
        Schema::Struct { name, .. } | Schema::Enum { name, .. } | Schema::OpenEnum { name, .. } => {
            name
        }
        _ => "value",
    }
}

/// A decode error and the field it happened in: `invalid tag at byte offset 16
/// (Config.serial)`. Made by [`Error::locate`]; `no_std`, no allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    error: Error,
    path: Option<Path>,
}

impl Located {
    /// The error.
    pub const fn error(&self) -> Error {
        self.error
    }

    /// Where in the value it happened, when the schema could tell.
    pub const fn path(&self) -> Option<&Path> {
        self.path.as_ref()
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{} ({path})", self.error),
            None => write!(f, "{}", self.error),
        }
    }
}

impl core::error::Error for Located {}

impl From<Located> for Error {
    fn from(located: Located) -> Error {
        located.error
    }
}

impl Error {
    /// This decode error with the field of `T` it happened in, found by reading `input`
    /// again by `T`'s schema (only on this, the failure path: decoding itself keeps no
    /// trace of where it is).
    ///
    /// ```
    /// use crosswire::{Decode, Described, MaxSize};
    ///
    /// #[derive(Debug, Decode, MaxSize, Described)]
    /// struct Config {
    ///     id: u32,
    ///     serial: Option<u16>,
    /// }
    ///
    /// let bytes = [1, 0, 0, 0, 7];
    /// let e = crosswire::from_bytes::<Config>(&bytes).unwrap_err();
    /// assert_eq!(
    ///     e.locate::<Config>(&bytes).to_string(),
    ///     "invalid tag at byte offset 4 (Config.serial)"
    /// );
    /// ```
    pub fn locate<T: Described + ?Sized>(self, input: &[u8]) -> Located {
        Located {
            error: self,
            path: locate(T::SCHEMA, input, self),
        }
    }
}

struct Walker<'a, 'v, V> {
    data: &'a [u8],
    pos: usize,
    /// The end of the real bytes: past it, a short extensible body reads zeros (§13).
    real: usize,
    /// The end of what may be read, real or virtual.
    end: usize,
    path: Path,
    levels: usize,
    visit: &'v mut V,
}

impl<'a, V: Visit> Walker<'a, '_, V> {
    fn fail<T>(&self, kind: ErrorKind, at: usize) -> Result<T, Error> {
        Err(Error::new(kind, at))
    }

    /// How many bytes, real or virtual, are left to read.
    fn room(&self) -> usize {
        self.end.saturating_sub(self.pos)
    }

    /// The real bytes among the `len` at `at`.
    fn real_bytes(&self, at: usize, len: usize) -> &'a [u8] {
        let lo = at.min(self.real);
        let hi = at.saturating_add(len).min(self.real).max(lo);
        self.data.get(lo..hi).unwrap_or(&[])
    }

    /// Reports the part of `len` bytes at `at`.
    fn emit(&mut self, at: usize, len: usize, depth: usize, value: Value) {
        let item = Item {
            at,
            len,
            real: self.real_bytes(at, len),
            path: &self.path,
            depth,
            value,
        };
        self.visit.item(&item);
    }

    /// The next `n` bytes (virtual zeros past `real`) as an unsigned number, or
    /// `UnexpectedEnd`.
    fn uint(&mut self, n: usize, big_endian: bool) -> Result<u128, Error> {
        if self.room() < n {
            return self.fail(ErrorKind::UnexpectedEnd, self.real);
        }
        let byte = |p: usize| {
            if p < self.real {
                self.data.get(p).copied().unwrap_or(0)
            } else {
                0
            }
        };
        let fold = |v: u128, p: usize| v.wrapping_shl(8) | u128::from(byte(p));
        let bytes = self.pos..self.pos.saturating_add(n);
        let v = if big_endian {
            bytes.fold(0, fold)
        } else {
            bytes.rev().fold(0, fold)
        };
        self.pos = self.pos.saturating_add(n);
        Ok(v)
    }

    /// A `u8`, `u32`... read by [`uint`](Self::uint): the narrowing cannot lose bits.
    fn uint_of<T: TryFrom<u128>>(&mut self, n: usize) -> Result<T, Error> {
        let at = self.pos;
        let v = self.uint(n, false)?;
        T::try_from(v).or(self.fail(ErrorKind::Unsupported, at))
    }

    fn nested(&mut self, step: Step, schema: &Schema, depth: usize) -> Result<(), Error> {
        self.path.push(step);
        self.value(schema, depth)?;
        self.path.pop();
        Ok(())
    }

    fn fields(&mut self, fields: &[Field], depth: usize) -> Result<(), Error> {
        fields
            .iter()
            .try_for_each(|f| self.nested(Step::Field(f.name), f.schema, depth))
    }

    fn value(&mut self, schema: &Schema, depth: usize) -> Result<(), Error> {
        let at = self.pos;
        let Some(levels) = self.levels.checked_sub(1) else {
            return self.fail(ErrorKind::TooDeep, at);
        };
        self.levels = levels;
        self.read(schema, at, depth)?;
        self.levels = self.levels.saturating_add(1);
        Ok(())
    }

    fn read(&mut self, schema: &Schema, at: usize, depth: usize) -> Result<(), Error> {
        match *schema {
            Schema::Int { int } => {
                let width = usize::from(int.width);
                let bits = self.uint(width, int.big_endian)?;
                self.emit(at, width, depth, Value::Int { bits, int });
                if int.nonzero && bits == 0 {
                    return self.fail(ErrorKind::ZeroNonZero, at);
                }
                // §3.2: `usize`/`isize` hold what this target's pointer width holds.
                if int.pointer_sized && !fits_pointer_width(bits, int.signed) {
                    return self.fail(ErrorKind::IntegerOutOfRange, at);
                }
            }
            Schema::Bool => {
                let v = self.uint_of(1)?;
                self.emit(at, 1, depth, Value::Bool(v));
                if v > 1 {
                    return self.fail(ErrorKind::InvalidBool, at);
                }
            }
            Schema::Char => {
                let v = self.uint_of(4)?;
                self.emit(at, 4, depth, Value::Char(v));
                if char::from_u32(v).is_none() {
                    return self.fail(ErrorKind::InvalidChar, at);
                }
            }
            Schema::Float { width } => {
                let bits = self.uint(usize::from(width), false)?;
                self.emit(at, usize::from(width), depth, Value::Float(bits));
            }
            Schema::Unit => {}
            Schema::Duration => {
                self.path.push(Step::Field("secs"));
                let bits = self.uint(8, false)?;
                self.emit(
                    at,
                    8,
                    depth,
                    Value::Int {
                        bits,
                        int: Int::new(8, false),
                    },
                );
                self.path.pop();
                self.path.push(Step::Field("nanos"));
                let at = self.pos;
                let bits = self.uint(4, false)?;
                self.emit(
                    at,
                    4,
                    depth,
                    Value::Int {
                        bits,
                        int: Int::new(4, false),
                    },
                );
                if bits >= 1_000_000_000 {
                    return self.fail(ErrorKind::InvalidDuration, at);
                }
                self.path.pop();
            }
            Schema::Option { some } => {
                let tag = self.uint_of(1)?;
                self.emit(at, 1, depth, Value::OptionTag(tag));
                match tag {
                    0 => {}
                    1 => self.nested(Step::Field("some"), some, depth.saturating_add(1))?,
                    _ => return self.fail(ErrorKind::InvalidTag, at),
                }
            }
            Schema::Result { ok, err } => {
                let tag = self.uint_of(1)?;
                self.emit(at, 1, depth, Value::ResultTag(tag));
                match tag {
                    0 => self.nested(Step::Field("ok"), ok, depth.saturating_add(1))?,
                    1 => self.nested(Step::Field("err"), err, depth.saturating_add(1))?,
                    _ => return self.fail(ErrorKind::InvalidTag, at),
                }
            }
            Schema::Array { len, item } => {
                for i in 0..len {
                    self.nested(Step::Index(i), item, depth)?;
                }
            }
            Schema::Tuple { items } => {
                for (i, item) in items.iter().enumerate() {
                    self.nested(Step::Position(i), item, depth)?;
                }
            }
            Schema::Seq {
                capacity,
                item,
                borrowed,
            } => {
                let len = self.length(capacity, depth)?;
                if borrowed {
                    self.view(len, false, depth)?;
                } else {
                    for i in 0..len {
                        self.nested(Step::Index(i), item, depth.saturating_add(1))?;
                    }
                }
            }
            Schema::Str { capacity, borrowed } => {
                let len = self.length(capacity, depth)?;
                if borrowed {
                    self.view(len, true, depth)?;
                } else {
                    let at = self.pos;
                    if self.room() < len {
                        return self.fail(ErrorKind::UnexpectedEnd, self.real);
                    }
                    self.pos = self.pos.saturating_add(len);
                    self.text(at, len, depth)?;
                }
            }
            Schema::Struct {
                name,
                fields,
                extensible: false,
                ..
            } => {
                self.emit(at, 0, depth, Value::Struct(name));
                self.fields(fields, depth.saturating_add(1))?;
            }
            Schema::Struct {
                name,
                fields,
                extensible: true,
                first_version_fields,
                ..
            } => self.extensible_body(name, fields, first_version_fields, depth)?,
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
                let variant = self.tag(name, tag_width, variants, other.map(|o| o.name), depth)?;
                match (variant, other) {
                    (Some(v), _) if extensible => {
                        self.extensible_body(v.name, v.fields, 0, depth.saturating_add(1))?;
                    }
                    (Some(v), _) => self.fields(v.fields, depth.saturating_add(1))?,
                    (None, None) => return self.fail(ErrorKind::InvalidTag, at),
                    (None, Some(_)) if !extensible => {}
                    (None, Some(o)) => {
                        self.path.push(Step::Field(o.name));
                        match o.body {
                            // A body that fits is kept, a longer one skipped.
                            Some(Schema::Option { some }) => {
                                // A body of another type than a bounded sequence never
                                // comes from the derive: read as kept.
                                let capacity = match some {
                                    Schema::Seq { capacity, .. } => *capacity,
                                    _ => usize::MAX,
                                };
                                let start = self.pos;
                                let size: u32 = self.uint_of(4)?;
                                self.pos = start;
                                match usize::try_from(size) {
                                    Ok(s) if s <= capacity => {
                                        self.value(some, depth.saturating_add(1))?
                                    }
                                    _ => self.skip_body(depth.saturating_add(1))?,
                                }
                            }
                            Some(body) => self.value(body, depth.saturating_add(1))?,
                            None => self.skip_body(depth.saturating_add(1))?,
                        }
                        self.path.pop();
                    }
                }
            }
            Schema::Enum {
                name,
                tag_width,
                variants,
                ..
            } => {
                let variant = self.tag(name, tag_width, variants, None, depth)?;
                let Some(variant) = variant else {
                    return self.fail(ErrorKind::InvalidTag, at);
                };
                self.fields(variant.fields, depth.saturating_add(1))?;
            }
        }
        Ok(())
    }

    /// An enum's tag, reported with the variant it selects (`other` for an unknown tag).
    fn tag(
        &mut self,
        name: &'static str,
        tag_width: u8,
        variants: &'static [Variant],
        other: Option<&'static str>,
        depth: usize,
    ) -> Result<Option<&'static Variant>, Error> {
        let at = self.pos;
        let width = usize::from(tag_width);
        let tag = self.uint_of(width)?;
        let variant = variants.iter().find(|v| v.tag == tag);
        let shown = variant.map(|v| v.name).or(other);
        self.emit(
            at,
            width,
            depth,
            Value::Tag {
                name,
                tag,
                variant: shown,
            },
        );
        Ok(variant)
    }

    /// The length and bytes of an unknown variant's body that is not kept (§17.2).
    fn skip_body(&mut self, depth: usize) -> Result<(), Error> {
        let at = self.pos;
        let size: u32 = self.uint_of(4)?;
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        self.emit(at, 4, depth, Value::Skipped(size));
        if size > self.room() {
            return self.fail(ErrorKind::UnexpectedEnd, self.real);
        }
        self.pos = self.pos.saturating_add(size);
        Ok(())
    }

    /// An extensible body (§13, §17.2): its length, then `fields` zero-extended (the first
    /// `first_version_fields` from real bytes only), then the unknown tail, which must be
    /// zero.
    fn extensible_body(
        &mut self,
        name: &'static str,
        fields: &[Field],
        first_version_fields: usize,
        depth: usize,
    ) -> Result<(), Error> {
        let at = self.pos;
        let reads = super::size::fields_max(fields);
        let size: u32 = self.uint_of(4)?;
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        self.emit(at, 4, depth, Value::Body { name, size, reads });
        if size > self.room() {
            return self.fail(ErrorKind::UnexpectedEnd, self.real);
        }
        let (outer_real, outer_end, body_start) = (self.real, self.end, self.pos);
        self.real = outer_real.min(body_start.saturating_add(size));
        let zero_extended_end = body_start.saturating_add(size.max(reads.unwrap_or(usize::MAX)));
        // The first version's fields from real bytes only (§13).
        self.end = self.real.max(self.pos);
        let (required, later) = fields.split_at(first_version_fields.min(fields.len()));
        let mut result = self.fields(required, depth.saturating_add(1));
        self.end = zero_extended_end;
        if result.is_ok() {
            result = self.fields(later, depth.saturating_add(1));
        }
        let (read_to, real_to) = (self.pos, self.real);
        let tail = self
            .data
            .get(read_to..real_to)
            .and_then(|t| t.iter().position(|&b| b != 0));
        self.real = outer_real;
        self.end = outer_end;
        self.pos = body_start.saturating_add(size);
        result?;
        if let Some(p) = tail {
            return self.fail(ErrorKind::NonZeroTail, read_to.saturating_add(p));
        }
        if real_to > read_to {
            let deeper = depth.saturating_add(1);
            self.emit(
                read_to,
                real_to.saturating_sub(read_to),
                deeper,
                Value::Tail,
            );
        }
        Ok(())
    }

    fn length(&mut self, capacity: usize, depth: usize) -> Result<usize, Error> {
        let at = self.pos;
        let len: u32 = self.uint_of(4)?;
        self.emit(at, 4, depth, Value::Length { len, capacity });
        match usize::try_from(len) {
            Ok(len) if len <= capacity => Ok(len),
            _ => self.fail(ErrorKind::LengthOverCapacity, at),
        }
    }

    fn view(&mut self, len: usize, utf8: bool, depth: usize) -> Result<(), Error> {
        let at = self.pos;
        if self.room() < len || (len != 0 && self.real.saturating_sub(self.pos) < len) {
            // A view points into the input: it cannot hold virtual zeros (§13).
            return self.fail(ErrorKind::UnexpectedEnd, self.real);
        }
        self.pos = self.pos.saturating_add(len);
        if utf8 {
            self.text(at, len, depth)
        } else {
            self.emit(at, len, depth.saturating_add(1), Value::Bytes);
            Ok(())
        }
    }

    /// The `len` bytes of a string at `at`, already consumed: reported, then checked.
    fn text(&mut self, at: usize, len: usize, depth: usize) -> Result<(), Error> {
        // Virtual zeros are ASCII: the real bytes alone decide, and an incomplete character
        // at their end is invalid either way (cut, or followed by a zero).
        let checked = core::str::from_utf8(self.real_bytes(at, len));
        self.emit(
            at,
            len,
            depth.saturating_add(1),
            Value::Text(checked.is_ok()),
        );
        match checked {
            Ok(_) => Ok(()),
            Err(e) => self.fail(ErrorKind::InvalidUtf8, at.saturating_add(e.valid_up_to())),
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
