//! `impl Described`: the type's wire shape as a constant (`crosswire::schema`).

use proc_macro2::{Literal, TokenStream};
use quote::{quote, quote_spanned};
use syn::{ext::IdentExt, spanned::Spanned, Member};

use super::{open_enum::OpenEnum, tag_size, tags};
use crate::{
    attr::FieldCodec,
    bound::{self, ImplGenerics},
    model::{Data, Field, Input, Variant},
};

pub fn expand(input: &Input) -> TokenStream {
    let krate = &input.krate;
    let g = bound::simple(input, &quote!(#krate::Described));
    let name = input.ident.to_string();
    let type_args = bound::used_type_params_in_order(input);
    let type_args = quote!(&[#(<#type_args as #krate::Described>::SCHEMA),*]);
    let const_args = const_args(krate, input.generics);
    let schema = match &input.data {
        Data::Struct {
            fields, extensible, ..
        } => {
            // Skipped fields are not on the wire (and not described): count the
            // first version's described fields.
            let first = if *extensible {
                super::versions::first_version_len(fields)
            } else {
                fields.len()
            };
            let first_version_fields = fields
                .iter()
                .take(first)
                .filter(|f| !matches!(f.codec, FieldCodec::Skip))
                .count();
            let fields = fields_schema(krate, &g, fields);
            quote!(#krate::schema::Schema::Struct {
                name: #name,
                type_args: #type_args,
                const_args: #const_args,
                fields: #fields,
                extensible: #extensible,
                first_version_fields: #first_version_fields,
            })
        }
        Data::Enum { tag, variants } => {
            // Tags fit a `u32`: `check` rejects wider ones.
            let tag_width = u8::try_from(tag_size(*tag)).unwrap_or(4);
            // A forward-compatible enum's `other` variant (the last) has no tag: it is
            // described apart (`open_enum`).
            let known = match variants.split_last() {
                Some((last, known)) if last.other.is_some() => known,
                _ => variants.as_slice(),
            };
            // Computed tags (`= BASE + 1`) are the constants `tags` defines, here as in the
            // codec; known ones are literals.
            let (tag_items, tag_exprs) = tags(krate, *tag, known);
            let computed = known.iter().any(|v| v.tag_computed);
            let variants: Vec<TokenStream> = known
                .iter()
                .zip(tag_exprs)
                .zip(hex_tags(known))
                .map(|((v, tag), hex)| {
                    let name = v.ident.to_string();
                    let fields = fields_schema(krate, &g, &v.fields);
                    let tag = if computed {
                        quote!(#tag as ::core::primitive::u32)
                    } else {
                        let tag = Literal::u32_unsuffixed(u32::try_from(v.tag).unwrap_or(0));
                        quote!(#tag)
                    };
                    quote!(#krate::schema::Variant {
                        name: #name,
                        tag: #tag,
                        hex: #hex,
                        fields: #fields,
                    })
                })
                .collect();
            let schema = match OpenEnum::of(input) {
                Some(open) => open.schema(
                    krate,
                    &name,
                    &[type_args, const_args],
                    tag_width,
                    &variants,
                    &g,
                ),
                None => quote!(#krate::schema::Schema::Enum {
                    name: #name,
                    type_args: #type_args,
                    const_args: #const_args,
                    tag_width: #tag_width,
                    variants: &[#(#variants),*],
                }),
            };
            quote!({ #tag_items #schema })
        }
    };
    let ident = input.ident;
    let params = &g.params;
    let (impl_generics, _, where_clause) = params.split_for_impl();
    let ty_args = &g.ty_args;
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::Described for #ident #ty_args #where_clause {
            const SCHEMA: &'static #krate::schema::Schema = &#schema;
        }
    }
}

/// `&[Field { name: "a", schema: <A as Described>::SCHEMA }, ...]` for the fields on the
/// wire: a skipped field is left out, a `with` field is described by its module's
/// `SCHEMA` (the wire shape its `encode` writes). Each term is spanned at the field type
/// (or the module path) so that a missing description is reported there. Names are the
/// Rust names, without `r#`.
fn fields_schema(krate: &syn::Path, g: &ImplGenerics, fields: &[Field]) -> TokenStream {
    let terms = fields.iter().filter_map(|f| {
        let name = match &f.member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        };
        let schema = match &f.codec {
            FieldCodec::Skip => return None,
            FieldCodec::With(module) => {
                quote_spanned!(module.span()=> #module::SCHEMA)
            }
            FieldCodec::Native => {
                let ty = g.field_ty(f.ty);
                quote_spanned!(f.ty.span()=> <#ty as #krate::Described>::SCHEMA)
            }
        };
        Some(quote!(#krate::schema::Field { name: #name, schema: #schema }))
    });
    quote!(&[#(#terms),*])
}

/// Whether each variant's tag is written in hexadecimal: an explicit `0x` literal, or an
/// implicit tag after one (`A = 0x10, B` is `0x10`, `0x11`).
fn hex_tags(variants: &[Variant]) -> Vec<bool> {
    let mut previous = false;
    variants
        .iter()
        .map(|v| {
            previous = match v.discriminant {
                Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(int),
                    ..
                })) => {
                    let text = int.to_string();
                    text.starts_with("0x") || text.starts_with("0X")
                }
                Some(_) => false,
                None => previous,
            };
            previous
        })
        .collect()
}

/// `&[ConstArg::Unsigned(N as u128), ...]`: the const parameters' values, by their type.
fn const_args(krate: &syn::Path, generics: &syn::Generics) -> TokenStream {
    let args = generics.const_params().filter_map(|p| {
        let ident = &p.ident;
        let syn::Type::Path(ty) = &p.ty else {
            return None;
        };
        let kind = ty.path.segments.last()?.ident.to_string();
        let arg = match kind.as_str() {
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => {
                quote!(Unsigned(#ident as ::core::primitive::u128))
            }
            "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => {
                quote!(Signed(#ident as ::core::primitive::i128))
            }
            "bool" => quote!(Bool(#ident)),
            "char" => quote!(Char(#ident)),
            _ => return None,
        };
        Some(quote!(#krate::schema::ConstArg::#arg))
    });
    quote!(&[#(#args),*])
}
