//! The field lists of `impl Encode`, shared by plain structs and enums (`encode.rs`) and
//! forward-compatible enums (`open_enum.rs`): each field's write and length, and the
//! encode window around them.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::{attr::FieldCodec, bound::ImplGenerics, model::Field};

/// `writes` (a block writing from `self` into `__w`, of type `Result<(), Error>`) through
/// `__private::encode_window`.
pub(super) fn window(krate: &syn::Path, writes: &TokenStream) -> TokenStream {
    quote! {
        #krate::__private::encode_window::<Self, _>(__w, |__w| { #writes })
    }
}

/// `MAX_SIZE` when the value is `FIXED_SIZE`, else `len`.
pub(super) fn fixed_or(krate: &syn::Path, len: TokenStream) -> TokenStream {
    quote! {
        if <Self as #krate::MaxSize>::FIXED_SIZE {
            <Self as #krate::MaxSize>::MAX_SIZE
        } else {
            #len
        }
    }
}

/// `<A as Encode>::encode(value, __w)?;` for each field, spanned at the field type.
pub(super) fn write_fields(
    krate: &syn::Path,
    g: &ImplGenerics,
    fields: &[Field],
    values: &[TokenStream],
) -> TokenStream {
    let writes = fields.iter().zip(values).map(|(f, value)| match &f.codec {
        FieldCodec::Native => {
            let ty = g.field_ty(f.ty);
            quote_spanned!(f.ty.span()=> <#ty as #krate::Encode>::encode(#value, __w)?;)
        }
        FieldCodec::Skip => quote!(),
        FieldCodec::With(module) => {
            quote_spanned!(module.span()=> #module::encode(#value, __w)?;)
        }
    });
    quote!(#(#writes)*)
}

/// The summed `encoded_len` of the fields (saturating: it is bounded by `MAX_SIZE`).
pub(super) fn len_fields(
    krate: &syn::Path,
    g: &ImplGenerics,
    fields: &[Field],
    values: &[TokenStream],
) -> TokenStream {
    fields
        .iter()
        .zip(values)
        .fold(quote!(0usize), |sum, (f, value)| {
            let len = match &f.codec {
                FieldCodec::Native => {
                    let ty = g.field_ty(f.ty);
                    quote_spanned!(f.ty.span()=> <#ty as #krate::Encode>::encoded_len(#value))
                }
                FieldCodec::Skip => return sum,
                FieldCodec::With(module) => {
                    quote_spanned!(module.span()=> #module::encoded_len(#value))
                }
            };
            quote!(::core::primitive::usize::saturating_add(#sum, #len))
        })
}
