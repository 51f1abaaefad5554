//! [`Described`]: a type's wire shape as a compile-time constant ([`Schema`]), and its
//! [`fingerprint`].
//!
//! The schema is what a tool outside the type needs to read and write its bytes without
//! the Rust code: the C header generator (`crosswire-cgen`), a byte annotator, a spec
//! export. It is `&'static` data, built by the compiler, allocation-free and `no_std`;
//! nothing on the encode or decode paths reads it, and a type pays for it only when
//! something names its [`Described::SCHEMA`] (derive it with `#[derive(Described)]`).
//!
//! Each kind of [`Schema`] is one section of the [spec](crate::spec); the impls for
//! crosswire's own types live beside their other traits, in `wire/`.
//!
//! ```
//! use crosswire::{schema::Schema, Described};
//!
//! #[derive(Described)]
//! struct Ping {
//!     seq: u32,
//!     payload: Option<u16>,
//! }
//!
//! let Schema::Struct { name, fields, extensible, .. } = Ping::SCHEMA else { panic!() };
//! assert_eq!((*name, fields.len(), *extensible), ("Ping", 2, false));
//! assert!(matches!(fields[1].schema, Schema::Option { .. }));
//! ```

mod size;
pub mod walk;

pub use size::{fields_max, max_size};

/// A type whose wire shape is known at compile time.
///
/// Derive it with `#[derive(Described)]` next to `Encode`/`Decode`/`MaxSize`. Only types
/// shared with another language or tool need it.
pub trait Described {
    /// The wire shape of the type.
    const SCHEMA: &'static Schema;
    /// [`fingerprint`] of [`SCHEMA`](Described::SCHEMA): equal on both sides of a border
    /// exactly when both were built from the same wire shape (up to a 64-bit hash).
    const FINGERPRINT: u64 = fingerprint(Self::SCHEMA);
}

/// The wire shape of a type: one variant per kind of the [spec](crate::spec).
///
/// Variants are braced so that schemas written as constants keep their nested references
/// `'static` (a braced literal extends the life of the borrows inside it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Schema {
    /// An integer (§3): fixed width, `usize`/`isize`, `Be<T>`, `NonZero`.
    Int {
        /// The integer.
        int: Int,
    },
    /// `bool` (§4).
    Bool,
    /// `char` (§5).
    Char,
    /// `f32` or `f64` (§6): the width in bytes, 4 or 8.
    Float {
        /// 4 or 8.
        width: u8,
    },
    /// `()`, `PhantomData<T>` (§7): nothing on the wire.
    Unit,
    /// `Option<T>` (§8).
    Option {
        /// `T`.
        some: &'static Schema,
    },
    /// `Duration` (§9): seconds as `u64`, nanoseconds as `u32` below `1_000_000_000`.
    Duration,
    /// `[T; N]` (§10.1).
    Array {
        /// `N`.
        len: usize,
        /// `T`.
        item: &'static Schema,
    },
    /// A bounded sequence (§10.2): owned (`BoundedVec`, heapless, arrayvec) or a borrowed
    /// byte view (`BoundedBytes`, whose `item` is `u8`).
    Seq {
        /// The capacity `N`, in elements.
        capacity: usize,
        /// The element type.
        item: &'static Schema,
        /// `true` for a view into the input (it cannot hold the virtual zeros of §13).
        borrowed: bool,
    },
    /// A bounded string (§11): owned (`BoundedString`, heapless, arrayvec) or a borrowed
    /// view (`BoundedStr`).
    Str {
        /// The capacity `N`, in bytes.
        capacity: usize,
        /// `true` for a view into the input (it cannot hold the virtual zeros of §13).
        borrowed: bool,
    },
    /// A tuple (§12.1).
    Tuple {
        /// The elements, in order.
        items: &'static [&'static Schema],
    },
    /// `Result<T, E>` (§12.2).
    Result {
        /// `T`, tag 0.
        ok: &'static Schema,
        /// `E`, tag 1.
        err: &'static Schema,
    },
    /// A derived struct (§12.1), or an extensible one (§13).
    Struct {
        /// The Rust name, without generics.
        name: &'static str,
        /// The schemas of the type parameters that fields encode, in declaration order
        /// (what tells `Pair<u8>` from `Pair<u16>`).
        type_args: &'static [&'static Schema],
        /// The values of the const parameters, in declaration order (`Buf<2>`'s `2`):
        /// what tools print beside the name; the fields' shapes already hold their effect.
        const_args: &'static [ConstArg],
        /// The fields in wire order; a tuple struct's are named `"0"`, `"1"`, ...
        fields: &'static [Field],
        /// `#[crosswire(extensible)]`.
        extensible: bool,
        /// How many of `fields`, from the first, are the first version's: those an
        /// extensible struct reads from real bytes only (§13), the ones without
        /// `#[crosswire(since = N)]`. All of them for a struct that is not extensible.
        first_version_fields: usize,
    },
    /// A derived enum (§12.3).
    Enum {
        /// The Rust name, without generics.
        name: &'static str,
        /// As for [`Schema::Struct`].
        type_args: &'static [&'static Schema],
        /// As for [`Schema::Struct`].
        const_args: &'static [ConstArg],
        /// The tag's width in bytes: 1, 2 or 4.
        tag_width: u8,
        /// The variants in declaration order.
        variants: &'static [Variant],
    },
    /// A forward-compatible enum (§17): with a catch-all variant for unknown tags
    /// (§17.1), or extensible, each variant's body after its length (§17.2), or both.
    OpenEnum {
        /// The Rust name, without generics.
        name: &'static str,
        /// As for [`Schema::Struct`].
        type_args: &'static [&'static Schema],
        /// As for [`Schema::Struct`].
        const_args: &'static [ConstArg],
        /// The tag's width in bytes: 1, 2 or 4.
        tag_width: u8,
        /// The known variants in declaration order (the catch-all is not among them).
        variants: &'static [Variant],
        /// `#[crosswire(extensible)]`: a `u32` body length after the tag (§17.2).
        extensible: bool,
        /// The `#[crosswire(other)]` variant, if any.
        other: Option<&'static Other>,
    },
}

