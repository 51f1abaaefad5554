//! Parsing of `#[crosswire(...)]` attributes into plain values, each with the tokens it
//! came from so that later errors can point at them.

use proc_macro2::Span;
use syn::{punctuated::Punctuated, spanned::Spanned, Attribute, LitStr, Token, WherePredicate};

use crate::ctxt::Ctxt;

mod since;

pub use since::{since, Since};

/// The width of an enum's tag on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagWidth {
    U8,
    U16,
    U32,
}

impl TagWidth {
    /// The largest tag value of this width.
    pub fn max_value(self) -> u64 {
        match self {
            TagWidth::U8 => u8::MAX.into(),
            TagWidth::U16 => u16::MAX.into(),
            TagWidth::U32 => u32::MAX.into(),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TagWidth::U8 => "u8",
            TagWidth::U16 => "u16",
            TagWidth::U32 => "u32",
        }
    }
}

/// Attributes on the struct or enum itself.
pub struct Container {
    /// `crate = "path"`: the runtime crate, `::crosswire` by default.
    pub krate: Option<syn::Path>,
    /// `tag = "u8" | "u16" | "u32"` (enums only), with the span of the attribute.
    pub tag: Option<(TagWidth, Span)>,
    /// `extensible` (structs, and enums: spec §17.2), with the span of the word.
    pub extensible: Option<Span>,
    /// `bound = "T: Trait, ..."`: replaces the bounds the derive would add.
    pub bound: Option<Vec<WherePredicate>>,
    /// `plain` (structs only): the memory layout is the wire layout, with the span of the
    /// word.
    pub plain: Option<Span>,
}

const CONTAINER_KEYS: &str = "`crate`, `tag`, `extensible`, `bound`, `plain`";

impl Container {
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = Container {
            krate: None,
            tag: None,
            extensible: None,
            bound: None,
            plain: None,
        };
        for attr in crosswire_attrs(attrs) {
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("crate") {
                    let lit = string_value(&meta, "crate = \"::crosswire\"")?;
                    let path = lit.parse::<syn::Path>().map_err(|_| {
                        syn::Error::new(
                            lit.span(),
                            "crosswire: `crate` must be a path, such as \"::crosswire\"",
                        )
                    })?;
                    set_once(cx, &meta.path, &mut out.krate, path);
                } else if meta.path.is_ident("tag") {
                    let lit = string_value(&meta, "tag = \"u16\"")?;
                    let width = match lit.value().as_str() {
                        "u8" => TagWidth::U8,
                        "u16" => TagWidth::U16,
                        "u32" => TagWidth::U32,
                        _ => {
                            return Err(syn::Error::new(
                                lit.span(),
                                "crosswire: the tag must be \"u8\", \"u16\" or \"u32\"",
                            ))
                        }
                    };
                    set_once(cx, &meta.path, &mut out.tag, (width, meta.path.span()));
                } else if meta.path.is_ident("extensible") {
                    set_once(cx, &meta.path, &mut out.extensible, meta.path.span());
                } else if meta.path.is_ident("plain") {
                    set_once(cx, &meta.path, &mut out.plain, meta.path.span());
                } else if meta.path.is_ident("bound") {
                    let lit = string_value(&meta, "bound = \"T: Trait\"")?;
                    let preds =
                        lit.parse_with(Punctuated::<WherePredicate, Token![,]>::parse_terminated)?;
                    set_once(cx, &meta.path, &mut out.bound, preds.into_iter().collect());
                } else {
                    return Err(meta.error(unknown_message(&meta.path, CONTAINER_KEYS)));
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.push(e);
            }
        }
        out
    }
}

/// How a field goes on the wire.
pub enum FieldCodec {
    /// Through its type's own `Encode`/`Decode`/`MaxSize`.
    Native,
    /// `skip`: not on the wire; decoded as `Default::default()`.
    Skip,
    /// `with = "module"`: through `module::{MAX_SIZE, encode, encoded_len, decode}`.
    With(syn::Path),
}

const FIELD_KEYS: &str = "`skip`, `with`, `since`";

/// Attributes on a field: `skip` or `with = "module"`, at most one of them.
pub fn field(cx: &Ctxt, attrs: &[Attribute]) -> FieldCodec {
    let mut codec: Option<(FieldCodec, Span)> = None;
    for attr in crosswire_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            let parsed = if meta.path.is_ident("since") {
                // `attr::since`'s; its value is consumed here and checked there.
                meta.value()?.parse::<syn::Expr>()?;
                return Ok(());
            } else if meta.path.is_ident("skip") {
                FieldCodec::Skip
            } else if meta.path.is_ident("with") {
                let lit = string_value(&meta, "with = \"my_codec\"")?;
                let path = lit.parse::<syn::Path>().map_err(|_| {
                    syn::Error::new(
                        lit.span(),
                        "crosswire: `with` must be the path of a module, such as \"my_codec\"",
                    )
                })?;
                FieldCodec::With(path)
            } else {
                return Err(meta.error(unknown_message(&meta.path, FIELD_KEYS)));
            };
            if codec.is_some() {
                return Err(meta.error("crosswire: a field takes one of `skip` and `with`, once"));
            }
            codec = Some((parsed, meta.path.span()));
            Ok(())
        });
        if let Err(e) = result {
            cx.push(e);
        }
    }
    codec.map_or(FieldCodec::Native, |(codec, _)| codec)
}

/// Attributes on a variant: `other` (the catch-all of a forward-compatible enum, spec
/// §17), with the span of the word.
pub fn variant(cx: &Ctxt, attrs: &[Attribute]) -> Option<Span> {
    let mut other = None;
    for attr in crosswire_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("other") {
                set_once(cx, &meta.path, &mut other, meta.path.span());
                Ok(())
            } else {
                Err(meta.error(format_args!(
                    "unknown crosswire attribute `{}`; a variant takes only `other`",
                    path_name(&meta.path)
                )))
            }
        });
        if let Err(e) = result {
            cx.push(e);
        }
    }
    other
}

/// The string literal after `key =`, with an example of the right form when it is not one.
fn string_value(meta: &syn::meta::ParseNestedMeta, example: &str) -> syn::Result<LitStr> {
    let value = meta.value()?;
    let expr: syn::Expr = value.parse()?;
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) => Ok(lit),
        other => Err(syn::Error::new_spanned(
            other,
            format_args!("crosswire: expected a string literal, as in `{example}`"),
        )),
    }
}

fn crosswire_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("crosswire"))
}

fn set_once<T>(cx: &Ctxt, path: &syn::Path, slot: &mut Option<T>, value: T) {
    if slot.is_some() {
        cx.push(syn::Error::new_spanned(
            path,
            format_args!("duplicate crosswire attribute `{}`", path_name(path)),
        ));
    } else {
        *slot = Some(value);
    }
}

fn unknown_message(path: &syn::Path, expected: &str) -> String {
    format!(
        "unknown crosswire attribute `{}`; expected one of {expected}",
        path_name(path)
    )
}

fn path_name(path: &syn::Path) -> String {
    let mut name = String::new();
    for (i, seg) in path.segments.iter().enumerate() {
        if i > 0 {
            name.push_str("::");
        }
        name.push_str(&seg.ident.to_string());
    }
    name
}
