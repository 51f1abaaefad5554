//! `impl MaxSize`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{fields_max_size, tag_size};
use crate::{
    bound::{self, ImplGenerics},
    model::{Data, Field, Input},
};

pub fn expand(input: &Input) -> TokenStream {
    let krate = &input.krate;
    let g = bound::simple(input, &quote!(#krate::MaxSize));
    let (max_size, fixed) = match &input.data {
        Data::Struct {
            fields, extensible, ..
        } => {
            let body = fields_max_size(krate, &g, fields);
            if *extensible {
                // The decoder accepts shorter and longer bodies, so a value does not always
                // take exactly `MAX_SIZE` bytes of input: never FIXED_SIZE.
                (quote!(#krate::extensible::max_size(#body)), quote!(false))
            } else {
                (body, fields_fixed(krate, &g, fields))
            }
        }
        Data::Enum { tag, variants } => {
            let tag_size = tag_size(*tag);
            let sizes: Vec<TokenStream> = variants
                .iter()
                .map(|v| fields_max_size(krate, &g, &v.fields))
                .collect();
            let max_size = quote!(#krate::__private::add(
                #tag_size,
                #krate::__private::largest(&[#(#sizes),*]),
            ));
            // Fixed when every variant is fixed and all have the same size.
            let fixed = if variants.is_empty() {
                quote!(false)
            } else {
                let each = variants.iter().map(|v| fields_fixed(krate, &g, &v.fields));
                quote!(#(#each)&&* && #krate::__private::all_equal(&[#(#sizes),*]))
            };
            (max_size, fixed)
        }
    };
    let ident = input.ident;
    let params = &g.params;
    let (impl_generics, _, where_clause) = params.split_for_impl();
    let ty_args = &g.ty_args;
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::MaxSize for #ident #ty_args #where_clause {
            const MAX_SIZE: ::core::primitive::usize = #max_size;
            const FIXED_SIZE: ::core::primitive::bool = #fixed;
        }
    }
}

/// Whether fields written back to back always take exactly their `MAX_SIZE`.
fn fields_fixed(krate: &syn::Path, g: &ImplGenerics, fields: &[Field]) -> TokenStream {
    let terms = fields.iter().map(|f| {
        let ty = g.field_ty(f.ty);
        quote_spanned!(f.ty.span()=> <#ty as #krate::MaxSize>::FIXED_SIZE)
    });
    quote!(true #(&& #terms)*)
}
