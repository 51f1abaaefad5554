//! Checks of forward-compatible enums (spec §17): the `#[crosswire(other)]` catch-all
//! variant and `#[crosswire(extensible)]` on an enum.

use syn::Type;

use crate::{attr::TagWidth, ctxt::Ctxt, model::Variant};

/// Reports misuse of `other`: more than one, not the last variant, on an enum with data
/// that is not extensible, or a payload other than the raw tag (and, when extensible,
/// the body).
pub fn check(cx: &Ctxt, width: TagWidth, extensible: bool, variants: &[Variant]) {
    let mut others = variants
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.other.map(|span| (i, v, span)));
    let Some((index, other, span)) = others.next() else {
        return;
    };
    let mut more = false;
    for (_, _, span) in others {
        more = true;
        cx.push(syn::Error::new(
            span,
            "crosswire: an enum has at most one `other` variant",
        ));
    }
    if !more && index.checked_add(1) != Some(variants.len()) {
        cx.push(syn::Error::new(
            span,
            "crosswire: the `other` variant must be the last variant",
        ));
    }
    if !extensible {
        if let Some(data) = variants
            .iter()
            .find(|v| v.other.is_none() && !v.fields.is_empty())
        {
            cx.push(syn::Error::new(
                span,
                format_args!(
                    "crosswire: `other` on an enum with data (variant `{}` has fields) needs \
                     #[crosswire(extensible)] on the enum, so that each variant's body length \
                     is on the wire (spec 17.2)",
                    data.ident
                ),
            ));
        }
    }
    let tag = width.name();
    let expected = if extensible {
        format!(
            "crosswire: the `other` variant of an extensible enum holds the raw `{tag}` tag, \
             and optionally the body: `Unknown({tag})` skips the body, \
             `Unknown({tag}, BoundedVec<u8, N>)` or `Unknown({tag}, BoundedBytes<'a, N>)` \
             keeps it"
        )
    } else {
        format!("crosswire: the `other` variant holds the raw `{tag}` tag: write `Unknown({tag})`")
    };
    let most = if extensible { 2 } else { 1 };
    match other.fields.first() {
        Some(first) if !is_tag_type(first.ty, width) => cx.error_spanned(first.ty, expected),
        Some(_) if other.fields.len() <= most && other.fields.iter().all(|f| f.is_native()) => {}
        _ => cx.error_spanned(other.ident, expected),
    }
}

/// Whether `ty` is written as the tag's primitive (`u16`, `core::primitive::u16`).
fn is_tag_type(ty: &Type, width: TagWidth) -> bool {
    match ty {
        Type::Path(path) if path.qself.is_none() => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.arguments.is_empty() && last.ident == width.name()),
        Type::Group(group) => is_tag_type(&group.elem, width),
        Type::Paren(paren) => is_tag_type(&paren.elem, width),
        _ => false,
    }
}