/// An integer kind (§3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Int {
    /// Width on the wire in bytes: 1, 2, 4, 8 or 16.
    pub width: u8,
    /// Two's complement.
    pub signed: bool,
    /// `Be<T>` (§3.3): most significant byte first.
    pub big_endian: bool,
    /// `NonZero*` (§3.4): zero is rejected.
    pub nonzero: bool,
    /// `usize`/`isize` (§3.2): 8 bytes on the wire, range-checked against the target.
    pub pointer_sized: bool,
}

impl Int {
    /// A little-endian integer of `width` bytes.
    pub const fn new(width: u8, signed: bool) -> Int {
        Int {
            width,
            signed,
            big_endian: false,
            nonzero: false,
            pointer_sized: false,
        }
    }
}

/// A field of a struct or variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The Rust name (`"0"`, `"1"`, ... for tuple fields).
    pub name: &'static str,
    /// Its shape.
    pub schema: &'static Schema,
}

/// A variant of an enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The Rust name.
    pub name: &'static str,
    /// The tag on the wire: the explicit discriminant, or the index.
    pub tag: u32,
    /// The source writes the discriminant in hexadecimal (`= 0x10`), or follows a variant
    /// that does: tools print the tag alike.
    pub hex: bool,
    /// The fields, as a struct's.
    pub fields: &'static [Field],
}

/// The value of a const generic parameter (`N` in `Buf<const N: usize>`), by the kind of
/// its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstArg {
    /// `u8` ... `u128`, `usize`.
    Unsigned(u128),
    /// `i8` ... `i128`, `isize`.
    Signed(i128),
    /// `bool`.
    Bool(bool),
    /// `char`.
    Char(char),
}

impl core::fmt::Display for ConstArg {
    /// As the Rust source writes it: `2`, `-1`, `true`, `'a'`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {
            ConstArg::Unsigned(v) => write!(f, "{v}"),
            ConstArg::Signed(v) => write!(f, "{v}"),
            ConstArg::Bool(v) => write!(f, "{v}"),
            ConstArg::Char(v) => write!(f, "{v:?}"),
        }
    }
}

/// The catch-all variant of a forward-compatible enum (§17): what an unknown tag
/// decodes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Other {
    /// The Rust name.
    pub name: &'static str,
    /// The type that keeps an unknown variant's body (a bounded byte sequence) in an
    /// extensible enum; `None` when the body is skipped, or the enum is not extensible.
    pub body: Option<&'static Schema>,
}

/// A 64-bit hash of `schema`'s wire shape: kinds, widths, tags, capacities and the order
/// of all of these, but no names. Two types with equal fingerprints read and write the
/// same bytes (up to hash collisions); renaming a field or type keeps the fingerprint,
/// changing a width, capacity, tag or the order of fields changes it.
///
/// FNV-1a over a pre-order walk; each kind contributes a distinct code, so `(u8, u16)`
/// and `[u8; 3]` differ although both are 3 bytes.
pub const fn fingerprint(schema: &Schema) -> u64 {
    hash(FNV_OFFSET, schema)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Mixes the 8 bytes of `v` into `h`.
const fn mix(mut h: u64, v: u64) -> u64 {
    let bytes = v.to_le_bytes();
    let mut rest: &[u8] = &bytes;
    while let Some((b, tail)) = rest.split_first() {
        h ^= u64_from_u8(*b);
        h = h.wrapping_mul(FNV_PRIME);
        rest = tail;
    }
    h
}

const fn u64_from_u8(v: u8) -> u64 {
    // `From` is not const; this widening cannot lose bits.
    #[expect(clippy::as_conversions, reason = "u8 to u64 widens")]
    let v = v as u64;
    v
}

const fn u64_from_u32(v: u32) -> u64 {
    #[expect(clippy::as_conversions, reason = "u32 to u64 widens")]
    let v = v as u64;
    v
}

const fn u64_from_usize(v: usize) -> u64 {
    #[expect(
        clippy::as_conversions,
        reason = "usize is at most 64 bits on every target Rust supports"
    )]
    let v = v as u64;
    v
}

