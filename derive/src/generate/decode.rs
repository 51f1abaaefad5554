//! `impl Decode<'de>`, the mirror of `encode.rs`.
//!
//! A `FIXED_SIZE` value is read through a sub-reader over exactly `MAX_SIZE` bytes: one
//! length check for the whole value. When fewer real bytes are left (a short input, or the
//! zero-extended body of an extensible struct from an older sender) it falls back to
//! reading field by field, which reports the exact offset or reads the virtual zeros.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{fields_max_size, tag_literal, tag_type};
use crate::{
    bound::{self, ImplGenerics},
    model::{Data, Field, Input, Style},
};

pub fn expand(input: &Input) -> TokenStream {
    let krate = &input.krate;
    let g = bound::decode(input, &quote!(#krate::Decode<'de>));
    let fixed = quote!(<Self as #krate::MaxSize>::FIXED_SIZE);
    let max = quote!(<Self as #krate::MaxSize>::MAX_SIZE);
    let decode = match &input.data {
        Data::Struct {
            style,
            fields,
            extensible,
        } => {
            let value = construct(krate, &g, quote!(Self), *style, fields);
            if *extensible {
                let body_max = fields_max_size(krate, &g, fields);
                quote! {
                    #krate::extensible::decode(__r, #body_max, |__r| {
                        ::core::result::Result::Ok(#value)
                    })
                }
            } else {
                fixed_or_not(
                    krate,
                    &fixed,
                    &max,
                    &quote!(Self),
                    quote!(::core::result::Result::Ok(#value)),
                )
            }
        }
        Data::Enum { tag, variants } => {
            let tag_ty = tag_type(*tag);
            let arms = variants.iter().map(|v| {
                let ident = v.ident;
                let value = construct(krate, &g, quote!(Self::#ident), v.style, &v.fields);
                let tag = tag_literal(*tag, v.tag);
                quote!(#tag => ::core::result::Result::Ok(#value),)
            });
            fixed_or_not(
                krate,
                &fixed,
                &max,
                &quote!(Self),
                quote! {
                    let __at = __r.offset();
                    let __tag = #tag_ty::from_le_bytes(__r.read_array()?);
                    match __tag {
                        #(#arms)*
                        _ => ::core::result::Result::Err(#krate::Error::new(
                            #krate::ErrorKind::InvalidTag,
                            __at,
                        )),
                    }
                },
            )
        }
    };
    let in_place = decode_in_place(input, &g, &fixed, &max);
    let ident = input.ident;
    let (impl_generics, _, where_clause) = g.params.split_for_impl();
    let ty_args = &g.ty_args;
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::Decode<'de> for #ident #ty_args #where_clause {
            #[inline]
            fn decode(
                __r: &mut #krate::Reader<'de>,
            ) -> ::core::result::Result<Self, #krate::Error> {
                #decode
            }

            #in_place
        }
    }
}

/// `fn decode_in_place` of a struct with fields: each field decoded into place, in
/// declaration order, with the same fast and slow paths as `decode`. Enums and unit
/// structs keep the trait's default (decode, then assign).
fn decode_in_place(
    input: &Input,
    g: &ImplGenerics,
    fixed: &TokenStream,
    max: &TokenStream,
) -> TokenStream {
    let krate = &input.krate;
    let Data::Struct {
        style,
        fields,
        extensible,
    } = &input.data
    else {
        return TokenStream::new();
    };
    if *style == Style::Unit {
        return TokenStream::new();
    }
    let reads = fields.iter().map(|f| {
        let ty = g.field_ty(f.ty);
        let member = &f.member;
        quote_spanned! {f.ty.span()=>
            <#ty as #krate::Decode<'de>>::decode_in_place(&mut self.#member, __r)?;
        }
    });
    let body = quote!(#(#reads)* ::core::result::Result::Ok(()));
    let body = if *extensible {
        let body_max = fields_max_size(krate, g, fields);
        quote!(#krate::extensible::decode(__r, #body_max, |__r| { #body }))
    } else {
        fixed_or_not(krate, fixed, max, &quote!(()), body)
    };
    quote! {
        #[inline]
        fn decode_in_place(
            &mut self,
            __r: &mut #krate::Reader<'de>,
        ) -> ::core::result::Result<(), #krate::Error> {
            #body
        }
    }
}

/// Runs `body` (an expression of type `Result<#value, Error>` reading from `__r`: `Self`
/// for `decode`, `()` for `decode_in_place`). When
/// `fixed` (a constant) and `max` real bytes are left, over a sub-reader of exactly those
/// bytes, which lets the compiler drop the per-field length checks; otherwise over `__r`.
///
/// The body is emitted twice on purpose: a closure called from both paths would not be
/// inlined into the fast one.
fn fixed_or_not(
    krate: &syn::Path,
    fixed: &TokenStream,
    max: &TokenStream,
    value: &TokenStream,
    body: TokenStream,
) -> TokenStream {
    quote! {
        if #fixed {
            if let ::core::result::Result::Ok(mut __sub) = __r.sub_reader(#max) {
                // `mut`: the in-place body captures `self` mutably.
                #[allow(unused_mut)]
                let mut __fast = |__r: &mut #krate::Reader<'de>| -> ::core::result::Result<#value, #krate::Error> {
                    #body
                };
                return __fast(&mut __sub);
            }
            // Fewer than `MAX_SIZE` real bytes: field by field, out of line, so that the
            // path above stays small enough to inline.
            return __r.__cold(|__r: &mut #krate::Reader<'de>| -> ::core::result::Result<#value, #krate::Error> {
                #body
            });
        }
        #body
    }
}

/// `Path { a: <A as Decode>::decode(__r)?, .. }`; fields are read in declaration order,
/// which is the order a struct expression evaluates them in.
fn construct(
    krate: &syn::Path,
    g: &ImplGenerics,
    path: TokenStream,
    style: Style,
    fields: &[Field],
) -> TokenStream {
    let reads = fields.iter().map(|f| {
        let ty = g.field_ty(f.ty);
        let member = &f.member;
        let read = quote_spanned!(f.ty.span()=> <#ty as #krate::Decode<'de>>::decode(__r)?);
        quote!(#member: #read)
    });
    match style {
        Style::Unit => path,
        Style::Named | Style::Tuple => quote!(#path { #(#reads),* }),
    }
}
