//! Checks of `#[crosswire(since = N)]` (spec §13): only on the wire fields of an extensible
//! struct, and, once one field has it, on every later wire field, with versions that never
//! go down (fields are added at the end of the body).

use crate::{
    attr::FieldCodec,
    ctxt::Ctxt,
    model::{Data, Field, Input},
};

pub fn check(cx: &Ctxt, input: &Input) {
    match &input.data {
        Data::Struct {
            fields, extensible, ..
        } => {
            if *extensible {
                check_order(cx, fields);
            } else {
                reject(cx, fields, "fields of an `extensible` struct");
            }
        }
        Data::Enum { variants, .. } => {
            for v in variants {
                reject(
                    cx,
                    &v.fields,
                    "fields of an `extensible` struct, not of enum variants",
                );
            }
        }
    }
}

fn reject(cx: &Ctxt, fields: &[Field], applies_to: &str) {
    for since in fields.iter().filter_map(|f| f.since.as_ref()) {
        cx.push(syn::Error::new(
            since.span,
            format_args!("crosswire: `since` applies to {applies_to}"),
        ));
    }
}

fn check_order(cx: &Ctxt, fields: &[Field]) {
    let mut latest: Option<u32> = None;
    for f in fields {
        match (&f.codec, &f.since, latest) {
            (FieldCodec::Skip, Some(since), _) => cx.push(syn::Error::new(
                since.span,
                "crosswire: a skipped field is not on the wire: it takes no `since`",
            )),
            (FieldCodec::Skip, None, _) => {}
            (_, Some(since), Some(before)) if since.version < before => {
                cx.push(syn::Error::new(
                    since.span,
                    format_args!(
                        "crosswire: fields are added at the end: this field comes after one \
                         with `since = {before}`, so it needs `since = {before}` or later"
                    ),
                ));
            }
            (_, Some(since), _) => latest = Some(since.version),
            (_, None, Some(before)) => cx.push(syn::Error::new_spanned(
                f.ty,
                format_args!(
                    "crosswire: fields are added at the end: this field comes after one with \
                     `since = {before}`, so it needs `#[crosswire(since = {before})]` or later"
                ),
            )),
            (_, None, None) => {}
        }
    }
}
