//! The C decoder and encoder of each named type: statements emitted kind by kind, each
//! following its section of `docs/wire-format.md`, into `static inline` functions.

mod body;
mod decode;
mod encode;
mod open_enum;

use crosswire::schema::Schema;

use body::{drop_single_statement_braces, unused_casts, Body};

use crate::{Error, Registry};

/// The decode and encode functions of the named type `schema`, and its public entry
/// points.
pub fn functions(reg: &Registry, schema: &Schema, out: &mut String) -> Result<(), Error> {
    let name = reg.c_name(schema)?;
    let (p, up) = (&reg.lower, &reg.upper);
    let macro_name = name.to_uppercase();

    let mut dec = Body::new(reg);
    match *schema {
        Schema::OpenEnum { .. } => open_enum::decode(&mut dec, schema)?,
        _ => decode::named(&mut dec, schema)?,
    }
    dec.out = drop_single_statement_braces(&dec.out);
    out.push_str(&format!(
        "/* Internal: decodes a {name} (section {}). */\n\
         static inline int {name}_dec_(struct {p}_rd_ *r, struct {name} *v)\n{{\n{}{}\treturn {up}_OK;\n}}\n\n",
        section(schema),
        dec.out,
        unused_casts(&dec.out, &["r", "v"]),
    ));

    let mut enc = Body::new(reg);
    match *schema {
        Schema::OpenEnum { .. } => open_enum::encode(&mut enc, schema)?,
        _ => encode::named(&mut enc, schema)?,
    }
    enc.out = drop_single_statement_braces(&enc.out);
    out.push_str(&format!(
        "/* Internal: encodes a {name}. */\n\
         static inline int {name}_enc_(struct {p}_wr_ *w, const struct {name} *v)\n{{\n{}{}\treturn {up}_OK;\n}}\n\n",
        enc.out,
        unused_casts(&enc.out, &["w", "v"]),
    ));

    out.push_str(&format!(
        r#"/* Decodes a {name} from the start of buf[0..len) (crosswire's take_from_bytes).
 * Returns {up}_OK and sets *pos to the bytes consumed, or an error kind and sets *pos to
 * its offset. *out is zeroed first; on error its contents are unspecified. */
static inline int {name}_decode(struct {name} *out, const void *buf, size_t len, size_t *pos)
{{
	size_t err = 0;
	struct {p}_rd_ r;
	int k;

	memset(out, 0, sizeof(*out));
	if (!buf)
		len = 0;
	r.data = buf ? (const u8 *)buf : (const u8 *)"";
	r.pos = 0;
	r.real = len;
	r.end = len;
	r.err = &err;
	k = {name}_dec_(&r, out);
	*pos = k == {up}_OK ? r.pos : err;
	return k;
}}

/* Decodes a {name} that is all of buf[0..len) (crosswire's from_bytes): as
 * {name}_decode, and bytes left over are {up}_ERR_TRAILING_BYTES at the first of them. */
static inline int {name}_from_bytes(struct {name} *out, const void *buf, size_t len, size_t *pos)
{{
	int k = {name}_decode(out, buf, len, pos);

	if (k == {up}_OK && *pos != len)
		return {up}_ERR_TRAILING_BYTES;
	return k;
}}

/* Encodes *in into buf[0..cap) (crosswire's to_slice). Returns {up}_OK and sets *pos to
 * the bytes written, or an error kind and sets *pos to its offset: {up}_ERR_BUFFER_FULL
 * at cap ({macro_name}_MAX_SIZE bytes always suffice), {up}_ERR_INVALID_VALUE where a
 * value that no Rust value can be starts (a length over capacity, a bool or present flag
 * above 1, an unknown tag, invalid UTF-8, a char that is no Unicode scalar value). */
static inline int {name}_encode(const struct {name} *in, void *buf, size_t cap, size_t *pos)
{{
	struct {p}_wr_ w;
	int k;

	if (!buf)
		cap = 0;
	w.buf = (u8 *)buf;
	w.cap = cap;
	w.pos = 0;
	w.err = 0;
	k = {name}_enc_(&w, in);
	*pos = k == {up}_OK ? w.pos : w.err;
	return k;
}}

"#
    ));
    Ok(())
}

/// The spec section of a named type.
fn section(schema: &Schema) -> &'static str {
    match *schema {
        Schema::Struct {
            extensible: true, ..
        } => "13",
        Schema::Enum { .. } => "12.3",
        Schema::OpenEnum { .. } => "17",
        _ => "12.1",
    }
}
