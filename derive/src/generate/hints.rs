//! The field checks: each field type's traits checked once, at the field, so that a field
//! type without them is one error there, not one per use in the generated impls (whose
//! `where` clauses take the traits as given, `bound::ImplGenerics::add_field_bounds`).
//!
//! - The `MaxSize` derive, whose trait every other one requires, checks `MaxSize` through
//!   a trait of `crosswire::hint` whose message names the fix: for a type it recognises by
//!   name as one without a `MaxSize` (`Vec`, `String`, maps, `Box`, `&str`, slices,
//!   `f32`/`f64` without feature `float`), the bounded type to use; for any other, the
//!   derive to add. Each of those traits holds for every type with `MaxSize`, so a type of
//!   a recognised name that has one (a user's own `String`) passes.
//! - The `Encode` and `Decode` derives check their own trait, but only for a field type
//!   with `MaxSize`: one without is the `MaxSize` derive's error alone. The choice is made
//!   by method resolution (a probe, as for specialisation by auto-reference): the method
//!   that asks for the trait is found only when the type has `MaxSize`, else a method that
//!   asks for nothing is.
//!
//! Floats are recognised only without feature `float`, which crosswire's own `float` turns
//! on (features unify, so the two always agree).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{spanned::Spanned, GenericArgument, PathArguments, Type};

use crate::{bound, model::Input};

/// The trait whose field checks a derive emits.
#[derive(Clone, Copy)]
pub enum Check {
    MaxSize,
    Encode,
    Decode,
}

pub fn expand(input: &Input, check: Check) -> TokenStream {
    let fields = bound::checked_fields(input);
    if fields.is_empty() {
        return TokenStream::new();
    }
    match check {
        Check::MaxSize => max_size(input, &fields),
        Check::Encode | Check::Decode => codec(input, &fields, check),
    }
}

/// Whether the `MaxSize` derive implements `MaxSizeBuf` for `input`: without type or const
/// parameters (an array length can name none). Its length then carries the field checks
/// (`max_size::max_size_buf`).
pub fn has_buf(input: &Input) -> bool {
    input.generics.type_params().next().is_none() && input.generics.const_params().next().is_none()
}

