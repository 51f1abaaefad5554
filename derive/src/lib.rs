//! Derive macros for crosswire. Work in progress: the macros expand to nothing yet.

use proc_macro::TokenStream;

/// Derives `crosswire::MaxSize`.
#[proc_macro_derive(MaxSize, attributes(crosswire))]
pub fn derive_max_size(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}

/// Derives `crosswire::Encode`.
#[proc_macro_derive(Encode, attributes(crosswire))]
pub fn derive_encode(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}

/// Derives `crosswire::Decode`.
#[proc_macro_derive(Decode, attributes(crosswire))]
pub fn derive_decode(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
