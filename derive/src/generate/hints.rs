//! Hints for field types that have no `MaxSize` and that the derive recognises by name
//! (`Vec`, `String`, maps, `Box`, `&str`, slices, `f32`/`f64`): a check per such field,
//! spanned at its type, whose error names the fix ("use `BoundedVec<T, N>`", "enable
//! feature `float`"). The check asks the type system, through `__private::hint`, so a
//! type of a recognised name that does have `MaxSize` (a user's own `String`) passes. No
//! field recognised, no code. Floats are recognised only without feature `float`, which
//! crosswire's own `float` turns on (features unify, so the two always agree).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{spanned::Spanned, GenericArgument, PathArguments, Type};

use crate::{
    bound,
    model::{Data, Field, Input},
};

/// Whether some field of `input` gets a hint. The `MaxSize` derive then leaves out
/// `impl MaxSizeBuf`: its array length would evaluate `MAX_SIZE` while the compiler checks
/// the impl's well-formedness, which comes before the hints' bodies are checked, and
/// the hint would no longer be the first error.
pub fn any(input: &Input) -> bool {
    let mut found = false;
    for field in fields(input).into_iter().filter(|f| f.is_native()) {
        find(field.ty, &mut |_, _| found = true);
    }
    found
}

fn fields<'i, 'a>(input: &'i Input<'a>) -> Vec<&'i Field<'a>> {
    match &input.data {
        Data::Struct { fields, .. } => fields.iter().collect(),
        Data::Enum { variants, .. } => variants.iter().flat_map(|v| &v.fields).collect(),
    }
}

pub fn expand(input: &Input) -> TokenStream {
    let krate = &input.krate;
    let mut checks = Vec::new();
    for field in fields(input).into_iter().filter(|f| f.is_native()) {
        find(field.ty, &mut |ty, hint| {
            let hint = syn::Ident::new(hint, ty.span());
            checks.push(quote_spanned! {ty.span()=>
                #krate::__private::hint::#hint(
                    (&#krate::__private::hint::Probe::<#ty>::new()).probe()
                );
            });
        });
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    let g = bound::simple(input, &quote!(#krate::MaxSize));
    let (impl_generics, _, where_clause) = g.params.split_for_impl();
    quote! {
        const _: () = {
            #[allow(dead_code, clippy::needless_borrow)]
            fn __crosswire_field_hints #impl_generics () #where_clause {
                use #krate::__private::hint::{ProbeBounded as _, ProbeUnbounded as _};
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
            Type::Path(p) if p.qself.is_none() && p.path.is_ident("str") => found(ty, "str_ref"),
            Type::Slice(_) => found(ty, "slice_ref"),
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
                "Vec" | "VecDeque" => Some("vec"),
                "String" => Some("string"),
                "HashMap" | "BTreeMap" | "HashSet" | "BTreeSet" => Some("map"),
                "Box" | "Rc" | "Arc" => Some("boxed"),
                // With crosswire's `float` (which turns on this crate's), floats work.
                "f32" | "f64" if !cfg!(feature = "float") => Some("float"),
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
