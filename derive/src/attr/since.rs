//! `#[crosswire(since = N)]` on a field of an extensible struct: the version that added it
//! (spec §13). Fields without it belong to the first version.

use proc_macro2::Span;
use syn::{spanned::Spanned, Attribute};

use super::crosswire_attrs;
use crate::ctxt::Ctxt;

/// `since = N`, with the span of the attribute.
pub struct Since {
    pub version: u32,
    pub span: Span,
}

/// The field's `since = N`, if it has one. Only the `since` key is looked at here; the
/// others are `attr::field`'s, which skips this one.
pub fn since(cx: &Ctxt, attrs: &[Attribute]) -> Option<Since> {
    let mut out: Option<Since> = None;
    for attr in crosswire_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("since") {
                // Not ours: consume a value if there is one, and let `attr::field` judge.
                if meta.input.peek(syn::Token![=]) {
                    meta.value()?.parse::<syn::Expr>()?;
                }
                return Ok(());
            }
            let span = meta.path.span();
            let lit: syn::LitInt = meta.value()?.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "crosswire: expected a version number, as in `since = 2`",
                )
            })?;
            let version: u32 = lit.base10_parse()?;
            if version < 2 {
                return Err(syn::Error::new(
                    lit.span(),
                    "crosswire: `since` names a later version than the first: 2 or more \
                     (fields without `since` are version 1)",
                ));
            }
            if out.is_some() {
                return Err(meta.error("crosswire: `since` is given once"));
            }
            out = Some(Since { version, span });
            Ok(())
        });
        if let Err(e) = result {
            cx.push(e);
        }
    }
    out
}
