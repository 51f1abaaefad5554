//! The derive's view of the input type: the container, its variants and fields, with the
//! original tokens kept for spans. Built from `syn::DeriveInput` with every error collected
//! in the [`Ctxt`].

use proc_macro2::Span;
use quote::format_ident;
use syn::{spanned::Spanned, Data as SynData, DeriveInput, Expr, Fields, Ident, Member, Type};

use crate::{
    attr::{self, TagWidth},
    check,
    ctxt::Ctxt,
};

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a syn::Generics,
    /// The runtime crate path, `::crosswire` unless overridden.
    pub krate: syn::Path,
    pub bound: Option<Vec<syn::WherePredicate>>,
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
    /// The tag value, checked to fit the enum's tag width.
    pub tag: u64,
}

pub struct Field<'a> {
    /// `self.<member>` for structs.
    pub member: Member,
    /// The local name a pattern binds this field to.
    pub binding: Ident,
    pub ty: &'a Type,
}

impl<'a> Input<'a> {
    /// Parses and checks `input`; `None` when there were errors (all of them are in `cx`).
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let attrs = attr::Container::parse(cx, &input.attrs);
        let data = match &input.data {
            SynData::Struct(data) => {
                if let Some((_, span)) = attrs.tag {
                    cx.push(syn::Error::new(
                        span,
                        "crosswire: `tag` applies to enums only; structs have no tag",
                    ));
                }
                let (style, fields) = fields_from_syn(cx, &data.fields);
                Data::Struct {
                    style,
                    fields,
                    extensible: attrs.extensible.is_some(),
                }
            }
            SynData::Enum(data) => {
                if let Some(span) = attrs.extensible {
                    cx.push(syn::Error::new(
                        span,
                        "crosswire: `extensible` applies to structs only",
                    ));
                }
                let tag = attrs.tag.map_or(TagWidth::U8, |(width, _)| width);
                let discriminants: Vec<(&Ident, Option<&Expr>)> = data
                    .variants
                    .iter()
                    .map(|v| (&v.ident, v.discriminant.as_ref().map(|(_, e)| e)))
                    .collect();
                let tags = check::assign_tags(cx, tag, &discriminants);
                let variants = data
                    .variants
                    .iter()
                    .zip(tags)
                    .map(|(v, tag)| {
                        attr::reject_all(cx, &v.attrs, "variants");
                        let (style, fields) = fields_from_syn(cx, &v.fields);
                        Variant {
                            ident: &v.ident,
                            style,
                            fields,
                            tag,
                        }
                    })
                    .collect();
                Data::Enum { tag, variants }
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
            attr::reject_all(cx, &f.attrs, "fields");
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
            }
        })
        .collect();
    (style, fields)
}
