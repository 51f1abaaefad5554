//! The versions of an extensible struct (spec §13): its first version's fields (those
//! before the first `#[crosswire(since = N)]`), read from real bytes only and summed into
//! `FIRST_VERSION_MAX_SIZE`; its later fields, whose type must decode from zeros
//! (`MaxSize::ZERO_VALID`, checked at compile time). Also `ZERO_VALID` of every derived
//! type.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{spanned::Spanned, Member};

use super::fields_max_size;
use crate::{
    attr::{FieldCodec, TagWidth},
    bound::ImplGenerics,
    model::{Field, Input, Variant},
};

/// How many fields, from the first, belong to the first version (`check` has made sure
/// that every wire field after the first `since` has one too).
pub fn first_version_len(fields: &[Field]) -> usize {
    fields
        .iter()
        .position(|f| f.since.is_some())
        .unwrap_or(fields.len())
}

/// `FIRST_VERSION_MAX_SIZE` of an extensible struct: the length prefix and the first
/// version's fields.
pub fn first_version_max_size(
    krate: &syn::Path,
    g: &ImplGenerics,
    fields: &[Field],
) -> TokenStream {
    let first = fields.get(..first_version_len(fields)).unwrap_or(fields);
    let body = fields_max_size(krate, g, first);
    quote!(#krate::extensible::max_size(#body))
}

/// `read` (an expression with `?` that reads one field from `__r`) restricted to real bytes,
/// for a field of the first version.
pub fn required(krate: &syn::Path, read: &TokenStream) -> TokenStream {
    quote! {
        #krate::extensible::decode_required(__r, |__r| {
            ::core::result::Result::Ok(#read)
        })?
    }
}

/// The same for a statement (`decode_in_place`'s `...?;`).
pub fn required_stmt(krate: &syn::Path, stmt: &TokenStream) -> TokenStream {
    quote! {
        #krate::extensible::decode_required(__r, |__r| {
            #stmt
            ::core::result::Result::Ok(())
        })?;
    }
}

/// The compile-time check that each later field's type decodes from zeros, spanned at the
/// field type: an item (`const _`) for a type without generics, so `cargo check` sees it;
/// else a statement of `decode`, evaluated when it is instantiated.
pub fn zero_valid_checks(
    krate: &syn::Path,
    g: &ImplGenerics,
    input: &Input,
    fields: &[Field],
) -> (TokenStream, TokenStream) {
    let later = fields.iter().skip(first_version_len(fields));
    assertions(krate, g, input, later.map(|f| (member_name(f), f)))
}

/// The same check for every field of an extensible enum's known variants, whose bodies
/// have no first version (spec §17.2): `Variant.field`.
pub fn variant_zero_valid_checks(
    krate: &syn::Path,
    g: &ImplGenerics,
    input: &Input,
    variants: &[Variant],
) -> (TokenStream, TokenStream) {
    let fields = variants.iter().filter(|v| v.other.is_none()).flat_map(|v| {
        v.fields
            .iter()
            .map(move |f| (format!("{}.{}", v.ident, member_name(f)), f))
    });
    assertions(krate, g, input, fields)
}

fn member_name(f: &Field) -> String {
    match &f.member {
        Member::Named(ident) => ident.to_string(),
        Member::Unnamed(index) => index.index.to_string(),
    }
}

