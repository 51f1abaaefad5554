//! `impl Encode`.
//!
//! A value is written through a window over exactly `MAX_SIZE` bytes when the buffer has
//! that much room (`Writer::__window`): one room check for the whole value, after which
//! the compiler knows every field fits and drops the per-field checks, for variable-size
//! values too. With less room it is written field by field, for the exact `BufferFull`
//! offset.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{fields_fixed, fields_max_size, tag_literal, tag_size, tag_type, variant_pattern};
use crate::{
    bound::{self, ImplGenerics},
    model::{Data, Field, Input},
};

pub fn expand(input: &Input) -> TokenStream {
    let krate = &input.krate;
    let g = bound::simple(input, &quote!(#krate::Encode));
    let (encode, encoded_len) = match &input.data {
        Data::Struct {
            fields,
            extensible: false,
            ..
        } => {
            let values: Vec<TokenStream> = fields
                .iter()
                .map(|f| {
                    let member = &f.member;
                    quote!(&self.#member)
                })
                .collect();
            let writes = write_fields(krate, &g, fields, &values);
            let lens = len_fields(krate, &g, fields, &values);
            (
                fixed_or_not(
                    krate,
                    &quote!(<Self as #krate::MaxSize>::FIXED_SIZE),
                    &quote!(<Self as #krate::MaxSize>::MAX_SIZE),
                    writes,
                ),
                quote! {
                    if <Self as #krate::MaxSize>::FIXED_SIZE {
                        <Self as #krate::MaxSize>::MAX_SIZE
                    } else {
                        #lens
                    }
                },
            )
        }
        Data::Struct {
            fields,
            extensible: true,
            ..
        } => {
            let values: Vec<TokenStream> = fields
                .iter()
                .map(|f| {
                    let member = &f.member;
                    quote!(&self.#member)
                })
                .collect();
            let writes = write_fields(krate, &g, fields, &values);
            let lens = len_fields(krate, &g, fields, &values);
            let body_fixed = fields_fixed(krate, &g, fields);
            let body_max = fields_max_size(krate, &g, fields);
            let body = fixed_or_not(krate, &body_fixed, &body_max, writes);
            (
                quote!(#krate::extensible::encode(__w, |__w| { #body })),
                quote!(::core::primitive::usize::saturating_add(4, #lens)),
            )
        }
        Data::Enum { tag, variants } if variants.is_empty() => {
            let _ = tag;
            (quote!(match *self {}), quote!(match *self {}))
        }
        Data::Enum { tag, variants } => {
            let tag_ty = tag_type(*tag);
            let tag_size = tag_size(*tag);
            let mut write_arms = Vec::new();
            let mut len_arms = Vec::new();
            for v in variants {
                let pattern = variant_pattern(v.ident, v.style, &v.fields);
                let values: Vec<TokenStream> = v
                    .fields
                    .iter()
                    .map(|f| {
                        let binding = &f.binding;
                        quote!(#binding)
                    })
                    .collect();
                let writes = write_fields(krate, &g, &v.fields, &values);
                let lens = len_fields(krate, &g, &v.fields, &values);
                let value = tag_literal(*tag, v.tag);
                write_arms.push(quote! {
                    #pattern => {
                        __w.write_array(#tag_ty::to_le_bytes(#value))?;
                        #writes
                    }
                });
                len_arms.push(quote! {
                    #pattern => ::core::primitive::usize::saturating_add(#tag_size, #lens),
                });
            }
            let writes = quote! {
                match self {
                    #(#write_arms)*
                }
            };
            (
                fixed_or_not(
                    krate,
                    &quote!(<Self as #krate::MaxSize>::FIXED_SIZE),
                    &quote!(<Self as #krate::MaxSize>::MAX_SIZE),
                    writes,
                ),
                quote! {
                    if <Self as #krate::MaxSize>::FIXED_SIZE {
                        <Self as #krate::MaxSize>::MAX_SIZE
                    } else {
                        match self {
                            #(#len_arms)*
                        }
                    }
                },
            )
        }
    };
    let ident = input.ident;
    let (impl_generics, _, where_clause) = g.params.split_for_impl();
    let ty_args = &g.ty_args;
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::Encode for #ident #ty_args #where_clause {
            #[inline]
            fn encode(
                &self,
                __w: &mut #krate::Writer<'_>,
            ) -> ::core::result::Result<(), #krate::Error> {
                #encode
            }

            #[inline]
            fn encoded_len(&self) -> ::core::primitive::usize {
                #encoded_len
            }
        }
    }
}

/// Writes through `Writer::__window`: with `MAX_SIZE` bytes of room, into a window of
/// exactly that many, where every field's room check compares constants and folds away
/// (for variable-size values too: the write position is a choice of constants); with less,
/// field by field for the exact `BufferFull` offset (out of line unless `fixed`). The
/// writes are given twice so that each closure has one caller and is inlined.
fn fixed_or_not(
    krate: &syn::Path,
    fixed: &TokenStream,
    max: &TokenStream,
    writes: TokenStream,
) -> TokenStream {
    quote! {
        __w.__window(
            #max,
            #fixed,
            |__w: &mut #krate::Writer<'_>| -> ::core::result::Result<(), #krate::Error> {
                #writes
                ::core::result::Result::Ok(())
            },
            |__w: &mut #krate::Writer<'_>| -> ::core::result::Result<(), #krate::Error> {
                #writes
                ::core::result::Result::Ok(())
            },
        )
    }
}

/// `<A as Encode>::encode(value, __w)?;` for each field, spanned at the field type.
fn write_fields(
    krate: &syn::Path,
    g: &ImplGenerics,
    fields: &[Field],
    values: &[TokenStream],
) -> TokenStream {
    let writes = fields.iter().zip(values).map(|(f, value)| {
        let ty = g.field_ty(f.ty);
        quote_spanned!(f.ty.span()=> <#ty as #krate::Encode>::encode(#value, __w)?;)
    });
    quote!(#(#writes)*)
}

/// The summed `encoded_len` of the fields (saturating: it is bounded by `MAX_SIZE`).
fn len_fields(
    krate: &syn::Path,
    g: &ImplGenerics,
    fields: &[Field],
    values: &[TokenStream],
) -> TokenStream {
    fields
        .iter()
        .zip(values)
        .fold(quote!(0usize), |sum, (f, value)| {
            let ty = g.field_ty(f.ty);
            let len = quote_spanned!(f.ty.span()=> <#ty as #krate::Encode>::encoded_len(#value));
            quote!(::core::primitive::usize::saturating_add(#sum, #len))
        })
}
