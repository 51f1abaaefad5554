//! `impl Described`: the type's wire shape as a constant (`crosswire::schema`).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{ext::IdentExt, spanned::Spanned, Member};

use super::{open_enum::OpenEnum, tag_size};
use crate::{
    attr::FieldCodec,
    bound::{self, ImplGenerics},
    model::{Data, Field, Input},
};

pub fn expand(input: &Input) -> TokenStream {
    let krate = &input.krate;
    let g = bound::simple(input, &quote!(#krate::Described));
    let name = input.ident.to_string();
    let type_args = bound::used_type_params_in_order(input);
    let type_args = quote!(&[#(<#type_args as #krate::Described>::SCHEMA),*]);
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
                fields: #fields,
                extensible: #extensible,
                first_version_fields: #first_version_fields,
            })
        }
        Data::Enum { tag, variants } => {
            // Tags fit a `u32`: `check` rejects wider ones.
            let tag_width = u8::try_from(tag_size(*tag)).unwrap_or(4);
            // A forward-compatible enum's `other` variant has no tag: it is described
            // apart (`open_enum`).
            let variants = variants.iter().filter(|v| v.other.is_none()).map(|v| {
                let name = v.ident.to_string();
                let tag = u32::try_from(v.tag).unwrap_or(0);
                let fields = fields_schema(krate, &g, &v.fields);
                quote!(#krate::schema::Variant { name: #name, tag: #tag, fields: #fields })
            });
            match OpenEnum::of(input) {
                Some(open) => {
                    let variants: Vec<TokenStream> = variants.collect();
                    open.schema(krate, &name, &type_args, tag_width, &variants, &g)
                }
                None => quote!(#krate::schema::Schema::Enum {
                    name: #name,
                    type_args: #type_args,
                    tag_width: #tag_width,
                    variants: &[#(#variants),*],
                }),
            }
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
