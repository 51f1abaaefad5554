//! Derive macros for crosswire: `#[derive(Encode, Decode, MaxSize)]`.
//!
//! Use them through the `crosswire` crate, which re-exports them; see `docs/derive.md`
//! for every attribute. The macro works in four steps, as serde_derive's internals do:
//! parse the attributes ([`attr`]), build a model of the type keeping the original tokens
//! for spans ([`model`]), check what needs the whole type ([`check`]), and generate one
//! impl per trait ([`generate`]). All errors are collected and reported together, each
//! spanned at the offending tokens.

mod attr;
mod bound;
mod check;
mod ctxt;
mod generate;
mod model;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

use crate::{ctxt::Ctxt, model::Input};

fn expand(input: TokenStream, generate: fn(&Input) -> proc_macro2::TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let cx = Ctxt::default();
    let model = Input::from_syn(&cx, &input);
    match (cx.finish(), model) {
        (Ok(()), Some(model)) => generate(&model).into(),
        (Err(e), _) => e.to_compile_error().into(),
        // `from_syn` reports every `None` it returns.
        (Ok(()), None) => TokenStream::new(),
    }
}

/// Derives `crosswire::MaxSize`.
#[proc_macro_derive(MaxSize, attributes(crosswire))]
pub fn derive_max_size(input: TokenStream) -> TokenStream {
    expand(input, generate::max_size::expand)
}

/// Derives `crosswire::Encode`.
#[proc_macro_derive(Encode, attributes(crosswire))]
pub fn derive_encode(input: TokenStream) -> TokenStream {
    expand(input, generate::encode::expand)
}

/// Derives `crosswire::Decode`.
#[proc_macro_derive(Decode, attributes(crosswire))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    expand(input, generate::decode::expand)
}
