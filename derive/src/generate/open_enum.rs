//! Forward-compatible enums (spec §17): an enum with a `#[crosswire(other)]` catch-all
//! variant, or marked `#[crosswire(extensible)]`. The encoder, decoder, `MAX_SIZE` and
//! schema of such an enum; the generators of `encode.rs`, `decode.rs`, `max_size.rs` and
//! `schema.rs` hand it here, and plain enums never come here, so their output is
//! unchanged.
//!
//! - Unit-only with `other` (§17.1): the tag alone, as a plain enum's; an unknown tag
//!   decodes to `Unknown(raw)`, which re-encodes to the same tag. Encoding `Unknown` of a
//!   known tag is `InvalidValue` (decoding never builds one).
//! - Extensible (§17.2): the tag, then the variant's fields as the body of an extensible
//!   struct (`crosswire::extensible`). An unknown tag decodes to the `other` variant:
//!   `Unknown(raw)` skips the body (and cannot be encoded), `Unknown(raw, body)` keeps it
//!   in a bounded byte sequence, whose own encoding (a `u32` length, then the bytes) is
//!   exactly the body's.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{fields_max_size, read, tag_size, tag_type, tags, variant_pattern, write};
use crate::{
    attr::TagWidth,
    bound::ImplGenerics,
    model::{Data, Field, Input, Variant},
};

/// The parts of a forward-compatible enum.
pub struct OpenEnum<'m, 'a> {
    tag: TagWidth,
    extensible: bool,
    /// Every variant but `other`, in order (`check` makes `other` the last one).
    known: &'m [Variant<'a>],
    other: Option<&'m Variant<'a>>,
}

impl<'m, 'a> OpenEnum<'m, 'a> {
    /// `Some` for an enum that uses `other` or `extensible`, `None` for any other type.
    pub fn of(input: &'m Input<'a>) -> Option<Self> {
        let Data::Enum { tag, variants } = &input.data else {
            return None;
        };
        let extensible = input.extensible_attr.is_some();
        let (known, other) = match variants.split_last() {
            Some((last, known)) if last.other.is_some() => (known, Some(last)),
            _ => (variants.as_slice(), None),
        };
        if !extensible && other.is_none() {
            return None;
        }
        Some(OpenEnum {
            tag: *tag,
            extensible,
            known,
            other,
        })
    }

    /// The `other` variant's raw tag field and its body field, if it keeps the body.
    fn other_fields(&self) -> Option<(&'m Field<'a>, Option<&'m Field<'a>>)> {
        let other = self.other?;
        let raw = other.fields.first()?;
        Some((raw, other.fields.get(1)))
    }