/// `MAX_SIZE` of field type `ty` (`renamed` in the terms of the code around it, with
/// `rename` for the types inside it) after its check: `<T as hint::X>::check` names the
/// check's trait for the first type `T` of a recognised name in `ty`, else for `ty` itself
/// (its element type, for an array) with `DeriveMaxSize`. Both paths carry the span of `T`'s first token, their types too:
/// a `T` without `MaxSize` fails both at one span, and Rust reports it once, with the
/// check's message (the first one's; inside an array, `[Inner; 2]`, Rust may keep the
/// second, `MaxSize`'s own).
pub fn check(
    krate: &syn::Path,
    ty: &Type,
    renamed: &Type,
    rename: impl Fn(&Type) -> Type,
) -> TokenStream {
    let mut hint = None;
    find(ty, &mut |inner, name| {
        hint.get_or_insert((inner, name));
    });
    let (inner, name) = hint.unwrap_or((element(ty), "DeriveMaxSize"));
    let span = inner.span();
    let name = syn::Ident::new(name, span);
    let inner = rename(inner);
    let checked = respan(quote!(#inner), span);
    let renamed = respan(quote!(#renamed), span);
    quote_spanned! {span=>
        {
            let _ = <#checked as #krate::hint::#name>::check;
            <#renamed as #krate::MaxSize>::MAX_SIZE
        }
    }
}

/// The element type of an array (of arrays...), else `ty`: the type to name in the error.
fn element(ty: &Type) -> &Type {
    match ty {
        Type::Array(a) => element(&a.elem),
        Type::Paren(p) => element(&p.elem),
        Type::Group(g) => element(&g.elem),
        _ => ty,
    }
}

/// `tokens` with every span `span`.
fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut new =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                new.set_span(span);
                token = proc_macro2::TokenTree::Group(new);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

/// The `MaxSize` checks of a type with parameters, which has no `MaxSizeBuf` to carry them
/// (`has_buf`): each field type's `MAX_SIZE` after its check, in a function with the
/// impl's generics.
fn max_size(input: &Input, fields: &[&crate::model::Field]) -> TokenStream {
    if has_buf(input) {
        return TokenStream::new();
    }
    let krate = &input.krate;
    let checks = fields.iter().map(|f| {
        let term = check(krate, f.ty, f.ty, Type::clone);
        quote!(let _ = #term;)
    });
    let g = bound::simple(input, &quote!(#krate::MaxSize));
    let (impl_generics, _, where_clause) = g.params.split_for_impl();
    quote! {
        const _: () = {
            // The generics are the user's, spans included, with the bounds added in `where`.
            #[allow(dead_code, clippy::multiple_bound_locations)]
            fn __crosswire_field_checks #impl_generics () #where_clause {
                #(#checks)*
            }
        };
    }
}

fn codec(input: &Input, fields: &[&crate::model::Field], check: Check) -> TokenStream {
    let krate = &input.krate;
    let (g, lifetime, wanted) = match check {
        Check::Decode => (
            bound::decode(input, &quote!(#krate::Decode<'de>)),
            quote!('de,),
            quote!(#krate::Decode<'de>),
        ),
        _ => (
            bound::simple(input, &quote!(#krate::Encode)),
            TokenStream::new(),
            quote!(#krate::Encode),
        ),
    };
    let checks = fields.iter().map(|f| {
        let ty = g.field_ty(f.ty);
        quote_spanned!(f.ty.span()=> (&Probe::<#ty>(::core::marker::PhantomData)).check();)
    });
    let (impl_generics, _, where_clause) = g.params.split_for_impl();
    quote! {
        const _: () = {
            struct Probe<T: ?::core::marker::Sized>(::core::marker::PhantomData<T>);
            // Found first, when `T: MaxSize`; it asks for the trait.
            trait WithMaxSize<#lifetime T: ?::core::marker::Sized> {
                fn check(&self) where T: #wanted {}
            }
            impl<#lifetime T: ?::core::marker::Sized + #krate::MaxSize> WithMaxSize<#lifetime T> for Probe<T> {}
            // Else this one, one auto-reference further: the `MaxSize` check reports.
            trait WithoutMaxSize {
                fn check(&self) {}
            }
            impl<T: ?::core::marker::Sized> WithoutMaxSize for &Probe<T> {}
            #[allow(dead_code, clippy::needless_borrow, clippy::multiple_bound_locations)]
            fn __crosswire_field_checks #impl_generics () #where_clause {
                #(#checks)*
            }
        };
    }
}

/// Calls `found` with each type inside `ty` (itself, the arguments of a generic type,
/// the elements of arrays and tuples) that has a recognised name, and the hint for it.
fn find<'a>(ty: &'a Type, found: &mut dyn FnMut(&'a Type, &'static str)) {
    match ty {
        Type::Reference(r) => match &*r.elem {
            Type::Path(p) if p.qself.is_none() && p.path.is_ident("str") => {
                found(ty, "UseBoundedStr")
            }
            Type::Slice(_) => found(ty, "UseBoundedBytes"),
            elem => find(elem, found),
        },
        Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return;
            };
            // `PhantomData<T>` is nothing on the wire (spec §7), whatever `T` is.
            if last.ident == "PhantomData" {
                return;
            }
            let hint = match last.ident.to_string().as_str() {
                "Vec" | "VecDeque" => Some("UseBoundedVec"),
                "String" => Some("UseBoundedString"),
                "HashMap" | "BTreeMap" | "HashSet" | "BTreeSet" => Some("UseBoundedVecOfPairs"),
                "Box" | "Rc" | "Arc" => Some("UseTheValue"),
                // With crosswire's `float` (which turns on this crate's), floats work.
                "f32" | "f64" if !cfg!(feature = "float") => Some("EnableFloat"),
                _ => None,
            };
            match hint {
                Some(hint) => found(ty, hint),
                None => {
                    if let PathArguments::AngleBracketed(args) = &last.arguments {
                        for arg in &args.args {
                            if let GenericArgument::Type(inner) = arg {
                                find(inner, found);
                            }
                        }
                    }
                }
            }
        }
        Type::Array(a) => find(&a.elem, found),
        Type::Tuple(t) => t.elems.iter().for_each(|elem| find(elem, found)),
        Type::Paren(p) => find(&p.elem, found),
        Type::Group(g) => find(&g.elem, found),
        _ => {}
    }
}