fn assertions<'f, 'a: 'f>(
    krate: &syn::Path,
    g: &ImplGenerics,
    input: &Input,
    fields: impl Iterator<Item = (String, &'f Field<'a>)>,
) -> (TokenStream, TokenStream) {
    let name = input.ident.to_string();
    let checks: Vec<TokenStream> = fields
        .filter(|(_, f)| f.is_native())
        .map(|(field, f)| {
            let ty = g.field_ty(f.ty);
            // Spanned at the field type, where rustc then reports the failed evaluation, with
            // one frame in crosswire (`BuildError::fail`).
            quote_spanned! {f.ty.span()=>
                {
                    let check = #krate::__private::zero_valid(
                        <#ty as #krate::MaxSize>::ZERO_VALID,
                        #name,
                        #field,
                    );
                    if check.message().is_some() {
                        check.fail()
                    }
                }
            }
        })
        .collect();
    if checks.is_empty() {
        (TokenStream::new(), TokenStream::new())
    } else if input.generics.params.is_empty() {
        (quote!(#(const _: () = #checks;)*), TokenStream::new())
    } else {
        (TokenStream::new(), quote!(#(const { #checks };)*))
    }
}

/// `ZERO_VALID` of a struct's fields read from zeros: every wire field's type. With `with`
/// modules, which say nothing about zeros, it is assumed.
fn fields_zero_valid(krate: &syn::Path, g: &ImplGenerics, fields: &[Field]) -> TokenStream {
    let terms = fields
        .iter()
        .filter(|f| matches!(f.codec, FieldCodec::Native))
        .map(|f| {
            let ty = g.field_ty(f.ty);
            quote_spanned!(f.ty.span()=> <#ty as #krate::MaxSize>::ZERO_VALID)
        });
    quote!(true #(&& #terms)*)
}

/// `ZERO_VALID` of a struct: its fields; for an extensible struct (whose zero encoding is an
/// empty body), whether it has no first-version wire field.
pub fn struct_zero_valid(
    krate: &syn::Path,
    g: &ImplGenerics,
    fields: &[Field],
    extensible: bool,
) -> TokenStream {
    if extensible {
        let first = fields.get(..first_version_len(fields)).unwrap_or(fields);
        let none = first.iter().all(|f| matches!(f.codec, FieldCodec::Skip));
        quote!(#none)
    } else {
        fields_zero_valid(krate, g, fields)
    }
}

/// `ZERO_VALID` of an enum: a variant is tagged 0 and its fields read from zeros.
pub fn enum_zero_valid(
    krate: &syn::Path,
    g: &ImplGenerics,
    width: TagWidth,
    variants: &[Variant],
) -> TokenStream {
    // A catch-all (`#[crosswire(other)]`, last) takes an unknown tag 0 too.
    if variants.iter().any(|v| v.other.is_some()) {
        return quote!(true);
    }
    let tag_values = tag_expressions(krate, width, variants);
    let terms = variants.iter().zip(&tag_values).map(|(v, tag)| {
        let fields = fields_zero_valid(krate, g, &v.fields);
        quote!((#tag == 0 && #fields))
    });
    quote!(false #(|| #terms)*)
}

/// Each variant's tag as an expression: the literal `check` assigned, or, for a tag only
/// the compiler knows, the same computation as `tags` makes, inline rather than as const
/// items, so that a tag out of range is reported once, by `Encode`/`Decode`, and not again
/// by a `ZERO_VALID` that nothing reads.
fn tag_expressions(krate: &syn::Path, width: TagWidth, variants: &[Variant]) -> Vec<TokenStream> {
    let (from, next) = match width {
        TagWidth::U8 => (quote!(u8), quote!(next_u8)),
        TagWidth::U16 => (quote!(u16), quote!(next_u16)),
        TagWidth::U32 => (quote!(u32), quote!(next_u32)),
    };
    let mut out: Vec<TokenStream> = Vec::with_capacity(variants.len());
    for v in variants {
        let tag = if !v.tag_computed {
            let value = v.tag;
            quote!(#value)
        } else {
            match (v.discriminant, out.last()) {
                (Some(expr), _) => {
                    quote!(#krate::__private::tag::#from((#expr) as ::core::primitive::i128))
                }
                (None, Some(previous)) => {
                    quote!(#krate::__private::tag::#from(#krate::__private::tag::#next(#previous)))
                }
                (None, None) => quote!(0),
            }
        };
        out.push(tag);
    }
    out
}
