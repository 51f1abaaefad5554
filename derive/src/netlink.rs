//! `#[derive(NlaSet)]`: a struct's fields as netlink attributes, for `crosswire-kernel`.
//!
//! Self-contained, in the same four steps as the other derives: parse the `#[nla(...)]`
//! attributes into a model keeping the original tokens for spans (`model`), check the ids
//! (in `model`, all errors collected), and generate the impls (`generate`).

mod c_layout;
mod generate;
mod model;

use proc_macro2::TokenStream;

pub use self::c_layout::expand as expand_c_layout;

/// Expands `#[derive(NlaSet)]` on `input`: the impls, or only the errors.
pub fn expand(input: &syn::DeriveInput) -> TokenStream {
    match model::Input::from_syn(input) {
        Ok(model) => generate::expand(&model),
        Err(errors) => errors.to_compile_error(),
    }
}
