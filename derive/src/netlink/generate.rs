//! The impls of `#[derive(NlaSet)]`: `NlaSet` (fields as attributes), `NlaValue` (the
//! struct as a nest) and, with `family`/`cmd`, `GenlMessage`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};

use super::model::Input;

pub fn expand(input: &Input<'_>) -> TokenStream {
    let krate = &input.krate;
    let ident = input.ident;
    let (_, ty_generics, where_clause) = input.generics.split_for_impl();
    let (lt, impl_generics) = match input.lifetime {
        Some(lt) => (lt.clone(), quote!(<#lt>)),
        None => {
            let lt = syn::Lifetime::new("'__nla", Span::call_site());
            (lt.clone(), quote!(<#lt>))
        }
    };
    let nla = quote!(#krate::netlink::nla);
    let netlink = quote!(#krate::netlink);

    let field_as = |ty: &syn::Type| quote!(<#ty as #nla::NlaField<#lt>>);
    let max_len = input.fields.iter().fold(quote!(0usize), |acc, f| {
        let f = field_as(f.ty);
        quote!(#nla::__private::add(#acc, #f::MAX_LEN))
    });
    let policy = input.fields.iter().map(|f| {
        let (id, f) = (f.id, field_as(f.ty));
        quote!(#nla::policy::PolicyEntry { id: #id, policy: #f::POLICY },)
    });
    let puts = input.fields.iter().map(|f| {
        let (member, id, f) = (&f.member, f.id, field_as(f.ty));
        quote!(#f::put_field(&self.#member, #id, w)?;)
    });
    let slots: Vec<_> = (0..input.fields.len())
        .map(|i| format_ident!("__slot{}", i))
        .collect();
    let inits = input.fields.iter().zip(&slots).map(|(f, slot)| {
        let f = field_as(f.ty);
        quote!(let mut #slot = <#f::Slot as ::core::default::Default>::default();)
    });
    let arms = input.fields.iter().zip(&slots).map(|(f, slot)| {
        let (id, f) = (f.id, field_as(f.ty));
        quote!(#id => #f::take(&mut #slot, &attr, unknown)?,)
    });
    let finishes = input.fields.iter().zip(&slots).map(|(f, slot)| {
        let (member, id, f) = (&f.member, f.id, field_as(f.ty));
        quote!(#member: #f::finish(#slot, #id, at)?,)
    });

    // The offset where a missing attribute is reported, when there is a field to miss.
    let at = (!input.fields.is_empty()).then(|| quote!(let at = attrs.offset();));
    let genl = input.genl.as_ref().map(|g| {
        let (family, version, cmd) = (&g.family, &g.version, &g.cmd);
        quote! {
            impl #impl_generics #netlink::genl::GenlMessage<#lt> for #ident #ty_generics #where_clause {
                const FAMILY: &'static str = #family;
                const VERSION: u8 = #version;
                const CMD: u8 = #cmd;
            }
        }
    });

    quote! {
        const _: () = {
            impl #impl_generics #nla::NlaSet<#lt> for #ident #ty_generics #where_clause {
                const MAX_LEN: usize = #max_len;
                const POLICY: &'static [#nla::policy::PolicyEntry] = &[#(#policy)*];

                fn put_attrs(
                    &self,
                    w: &mut #netlink::NlWriter<'_>,
                ) -> ::core::result::Result<(), #netlink::NlError> {
                    #(#puts)*
                    ::core::result::Result::Ok(())
                }

                fn decode_attrs(
                    attrs: #netlink::AttrIter<#lt>,
                    unknown: &mut u32,
                ) -> ::core::result::Result<Self, #netlink::NlError> {
                    #at
                    #(#inits)*
                    for attr in attrs {
                        let attr = attr?;
                        match attr.ty() {
                            #(#arms)*
                            _ => #nla::__private::unknown(&attr, unknown)?,
                        }
                    }
                    ::core::result::Result::Ok(Self { #(#finishes)* })
                }
            }

            impl #impl_generics #nla::NlaValue<#lt> for #ident #ty_generics #where_clause {
                const MAX_PAYLOAD: usize = <Self as #nla::NlaSet<#lt>>::MAX_LEN;
                const POLICY: #nla::policy::Policy = #nla::policy::Policy::of(
                    #nla::policy::PolicyKind::Nested(<Self as #nla::NlaSet<#lt>>::POLICY),
                );

                #[inline]
                fn put(
                    &self,
                    ty: u16,
                    w: &mut #netlink::NlWriter<'_>,
                ) -> ::core::result::Result<(), #netlink::NlError> {
                    #nla::put_nested(self, ty, w)
                }

                #[inline]
                fn read(
                    attr: &#netlink::Attr<#lt>,
                    unknown: &mut u32,
                ) -> ::core::result::Result<Self, #netlink::NlError> {
                    #nla::read_nested(attr, unknown)
                }
            }

            #genl
        };
    }
}
