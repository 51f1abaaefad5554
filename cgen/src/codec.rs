//! The C decoder and encoder of each named type: statements emitted kind by kind, each
//! following its section of `docs/wire-format.md`, into `static inline` functions.

mod decode;
mod encode;
mod open_enum;

use crosswire::schema::Schema;

use crate::{layout, names, Error, Registry};

/// Statements being written into one C function.
pub struct Body<'a> {
    reg: &'a Registry,
    /// Lower and upper case prefix.
    p: &'a str,
    up: &'a str,
    out: String,
    ind: usize,
    /// Counter for unique local names.
    next: usize,
    /// How many values' blocks enclose the statements being written.
    depth: usize,
}

impl<'a> Body<'a> {
    fn new(reg: &'a Registry) -> Self {
        Body {
            reg,
            p: &reg.lower,
            up: &reg.upper,
            out: String::new(),
            ind: 1,
            next: 0,
            depth: 0,
        }
    }

    /// One line at the current indentation; a blank line first where it ends the
    /// declarations of a block (kernel style).
    fn line(&mut self, text: &str) {
        let indent = "\t".repeat(self.ind);
        let last = self.out.lines().next_back().unwrap_or_default();
        if last
            .strip_prefix(&indent)
            .is_some_and(|l| is_declaration(l) && !l.starts_with('\t'))
            && !is_declaration(text)
        {
            self.out.push('\n');
        }
        self.out.push_str(&indent);
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn open(&mut self, text: &str) {
        self.line(text);
        self.ind += 1;
    }

    fn close(&mut self, text: &str) {
        self.ind = self.ind.saturating_sub(1);
        self.line(text);
    }

    /// A fresh local name.
    fn fresh(&mut self, stem: &str) -> String {
        self.next += 1;
        format!("{stem}{}", self.next)
    }

    /// Opens the block of one value. Its locals are written `@name`; [`end_value`]
    /// (Body::end_value) names them for the depth, so that a value nested in another
    /// (an option's, a sequence's items) declares none of the outer one's names
    /// (`-Wshadow`, which the kernel's `W=2` turns on). Returns where the block starts.
    fn begin_value(&mut self) -> usize {
        self.depth += 1;
        let start = self.out.len();
        self.open("{");
        start
    }

    /// Closes the block opened at `start`: `@t` is `t` in a value's own block and `t_2`,
    /// `t_3`, ... in values nested in it. A block that declares nothing is unwrapped.
    fn end_value(&mut self, start: usize) {
        self.close("}");
        self.unwrap_block(start);
        let suffix = match self.depth {
            0 | 1 => String::new(),
            depth => format!("_{depth}"),
        };
        let block = self.out.split_off(start);
        let mut rest = block.as_str();
        while let Some(at) = rest.find('@') {
            let (before, after) = rest.split_at(at);
            let after = after.get(1..).unwrap_or_default();
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            let (name, tail) = after.split_at(end);
            self.out.push_str(before);
            self.out.push_str(name);
            self.out.push_str(&suffix);
            rest = tail;
        }
        self.out.push_str(rest);
        self.depth -= 1;
    }

    /// Replaces the block `{ ... }` written from `start` on by its statements, one tab
    /// less indented, when it declares no local (C declares them first in a block, so the
    /// first line tells).
    fn unwrap_block(&mut self, start: usize) {
        let block = self.out.split_off(start);
        let lines: Vec<&str> = block.lines().collect();
        let inner = lines
            .get(1..lines.len().saturating_sub(1))
            .unwrap_or_default();
        let declares = inner
            .first()
            .is_some_and(|line| is_declaration(line.trim_start()));
        if declares {
            self.out.push_str(&block);
            return;
        }
        for line in inner {
            self.out.push_str(line.strip_prefix('\t').unwrap_or(line));
            self.out.push('\n');
        }
    }
}

/// How the declarations the generator writes begin.
const DECLARATION_STARTS: &[&str] = &[
    "size_t ", "u8 ", "u16 ", "u32 ", "u64 ", "s8 ", "s16 ", "s32 ", "s64 ", "int ", "struct ",
    "float ", "double ",
];

/// Whether a line (without its indentation) declares a local.
fn is_declaration(line: &str) -> bool {
    DECLARATION_STARTS.iter().any(|ty| line.starts_with(ty))
}

/// `if (c) {` or `for (...) {` around one statement, without the braces (kernel style:
/// none for a single statement).
fn drop_single_statement_braces(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let header = (trimmed.starts_with("if (") || trimmed.starts_with("for ("))
            && trimmed.ends_with(") {");
        if let (true, Some(inner), Some(close)) = (header, lines.get(i + 1), lines.get(i + 2)) {
            let statement = inner
                .strip_prefix(indent)
                .and_then(|s| s.strip_prefix('\t'));
            let single = statement.is_some_and(|s| {
                !s.starts_with(['\t', '{']) && s.ends_with(';') && !is_declaration(s)
            });
            if single && close.strip_prefix(indent) == Some("}") {
                out.push_str(&line[..line.len() - 2]);
                out.push('\n');
                out.push_str(inner);
                out.push('\n');
                i += 3;
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    out
}

/// `\t(void)name;` for each of `names` that `body` never mentions, so that a function
/// with nothing to read or write compiles without an unused-parameter warning.
fn unused_casts(body: &str, names: &[&str]) -> String {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::new();
    for name in names {
        let used = body.match_indices(name).any(|(at, _)| {
            let before = body.get(..at).and_then(|b| b.chars().next_back());
            let after = body.get(at + name.len()..).and_then(|a| a.chars().next());
            !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
        });
        if !used {
            out.push_str(&format!("\t(void){name};\n"));
        }
    }
    out
}

/// The decode and encode functions of the named type `schema`, and its public entry
/// points.
pub fn functions(reg: &Registry, schema: &Schema, out: &mut String) -> Result<(), Error> {
    let name = reg.c_name(schema)?;
    let (p, up) = (&reg.lower, &reg.upper);
    let macro_name = name.to_uppercase();

    let mut dec = Body::new(reg);
    decode::named(&mut dec, schema)?;
    dec.out = drop_single_statement_braces(&dec.out);
    out.push_str(&format!(
        "/* Internal: decodes a {name} (section {}). */\n\
         static inline int {name}_dec_(struct {p}_rd_ *r, struct {name} *v)\n{{\n{}{}\treturn {up}_OK;\n}}\n\n",
        section(schema),
        dec.out,
        unused_casts(&dec.out, &["r", "v"]),
    ));

    let mut enc = Body::new(reg);
    encode::named(&mut enc, schema)?;
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

/// Whether a variant has a member in the enum's union.
pub fn variant_has_storage(fields: &[crosswire::schema::Field]) -> bool {
    fields.iter().any(|f| !layout::is_void(f.schema))
}

/// `lv.member` for a field (`v->member` for the function's own value, `(*v)`).
pub(crate) fn field_lv(lv: &str, name: &str) -> String {
    match lv {
        "(*v)" => format!("v->{}", names::member(name)),
        _ => format!("{lv}.{}", names::member(name)),
    }
}
