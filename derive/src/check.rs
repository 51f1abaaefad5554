//! Checks of the whole model, run after it is built and before any code is generated:
//! attributes on the wrong kind of type, forward-compatible enums (`check/open_enum.rs`),
//! and enum tags (in range, unique, or computed by
//! the generated code when they are constant expressions).

mod since;

use std::collections::HashMap;

use syn::{Expr, ExprLit, Ident, Lit, UnOp};

mod open_enum;

use crate::{
    attr::TagWidth,
    ctxt::Ctxt,
    model::{Data, Input},
};

/// Reports every problem of `input` into `cx`, and assigns each enum variant its tag.
pub fn check(cx: &Ctxt, input: &mut Input) {
    since::check(cx, input);
    crate::generate::plain::check(cx, input);
    match &mut input.data {
        Data::Struct { .. } => {
            if let Some(span) = input.tag_attr {
                cx.push(syn::Error::new(
                    span,
                    "crosswire: `tag` applies to enums only; structs have no tag",
                ));
            }
        }
        Data::Enum { tag, variants } => {
            open_enum::check(cx, *tag, input.extensible_attr.is_some(), variants);
            // The `other` variant has no tag of its own (it is last, so it shifts no
            // implicit tag).
            let discriminants: Vec<(&Ident, Option<&Expr>)> = variants
                .iter()
                .filter(|v| v.other.is_none())
                .map(|v| (v.ident, v.discriminant))
                .collect();
            let tags = assign_tags(cx, *tag, &discriminants);
            let tagged = variants.iter_mut().filter(|v| v.other.is_none());
            for (variant, tag) in tagged.zip(tags) {
                // A tag the derive cannot know (a constant expression, or counted on
                // from one) is computed by the generated code at compile time.
                variant.tag_computed = tag.is_none();
                variant.tag = tag.unwrap_or(0);
            }
        }
    }
}

/// The tag of every variant: its explicit discriminant when written, else one more than
/// the previous variant's (Rust's own rule, so the tag equals `Variant as u32` for a
/// fieldless enum), starting at 0. `None` for a tag only the compiler can know: a
/// discriminant that is a constant expression (`BASE + 1`), and the implicit tags after
/// it; the generated code computes those and checks their range, and rustc rejects
/// repeated discriminants. Reports literal discriminants that are negative, do not fit
/// `width`, or repeat an earlier tag.
fn assign_tags(
    cx: &Ctxt,
    width: TagWidth,
    variants: &[(&Ident, Option<&Expr>)],
) -> Vec<Option<u64>> {
    let mut tags = Vec::with_capacity(variants.len());
    let mut seen: HashMap<u64, usize> = HashMap::new();
    // The next implicit tag; `None` once it would overflow u64 (then any implicit tag
    // is out of range).
    let mut next: Option<u64> = Some(0);
    // Whether the previous tag is computed at compile time, and so the next implicit one.
    let mut computed = false;
    for (i, (ident, discriminant)) in variants.iter().enumerate() {
        let value = match discriminant {
            Some(expr) => match literal_value(expr) {
                Ok(Some(v)) => {
                    computed = false;
                    Some(v)
                }
                Ok(None) => {
                    computed = true;
                    tags.push(None);
                    continue;
                }
                Err(message) => {
                    cx.error_spanned(expr, message);
                    None
                }
            },
            None if computed => {
                tags.push(None);
                continue;
            }
            None => next,
        };
        let Some(value) = value else {
            tags.push(Some(0));
            next = None;
            continue;
        };
        if value > width.max_value() {
            let hint = if value <= TagWidth::U16.max_value() {
                "; widen it with #[crosswire(tag = \"u16\")]"
            } else if value <= TagWidth::U32.max_value() {
                "; widen it with #[crosswire(tag = \"u32\")]"
            } else {
                ""
            };
            let message = format!(
                "crosswire: tag value {value} does not fit the `{}` tag (at most {}){hint}",
                width.name(),
                width.max_value(),
            );
            match discriminant {
                Some(expr) => cx.error_spanned(expr, message),
                None => cx.error_spanned(ident, message),
            }
        } else if let Some(&first) = seen.get(&value) {
            let message = format!(
                "crosswire: tag value {value} is used twice (first by variant `{}`)",
                variants
                    .get(first)
                    .map_or(String::new(), |v| v.0.to_string())
            );
            match discriminant {
                Some(expr) => cx.error_spanned(expr, message),
                None => cx.error_spanned(ident, message),
            }
        }
        seen.entry(value).or_insert(i);
        tags.push(Some(value));
        next = value.checked_add(1);
    }
    tags
}

/// The value of an integer literal discriminant, `None` for a constant expression.
fn literal_value(expr: &Expr) -> Result<Option<u64>, &'static str> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Int(int), ..
        }) => int
            .base10_parse::<u64>()
            .map(Some)
            .map_err(|_| "crosswire: discriminant out of range for a tag"),
        Expr::Group(group) => literal_value(&group.expr),
        Expr::Paren(paren) => literal_value(&paren.expr),
        Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => {
            Err("crosswire: a negative discriminant cannot be a tag; tags are unsigned")
        }
        Expr::Lit(_) => Err("crosswire: the discriminant must be an integer"),
        _ => Ok(None),
    }
}
