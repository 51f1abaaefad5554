//! `#[derive(CLayout)]`: a struct of C fields read and written at their C offsets.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;

/// The impl of `CLayout`, or the errors.
pub fn expand(input: &syn::DeriveInput) -> TokenStream {
    match generate(input) {
        Ok(tokens) => tokens,
        Err(e) => e.to_compile_error(),
    }
}

fn generate(input: &syn::DeriveInput) -> Result<TokenStream, syn::Error> {
    let krate = super::model::crate_path(input)?;
    let syn::Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "`CLayout` is derived for structs: the fields of a C struct",
        ));
    };
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new(
            input.generics.span(),
            "`CLayout` does not support generic parameters",
        ));
    }
    let ident = &input.ident;
    let nla = quote!(#krate::netlink::nla);
    let private = quote!(#nla::__private);
    let members: Vec<syn::Member> = data
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| match &f.ident {
            Some(id) => syn::Member::Named(id.clone()),
            None => syn::Member::Unnamed(syn::Index::from(i)),
        })
        .collect();
    let field = |ty: &syn::Type| quote!(<#ty as #nla::CField>);
    let tys: Vec<_> = data.fields.iter().map(|f| field(&f.ty)).collect();

    // SIZE: each field at its aligned offset, the end rounded up to the largest alignment.
    let size = tys.iter().fold(quote!((0usize, 1usize)), |acc, f| {
        quote!({
            let (end, align) = #acc;
            (
                #private::c_align(end, #f::ALIGN).saturating_add(#f::SIZE),
                #private::c_max(align, #f::ALIGN),
            )
        })
    });
    let reads = members.iter().zip(&tys).map(|(m, f)| {
        quote! {
            offset = #private::c_align(offset, #f::ALIGN);
            let #m = #f::read_at(bytes, offset)?;
            offset = offset.saturating_add(#f::SIZE);
        }
    });
    let writes = members.iter().zip(&tys).map(|(m, f)| {
        quote! {
            offset = #private::c_align(offset, #f::ALIGN);
            #f::write_at(&self.#m, out, offset);
            offset = offset.saturating_add(#f::SIZE);
        }
    });
    if members.iter().any(|m| matches!(m, syn::Member::Unnamed(_))) {
        return Err(syn::Error::new(
            ident.span(),
            "`CLayout` needs named fields, as a C struct has",
        ));
    }
    let names = members.iter();
    Ok(quote! {
        const _: () = {
            impl #nla::CLayout for #ident {
                const SIZE: usize = {
                    let (end, align) = #size;
                    #private::c_align(end, align)
                };

                fn read_prefix(bytes: &[u8]) -> ::core::option::Option<Self> {
                    let mut offset = 0usize;
                    #(#reads)*
                    let _ = offset;
                    ::core::option::Option::Some(Self { #(#names),* })
                }

                fn write_to(&self, out: &mut [u8]) {
                    let mut offset = 0usize;
                    #(#writes)*
                    let _ = offset;
                }
            }
        };
    })
}
