//! Sizes (spec §2, computed from the schema by the spec's own rules) and the decoded-form
//! C declarations of each kind.

use crosswire::schema::{Int, Other, Schema, Variant};

use crate::{names, Error, Registry};

pub use crosswire::schema::{fields_max, max_size};

/// `FIXED_SIZE` (spec §2).
pub fn fixed_size(schema: &Schema) -> bool {
    match *schema {
        Schema::Int { .. }
        | Schema::Bool
        | Schema::Char
        | Schema::Float { .. }
        | Schema::Unit
        | Schema::Duration => true,
        Schema::Option { some } => max_size(some) == Some(0),
        Schema::Array { len, item } => len == 0 || max_size(item) == Some(0) || fixed_size(item),
        Schema::Seq { capacity, item, .. } => capacity == 0 || max_size(item) == Some(0),
        Schema::Str { capacity, .. } => capacity == 0,
        Schema::Tuple { items } => items.iter().all(|i| fixed_size(i)),
        Schema::Result { ok, err } => {
            fixed_size(ok) && fixed_size(err) && max_size(ok) == max_size(err)
        }
        Schema::Struct {
            fields, extensible, ..
        } => !extensible && fields.iter().all(|f| fixed_size(f.schema)),
        Schema::Enum { variants, .. } => {
            let first = variants.first().map(|v| fields_max(v.fields));
            !variants.is_empty()
                && variants.iter().all(|v| {
                    v.fields.iter().all(|f| fixed_size(f.schema))
                        && Some(fields_max(v.fields)) == first
                })
        }
        // §17: a unit-only enum with a catch-all is its tag; an extensible one varies.
        Schema::OpenEnum { extensible, .. } => !extensible,
        _ => false,
    }
}

/// Whether the decoded form has no C storage (a struct member of this kind is left out):
/// `()`, `PhantomData`, arrays of length 0 or of such items, tuples of such items. These
/// are exactly the kinds with no bytes on the wire and nothing to check.
pub fn is_void(schema: &Schema) -> bool {
    match *schema {
        Schema::Unit => true,
        Schema::Array { len, item } => len == 0 || is_void(item),
        Schema::Tuple { items } => items.iter().all(|i| is_void(i)),
        _ => false,
    }
}

/// Whether a bounded sequence of `item` has an `items` array: `false` when the capacity
/// is 0 or the items have no storage.
pub fn seq_has_items(capacity: usize, item: &Schema) -> bool {
    capacity != 0 && !is_void(item)
}

/// The C type of an integer (128-bit ones are `{ lo, hi }` pairs of their bits).
pub fn int_type(int: Int) -> &'static str {
    match (int.width, int.signed) {
        (1, false) => "u8",
        (2, false) => "u16",
        (4, false) => "u32",
        (8, false) => "u64",
        (1, true) => "s8",
        (2, true) => "s16",
        (4, true) => "s32",
        (8, true) => "s64",
        _ => "struct { u64 lo; u64 hi; }",
    }
}

/// A variant's tag as a C literal: hexadecimal where the Rust source writes it so.
pub fn tag_literal(variant: &Variant) -> String {
    if variant.hex {
        format!("0x{:x}u", variant.tag)
    } else {
        format!("{}u", variant.tag)
    }
}

/// The C type of an enum's tag.
pub fn tag_type(width: u8) -> &'static str {
    match width {
        1 => "u8",
        2 => "u16",
        _ => "u32",
    }
}

