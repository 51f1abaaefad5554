//! The field lists of `impl Decode`, shared by plain structs and enums (`decode.rs`) and
//! forward-compatible enums (`open_enum.rs`): each field's read, as a value or in place,
//! and the decode window around them.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::versions;
use crate::{
    attr::FieldCodec,
    bound::ImplGenerics,
    model::{Field, Style},
};

/// `reads` (a block reading from `__r`, of type `Result<Self, Error>` in `decode` and
/// `Result<(), Error>` in `decode_in_place`) through `__private::decode_window` when the
/// value is `FIXED_SIZE`, else inline. `FIXED_SIZE` is a constant of each impl: only one
/// of the two is compiled.
pub(super) fn window(krate: &syn::Path, reads: &TokenStream) -> TokenStream {
    quote! {
        if <Self as #krate::MaxSize>::FIXED_SIZE {
            return #krate::__private::decode_window::<Self, _, _>(__r, |__r| { #reads });
        }
        #reads
    }
}

/// `window` for `decode_in_place`, with `reads` written once: a closure that fills `self`
/// returns nothing to copy, so the window and the inline path can share it.
pub(super) fn window_in_place(krate: &syn::Path, reads: &TokenStream) -> TokenStream {
    quote! {
        let mut __read = |__r: &mut #krate::Reader<'de>| -> ::core::result::Result<(), #krate::Error> {
            #reads
        };
        if <Self as #krate::MaxSize>::FIXED_SIZE {
            return #krate::__private::decode_window::<Self, _, _>(__r, __read);
        }
        __read(__r)
    }
}

/// `Path { a: <A as Decode>::decode(__r)?, .. }`; fields are read in declaration order,
/// which is the order a struct expression evaluates them in. The first `required` are
/// read from real bytes only (an extensible struct's first version).
pub(super) fn read_fields(
    krate: &syn::Path,
    g: &ImplGenerics,
    path: TokenStream,
    style: Style,
    fields: &[Field],
    required: usize,
) -> TokenStream {
    let reads = fields.iter().enumerate().map(|(i, f)| {
        let member = &f.member;
        let read = field_read(krate, g, f);
        if i < required && !matches!(f.codec, FieldCodec::Skip) {
            let read = versions::required(krate, &read);
            quote!(#member: #read)
        } else {
            quote!(#member: #read)
        }
    });
    match style {
        Style::Unit => path,
        Style::Named | Style::Tuple => quote!(#path { #(#reads),* }),
    }
}

/// `<A as Decode>::decode_in_place(&mut self.a, __r)?;` for each field, in declaration
/// order, spanned at the field type; the first `required` from real bytes only; with
/// `assign`, `self.a = <A as Decode>::decode(__r)?;`.
pub(super) fn read_fields_in_place(
    krate: &syn::Path,
    g: &ImplGenerics,
    fields: &[Field],
    required: usize,
    assign: bool,
) -> TokenStream {
    let reads = fields.iter().enumerate().map(|(i, f)| {
        let read = read_field_in_place(krate, g, f, assign);
        if i < required && !matches!(f.codec, FieldCodec::Skip) {
            versions::required_stmt(krate, &read)
        } else {
            read
        }
    });
    quote!(#(#reads)*)
}

/// `<A as Decode>::decode_in_place(&mut self.a, __r)?;`, or an assignment for a skipped or
/// `with` field, or for every field with `assign`.
fn read_field_in_place(
    krate: &syn::Path,
    g: &ImplGenerics,
    f: &Field,
    assign: bool,
) -> TokenStream {
    let member = &f.member;
    match &f.codec {
        FieldCodec::Native if !assign => {
            let ty = g.field_ty(f.ty);
            quote_spanned! {f.ty.span()=>
                <#ty as #krate::Decode<'de>>::decode_in_place(&mut self.#member, __r)?;
            }
        }
        FieldCodec::Native | FieldCodec::Skip | FieldCodec::With(_) => {
            let read = field_read(krate, g, f);
            quote!(self.#member = #read;)
        }
    }
}

/// The expression that reads one field: through its type, its `with` module, or (skipped)
/// `Default::default()`, spanned at what the user wrote.
pub(super) fn field_read(krate: &syn::Path, g: &ImplGenerics, f: &Field) -> TokenStream {
    match &f.codec {
        FieldCodec::Native => {
            let ty = g.field_ty(f.ty);
            quote_spanned!(f.ty.span()=> <#ty as #krate::Decode<'de>>::decode(__r)?)
        }
        FieldCodec::Skip => {
            quote_spanned!(f.ty.span()=> ::core::default::Default::default())
        }
        FieldCodec::With(module) => quote_spanned!(module.span()=> #module::decode(__r)?),
    }
}
