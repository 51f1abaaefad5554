//! The generics of each generated impl: a bound per type parameter that a field's type
//! uses (or the user's `#[crosswire(bound = "...")]` instead), the user's `where` clause
//! kept, and for `Decode` every lifetime parameter unified with the input lifetime `'de`.
//!
//! A type parameter that appears only inside `PhantomData<...>`, or in no field at all,
//! gets no bound: nothing of it is encoded (serde_derive's `with_bound` does the same).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use std::collections::HashSet;

use syn::{
    parse_quote,
    spanned::Spanned,
    visit::{self, Visit},
    visit_mut::VisitMut,
    GenericParam, Generics, Ident, Lifetime, Type, WherePredicate,
};

use crate::model::{Data, Field, Input};

/// Generics for `impl<...> Trait for Name<...> where ...`.
pub struct ImplGenerics {
    pub params: Generics,
    /// The type's own arguments (`Name<these>`).
    pub ty_args: TokenStream,
    /// Rewrites a field type into the impl's terms (for `Decode`, lifetimes become `'de`).
    rename: Option<RenameLifetimes>,
    /// Set by [`checked`]: each field type's `MaxSize` is read through its field check.
    checked: bool,
}

impl ImplGenerics {
    /// `<FieldType as MaxSize>::MAX_SIZE` of field type `ty`; with [`checked`], after the
    /// field check (`generate::hints::check`), at the same span, so that a type without
    /// `MaxSize` is the check's error alone.
    pub fn field_max_size(&self, krate: &syn::Path, ty: &Type) -> TokenStream {
        let renamed = self.field_ty(ty);
        if !self.checked || is_primitive(ty) {
            return quote_spanned!(ty.span()=> <#renamed as #krate::MaxSize>::MAX_SIZE);
        }
        crate::generate::hints::check(krate, ty, &renamed, |inner| self.field_ty(inner))
    }

    /// `ty` as named inside the impl.
    pub fn field_ty(&self, ty: &Type) -> Type {
        let mut ty = ty.clone();
        if let Some(rename) = &self.rename {
            rename.clone().visit_type_mut(&mut ty);
        }
        ty
    }

    /// Adds `for<'__cw> FieldType: bound` to the `where` clause for each checked field type
    /// (`checked_fields`).
    ///
    /// The impl's bodies then take each field type's trait from the `where` clause instead
    /// of proving it, so a field type without the trait is no error in them: it is reported
    /// once, by the field checks (`generate::hints`), not once per use. The binder keeps a
    /// bound without parameters that does not hold from being an error of its own (what
    /// `trivial_bounds` would allow); the impl then applies to no value. For a type whose
    /// fields have the traits, the bounds hold and change nothing.
    pub fn add_field_bounds(&mut self, input: &Input, bound: &TokenStream) {
        let mut seen = HashSet::new();
        let mut predicates = Vec::new();
        for f in checked_fields(input) {
            let ty = self.field_ty(f.ty);
            if seen.insert(quote!(#ty).to_string()) {
                predicates.push(quote_spanned!(f.ty.span()=> for<'__cw> #ty: #bound));
            }
        }
        let where_clause = self.params.make_where_clause();
        for predicate in predicates {
            where_clause.predicates.push(parse_quote!(#predicate));
        }
    }
}

/// The fields whose types the field checks and bounds cover: every field encoded through
/// its own type's traits, except a catch-all variant's (`#[crosswire(other)]`), whose
/// `tag` and `body` have checks of their own (`generate::open_enum`), and fields of a
/// primitive type (`is_primitive`).
pub fn checked_fields<'i, 'a>(input: &'i Input<'a>) -> Vec<&'i Field<'a>> {
    let fields: Vec<&Field> = match &input.data {
        Data::Struct { fields, .. } => fields.iter().collect(),
        Data::Enum { variants, .. } => variants
            .iter()
            .filter(|v| v.other.is_none())
            .flat_map(|v| &v.fields)
            .collect(),
    };
    fields
        .into_iter()
        .filter(|f| f.is_native() && !is_primitive(f.ty))
        .collect()
}

/// Whether `ty` is a primitive integer, `bool` or `char` by name, an array of one, or a
/// `PhantomData`: types with every trait, which need no check (and keep the generated code
/// small). A type of the user's own that shadows such a name gets the errors of each use
/// instead.
pub fn is_primitive(ty: &Type) -> bool {
    const PRIMITIVES: [&str; 14] = [
        "u8", "u16", "u32", "u64", "u128", "i8", "i16", "i32", "i64", "i128", "bool", "char",
        "usize", "isize",
    ];
    match ty {
        Type::Path(p)
            if p.path
                .segments
                .last()
                .is_some_and(|last| last.ident == "PhantomData") =>
        {
            true
        }
        Type::Path(p) => {
            p.qself.is_none()
                && p.path.leading_colon.is_none()
                && p.path.segments.len() == 1
                && p.path
                    .segments
                    .iter()
                    .all(|s| s.arguments.is_none() && PRIMITIVES.iter().any(|name| s.ident == name))
        }
        Type::Array(a) => is_primitive(&a.elem),
        Type::Paren(p) => is_primitive(&p.elem),
        Type::Group(g) => is_primitive(&g.elem),
        _ => false,
    }
}

/// Generics for the `MaxSize` or `Encode` impl: `bound` (a trait path) on every type
/// parameter.
pub fn simple(input: &Input, bound: &TokenStream) -> ImplGenerics {
    let mut params = input.generics.clone();
    add_bounds(input, &mut params, bound, None);
    let (_, ty_generics, _) = input.generics.split_for_impl();
    ImplGenerics {
        params,
        ty_args: quote!(#ty_generics),
        rename: None,
        checked: false,
    }
}

/// For `MaxSizeBuf`'s array length, of a type without type or const parameters: field
/// types with every lifetime `'static` (an array length names no parameter), each read
/// through its field check, where a field type without `MaxSize` is reported.
pub fn checked(input: &Input) -> ImplGenerics {
    ImplGenerics {
        params: input.generics.clone(),
        ty_args: TokenStream::new(),
        rename: Some(RenameLifetimes {
            from: input
                .generics
                .lifetimes()
                .map(|l| l.lifetime.ident.clone())
                .collect(),
            to: Lifetime::new("'static", Span::call_site()),
        }),
        checked: true,
    }
}

/// Generics for the `Decode<'de>` impl. A decoded value borrows from one input, so every
/// lifetime parameter of the type is `'de`: `impl<'de, T> Decode<'de> for Name<'de, T>`.
/// That is what lets fields such as `BoundedStr<'a, N>` (whose impl is
/// `Decode<'a> for BoundedStr<'a, N>`) decode.
pub fn decode(input: &Input, bound: &TokenStream) -> ImplGenerics {
    let de = Lifetime::new("'de", Span::call_site());
    let rename = RenameLifetimes {
        from: input
            .generics
            .lifetimes()
            .map(|l| l.lifetime.ident.clone())
            .collect(),
        to: de.clone(),
    };
    let mut params = Generics {
        lt_token: Some(Default::default()),
        params: Default::default(),
        gt_token: Some(Default::default()),
        where_clause: input.generics.where_clause.clone(),
    };
    params.params.push(parse_quote!(#de));
    for param in &input.generics.params {
        if !matches!(param, GenericParam::Lifetime(_)) {
            let mut param = param.clone();
            rename.clone().visit_generic_param_mut(&mut param);
            params.params.push(param);
        }
    }
    if let Some(where_clause) = &mut params.where_clause {
        rename.clone().visit_where_clause_mut(where_clause);
    }
    add_bounds(input, &mut params, bound, Some(&rename));
    let args = input.generics.params.iter().map(|param| match param {
        GenericParam::Lifetime(_) => quote!(#de),
        GenericParam::Type(t) => {
            let ident = &t.ident;
            quote!(#ident)
        }
        GenericParam::Const(c) => {
            let ident = &c.ident;
            quote!(#ident)
        }
    });
    let ty_args = if input.generics.params.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#(#args),*>)
    };
    ImplGenerics {
        params,
        ty_args,
        rename: Some(rename),
        checked: false,
    }
}

fn add_bounds(
    input: &Input,
    params: &mut Generics,
    bound: &TokenStream,
    rename: Option<&RenameLifetimes>,
) {
    let predicates: Vec<WherePredicate> = match &input.bound {
        Some(user) => user
            .iter()
            .map(|p| {
                let mut p = p.clone();
                if let Some(rename) = rename {
                    rename.clone().visit_where_predicate_mut(&mut p);
                }
                p
            })
            .collect(),
        None => {
            let used = used_type_params(input);
            input
                .generics
                .type_params()
                .filter(|t| used.contains(&t.ident))
                .map(|t| {
                    let ident = &t.ident;
                    parse_quote!(#ident: #bound)
                })
                .collect()
        }
    };
    params.make_where_clause().predicates.extend(predicates);
}

/// The type parameters that some field's type mentions outside `PhantomData<...>`, in
/// declaration order (the ones that get a bound).
pub fn used_type_params_in_order(input: &Input) -> Vec<Ident> {
    let used = used_type_params(input);
    input
        .generics
        .type_params()
        .filter(|t| used.contains(&t.ident))
        .map(|t| t.ident.clone())
        .collect()
}

/// The type parameters that some field's type mentions outside `PhantomData<...>`.
fn used_type_params(input: &Input) -> HashSet<Ident> {
    let mut uses = TypeParamUses {
        params: input
            .generics
            .type_params()
            .map(|t| t.ident.clone())
            .collect(),
        used: HashSet::new(),
    };
    let field_types: Vec<&Type> = match &input.data {
        // A skipped or `with` field adds no bound: its type's traits are not used.
        Data::Struct { fields, .. } => fields
            .iter()
            .filter(|f| f.is_native())
            .map(|f| f.ty)
            .collect(),
        Data::Enum { variants, .. } => variants
            .iter()
            .flat_map(|v| v.fields.iter().filter(|f| f.is_native()).map(|f| f.ty))
            .collect(),
    };
    for ty in field_types {
        uses.visit_type(ty);
    }
    uses.used
}

struct TypeParamUses {
    params: Vec<Ident>,
    used: HashSet<Ident>,
}

impl<'ast> Visit<'ast> for TypeParamUses {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        // `PhantomData<T>`, whatever its path: encoded as nothing, whatever `T` is.
        if path
            .segments
            .last()
            .is_some_and(|last| last.ident == "PhantomData")
        {
            return;
        }
        // `T`, `T::Assoc`: the first segment of a relative path may be a parameter.
        if path.leading_colon.is_none() {
            if let Some(first) = path.segments.first() {
                if self.params.contains(&first.ident) {
                    self.used.insert(first.ident.clone());
                }
            }
        }
        visit::visit_path(self, path);
    }

    // What a macro in type position expands to is unknown: assume it uses every
    // parameter.
    fn visit_macro(&mut self, _: &'ast syn::Macro) {
        self.used.extend(self.params.iter().cloned());
    }
}

/// Replaces the named lifetimes with one other lifetime.
#[derive(Clone)]
struct RenameLifetimes {
    from: Vec<syn::Ident>,
    to: Lifetime,
}

impl VisitMut for RenameLifetimes {
    fn visit_lifetime_mut(&mut self, lifetime: &mut Lifetime) {
        if self.from.contains(&lifetime.ident) {
            lifetime.ident = self.to.ident.clone();
        }
    }
}
