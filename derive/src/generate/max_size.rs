//! `impl MaxSize`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{fields_max_size, hints, open_enum::OpenEnum, tag_size, versions};
use crate::{
    attr::FieldCodec,
    bound::{self, ImplGenerics},
    model::{Data, Field, Input},
};

pub fn expand(input: &Input) -> TokenStream {
    let krate = &input.krate;
    let mut g = bound::simple(input, &quote!(#krate::MaxSize));
    g.add_field_bounds(input, &quote!(#krate::MaxSize));
    let capacity_warning = OpenEnum::of(input).map(|open| open.capacity_warning(krate, &g, input));
    let zero_valid = match &input.data {
        Data::Struct {
            fields, extensible, ..
        } => versions::struct_zero_valid(krate, &g, fields, *extensible),
        Data::Enum { tag, variants } => versions::enum_zero_valid(krate, &g, *tag, variants),
    };
    let (max_size, fixed) = max_size_and_fixed(input, &g);
    let extensible_struct = match &input.data {
        Data::Struct {
            fields,
            extensible: true,
            ..
        } => Some(versions::first_version_max_size(krate, &g, fields)),
        _ => None,
    };
    let ident = input.ident;
    let params = &g.params;
    let (impl_generics, _, where_clause) = params.split_for_impl();
    let ty_args = &g.ty_args;
    let buf = max_size_buf(input, &g);
    let plain = super::plain::max_size_items(input);
    let extensible = extensible_struct.map(|first_version| {
        quote!(
            const EXTENSIBLE: ::core::primitive::bool = true;
            const FIRST_VERSION_MAX_SIZE: ::core::primitive::usize = #first_version;
        )
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::MaxSize for #ident #ty_args #where_clause {
            const MAX_SIZE: ::core::primitive::usize = #max_size;
            const FIXED_SIZE: ::core::primitive::bool = #fixed;
            const ZERO_VALID: ::core::primitive::bool = #zero_valid;
            #extensible
        }
        #buf
        #plain
        #capacity_warning
    }
}

/// `MAX_SIZE` and `FIXED_SIZE` of `input`, with the field types' traits as `g` names them.
fn max_size_and_fixed(input: &Input, g: &ImplGenerics) -> (TokenStream, TokenStream) {
    let krate = &input.krate;
    match &input.data {
        Data::Struct {
            fields, extensible, ..
        } => {
            let body = fields_max_size(krate, g, fields);
            if *extensible {
                // The decoder accepts shorter and longer bodies, so a value does not always
                // take exactly `MAX_SIZE` bytes of input: never FIXED_SIZE.
                (quote!(#krate::extensible::max_size(#body)), quote!(false))
            } else {
                (body, fields_fixed(krate, g, fields))
            }
        }
        Data::Enum { tag, variants } => {
            if let Some(open) = OpenEnum::of(input) {
                return open.max_size(krate, g);
            }
            let tag_size = tag_size(*tag);
            let sizes: Vec<TokenStream> = variants
                .iter()
                .map(|v| fields_max_size(krate, g, &v.fields))
                .collect();
            let max_size = quote!(#krate::__private::add(
                #tag_size,
                #krate::__private::largest(&[#(#sizes),*]),
            ));
            // Fixed when every variant is fixed and all have the same size.
            let fixed = if variants.is_empty() {
                quote!(false)
            } else {
                let each = variants.iter().map(|v| fields_fixed(krate, g, &v.fields));
                quote!(#(#each)&&* && #krate::__private::all_equal(&[#(#sizes),*]))
            };
            (max_size, fixed)
        }
    }
}

/// `impl MaxSizeBuf` (`type Buf = [u8; MAX_SIZE]`), for a type without type or const
/// parameters (stable Rust allows no array length that depends on them), with the `MaxSize`
/// impl's `where` clause.
///
/// The length is `MAX_SIZE` computed again from the field types, each through its field
/// check (`bound::ImplGenerics::checked`), with every lifetime `'static` (which gives the
/// same sizes and names no parameter). An array length is evaluated without the impl's
/// `where` clause, so this is where a field type without `MaxSize` is reported, once, for
/// a type without parameters (`hints` checks the others).
fn max_size_buf(input: &Input, g: &ImplGenerics) -> TokenStream {
    let generics = input.generics;
    if !hints::has_buf(input) {
        return TokenStream::new();
    }
    let krate = &input.krate;
    let ident = input.ident;
    let (impl_generics, ty_generics, where_clause) = g.params.split_for_impl();
    let (length, _) = max_size_and_fixed(input, &bound::checked(input));
    let _ = generics;
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::MaxSizeBuf for #ident #ty_generics #where_clause {
            type Buf = [::core::primitive::u8; #length];
        }
    }
}

/// Whether fields written back to back always take exactly their `MAX_SIZE`.
fn fields_fixed(krate: &syn::Path, g: &ImplGenerics, fields: &[Field]) -> TokenStream {
    // A skipped field takes no bytes; a `with` field may vary.
    let terms = fields.iter().filter_map(|f| match &f.codec {
        FieldCodec::Native => {
            let ty = g.field_ty(f.ty);
            Some(quote_spanned!(f.ty.span()=> <#ty as #krate::MaxSize>::FIXED_SIZE))
        }
        FieldCodec::Skip => None,
        FieldCodec::With(_) => Some(quote!(false)),
    });
    quote!(true #(&& #terms)*)
}
