//! Forward-compatible enums (§17), both directions. The decoded form is a plain enum's
//! (the tag, then a union of the variants' fields), where a tag no known variant has is
//! the catch-all: its raw value is the tag, and a kept body (§17.2) is the union member
//! named after the catch-all.

use crosswire::schema::{Other, Schema, Variant};

use super::{
    body::{field_lv, variant_has_storage, Body},
    decode, encode,
};
use crate::{layout, names, Error};

/// The parts of a `Schema::OpenEnum`.
struct Parts {
    tag_width: u8,
    variants: &'static [Variant],
    extensible: bool,
    other: Option<&'static Other>,
}

fn parts(schema: &Schema) -> Result<Parts, Error> {
    match *schema {
        Schema::OpenEnum {
            tag_width,
            variants,
            extensible,
            other,
            ..
        } => Ok(Parts {
            tag_width,
            variants,
            extensible,
            other,
        }),
        _ => Err(Error::Unsupported(format!("{schema:?}"))),
    }
}

/// The body of `P_name_dec_(r, v)`.
pub fn decode(b: &mut Body, schema: &Schema) -> Result<(), Error> {
    let Parts {
        tag_width,
        variants,
        extensible,
        other,
    } = parts(schema)?;
    let (p, up) = (b.p, b.up);
    let tag_ty = layout::tag_type(tag_width);
    b.line(&format!("size_t tag_at = {p}_rd_at_(r);"));
    b.line("u64 tag;");
    b.line(&format!("{up}_TRY_({p}_rd_uint_(r, {tag_width}, &tag));"));
    b.line("(void)tag_at;");
    b.line(&format!("v->tag = ({tag_ty})tag;"));
    b.line("switch (tag) {");
    for variant in variants {
        b.line(&format!("case {}:", layout::tag_literal(variant)));
        b.open("{");
        let lv = format!("v->v.{}", names::member(variant.name));
        if extensible {
            decode::extensible_body(b, variant.fields, 0, &lv)?;
        } else if variant_has_storage(variant.fields) {
            for f in variant.fields {
                decode::value(b, f.schema, &field_lv(&lv, f.name))?;
            }
        }
        b.line("break;");
        b.close("}");
    }
    b.line("default:");
    b.open("{");
    match (other, extensible) {
        (None, _) => b.line(&format!(
            "return {p}_rd_fail_(r, {up}_ERR_INVALID_TAG, tag_at);"
        )),
        (Some(_), false) => b.line("break;"),
        (
            Some(Other {
                body: Some(body),
                name,
            }),
            true,
        ) => {
            let lv = format!("v->v.{}", names::member(name));
            match *body {
                // §17.2: a body that fits is kept, a longer one skipped.
                Schema::Option { some } => {
                    let capacity = layout::kept_capacity(some)?;
                    b.line("size_t body_at = r->pos;");
                    b.line("u64 s;");
                    b.line(&format!("{up}_TRY_({p}_rd_uint_(r, 4, &s));"));
                    b.open(&format!("if (s > {capacity}u) {{"));
                    skip_body(b);
                    b.line(&format!("{lv}.present = 0;"));
                    b.line("break;");
                    b.close("}");
                    b.line("r->pos = body_at;");
                    b.line(&format!("{lv}.present = 1;"));
                    decode::value(b, some, &format!("{lv}.value"))?;
                }
                _ => decode::value(b, body, &lv)?,
            }
            b.line("break;");
        }
        (Some(Other { body: None, .. }), true) => {
            // §17.2: the body of an unknown variant, skipped.
            b.line("u64 s;");
            b.line(&format!("{up}_TRY_({p}_rd_uint_(r, 4, &s));"));
            skip_body(b);
            b.line("break;");
        }
    }
    b.close("}");
    b.line("}");
    Ok(())
}

/// Skips the `s` bytes of a body whose length `s` was just read (§17.2).
fn skip_body(b: &mut Body) {
    let (p, up) = (b.p, b.up);
    b.line("if (s > r->end - r->pos)");
    b.line(&format!(
        "\treturn {p}_rd_fail_(r, {up}_ERR_UNEXPECTED_END, r->real);"
    ));
    b.line("r->pos += (size_t)s;");
}

/// The body of `P_name_enc_(w, v)`.
pub fn encode(b: &mut Body, schema: &Schema) -> Result<(), Error> {
    let Parts {
        tag_width,
        variants,
        extensible,
        other,
    } = parts(schema)?;
    let (p, up) = (b.p, b.up);
    b.line("switch (v->tag) {");
    for variant in variants {
        b.line(&format!("case {}:", layout::tag_literal(variant)));
        b.open("{");
        if extensible {
            b.line("size_t body_at;");
            b.line("size_t body_len;");
        }
        b.line(&format!(
            "{up}_TRY_({p}_wr_uint_(w, {}, {tag_width}));",
            layout::tag_literal(variant)
        ));
        let lv = format!("v->v.{}", names::member(variant.name));
        if extensible {
            // §17.2: the body length, known once the body is written.
            b.line("body_at = w->pos;");
            b.line(&format!("{up}_TRY_({p}_wr_uint_(w, 0, 4));"));
        }
        if variant_has_storage(variant.fields) {
            for f in variant.fields {
                encode::value(b, f.schema, &field_lv(&lv, f.name))?;
            }
        }
        if extensible {
            super::encode::patch_body_length(b);
        }
        b.line("break;");
        b.close("}");
    }
    b.line("default:");
    b.open("{");
    match (other, extensible) {
        // No catch-all, or one whose body was skipped: nothing to write.
        (None, _) | (Some(Other { body: None, .. }), true) => {
            b.line(&format!("return {p}_wr_invalid_(w, w->pos);"));
        }
        (Some(_), false) => {
            b.line(&format!("{up}_TRY_({p}_wr_uint_(w, v->tag, {tag_width}));"));
            b.line("break;");
        }
        (
            Some(Other {
                body: Some(body),
                name,
            }),
            true,
        ) => {
            let lv = format!("v->v.{}", names::member(name));
            match *body {
                // §17.2: a skipped body (`present` 0) has nothing to write.
                Schema::Option { some } => {
                    b.line(&format!("if ({lv}.present != 1)"));
                    b.line(&format!("\treturn {p}_wr_invalid_(w, w->pos);"));
                    b.line(&format!("{up}_TRY_({p}_wr_uint_(w, v->tag, {tag_width}));"));
                    encode::value(b, some, &format!("{lv}.value"))?;
                }
                _ => {
                    b.line(&format!("{up}_TRY_({p}_wr_uint_(w, v->tag, {tag_width}));"));
                    encode::value(b, body, &lv)?;
                }
            }
            b.line("break;");
        }
    }
    b.close("}");
    b.line("}");
    Ok(())
}
