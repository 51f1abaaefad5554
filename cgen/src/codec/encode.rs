//! Encoding statements, kind by kind, mirroring `decode`. The writer is `w` (a
//! `struct P_wr_ *`). A decoded-form value that no Rust value has (a length over
//! capacity, a flag above 1, an unknown tag, invalid UTF-8, ...) is refused with
//! `INVALID_VALUE` where it starts, so the encoder only writes bytes the decoder accepts.

use crosswire::schema::{Int, Schema};

use super::body::{field_lv, variant_has_storage, Body};
use crate::{layout, names, Error};

/// The body of `P_name_enc_(w, v)`.
pub fn named(b: &mut Body, schema: &Schema) -> Result<(), Error> {
    let (p, up) = (b.p, b.up);
    match *schema {
        Schema::Struct {
            fields, extensible, ..
        } => {
            if extensible {
                // §13: the body length, known once the body is written.
                b.line("size_t body_at = w->pos;");
                b.line("size_t body_len;");
                b.line(&format!("{up}_TRY_({p}_wr_uint_(w, 0, 4));"));
            }
            for f in fields {
                value(b, f.schema, &field_lv("(*v)", f.name))?;
            }
            if extensible {
                patch_body_length(b);
            }
        }
        Schema::Enum {
            tag_width,
            variants,
            ..
        } => {
            b.line("switch (v->tag) {");
            for variant in variants {
                b.line(&format!("case {}:", layout::tag_literal(variant)));
                b.ind += 1;
                b.line(&format!(
                    "{up}_TRY_({p}_wr_uint_(w, {}, {tag_width}));",
                    layout::tag_literal(variant)
                ));
                if variant_has_storage(variant.fields) {
                    let lv = format!("v->v.{}", names::member(variant.name));
                    for f in variant.fields {
                        value(b, f.schema, &field_lv(&lv, f.name))?;
                    }
                }
                b.line("break;");
                b.ind -= 1;
            }
            b.line("default:");
            b.line(&format!("\treturn {p}_wr_invalid_(w, w->pos);"));
            b.line("}");
        }
        _ => return Err(Error::Unsupported(format!("{schema:?}"))),
    }
    Ok(())
}

/// Statements that encode the value of `schema` at the lvalue `lv`.
pub(super) fn value(b: &mut Body, schema: &Schema, lv: &str) -> Result<(), Error> {
    if layout::is_void(schema) {
        return Ok(());
    }
    let (p, up) = (b.p, b.up);
    let start = b.begin_value();
    match *schema {
        Schema::Int { int } => int_value(b, int, lv),
        Schema::Bool => {
            b.line(&format!("if ({lv} > 1)"));
            b.line(&format!("\treturn {p}_wr_invalid_(w, w->pos);"));
            b.line(&format!("{up}_TRY_({p}_wr_uint_(w, {lv}, 1));"));
        }
        Schema::Char => {
            b.line(&format!("u32 @c = {lv};"));
            b.line("if (@c > 0x10FFFFu || (@c >= 0xD800u && @c <= 0xDFFFu))");
            b.line(&format!("\treturn {p}_wr_invalid_(w, w->pos);"));
            b.line(&format!("{up}_TRY_({p}_wr_uint_(w, @c, 4));"));
        }
        Schema::Float { width } => {
            let bits = if width == 4 { "u32" } else { "u64" };
            b.line(&format!("{bits} @bits;"));
            b.line(&format!("memcpy(&@bits, &{lv}, {width});"));
            b.line(&format!("{up}_TRY_({p}_wr_uint_(w, @bits, {width}));"));
        }
        Schema::Duration => {
            b.line(&format!("if ({lv}.nanos >= 1000000000u)"));
            b.line(&format!("\treturn {p}_wr_invalid_(w, w->pos);"));
            b.line(&format!("{up}_TRY_({p}_wr_uint_(w, {lv}.secs, 8));"));
            b.line(&format!("{up}_TRY_({p}_wr_uint_(w, {lv}.nanos, 4));"));
        }
        Schema::Option { some } => {
            b.line(&format!("if ({lv}.present > 1)"));
            b.line(&format!("\treturn {p}_wr_invalid_(w, w->pos);"));
            b.line(&format!("{up}_TRY_({p}_wr_uint_(w, {lv}.present, 1));"));
            b.open(&format!("if ({lv}.present == 1) {{"));
            value(b, some, &format!("{lv}.value"))?;
            b.close("}");
        }
        Schema::Result { ok, err } => {
            b.line(&format!("if ({lv}.is_err > 1)"));
            b.line(&format!("\treturn {p}_wr_invalid_(w, w->pos);"));
            b.line(&format!("{up}_TRY_({p}_wr_uint_(w, {lv}.is_err, 1));"));
            b.open(&format!("if ({lv}.is_err == 0) {{"));
            value(b, ok, &format!("{lv}.ok"))?;
            b.close("} else {");
            b.ind += 1;
            value(b, err, &format!("{lv}.err"))?;
            b.close("}");
        }
        Schema::Array { len, item } => {
            let i = b.fresh("i");
            b.line(&format!("size_t {i};"));
            b.open(&format!("for ({i} = 0; {i} < {len}u; {i}++) {{"));
            value(b, item, &format!("{lv}[{i}]"))?;
            b.close("}");
        }
        Schema::Tuple { items } => {
            for (i, item) in items.iter().enumerate() {
                value(b, item, &format!("{lv}.f{i}"))?;
            }
        }
        Schema::Seq {
            capacity,
            item,
            borrowed,
        } => {
            length(b, capacity, lv, borrowed);
            if borrowed {
                b.line(&format!("{up}_TRY_({p}_wr_put_(w, {lv}.data, {lv}.len));"));
            } else if layout::seq_has_items(capacity, item) {
                if matches!(item, Schema::Int { int } if *int == Int::new(1, false)) {
                    b.line(&format!("{up}_TRY_({p}_wr_put_(w, {lv}.items, {lv}.len));"));
                } else {
                    let i = b.fresh("i");
                    b.open("{");
                    b.line(&format!("size_t {i};"));
                    b.open(&format!("for ({i} = 0; {i} < {lv}.len; {i}++) {{"));
                    value(b, item, &format!("{lv}.items[{i}]"))?;
                    b.close("}");
                    b.close("}");
                }
            }
        }
        Schema::Str { capacity, borrowed } => {
            length(b, capacity, lv, borrowed);
            if borrowed || capacity != 0 {
                b.line(&format!(
                    "{up}_TRY_({p}_wr_utf8_(w, {lv}.data, {lv}.len, @at));"
                ));
            }
        }
        Schema::Struct { .. } | Schema::Enum { .. } | Schema::OpenEnum { .. } => {
            let name = b.reg.c_name(schema)?;
            b.line(&format!("{up}_TRY_({name}_enc_(w, &{lv}));"));
        }
        _ => return Err(Error::Unsupported(format!("{schema:?}"))),
    }
    b.end_value(start);
    Ok(())
}

