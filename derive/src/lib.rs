//! Derive macros for crosswire: `#[derive(Encode, Decode, MaxSize, Described)]`.
//!
//! Use them through the `crosswire` crate, which re-exports them; see [`docs/derive.md`]
//! for every attribute. The macro works in four steps, as serde_derive's internals do:
//! parse the attributes (`attr`) into a model of the type that keeps the original tokens
//! for spans (`model`), check the model as a whole (`check`), and generate one impl per
//! trait (`generate`), only from a model that passed. All errors are collected in one
//! context (`ctxt`) and reported together, each spanned at the offending tokens.
//!
//! [`docs/derive.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/derive.md

mod attr;
mod bound;
mod check;
mod ctxt;
mod generate;
mod model;
mod netlink;
#[cfg(test)]
mod output_tests;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

use crate::{ctxt::Ctxt, model::Input};

/// One of the three `generate::*::expand` functions.
type Generate = fn(&Input) -> proc_macro2::TokenStream;

/// The field checks a derive adds (`generate::hints`): `MaxSize`'s for the `MaxSize` derive,
/// the trait every other one requires; `Encode`'s and `Decode`'s, for field types with a
/// `MaxSize`, for theirs; none for `Described`. A field type without `MaxSize` is then one
/// error, the `MaxSize` derive's.
type Hints = Option<generate::hints::Check>;

fn expand(input: TokenStream, generate: Generate, hints: Hints) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand_derive(&input, generate, hints).into()
}

/// The derive on `proc_macro2` tokens, so that tests can run it outside a compiler
/// (`output_tests`): the impl, or the compile errors.
fn expand_derive(
    input: &DeriveInput,
    generate: Generate,
    hints: Hints,
) -> proc_macro2::TokenStream {
    let model = Ctxt::run(|cx| {
        let mut model = Input::from_syn(cx, input)?;
        check::check(cx, &mut model);
        Some(model)
    });
    match model {
        Ok(Some(model)) => {
            let mut out = match hints {
                Some(check) => generate::hints::expand(&model, check),
                None => proc_macro2::TokenStream::new(),
            };
            out.extend(generate(&model));
            out
        }
        Err(e) => e.to_compile_error(),
        // `from_syn` reports every `None` it returns.
        Ok(None) => proc_macro2::TokenStream::new(),
    }
}

/// Derives `crosswire::MaxSize`: the compile-time bound on the encoded size.
///
/// A struct's `MAX_SIZE` is the sum over its fields, an enum's the tag's size plus the
/// largest variant, an extensible struct's 4 plus its fields. `FIXED_SIZE` is true when
/// every value takes exactly `MAX_SIZE` bytes (all fields fixed; for an enum, all variants
/// fixed and of one size; never for an extensible struct), and lets the generated encoder
/// and decoder check the room for the whole value once.
///
/// A field type without a `MaxSize` (a `&[u8]`, a `String`) is a compile error at that
/// field: use a bounded type instead.
///
/// ```
/// # extern crate cw as crosswire;
/// use crosswire::{BoundedVec, MaxSize};
///
/// #[derive(MaxSize)]
/// struct Stats {
///     rx: u64,
///     tx: u64,
///     errors: BoundedVec<u16, 8>,
/// }
///
/// assert_eq!(Stats::MAX_SIZE, 8 + 8 + 4 + 8 * 2);
/// let buf = [0u8; Stats::MAX_SIZE]; // always large enough
/// # let _ = buf;
/// ```
///
/// Attributes (all under `#[crosswire(...)]`, shared by the three derives; see
/// [`docs/derive.md`] for the details):
///
/// | attribute | on | effect |
/// | --- | --- | --- |
/// | `tag = "u8"`, `"u16"`, `"u32"` | enums | width of the tag (default: the `repr`'s if `u8`/`u16`/`u32`, else `u8`) |
/// | `extensible` | structs | size-versioned body (spec §13) |
/// | `extensible` | enums | each variant's fields are a size-versioned body (spec §17.2) |
/// | `other` | last variant | catch-all for unknown tags, `Unknown(u16)` (spec §17) |
/// | `crate = "path"` | any | path of the runtime crate (default `::crosswire`) |
/// | `bound = "T: Trait, ..."` | any | replaces the bounds added per type parameter that a field encodes |
/// | `skip` | fields | not encoded; decoded as `Default::default()` |
/// | `with = "module"` | fields | encoded by `module::{MAX_SIZE, encode, encoded_len, decode}`; described (`Described`) by `module::SCHEMA` |
///
/// [`docs/derive.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/derive.md
#[proc_macro_derive(MaxSize, attributes(crosswire))]
pub fn derive_max_size(input: TokenStream) -> TokenStream {
    expand(
        input,
        generate::max_size::expand,
        Some(generate::hints::Check::MaxSize),
    )
}