/// Writes the member declaration `decl` (a name, possibly with array suffixes) of type
/// `schema` at indentation `ind`; nothing for a void kind.
pub fn declare(
    reg: &Registry,
    schema: &Schema,
    decl: &str,
    ind: usize,
    out: &mut String,
) -> Result<(), Error> {
    if is_void(schema) {
        return Ok(());
    }
    let pad = "\t".repeat(ind);
    match *schema {
        Schema::Int { int } => out.push_str(&format!("{pad}{} {decl};\n", int_type(int))),
        Schema::Bool => out.push_str(&format!("{pad}u8 {decl};\n")),
        Schema::Char => out.push_str(&format!("{pad}u32 {decl};\n")),
        Schema::Float { width } => {
            let ty = if width == 4 { "float" } else { "double" };
            out.push_str(&format!("{pad}{ty} {decl};\n"));
        }
        Schema::Duration => {
            out.push_str(&format!("{pad}struct {{ u64 secs; u32 nanos; }} {decl};\n"))
        }
        Schema::Option { .. } | Schema::Seq { .. } | Schema::Str { .. } => {
            let name = aggregate_name(reg, schema)?;
            out.push_str(&format!("{pad}struct {name} {decl};\n"));
        }
        Schema::Array { len, item } => declare(reg, item, &format!("{decl}[{len}]"), ind, out)?,
        Schema::Tuple { items } => {
            out.push_str(&format!("{pad}struct {{\n"));
            for (i, item) in items.iter().enumerate() {
                declare(reg, item, &format!("f{i}"), ind + 1, out)?;
            }
            out.push_str(&format!("{pad}}} {decl};\n"));
        }
        Schema::Result { ok, err } => {
            out.push_str(&format!("{pad}struct {{\n{pad}\tu8 is_err;\n"));
            declare(reg, ok, "ok", ind + 1, out)?;
            declare(reg, err, "err", ind + 1, out)?;
            out.push_str(&format!("{pad}}} {decl};\n"));
        }
        Schema::Struct { .. } | Schema::Enum { .. } | Schema::OpenEnum { .. } => {
            let name = reg.c_name(schema)?;
            out.push_str(&format!("{pad}struct {name} {decl};\n"));
        }
        Schema::Unit => {}
        _ => return Err(Error::Unsupported(format!("{schema:?}"))),
    }
    Ok(())
}

/// The C struct name of an option, a bounded sequence or a bounded string: named after
/// its shape (`p_opt_u32`, `p_vec16_u8`, `p_str32`, `p_bytes8`, `p_strview16`), so that
/// such a member can be passed to a helper or assigned between types.
pub fn aggregate_name(reg: &Registry, schema: &Schema) -> Result<String, Error> {
    Ok(format!("{}_{}", reg.lower, shape_name(reg, schema)?))
}

/// A shape's part of a C name: `names::mangle`'s, but a named type's part is its C name
/// (which tells `Buf<2>` from `Buf<3>`).
fn shape_name(reg: &Registry, schema: &Schema) -> Result<String, Error> {
    let prefix = format!("{}_", reg.lower);
    names::mangle_with(schema, &|named| {
        let name = reg.c_name(named)?;
        Ok(name.strip_prefix(&prefix).unwrap_or(&name).to_string())
    })
}

/// Defines, before a named type's struct, the option, sequence and string structs its
/// members use (innermost first) that `defined` does not hold yet.
pub fn define_aggregates(
    reg: &Registry,
    schema: &Schema,
    defined: &mut Vec<String>,
    out: &mut String,
) -> Result<(), Error> {
    let mut fields: Vec<&Schema> = Vec::new();
    match *schema {
        Schema::Struct { fields: f, .. } => fields.extend(f.iter().map(|f| f.schema)),
        Schema::Enum { variants, .. } | Schema::OpenEnum { variants, .. } => {
            for v in variants {
                fields.extend(v.fields.iter().map(|f| f.schema));
            }
            if let Schema::OpenEnum {
                other: Some(Other {
                    body: Some(body), ..
                }),
                ..
            } = *schema
            {
                fields.push(body);
            }
        }
        _ => {}
    }
    for field in fields {
        define_aggregate(reg, field, defined, out)?;
    }
    Ok(())
}

