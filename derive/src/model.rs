//! The derive's view of the input type: the container, its variants and fields, with the
//! original tokens kept for spans. Built from `syn::DeriveInput` with every parse error
//! collected in the [`Ctxt`]; what needs the whole model is checked afterwards, by
//! `check`.

use proc_macro2::Span;
use quote::format_ident;
use syn::{spanned::Spanned, Data as SynData, DeriveInput, Expr, Fields, Ident, Member, Type};

use crate::{
    attr::{self, TagWidth},
    ctxt::Ctxt,
};

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a syn::Generics,
    /// The runtime crate path, `::crosswire` unless overridden.
    pub krate: syn::Path,
    pub bound: Option<Vec<syn::WherePredicate>>,
    /// Where `#[crosswire(tag = ...)]` was written, if it was (for `check`).
    pub tag_attr: Option<Span>,
    /// Where `#[crosswire(extensible)]` was written, if it was (for `check`).
    pub extensible_attr: Option<Span>,
    /// Where `#[crosswire(plain)]` was written, if it was (`generate::plain`).
    pub plain_attr: Option<Span>,
    /// The type's own attributes (`generate::plain` reads its `repr`).
    pub attrs: &'a [syn::Attribute],
    pub data: Data<'a>,
}

pub enum Data<'a> {
    Struct {
        style: Style,
        fields: Vec<Field<'a>>,
        extensible: bool,
    },
    Enum {
        tag: TagWidth,
        variants: Vec<Variant<'a>>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Named,
    Tuple,
    Unit,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub style: Style,
    pub fields: Vec<Field<'a>>,
    /// The explicit discriminant, `= 0x100`, if any.
    pub discriminant: Option<&'a Expr>,
    /// The tag value: 0 until `check` assigns it, checked to fit the enum's tag width.
    pub tag: u64,
    /// Set by `check` when the tag is a constant expression (or counts on from one),
    /// which the generated code computes: `tag` is then meaningless.
    pub tag_computed: bool,
    /// Where `#[crosswire(other)]` was written: the catch-all of a forward-compatible
    /// enum (`generate::open_enum`), which has no tag of its own.
    pub other: Option<Span>,
}

pub struct Field<'a> {
    /// `self.<member>` for structs.
    pub member: Member,
    /// The local name a pattern binds this field to.
    pub binding: Ident,
    pub ty: &'a Type,
    /// Native, skipped, or through a `with` module.
    pub codec: attr::FieldCodec,
    /// `since = N`: the version of an extensible struct that added the field.
    pub since: Option<attr::Since>,
}

impl Field<'_> {
    /// Whether the field goes through its own type's traits (and so bounds its type).
    pub fn is_native(&self) -> bool {
        matches!(self.codec, attr::FieldCodec::Native)
    }
}

impl<'a> Input<'a> {
    /// Parses `input`; `None` when it cannot be modelled at all (the error is in `cx`).
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let attrs = attr::Container::parse(cx, &input.attrs);
        let data = match &input.data {
            SynData::Struct(data) => {
                let (style, fields) = fields_from_syn(cx, &data.fields);
                Data::Struct {
                    style,
                    fields,
                    extensible: attrs.extensible.is_some(),
                }
            }
            SynData::Enum(data) => {
                let variants = data
                    .variants
                    .iter()
                    .map(|v| {
                        let other = attr::variant(cx, &v.attrs);
                        let (style, fields) = fields_from_syn(cx, &v.fields);
                        Variant {
                            ident: &v.ident,
                            style,
                            fields,
                            discriminant: v.discriminant.as_ref().map(|(_, e)| e),
                            tag: 0,
                            tag_computed: false,
                            other,
                        }
                    })
                    .collect();
                Data::Enum {
                    tag: attrs
                        .tag
                        .map(|(width, _)| width)
                        .or_else(|| repr_width(&input.attrs))
                        .unwrap_or(TagWidth::U8),
                    variants,
                }
            }
            SynData::Union(data) => {
                cx.push(syn::Error::new(
                    data.union_token.span(),
                    "crosswire cannot derive for unions: the wire format needs to know which \
                     field is live; use an enum",
                ));
                return None;
            }
        };
        let krate = attrs.krate.unwrap_or_else(|| {
            let mut path: syn::Path = Ident::new("crosswire", Span::call_site()).into();
            path.leading_colon = Some(Default::default());
            path
        });
        Some(Input {
            ident: &input.ident,
            generics: &input.generics,
            krate,
            bound: attrs.bound,
            tag_attr: attrs.tag.map(|(_, span)| span),
            extensible_attr: attrs.extensible,
            plain_attr: attrs.plain,
            attrs: &input.attrs,
            data,
        })
    }
}

fn fields_from_syn<'a>(cx: &Ctxt, fields: &'a Fields) -> (Style, Vec<Field<'a>>) {
    let style = match fields {
        Fields::Named(_) => Style::Named,
        Fields::Unnamed(_) => Style::Tuple,
        Fields::Unit => Style::Unit,
    };
    let fields = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let codec = attr::field(cx, &f.attrs);
            let member = match &f.ident {
                Some(ident) => Member::Named(ident.clone()),
                None => Member::Unnamed(i.into()),
            };
            // Bindings are positional so that no user name can collide with them.
            let binding = format_ident!("__f{}", i);
            Field {
                member,
                binding,
                ty: &f.ty,
                codec,
                since: attr::since(cx, &f.attrs),
            }
        })
        .collect();
    (style, fields)
}

/// The tag width an enum's `#[repr(u8 | u16 | u32)]` gives when it has no `tag` attribute:
/// the tag is then as wide as the discriminant. Other reprs (`C`, signed, 64-bit) give
/// none, and the tag stays `u8` unless `tag` says otherwise.
fn repr_width(attrs: &[syn::Attribute]) -> Option<TagWidth> {
    let mut width = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("repr")) {
        // A malformed `repr` is rustc's to report.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("u8") {
                width = Some(TagWidth::U8);
            } else if meta.path.is_ident("u16") {
                width = Some(TagWidth::U16);
            } else if meta.path.is_ident("u32") {
                width = Some(TagWidth::U32);
            } else if meta.input.peek(syn::token::Paren) {
                // `align(8)`, `packed(2)`: skip the argument.
                let _ = meta.input.parse::<proc_macro2::Group>();
            }
            Ok(())
        });
    }
    width
}