/// Derives `crosswire::Encode`: fields in declaration order, back to back; an enum's tag
/// (its variant's index, or the explicit discriminant) first.
///
/// ```
/// # extern crate cw as crosswire;
/// use crosswire::{Encode, MaxSize};
///
/// #[derive(Encode, MaxSize)]
/// #[crosswire(tag = "u16")]
/// #[repr(u16)] // Rust needs a repr for discriminants on variants with fields
/// enum Request {
///     Get { key: u32 } = 0x100,
///     Delete(u32) = 0x101,
///     Ping = 0x200,
/// }
///
/// let mut buf = [0u8; Request::MAX_SIZE];
/// let bytes = crosswire::to_slice(&Request::Get { key: 7 }, &mut buf)?;
/// assert_eq!(bytes, [0x00, 0x01, 7, 0, 0, 0]);
/// # Ok::<(), crosswire::Error>(())
/// ```
#[proc_macro_derive(Encode, attributes(crosswire))]
pub fn derive_encode(input: TokenStream) -> TokenStream {
    expand(
        input,
        generate::encode::expand,
        Some(generate::hints::Check::Encode),
    )
}

/// Derives `crosswire::Decode<'de>`. Every lifetime parameter of the type becomes the
/// input's lifetime `'de`, so fields such as `BoundedStr<'a, N>` borrow from the input
/// without copying. An unknown tag is `ErrorKind::InvalidTag` at the tag's offset.
///
/// ```
/// # extern crate cw as crosswire;
/// use crosswire::{BoundedStr, Decode, Encode, ErrorKind, MaxSize};
///
/// #[derive(Debug, PartialEq, Encode, Decode, MaxSize)]
/// struct Hello<'a> {
///     version: u8,
///     name: BoundedStr<'a, 16>,
/// }
///
/// let input = [1, 2, 0, 0, 0, b'h', b'i'];
/// let hello: Hello<'_> = crosswire::from_bytes(&input)?;
/// assert_eq!(&*hello.name, "hi"); // points into `input`
///
/// #[derive(Debug, Encode, Decode, MaxSize)]
/// enum Mode {
///     Off,
///     On,
/// }
/// let err = crosswire::from_bytes::<Mode>(&[2]).unwrap_err();
/// assert_eq!((err.kind(), err.offset()), (ErrorKind::InvalidTag, 0));
/// # Ok::<(), crosswire::Error>(())
/// ```
#[proc_macro_derive(Decode, attributes(crosswire))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    expand(
        input,
        generate::decode::expand,
        Some(generate::hints::Check::Decode),
    )
}

/// Derives `crosswire_kernel::netlink::NlaSet` (each field one netlink attribute, by its
/// `#[nla(id = N)]`) and `NlaValue` (the struct as a nest). Use it through
/// `crosswire_kernel` (feature `derive`); [`docs/netlink.md`] has the mapping.
///
/// Attributes: `#[nla(id = N)]` on every field (1 to 16383, unique);
/// `#[nla(family = "name", version = N, cmd = N)]` on the struct for a generic netlink
/// message (`GenlMessage`); `#[nla(crate = "path")]` for the path of `crosswire_kernel`.
///
/// [`docs/netlink.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/netlink.md
#[proc_macro_derive(NlaSet, attributes(nla))]
pub fn derive_nla_set(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    netlink::expand(&input).into()
}

/// Derives `crosswire_kernel::netlink::CLayout` for a struct with named fields of C types
/// (integers, `Be` integers, byte arrays): each field at the offset a C compiler gives it,
/// in host order, padding zeroed; a longer payload (a newer version of the struct) is read
/// as a prefix. `#[nla(crate = "path")]` names `crosswire_kernel`.
#[proc_macro_derive(CLayout, attributes(nla))]
pub fn derive_c_layout(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    netlink::expand_c_layout(&input).into()
}

/// Derives `crosswire::Described`: the type's wire shape as a constant
/// (`crosswire::schema::Schema`), for tools outside Rust such as the C header generator
/// (`crosswire-cgen`), and its fingerprint (`Described::FINGERPRINT`).
///
/// Separate from the other derives so that only the types shared with another language
/// carry a schema; nothing on the encode or decode paths reads it. Every field type must
/// implement `Described` (crosswire's own types do); a `#[crosswire(skip)]` field is left
/// out (it is not on the wire), and a `#[crosswire(with = "module")]` field is described by
/// `module::SCHEMA`.
///
/// ```
/// # extern crate cw as crosswire;
/// use crosswire::{schema::Schema, Described};
///
/// #[derive(Described)]
/// #[crosswire(tag = "u16")]
/// #[repr(u16)]
/// enum Cmd {
///     Get { key: u32 } = 0x100,
///     Ping = 0x200,
/// }
///
/// let Schema::Enum { tag_width, variants, .. } = Cmd::SCHEMA else { unreachable!() };
/// assert_eq!((*tag_width, variants[1].tag), (2, 0x200));
/// ```
#[proc_macro_derive(Described, attributes(crosswire))]
pub fn derive_described(input: TokenStream) -> TokenStream {
    expand(input, generate::schema::expand, None)
}
