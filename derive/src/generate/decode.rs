//! `impl Decode<'de>`, the mirror of `encode.rs`.
//!
//! A `FIXED_SIZE` value is read through `__private::decode_window`, the mirror of
//! `encode_window`: from a window over exactly `MAX_SIZE` bytes when that many real bytes
//! are left (one length check for the whole value), else field by field out of line, which
//! reports the exact offset or reads the virtual zeros of a zero-extended body. A value
//! that is not `FIXED_SIZE` may be shorter than `MAX_SIZE`, so it has no window: it is
//! read field by field, inline. `decode_in_place` does the same, reading into `self`.
//!
//! So the fields are emitted twice where `encode.rs` emits them once: a value returned
//! through a closure is built, then copied, where an inline read builds it in place
//! (measured: 10 more instructions to decode `benches`' `Link`).
//!
//! An extensible struct is never `FIXED_SIZE`: its fields are emitted once, inside
//! `extensible::decode`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{
    fields_max_size,
    open_enum::OpenEnum,
    read::{read_fields, read_fields_in_place, window, window_in_place},
    tag_type, tags, versions,
};
use crate::{
    bound,
    model::{Data, Input, Style},
};

pub fn expand(input: &Input) -> TokenStream {
    let krate = &input.krate;
    let mut g = bound::decode(input, &quote!(#krate::Decode<'de>));
    g.add_field_bounds(input, &quote!(#krate::Decode<'de>));
    let open = OpenEnum::of(input).map(|open| open.decode(krate, &g));
    let mut checks = (TokenStream::new(), TokenStream::new());
    let (decode, in_place) = match &input.data {
        Data::Struct {
            style,
            fields,
            extensible,
        } => {
            // The fields an extensible struct's reader must find in real bytes.
            let required = if *extensible {
                versions::first_version_len(fields)
            } else {
                0
            };
            let value = read_fields(krate, &g, quote!(Self), *style, fields, required);
            let reads = quote!(::core::result::Result::Ok(#value));
            let in_place = (*style != Style::Unit).then(|| {
                // A plain record's fields are assigned: one of a packed struct cannot be
                // borrowed.
                let assign = super::plain::is_plain(input);
                let reads = read_fields_in_place(krate, &g, fields, required, assign);
                quote!(#reads ::core::result::Result::Ok(()))
            });
            if *extensible {
                checks = versions::zero_valid_checks(krate, &g, input, fields);
                let body_max = fields_max_size(krate, &g, fields);
                let extensible =
                    |reads| quote!(#krate::extensible::decode(__r, #body_max, |__r| { #reads }));
                (extensible(reads), in_place.map(extensible))
            } else {
                (
                    window(krate, &reads),
                    in_place.map(|reads| window_in_place(krate, &reads)),
                )
            }
        }
        // Enums keep the trait's `decode_in_place` (decode, then assign).
        Data::Enum { variants, .. } if open.is_some() => {
            if input.extensible_attr.is_some() {
                checks = versions::variant_zero_valid_checks(krate, &g, input, variants);
            }
            (open.unwrap_or_default(), None)
        }
        Data::Enum { tag, variants } => {
            let tag_ty = tag_type(*tag);
            let (tag_items, tag_values) = tags(krate, *tag, variants);
            let arms = variants.iter().zip(&tag_values).map(|(v, tag)| {
                let ident = v.ident;
                let value = read_fields(krate, &g, quote!(Self::#ident), v.style, &v.fields, 0);
                quote!(#tag => ::core::result::Result::Ok(#value),)
            });
            let reads = quote! {
                #tag_items
                let __at = __r.offset();
                match #tag_ty::from_le_bytes(__r.read_array()?) {
                    #(#arms)*
                    _ => ::core::result::Result::Err(#krate::Error::new(
                        #krate::ErrorKind::InvalidTag,
                        __at,
                    )),
                }
            };
            // Enums keep the trait's `decode_in_place` (decode, then assign).
            (window(krate, &reads), None)
        }
    };
    let in_place = in_place.map(|body| {
        quote! {
            #[inline]
            fn decode_in_place(
                &mut self,
                __r: &mut #krate::Reader<'de>,
            ) -> ::core::result::Result<(), #krate::Error> {
                #body
            }
        }
    });
    let ident = input.ident;
    let (impl_generics, _, where_clause) = g.params.split_for_impl();
    let ty_args = &g.ty_args;
    let (item_checks, fn_checks) = checks;
    let decode_slice = super::plain::decode_slice(input);
    quote! {
        #item_checks
        #[automatically_derived]
        impl #impl_generics #krate::Decode<'de> for #ident #ty_args #where_clause {
            #[inline]
            fn decode(
                __r: &mut #krate::Reader<'de>,
            ) -> ::core::result::Result<Self, #krate::Error> {
                #fn_checks
                #decode
            }

            #in_place

            #decode_slice
        }
    }
}