const fn bool_code(b: bool) -> u64 {
    if b {
        1
    } else {
        0
    }
}

const fn hash(h: u64, schema: &Schema) -> u64 {
    match *schema {
        Schema::Int { int } => {
            let mut h = mix(h, 1);
            h = mix(h, u64_from_u8(int.width));
            h = mix(h, bool_code(int.signed));
            h = mix(h, bool_code(int.big_endian));
            h = mix(h, bool_code(int.nonzero));
            mix(h, bool_code(int.pointer_sized))
        }
        Schema::Bool => mix(h, 2),
        Schema::Char => mix(h, 3),
        Schema::Float { width } => mix(mix(h, 4), u64_from_u8(width)),
        Schema::Unit => mix(h, 5),
        Schema::Option { some } => hash(mix(h, 6), some),
        Schema::Duration => mix(h, 7),
        Schema::Array { len, item } => hash(mix(mix(h, 8), u64_from_usize(len)), item),
        Schema::Seq {
            capacity,
            item,
            borrowed,
        } => {
            let h = mix(
                mix(mix(h, 9), u64_from_usize(capacity)),
                bool_code(borrowed),
            );
            hash(h, item)
        }
        Schema::Str { capacity, borrowed } => mix(
            mix(mix(h, 10), u64_from_usize(capacity)),
            bool_code(borrowed),
        ),
        Schema::Tuple { items } => {
            let mut h = mix(mix(h, 11), u64_from_usize(items.len()));
            let mut rest = items;
            while let Some((item, tail)) = rest.split_first() {
                h = hash(h, item);
                rest = tail;
            }
            h
        }
        Schema::Result { ok, err } => hash(hash(mix(h, 12), ok), err),
        Schema::Struct {
            fields,
            extensible,
            first_version_fields,
            ..
        } => {
            let mut h = mix(mix(h, 13), bool_code(extensible));
            // Only for an extensible struct, so that other structs' fingerprints stay.
            if extensible {
                h = mix(h, u64_from_usize(first_version_fields));
            }
            hash_fields(h, fields)
        }
        Schema::Enum {
            tag_width,
            variants,
            ..
        } => {
            let mut h = mix(mix(h, 14), u64_from_u8(tag_width));
            h = mix(h, u64_from_usize(variants.len()));
            let mut rest = variants;
            while let Some((variant, tail)) = rest.split_first() {
                h = mix(h, u64_from_u32(variant.tag));
                h = hash_fields(h, variant.fields);
                rest = tail;
            }
            h
        }
        Schema::OpenEnum {
            tag_width,
            variants,
            extensible,
            other,
            ..
        } => {
            let mut h = mix(
                mix(mix(h, 15), u64_from_u8(tag_width)),
                bool_code(extensible),
            );
            h = match other {
                None => mix(h, 0),
                Some(Other { body: None, .. }) => mix(h, 1),
                Some(Other {
                    body: Some(body), ..
                }) => hash(mix(h, 2), body),
            };
            h = mix(h, u64_from_usize(variants.len()));
            let mut rest = variants;
            while let Some((variant, tail)) = rest.split_first() {
                h = mix(h, u64_from_u32(variant.tag));
                h = hash_fields(h, variant.fields);
                rest = tail;
            }
            h
        }
    }
}

const fn hash_fields(mut h: u64, fields: &[Field]) -> u64 {
    h = mix(h, u64_from_usize(fields.len()));
    let mut rest = fields;
    while let Some((field, tail)) = rest.split_first() {
        h = hash(h, field.schema);
        rest = tail;
    }
    h
}

/// `impl Described for $ty { const SCHEMA = &$schema; }`, for the modules of `wire`.
macro_rules! described {
    ($($ty:ty => $schema:expr),* $(,)?) => {$(
        impl $crate::schema::Described for $ty {
            const SCHEMA: &'static $crate::schema::Schema = &$schema;
        }
    )*};
}

pub(crate) use described;
