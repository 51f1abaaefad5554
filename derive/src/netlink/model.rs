//! The model of a `#[derive(NlaSet)]` struct, and its checks: every field has an id, ids
//! are in `1..=0x3FFF` (the 14 bits of `nla_type` below the flags) and unique.

use proc_macro2::Span;
use syn::{spanned::Spanned, LitInt, LitStr};

/// The largest attribute id: `nla_type` keeps its two top bits for flags.
const MAX_ID: u16 = 0x3FFF;

pub struct Input<'a> {
    pub ident: &'a syn::Ident,
    pub generics: &'a syn::Generics,
    /// The lifetime of the input the decoded value borrows from: the struct's own lifetime
    /// parameter, if it has one.
    pub lifetime: Option<&'a syn::Lifetime>,
    /// The path of `crosswire-kernel`.
    pub krate: syn::Path,
    pub fields: Vec<Field<'a>>,
    pub genl: Option<Genl>,
}

pub struct Field<'a> {
    pub member: syn::Member,
    pub ty: &'a syn::Type,
    pub id: u16,
}

/// `#[nla(family = "...", version = N, cmd = N)]`: a generic netlink message.
pub struct Genl {
    pub family: LitStr,
    pub version: LitInt,
    pub cmd: LitInt,
}

/// Collects errors, so that every problem is reported at once.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
    fn push(&mut self, e: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
    }

    fn at(&mut self, span: Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }
}

impl<'a> Input<'a> {
    pub fn from_syn(input: &'a syn::DeriveInput) -> Result<Self, syn::Error> {
        let mut errors = Errors::default();
        let mut krate: syn::Path = syn::parse_quote!(::crosswire_kernel);
        let (mut family, mut version, mut cmd) = (None, None, None);
        for attr in input.attrs.iter().filter(|a| a.path().is_ident("nla")) {
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("crate") {
                    let lit: LitStr = meta.value()?.parse()?;
                    krate = lit.parse()?;
                } else if meta.path.is_ident("family") {
                    family = Some(meta.value()?.parse::<LitStr>()?);
                } else if meta.path.is_ident("version") {
                    version = Some(meta.value()?.parse::<LitInt>()?);
                } else if meta.path.is_ident("cmd") {
                    cmd = Some(meta.value()?.parse::<LitInt>()?);
                } else {
                    return Err(meta.error(
                        "unknown `nla` attribute on the struct; expected `crate`, `family`, `version` or `cmd`",
                    ));
                }
                Ok(())
            });
            if let Err(e) = parsed {
                errors.push(e);
            }
        }
        let genl = match (family, version, cmd) {
            (Some(family), version, Some(cmd)) => Some(Genl {
                family,
                version: version.unwrap_or_else(|| LitInt::new("1", Span::call_site())),
                cmd,
            }),
            (None, None, None) => None,
            _ => {
                errors.at(
                    input.ident.span(),
                    "a generic netlink message needs `#[nla(family = \"name\", cmd = N)]` (and optionally `version = N`)",
                );
                None
            }
        };

        let mut lifetimes = input.generics.lifetimes();
        let lifetime = lifetimes.next().map(|l| &l.lifetime);
        if let Some(extra) = lifetimes.next() {
            errors.at(
                extra.span(),
                "`NlaSet` supports at most one lifetime: the receive buffer's",
            );
        }
        if let Some(param) = input.generics.type_params().next() {
            errors.at(param.span(), "`NlaSet` does not support type parameters");
        }
        if let Some(param) = input.generics.const_params().next() {
            errors.at(param.span(), "`NlaSet` does not support const parameters");
        }

        let syn::Data::Struct(data) = &input.data else {
            errors.at(
                input.ident.span(),
                "`NlaSet` is derived for structs: each field is an attribute",
            );
            return Err(errors.0.unwrap_or_else(|| unreachable_error(input)));
        };
        let mut fields: Vec<Field<'a>> = Vec::new();
        let mut seen: Vec<(u16, String)> = Vec::new();
        for (index, field) in data.fields.iter().enumerate() {
            let member = match &field.ident {
                Some(ident) => syn::Member::Named(ident.clone()),
                None => syn::Member::Unnamed(syn::Index::from(index)),
            };
            let name = match &field.ident {
                Some(ident) => format!("`{ident}`"),
                None => format!("{index}"),
            };
            let Some(lit) = field_id(field, &mut errors) else {
                continue;
            };
            let id = match lit.base10_parse::<u32>() {
                Ok(0) => {
                    errors.at(
                        lit.span(),
                        "attribute id 0 is NLA_UNSPEC, which netlink reserves; ids start at 1",
                    );
                    continue;
                }
                Ok(id) if id > u32::from(MAX_ID) => {
                    errors.at(
                        lit.span(),
                        format_args!(
                            "attribute id {id} does not fit nla_type's 14 bits (at most {MAX_ID})"
                        ),
                    );
                    continue;
                }
                Ok(id) => u16::try_from(id).unwrap_or(MAX_ID),
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            if let Some((_, other)) = seen.iter().find(|(seen_id, _)| *seen_id == id) {
                errors.at(
                    lit.span(),
                    format_args!("duplicate attribute id {id}: field {other} has it already"),
                );
                continue;
            }
            seen.push((id, name));
            fields.push(Field {
                member,
                ty: &field.ty,
                id,
            });
        }
        match errors.0 {
            Some(e) => Err(e),
            None => Ok(Input {
                ident: &input.ident,
                generics: &input.generics,
                lifetime,
                krate,
                fields,
                genl,
            }),
        }
    }
}

/// The literal of the field's `#[nla(id = N)]`, reporting a missing or malformed one.
fn field_id(field: &syn::Field, errors: &mut Errors) -> Option<LitInt> {
    let mut id = None;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("nla")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("id") {
                id = Some(meta.value()?.parse::<LitInt>()?);
                Ok(())
            } else {
                Err(meta.error("unknown `nla` attribute on a field; expected `id = N`"))
            }
        });
        if let Err(e) = parsed {
            errors.push(e);
            return None;
        }
    }
    if id.is_none() {
        let span = field
            .ident
            .as_ref()
            .map_or_else(|| field.ty.span(), |i| i.span());
        errors.at(
            span,
            "every field of an `NlaSet` needs its attribute id: `#[nla(id = N)]`",
        );
    }
    id
}

/// The error of a non-struct when nothing was collected (cannot happen: kept total).
fn unreachable_error(input: &syn::DeriveInput) -> syn::Error {
    syn::Error::new(input.ident.span(), "`NlaSet` is derived for structs")
}

/// The `#[nla(crate = "path")]` of a struct, `::crosswire_kernel` by default; other keys are
/// errors (for `#[derive(CLayout)]`, which has no other).
pub fn crate_path(input: &syn::DeriveInput) -> Result<syn::Path, syn::Error> {
    let mut krate: syn::Path = syn::parse_quote!(::crosswire_kernel);
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("nla")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let lit: LitStr = meta.value()?.parse()?;
                krate = lit.parse()?;
                Ok(())
            } else {
                Err(meta.error("unknown `nla` attribute for `CLayout`; expected `crate`"))
            }
        })?;
    }
    Ok(krate)
}
