//! `#[crosswire(plain)]`: a struct whose memory layout is its wire layout (`crosswire::Plain`).
//!
//! The checks that need the whole model run from `check` (a non-generic `#[repr(C)]`
//! struct, every field on the wire); the layout itself is checked by the compiler, from
//! the items `max_size_items` emits next to `impl MaxSize`: every field's type is `Plain`,
//! and the size is `MAX_SIZE` (`crosswire::hint::NoPadding`), so no field is off its wire
//! offset. The
//! record's own encoder and decoder stay field by field, copying each field out rather
//! than borrowing it (a packed struct's fields cannot be borrowed); what changes is a run
//! of records, whose `encode_slice`/`decode_slice` forward to `__private::plain`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{spanned::Spanned, Member};

use crate::{
    attr::FieldCodec,
    ctxt::Ctxt,
    model::{Data, Input},
};

/// Whether the type is marked `#[crosswire(plain)]`.
pub fn is_plain(input: &Input) -> bool {
    input.plain_attr.is_some()
}

/// Reports what `plain` cannot apply to.
pub fn check(cx: &Ctxt, input: &Input) {
    let Some(span) = input.plain_attr else {
        return;
    };
    let fields = match &input.data {
        Data::Struct { fields, .. } => fields,
        Data::Enum { .. } => {
            cx.push(syn::Error::new(
                span,
                "crosswire: `plain` applies to structs only (an enum's tag and variants have no fixed memory layout)",
            ));
            return;
        }
    };
    if fields.is_empty() {
        cx.push(syn::Error::new(
            span,
            "crosswire: a `plain` record needs at least one field: an empty record takes no bytes, and there is no run of it to copy",
        ));
    }
    if let Some(extensible) = input.extensible_attr {
        cx.push(syn::Error::new(
            extensible,
            "crosswire: a `plain` record cannot be `extensible`: its body length is on the wire, not in memory",
        ));
    }
    if !input.generics.params.is_empty() {
        cx.error_spanned(
            input.generics,
            "crosswire: a `plain` record cannot have generic parameters: its layout is checked for one concrete type",
        );
    }
    for f in fields {
        match &f.codec {
            FieldCodec::Native => {}
            FieldCodec::Skip | FieldCodec::With(_) => cx.error_spanned(
                f.ty,
                "crosswire: every field of a `plain` record is on the wire as it is in memory: no `skip` or `with`",
            ),
        }
    }
    if !has_repr_c(input.attrs) {
        cx.push(syn::Error::new(
            span,
            "crosswire: a `plain` record needs #[repr(C)] or #[repr(C, packed)]: Rust's default layout may reorder fields",
        ));
    }
}

/// Whether a `#[repr(...)]` of the type names `C`.
fn has_repr_c(attrs: &[syn::Attribute]) -> bool {
    let mut c = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("repr")) {
        // A malformed `repr` is rustc's to report.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("C") {
                c = true;
            } else if meta.input.peek(syn::token::Paren) {
                // `align(8)`, `packed(2)`: skip the argument.
                let _ = meta.input.parse::<proc_macro2::Group>();
            }
            Ok(())
        });
    }
    c
}

/// Next to `impl MaxSize`: `impl Plain`, and the compile-time proof that it holds.
pub fn max_size_items(input: &Input) -> TokenStream {
    let Data::Struct { fields, .. } = &input.data else {
        return TokenStream::new();
    };
    if !is_plain(input) {
        return TokenStream::new();
    }
    let krate = &input.krate;
    let ident = input.ident;
    let field_bounds = fields.iter().map(|f| {
        let ty = f.ty;
        quote_spanned!(ty.span()=> __plain::<#ty>();)
    });
    // No padding: the size in memory is `MAX_SIZE` (with `repr(C)` and fields whose memory
    // is their wire bytes, padding anywhere makes the record larger). A `where` clause,
    // spanned at the record's name: Rust reports it before the errors of the items that
    // zerocopy's derives generate, which see the same padding.
    let no_padding = quote_spanned! {ident.span()=>
        const _: () = {
            #[allow(dead_code)]
            fn __no_padding()
            where
                (): #krate::hint::NoPadding<
                    #ident,
                    { ::core::mem::size_of::<#ident>() },
                    { <#ident as #krate::MaxSize>::MAX_SIZE },
                >,
            {
            }
        };
    };
    quote! {
        #[automatically_derived]
        impl #krate::__private::plain::Sealed for #ident {}

        #[automatically_derived]
        impl #krate::Plain for #ident {}

        // Every field's type is plain.
        const _: fn() = || {
            fn __plain<T: #krate::Plain>() {}
            #(#field_bounds)*
        };

        #no_padding
    }
}

/// A field's value for its encoder: a copy of it in a plain record (the field of a packed
/// struct cannot be borrowed; every plain type is `Copy`), else a borrow.
pub fn encode_value(input: &Input, member: &Member) -> TokenStream {
    if is_plain(input) {
        quote!(&{ self.#member })
    } else {
        quote!(&self.#member)
    }
}

/// In `impl Encode` of a plain record: runs through `__private::plain`.
pub fn encode_slice(input: &Input) -> TokenStream {
    if !is_plain(input) {
        return TokenStream::new();
    }
    let krate = &input.krate;
    quote! {
        #[inline]
        fn encode_slice(
            __items: &[Self],
            __w: &mut #krate::Writer<'_>,
        ) -> ::core::result::Result<(), #krate::Error> {
            #krate::__private::plain::encode_slice(__items, __w)
        }
    }
}

/// In `impl Decode` of a plain record: runs through `__private::plain`.
pub fn decode_slice(input: &Input) -> TokenStream {
    if !is_plain(input) {
        return TokenStream::new();
    }
    let krate = &input.krate;
    quote! {
        #[inline]
        fn decode_slice(
            __r: &mut #krate::Reader<'de>,
            __out: &mut [Self],
        ) -> ::core::result::Result<(), #krate::Error> {
            #krate::__private::plain::decode_slice(__r, __out)
        }
    }
}