fn define_aggregate(
    reg: &Registry,
    schema: &Schema,
    defined: &mut Vec<String>,
    out: &mut String,
) -> Result<(), Error> {
    match *schema {
        Schema::Option { some: inner }
        | Schema::Array { item: inner, .. }
        | Schema::Seq { item: inner, .. } => define_aggregate(reg, inner, defined, out)?,
        Schema::Tuple { items } => {
            for item in items {
                define_aggregate(reg, item, defined, out)?;
            }
        }
        Schema::Result { ok, err } => {
            define_aggregate(reg, ok, defined, out)?;
            define_aggregate(reg, err, defined, out)?;
        }
        _ => {}
    }
    if !matches!(
        schema,
        Schema::Option { .. } | Schema::Seq { .. } | Schema::Str { .. }
    ) {
        return Ok(());
    }
    let name = aggregate_name(reg, schema)?;
    if defined.contains(&name) {
        return Ok(());
    }
    if reg.is_named(&name) {
        return Err(Error::NameClash(format!("struct {name}")));
    }
    out.push_str(&format!("struct {name} {{\n"));
    match *schema {
        Schema::Option { some } => {
            out.push_str("\tu8 present;\n");
            declare(reg, some, "value", 1, out)?;
        }
        Schema::Seq {
            capacity,
            item,
            borrowed,
        } => {
            out.push_str("\tu32 len;\n");
            if borrowed {
                out.push_str("\tconst u8 *data;\n");
            } else if seq_has_items(capacity, item) {
                declare(reg, item, &format!("items[{capacity}]"), 1, out)?;
            }
        }
        Schema::Str { capacity, borrowed } => {
            out.push_str("\tu32 len;\n");
            if borrowed {
                out.push_str("\tconst u8 *data;\n");
            } else if capacity != 0 {
                out.push_str(&format!("\tu8 data[{capacity}];\n"));
            }
        }
        _ => {}
    }
    out.push_str("};\n\n");
    defined.push(name);
    Ok(())
}

/// The C struct of a named type: fields as members; an enum as its tag plus a union of
/// its variants' fields.
pub fn define(reg: &Registry, schema: &Schema, out: &mut String) -> Result<(), Error> {
    let name = reg.c_name(schema)?;
    out.push_str(&format!("struct {name} {{\n"));
    match *schema {
        Schema::Struct { fields, .. } => {
            let before = out.len();
            for f in fields {
                declare(reg, f.schema, &names::member(f.name), 1, out)?;
            }
            if out.len() == before {
                out.push_str("\tu8 unused_; /* no field has storage; ISO C needs one */\n");
            }
        }
        Schema::Enum {
            tag_width,
            variants,
            ..
        }
        | Schema::OpenEnum {
            tag_width,
            variants,
            ..
        } => {
            out.push_str(&format!("\t{} tag;\n", tag_type(tag_width)));
            let mut union = String::new();
            // §17.2: the kept body of an unknown variant.
            if let Schema::OpenEnum {
                other:
                    Some(Other {
                        body: Some(body),
                        name,
                    }),
                ..
            } = *schema
            {
                declare(reg, body, &names::member(name), 2, &mut union)?;
            }
            for v in variants {
                let mut body = String::new();
                for f in v.fields {
                    declare(reg, f.schema, &names::member(f.name), 3, &mut body)?;
                }
                if !body.is_empty() {
                    union.push_str("\t\tstruct {\n");
                    union.push_str(&body);
                    union.push_str(&format!("\t\t}} {};\n", names::member(v.name)));
                }
            }
            if !union.is_empty() {
                out.push_str("\tunion {\n");
                out.push_str(&union);
                out.push_str("\t} v;\n");
            }
        }
        _ => return Err(Error::Unsupported(format!("{schema:?}"))),
    }
    out.push_str("};\n");
    Ok(())
}

/// The capacity of a kept body that skips what it cannot keep (§17.2): the bounded byte
/// sequence in its `Option`.
pub fn kept_capacity(some: &Schema) -> Result<usize, Error> {
    match *some {
        Schema::Seq { capacity, .. } => Ok(capacity),
        _ => Err(Error::Unsupported(format!("kept body {some:?}"))),
    }
}
