//! Code generation from the checked `model`, one file per trait (and `schema` for
//! `Described`). Pieces
//! shared by the three live here.

pub mod decode;
pub mod encode;
pub mod hints;
pub mod max_size;
pub mod open_enum;
pub mod plain;
mod read;
pub mod schema;
mod versions;
mod write;

use proc_macro2::{Literal, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::{
    attr::{FieldCodec, TagWidth},
    bound::ImplGenerics,
    model::{Field, Style, Variant},
};

/// `MAX_SIZE` of fields written back to back: `sum(&[A::MAX_SIZE, B::MAX_SIZE])`. Each
/// term carries its field type's span, so a field type without `MaxSize` is reported at
/// that field.
fn fields_max_size(krate: &syn::Path, g: &ImplGenerics, fields: &[Field]) -> TokenStream {
    let terms = fields.iter().filter_map(|f| match &f.codec {
        FieldCodec::Native => Some(g.field_max_size(krate, f.ty)),
        FieldCodec::Skip => None,
        FieldCodec::With(module) => Some(quote_spanned!(module.span()=> #module::MAX_SIZE)),
    });
    quote!(#krate::__private::sum(&[#(#terms),*]))
}

/// The primitive type of a tag, by absolute path so that user types cannot shadow it.
fn tag_type(width: TagWidth) -> TokenStream {
    match width {
        TagWidth::U8 => quote!(::core::primitive::u8),
        TagWidth::U16 => quote!(::core::primitive::u16),
        TagWidth::U32 => quote!(::core::primitive::u32),
    }
}

/// A suffixed literal of the tag's type.
fn tag_literal(width: TagWidth, value: u64) -> Literal {
    // The checker has already rejected values that do not fit; 0 is never emitted for them
    // because code is only generated when there were no errors.
    match width {
        TagWidth::U8 => Literal::u8_suffixed(u8::try_from(value).unwrap_or(0)),
        TagWidth::U16 => Literal::u16_suffixed(u16::try_from(value).unwrap_or(0)),
        TagWidth::U32 => Literal::u32_suffixed(u32::try_from(value).unwrap_or(0)),
    }
}

/// The tag of each variant as an expression, and the items that define them. Tags the
/// derive knows are literals. When some tag is a constant expression (`BASE + 1`), every
/// tag is a `const __CW_TAG_<i>` item computed at compile time through
/// `__private::tag`, which checks its range, and the items go at the top of each
/// function that uses them (they are also match patterns in `decode`).
fn tags(
    krate: &syn::Path,
    width: TagWidth,
    variants: &[Variant],
) -> (TokenStream, Vec<TokenStream>) {
    if !variants.iter().any(|v| v.tag_computed) {
        let literals = variants
            .iter()
            .map(|v| {
                let lit = tag_literal(width, v.tag);
                quote!(#lit)
            })
            .collect();
        return (TokenStream::new(), literals);
    }
    let ty = tag_type(width);
    let (from, next, max, width_name) = match width {
        TagWidth::U8 => (quote!(u8), quote!(next_u8), quote!(U8_MAX), "u8"),
        TagWidth::U16 => (quote!(u16), quote!(next_u16), quote!(U16_MAX), "u16"),
        TagWidth::U32 => (quote!(u32), quote!(next_u32), quote!(U32_MAX), "u32"),
    };
    let names: Vec<syn::Ident> = (0..variants.len())
        .map(|i| quote::format_ident!("__CW_TAG_{}", i))
        .collect();
    let items = variants
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, (v, name))| {
            // Spanned at the discriminant (or the variant), where a range error then points,
            // with one frame in crosswire (`BuildError::fail`).
            let (span, value) = match (v.discriminant, i.checked_sub(1).and_then(|p| names.get(p)))
            {
                (Some(expr), _) => (expr.span(), quote!((#expr) as ::core::primitive::i128)),
                (None, Some(previous)) => (
                    v.ident.span(),
                    quote!(#krate::__private::tag::#next(#previous)),
                ),
                (None, None) => (v.ident.span(), quote!(0)),
            };
            quote_spanned! {span=>
                const #name: #ty = {
                    let value: ::core::primitive::i128 = #value;
                    let check =
                        #krate::__private::tag::range(value, #krate::__private::tag::#max, #width_name);
                    if check.message().is_some() {
                        check.fail()
                    }
                    #krate::__private::tag::#from(value)
                };
            }
        });
    let items = quote!(#(#items)*);
    (items, names.iter().map(|n| quote!(#n)).collect())
}

/// The size of a tag in bytes.
fn tag_size(width: TagWidth) -> usize {
    match width {
        TagWidth::U8 => 1,
        TagWidth::U16 => 2,
        TagWidth::U32 => 4,
    }
}

/// A pattern binding every field of a variant: `Self::V { a: __f0, .. }`.
fn variant_pattern(ident: &syn::Ident, style: Style, fields: &[Field]) -> TokenStream {
    let bindings = fields.iter().map(|f| &f.binding);
    match style {
        Style::Unit => quote!(Self::#ident),
        Style::Tuple => quote!(Self::#ident(#(#bindings),*)),
        Style::Named => {
            let members = fields.iter().map(|f| &f.member);
            quote!(Self::#ident { #(#members: #bindings),* })
        }
    }
}