fn int_value(b: &mut Body, int: Int, lv: &str) {
    let (p, up) = (b.p, b.up);
    let write = if int.big_endian {
        "wr_uint_be_"
    } else {
        "wr_uint_"
    };
    if int.width == 16 {
        if int.nonzero {
            b.line(&format!("if (({lv}.lo | {lv}.hi) == 0)"));
            b.line(&format!("\treturn {p}_wr_invalid_(w, w->pos);"));
        }
        let (first, second) = if int.big_endian {
            ("hi", "lo")
        } else {
            ("lo", "hi")
        };
        b.line(&format!("{up}_TRY_({p}_{write}(w, {lv}.{first}, 8));"));
        b.line(&format!("{up}_TRY_({p}_{write}(w, {lv}.{second}, 8));"));
        return;
    }
    if int.nonzero {
        b.line(&format!("if ({lv} == 0)"));
        b.line(&format!("\treturn {p}_wr_invalid_(w, w->pos);"));
    }
    if int.pointer_sized {
        let signed = u8::from(int.signed);
        b.line(&format!(
            "{up}_TRY_({p}_wr_pointer_sized_(w, (u64){lv}, {signed}));"
        ));
        return;
    }
    // A signed value converts to u64 modulo 2^64 (C11 6.3.1.3): its two's
    // complement bits.
    b.line(&format!(
        "{up}_TRY_({p}_{write}(w, (u64){lv}, {}));",
        int.width
    ));
}

/// A bounded length, refused above the capacity (or, for a view, with no data): leaves
/// the value's start in `at`.
fn length(b: &mut Body, capacity: usize, lv: &str, borrowed: bool) {
    let (p, up) = (b.p, b.up);
    b.line("size_t @at = w->pos;");
    b.line(&format!("if ({lv}.len > {capacity}u)"));
    b.line(&format!("\treturn {p}_wr_invalid_(w, @at);"));
    if borrowed {
        b.line(&format!("if ({lv}.len != 0 && !{lv}.data)"));
        b.line(&format!("\treturn {p}_wr_invalid_(w, @at);"));
    }
    b.line(&format!("{up}_TRY_({p}_wr_uint_(w, {lv}.len, 4));"));
}

/// Writes the length of the body that started at `body_at` (a placeholder `u32` there)
/// into that placeholder, little-endian (§13, §17.2).
pub(super) fn patch_body_length(b: &mut Body) {
    b.line("body_len = w->pos - body_at - 4;");
    b.line("w->buf[body_at] = (u8)body_len;");
    b.line("w->buf[body_at + 1] = (u8)(body_len >> 8);");
    b.line("w->buf[body_at + 2] = (u8)(body_len >> 16);");
    b.line("w->buf[body_at + 3] = (u8)(body_len >> 24);");
}
