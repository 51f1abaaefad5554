//! `impl Encode`, the mirror of `decode.rs`.
//!
//! A value is written through `__private::encode_window`: when the buffer has `MAX_SIZE`
//! bytes of room, into a window over exactly that many, where the compiler knows every
//! field fits and drops the per-field checks (for variable-size values too); with less
//! room, field by field out of line, for the exact `BufferFull` offset. Both paths run
//! the one closure of field writes, so the fields are emitted once.

use proc_macro2::TokenStream;
use quote::quote;

use super::{
    open_enum::OpenEnum,
    tag_size, tag_type, tags, variant_pattern,
    write::{fixed_or, len_fields, window, write_fields},
};
use crate::{
    bound,
    model::{Data, Input},
};

pub fn expand(input: &Input) -> TokenStream {
    let krate = &input.krate;
    let mut g = bound::simple(input, &quote!(#krate::Encode));
    g.add_field_bounds(input, &quote!(#krate::Encode));
    let open = OpenEnum::of(input).map(|open| open.encode(krate, &g));
    let (encode, encoded_len) = match &input.data {
        Data::Struct {
            fields, extensible, ..
        } => {
            let values: Vec<TokenStream> = fields
                .iter()
                .map(|f| super::plain::encode_value(input, &f.member))
                .collect();
            let writes = write_fields(krate, &g, fields, &values);
            let lens = len_fields(krate, &g, fields, &values);
            if *extensible {
                // The body length, then the fields; never `FIXED_SIZE`.
                let writes = quote! {
                    #krate::extensible::encode(__w, |__w| {
                        #writes
                        ::core::result::Result::Ok(())
                    })
                };
                (
                    window(krate, &writes),
                    quote!(::core::primitive::usize::saturating_add(4, #lens)),
                )
            } else {
                let writes = quote!(#writes ::core::result::Result::Ok(()));
                (window(krate, &writes), fixed_or(krate, lens))
            }
        }
        Data::Enum { variants, .. } if variants.is_empty() => {
            (quote!(match *self {}), quote!(match *self {}))
        }
        Data::Enum { .. } if open.is_some() => open.unwrap_or_default(),
        Data::Enum { tag, variants } => {
            let tag_ty = tag_type(*tag);
            let tag_size = tag_size(*tag);
            let (tag_items, tag_values) = tags(krate, *tag, variants);
            let mut write_arms = Vec::new();
            let mut len_arms = Vec::new();
            for (v, value) in variants.iter().zip(&tag_values) {
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
                #tag_items
                match self {
                    #(#write_arms)*
                }
                ::core::result::Result::Ok(())
            };
            (
                window(krate, &writes),
                fixed_or(krate, quote!(match self { #(#len_arms)* })),
            )
        }
    };
    let ident = input.ident;
    let (impl_generics, _, where_clause) = g.params.split_for_impl();
    let ty_args = &g.ty_args;
    let encode_slice = super::plain::encode_slice(input);
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

            #encode_slice
        }
    }
}