    /// `Self::Known(..) => write` arms, and the `encoded_len` arms.
    pub fn encode(&self, krate: &syn::Path, g: &ImplGenerics) -> (TokenStream, TokenStream) {
        let tag_ty = tag_type(self.tag);
        let tag_size = tag_size(self.tag);
        let (tag_items, tag_values) = tags(krate, self.tag, self.known);
        let mut write_arms = Vec::new();
        let mut len_arms = Vec::new();
        for (v, value) in self.known.iter().zip(&tag_values) {
            let pattern = variant_pattern(v.ident, v.style, &v.fields);
            let values: Vec<TokenStream> = v
                .fields
                .iter()
                .map(|f| {
                    let binding = &f.binding;
                    quote!(#binding)
                })
                .collect();
            let writes = write::write_fields(krate, g, &v.fields, &values);
            let lens = write::len_fields(krate, g, &v.fields, &values);
            let (writes, head) = if self.extensible {
                (
                    quote! {
                        #krate::extensible::encode(__w, |__w| {
                            #writes
                            ::core::result::Result::Ok(())
                        })?;
                    },
                    tag_size.saturating_add(4),
                )
            } else {
                (writes, tag_size)
            };
            write_arms.push(quote! {
                #pattern => {
                    __w.write_array(#tag_ty::to_le_bytes(#value))?;
                    #writes
                }
            });
            len_arms.push(quote! {
                #pattern => ::core::primitive::usize::saturating_add(#head, #lens),
            });
        }
        if let (Some(other), Some((raw, body))) = (self.other, self.other_fields()) {
            let pattern = variant_pattern(other.ident, other.style, &other.fields);
            let raw = &raw.binding;
            // The catch-all holding a value with no encoding: `InvalidValue` at its tag.
            let invalid = quote! {
                return ::core::result::Result::Err(#krate::Error::new(
                    #krate::ErrorKind::InvalidValue,
                    __w.written(),
                ));
            };
            // The catch-all never holds a known tag after a decode; built by hand with
            // one, it would encode to bytes that decode as the known variant.
            let known_check = (!tag_values.is_empty()).then(|| {
                quote! {
                    if ::core::matches!(*#raw, #(#tag_values)|*) {
                        #invalid
                    }
                }
            });
            let (write, body_len) = match body {
                Some(body) => {
                    let binding = &body.binding;
                    let ty = g.field_ty(body.ty);
                    let kept = quote!(<#ty as #krate::open_enum::UnknownBody<'_>>);
                    (
                        // A body skipped on decode (too long to keep) has nothing to
                        // re-encode.
                        quote! {
                            if !#kept::is_kept(#binding) {
                                #invalid
                            }
                            __w.write_array(#tag_ty::to_le_bytes(*#raw))?;
                            #kept::write_body(#binding, __w)?;
                        },
                        quote!(#kept::body_len(#binding)),
                    )
                }
                // The body was skipped on decode: there is nothing to re-encode.
                None if self.extensible => (invalid, quote!(0usize)),
                None => (
                    quote!(__w.write_array(#tag_ty::to_le_bytes(*#raw))?;),
                    quote!(0usize),
                ),
            };
            write_arms.push(quote! {
                #pattern => {
                    #known_check
                    #write
                }
            });
            len_arms.push(quote! {
                #pattern => ::core::primitive::usize::saturating_add(#tag_size, #body_len),
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
            write::window(krate, &writes),
            write::fixed_or(krate, quote!(match self { #(#len_arms)* })),
        )
    }

    /// The body of `decode`.
    pub fn decode(&self, krate: &syn::Path, g: &ImplGenerics) -> TokenStream {
        let tag_ty = tag_type(self.tag);
        let (tag_items, tag_values) = tags(krate, self.tag, self.known);
        let arms = self.known.iter().zip(&tag_values).map(|(v, tag)| {
            let ident = v.ident;
            let value = read::read_fields(krate, g, quote!(Self::#ident), v.style, &v.fields, 0);
            if self.extensible {
                let body_max = fields_max_size(krate, g, &v.fields);
                quote! {
                    #tag => #krate::extensible::decode(__r, #body_max, |__r| {
                        ::core::result::Result::Ok(#value)
                    }),
                }
            } else {
                quote!(#tag => ::core::result::Result::Ok(#value),)
            }
        });
        let (at, fallback) = match (self.other, self.other_fields()) {
            (Some(other), Some((raw, body))) => {
                let ident = other.ident;
                let raw_member = &raw.member;
                let (skip, body) = match body {
                    Some(body) => {
                        let member = &body.member;
                        let ty = g.field_ty(body.ty);
                        let read = quote! {
                            <#ty as #krate::open_enum::UnknownBody<'_>>::read_body(__r)?
                        };
                        (TokenStream::new(), quote!(#member: #read))
                    }
                    None if self.extensible => (
                        quote!(#krate::open_enum::skip_body(__r)?;),
                        TokenStream::new(),
                    ),
                    None => (TokenStream::new(), TokenStream::new()),
                };
                (
                    TokenStream::new(),
                    quote! {
                        __raw => {
                            #skip
                            ::core::result::Result::Ok(Self::#ident { #raw_member: __raw, #body })
                        }
                    },
                )
            }
            _ => (
                quote!(let __at = __r.offset();),
                quote! {
                    _ => ::core::result::Result::Err(#krate::Error::new(
                        #krate::ErrorKind::InvalidTag,
                        __at,
                    )),
                },
            ),
        };
        let reads = quote! {
            #tag_items
            #at
            match #tag_ty::from_le_bytes(__r.read_array()?) {
                #(#arms)*
                #fallback
            }
        };
        if self.extensible {
            // Never `FIXED_SIZE`: no window.
            reads
        } else {
            read::window(krate, &reads)
        }
    }

    /// `MAX_SIZE` and `FIXED_SIZE`.
    pub fn max_size(&self, krate: &syn::Path, g: &ImplGenerics) -> (TokenStream, TokenStream) {
        let tag_size = tag_size(self.tag);
        let mut sizes: Vec<TokenStream> = self
            .known
            .iter()
            .map(|v| {
                let fields = fields_max_size(krate, g, &v.fields);
                if self.extensible {
                    quote!(#krate::extensible::max_size(#fields))
                } else {
                    fields
                }
            })
            .collect();
        // The raw tag is the enum's tag; only a kept body adds bytes.
        if let Some((_, Some(body))) = self.other_fields() {
            let ty = g.field_ty(body.ty);
            // Spanned at the type: a type that cannot keep a body is an error there.
            sizes.push(quote_spanned!(body.ty.span()=> #krate::__private::add(
                4,
                <#ty as #krate::open_enum::UnknownBody<'_>>::CAPACITY,
            )));
        }
        let max_size = quote!(#krate::__private::add(
            #tag_size,
            #krate::__private::largest(&[#(#sizes),*]),
        ));
        // Extensible bodies may be shorter or longer than `MAX_SIZE` on input; the
        // variants of a unit-only enum with `other` are all its tag.
        let fixed = if self.extensible {
            quote!(false)
        } else {
            quote!(#krate::__private::all_equal(&[#(#sizes),*]))
        };
        (max_size, fixed)
    }

    /// A warning, at the kept body's type, when its capacity is below a known variant's
    /// largest body and a longer body is an error: a newer variant that grew as much fails
    /// to decode. Only for an enum without generic parameters, whose sizes a constant
    /// outside its impls can name.
    pub fn capacity_warning(
        &self,
        krate: &syn::Path,
        g: &ImplGenerics,
        input: &Input,
    ) -> TokenStream {
        let Some((_, Some(body))) = self.other_fields() else {
            return TokenStream::new();
        };
        if !self.extensible || !input.generics.params.is_empty() {
            return TokenStream::new();
        }
        let known = self
            .known
            .iter()
            .map(|v| fields_max_size(krate, g, &v.fields));
        let ty = body.ty;
        let fits = quote! {
            <#ty as #krate::open_enum::UnknownBody<'_>>::SKIPS_LONGER
                || <#ty as #krate::open_enum::UnknownBody<'_>>::CAPACITY
                    >= #krate::__private::largest(&[#(#known),*])
        };
        // `#[allow(deprecated)]` on the enum silences it, as for the enum's own code.
        let allows = input.attrs.iter().filter(|a| a.path().is_ident("allow"));
        // Every token of the call at the user's type: a lint in a path that starts in the
        // derive's own tokens is not reported.
        quote_spanned! {body.ty.span()=>
            #(#allows)*
            const _: () = {
                use #krate::open_enum::KeptBody;
                const FITS: ::core::primitive::bool = #fits;
                KeptBody::<FITS>::holds_every_known_variant()
            };
        }
    }

    /// The `Schema::OpenEnum` literal, from the known variants' schemas.
    pub fn schema(
        &self,
        krate: &syn::Path,
        name: &str,
        [type_args, const_args]: &[TokenStream; 2],
        tag_width: u8,
        variants: &[TokenStream],
        g: &ImplGenerics,
    ) -> TokenStream {
        let extensible = self.extensible;
        let other = match (self.other, self.other_fields()) {
            (Some(other), Some((_, body))) => {
                let other_name = other.ident.to_string();
                let body = match body {
                    Some(body) => {
                        let ty = g.field_ty(body.ty);
                        let schema =
                            quote_spanned!(body.ty.span()=> <#ty as #krate::Described>::SCHEMA);
                        quote!(::core::option::Option::Some(#schema))
                    }
                    None => quote!(::core::option::Option::None),
                };
                quote!(::core::option::Option::Some(&#krate::schema::Other {
                    name: #other_name,
                    body: #body,
                }))
            }
            _ => quote!(::core::option::Option::None),
        };
        quote!(#krate::schema::Schema::OpenEnum {
            name: #name,
            type_args: #type_args,
            const_args: #const_args,
            tag_width: #tag_width,
            variants: &[#(#variants),*],
            extensible: #extensible,
            other: #other,
        })
    }
}
