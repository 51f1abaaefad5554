//! Decoding statements, kind by kind. The reader is `r` (a `struct P_rd_ *`); each kind
//! reads front to back and reports the first rule broken in reading order (§14).

use crosswire::schema::{Field, Int, Schema};

use super::body::{field_lv, variant_has_storage, Body};
use crate::{layout, names, Error};

/// The body of `P_name_dec_(r, v)`.
pub fn named(b: &mut Body, schema: &Schema) -> Result<(), Error> {
    match *schema {
        Schema::Struct {
            fields,
            extensible: false,
            ..
        } => {
            for f in fields {
                value(b, f.schema, &field_lv("(*v)", f.name))?;
            }
        }
        Schema::Struct {
            fields,
            extensible: true,
            first_version_fields,
            ..
        } => extensible_body(b, fields, first_version_fields, "(*v)")?,
        Schema::Enum {
            tag_width,
            variants,
            ..
        } => {
            let (p, up) = (b.p, b.up);
            let tag_ty = layout::tag_type(tag_width);
            b.line(&format!("size_t tag_at = {p}_rd_at_(r);"));
            b.line("u64 tag;");
            b.line(&format!("{up}_TRY_({p}_rd_uint_(r, {tag_width}, &tag));"));
            b.line("switch (tag) {");
            for variant in variants {
                b.line(&format!("case {}:", layout::tag_literal(variant)));
                b.ind += 1;
                b.line(&format!("v->tag = ({tag_ty})tag;"));
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
            b.line(&format!(
                "\treturn {p}_rd_fail_(r, {up}_ERR_INVALID_TAG, tag_at);"
            ));
            b.line("}");
        }
        _ => return Err(Error::Unsupported(format!("{schema:?}"))),
    }
    Ok(())
}

/// Statements that decode the body of an extensible struct (§13), or of a variant of an
/// extensible enum (§17.2), whose `fields` go to the members of `lv`; from the body length
/// on, and in the function's outermost block (it declares locals). The first
/// `first_version_fields` are read from real bytes only (§13).
pub(super) fn extensible_body(
    b: &mut Body,
    fields: &[Field],
    first_version_fields: usize,
    lv: &str,
) -> Result<(), Error> {
    let body_max = layout::fields_max(fields).ok_or(Error::TooLarge)?;
    let (p, up) = (b.p, b.up);
    // §13: the body length S, then the body zero-extended to `body_max`, then
    // the unknown tail, which must be zero.
    b.line(&format!("struct {p}_rd_ body;"));
    b.line(&format!("struct {p}_rd_ *outer = r;"));
    b.line("u64 s;");
    b.line("size_t tail;");
    b.line(&format!("{up}_TRY_({p}_rd_uint_(outer, 4, &s));"));
    b.line("if (s > outer->end - outer->pos)");
    b.line(&format!(
        "\treturn {p}_rd_fail_(outer, {up}_ERR_UNEXPECTED_END, outer->real);"
    ));
    b.line("body.data = outer->data;");
    b.line("body.pos = outer->pos;");
    b.line("body.real = outer->real;");
    b.line("if (body.real > outer->pos && body.real - outer->pos > (size_t)s)");
    b.line("\tbody.real = outer->pos + (size_t)s;");
    b.line(&format!(
        "body.end = outer->pos + ((size_t)s > {body_max}u ? (size_t)s : {body_max}u);"
    ));
    b.line("body.err = outer->err;");
    // The fields read from the body: `r` is the function's reader, pointed at the body
    // and back (a second `r` in a block would shadow it).
    b.open("{");
    let (required, later) = fields.split_at(first_version_fields.min(fields.len()));
    // Declarations first (C90, and the kernel's -Wdeclaration-after-statement).
    let first_version_reads = variant_has_storage(required);
    if first_version_reads {
        b.line("size_t zero_extended_end = body.end;");
    }
    b.line("r = &body;");
    if first_version_reads {
        // The first version's fields from real bytes only: no virtual zeros yet.
        b.line("body.end = body.real > body.pos ? body.real : body.pos;");
        for f in required {
            value(b, f.schema, &field_lv(lv, f.name))?;
        }
        b.line("body.end = zero_extended_end;");
    }
    for f in later {
        value(b, f.schema, &field_lv(lv, f.name))?;
    }
    b.close("}");
    b.line("r = outer;");
    b.line("for (tail = body.pos; tail < body.real; tail++)");
    b.line("\tif (body.data[tail] != 0)");
    b.line(&format!(
        "\t\treturn {p}_rd_fail_(r, {up}_ERR_NON_ZERO_TAIL, tail);"
    ));
    b.line("outer->pos += (size_t)s;");
    Ok(())
}

/// Statements that decode one value of `schema` into the lvalue `lv`.
pub(super) fn value(b: &mut Body, schema: &Schema, lv: &str) -> Result<(), Error> {
    if layout::is_void(schema) {
        return Ok(());
    }
    let (p, up) = (b.p, b.up);
    let start = b.begin_value();
    match *schema {
        Schema::Int { int } => int_value(b, int, lv),
        Schema::Bool => b.line(&format!(
            "{up}_TRY_({p}_rd_flag_(r, &{lv}, {up}_ERR_INVALID_BOOL));"
        )),
        Schema::Char => {
            b.line(&format!("size_t @at = {p}_rd_at_(r);"));
            b.line("u64 @t;");
            b.line(&format!("{up}_TRY_({p}_rd_uint_(r, 4, &@t));"));
            b.line("if (@t > 0x10FFFFu || (@t >= 0xD800u && @t <= 0xDFFFu))");
            b.line(&format!(
                "\treturn {p}_rd_fail_(r, {up}_ERR_INVALID_CHAR, @at);"
            ));
            b.line(&format!("{lv} = (u32)@t;"));
        }
        Schema::Float { width } => {
            let bits = if width == 4 { "u32" } else { "u64" };
            b.line("u64 @t;");
            b.line(&format!("{bits} @bits;"));
            b.line(&format!("{up}_TRY_({p}_rd_uint_(r, {width}, &@t));"));
            b.line(&format!("@bits = ({bits})@t;"));
            b.line(&format!("memcpy(&{lv}, &@bits, {width});"));
        }
        Schema::Duration => {
            b.line("size_t @at;");
            b.line("u64 @t;");
            b.line(&format!("{up}_TRY_({p}_rd_uint_(r, 8, &@t));"));
            b.line(&format!("{lv}.secs = @t;"));
            b.line(&format!("@at = {p}_rd_at_(r);"));
            b.line(&format!("{up}_TRY_({p}_rd_uint_(r, 4, &@t));"));
            b.line("if (@t >= 1000000000u)");
            b.line(&format!(
                "\treturn {p}_rd_fail_(r, {up}_ERR_INVALID_DURATION, @at);"
            ));
            b.line(&format!("{lv}.nanos = (u32)@t;"));
        }
        Schema::Option { some } => {
            b.line(&format!(
                "{up}_TRY_({p}_rd_flag_(r, &{lv}.present, {up}_ERR_INVALID_TAG));"
            ));
            if !layout::is_void(some) {
                b.open(&format!("if ({lv}.present) {{"));
                value(b, some, &format!("{lv}.value"))?;
                b.close("}");
            }
        }
        Schema::Result { ok, err } => {
            b.line(&format!(
                "{up}_TRY_({p}_rd_flag_(r, &{lv}.is_err, {up}_ERR_INVALID_TAG));"
            ));
            b.open(&format!("if (!{lv}.is_err) {{"));
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
            length(b, capacity, lv);
            if borrowed {
                view(b, lv);
            } else if layout::seq_has_items(capacity, item) {
                if is_byte(item) {
                    b.line(&format!(
                        "{up}_TRY_({p}_rd_take_(r, {lv}.items, {lv}.len));"
                    ));
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
            let has_bytes = borrowed || capacity != 0;
            if has_bytes {
                b.line("size_t @start;");
            }
            length(b, capacity, lv);
            if has_bytes {
                b.line(&format!("@start = {p}_rd_at_(r);"));
                if borrowed {
                    view(b, lv);
                } else {
                    b.line(&format!("{up}_TRY_({p}_rd_take_(r, {lv}.data, {lv}.len));"));
                }
                b.line(&format!(
                    "{up}_TRY_({p}_rd_utf8_(r, {lv}.data, {lv}.len, @start));"
                ));
            }
        }
        Schema::Struct { .. } | Schema::Enum { .. } | Schema::OpenEnum { .. } => {
            let name = b.reg.c_name(schema)?;
            b.line(&format!("{up}_TRY_({name}_dec_(r, &{lv}));"));
        }
        _ => return Err(Error::Unsupported(format!("{schema:?}"))),
    }
    b.end_value(start);
    Ok(())
}

fn int_value(b: &mut Body, int: Int, lv: &str) {
    let (p, up) = (b.p, b.up);
    if int.pointer_sized {
        // §3.2: range-checked against this target's pointer width, as Rust does.
        let kind = if int.signed { "isize" } else { "usize" };
        if int.nonzero {
            b.line(&format!("size_t @at = {p}_rd_at_(r);"));
        }
        b.line(&format!("{up}_TRY_({p}_rd_{kind}_(r, &{lv}));"));
        if int.nonzero {
            b.line(&format!("if ({lv} == 0)"));
            b.line(&format!(
                "\treturn {p}_rd_fail_(r, {up}_ERR_ZERO_NON_ZERO, @at);"
            ));
        }
        return;
    }
    if !int.big_endian && !int.nonzero && int.width <= 8 {
        // The commonest field: one call of the runtime's reader for its C type.
        let sign = if int.signed { 's' } else { 'u' };
        let bits = 8 * u32::from(int.width);
        b.line(&format!("{up}_TRY_({p}_rd_{sign}{bits}_(r, &{lv}));"));
        return;
    }
    let read = if int.big_endian {
        "rd_uint_be_"
    } else {
        "rd_uint_"
    };
    if int.nonzero {
        b.line(&format!("size_t @at = {p}_rd_at_(r);"));
    }
    b.line("u64 @t;");
    if int.width == 16 {
        // Two halves, in wire order.
        b.line("u64 @t2;");
        b.line(&format!("{up}_TRY_({p}_{read}(r, 8, &@t));"));
        b.line(&format!("{up}_TRY_({p}_{read}(r, 8, &@t2));"));
        let (lo, hi) = if int.big_endian {
            ("@t2", "@t")
        } else {
            ("@t", "@t2")
        };
        if int.nonzero {
            b.line(&format!("if (({lo} | {hi}) == 0)"));
            b.line(&format!(
                "\treturn {p}_rd_fail_(r, {up}_ERR_ZERO_NON_ZERO, @at);"
            ));
        }
        b.line(&format!("{lv}.lo = {lo};"));
        b.line(&format!("{lv}.hi = {hi};"));
        return;
    }
    b.line(&format!("{up}_TRY_({p}_{read}(r, {}, &@t));", int.width));
    if int.nonzero {
        b.line("if (@t == 0)");
        b.line(&format!(
            "\treturn {p}_rd_fail_(r, {up}_ERR_ZERO_NON_ZERO, @at);"
        ));
    }
    let ty = layout::int_type(int);
    if int.signed {
        b.line(&format!("{lv} = ({ty}){p}_sext_(@t, {});", int.width));
    } else {
        b.line(&format!("{lv} = ({ty})@t;"));
    }
}

/// A `u8` (not `Be`, not `NonZero`): a run of them is one copy.
fn is_byte(schema: &Schema) -> bool {
    matches!(schema, Schema::Int { int } if *int == Int::new(1, false))
}

/// A bounded length: `u32`, checked against the capacity before anything else is read
/// (§10.2), into `lv.len`.
fn length(b: &mut Body, capacity: usize, lv: &str) {
    let (p, up) = (b.p, b.up);
    b.line(&format!(
        "{up}_TRY_({p}_rd_len_(r, {capacity}u, &{lv}.len));"
    ));
}

/// A borrowed view of the next `lv.len` bytes: real bytes only (§13).
fn view(b: &mut Body, lv: &str) {
    let (p, up) = (b.p, b.up);
    b.line(&format!(
        "{up}_TRY_({p}_rd_view_(r, {lv}.len, &{lv}.data));"
    ));
}
