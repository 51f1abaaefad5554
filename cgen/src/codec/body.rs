//! `Body`: the statements of one C function being written, with the locals' names, the
//! block structure kernel style asks for (declarations first), and the small helpers the
//! kind-by-kind writers (`decode`, `encode`, `open_enum`) share.

use crate::{layout, names, Registry};

/// Statements being written into one C function.
pub struct Body<'a> {
    pub(super) reg: &'a Registry,
    /// Lower and upper case prefix.
    pub(super) p: &'a str,
    pub(super) up: &'a str,
    pub(super) out: String,
    pub(super) ind: usize,
    /// Counter for unique local names.
    next: usize,
    /// How many values' blocks enclose the statements being written.
    depth: usize,
}

impl<'a> Body<'a> {
    pub(super) fn new(reg: &'a Registry) -> Self {
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
    pub(super) fn line(&mut self, text: &str) {
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

    pub(super) fn open(&mut self, text: &str) {
        self.line(text);
        self.ind += 1;
    }

    pub(super) fn close(&mut self, text: &str) {
        self.ind = self.ind.saturating_sub(1);
        self.line(text);
    }

    /// A fresh local name.
    pub(super) fn fresh(&mut self, stem: &str) -> String {
        self.next += 1;
        format!("{stem}{}", self.next)
    }

    /// Opens the block of one value. Its locals are written `@name`; [`end_value`]
    /// (Body::end_value) names them for the depth, so that a value nested in another
    /// (an option's, a sequence's items) declares none of the outer one's names
    /// (`-Wshadow`, which the kernel's `W=2` turns on). Returns where the block starts.
    pub(super) fn begin_value(&mut self) -> usize {
        self.depth += 1;
        let start = self.out.len();
        self.open("{");
        start
    }

    /// Closes the block opened at `start`: `@t` is `t` in a value's own block and `t_2`,
    /// `t_3`, ... in values nested in it. A block that declares nothing is unwrapped.
    pub(super) fn end_value(&mut self, start: usize) {
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

/// How the declarations the generator writes begin, besides the kernel's integer types
/// (`runtime::KERNEL_INTS`).
const DECLARATION_STARTS: &[&str] = &["size_t", "int", "struct", "float", "double"];

/// Whether a line (without its indentation) declares a local.
fn is_declaration(line: &str) -> bool {
    let ty = line.split(' ').next().unwrap_or_default();
    line.contains(' ')
        && (DECLARATION_STARTS.contains(&ty)
            || crate::runtime::KERNEL_INTS.iter().any(|(k, _)| *k == ty))
}

/// `if (c) {` or `for (...) {` around one statement, without the braces (kernel style:
/// none for a single statement).
pub(super) fn drop_single_statement_braces(body: &str) -> String {
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
pub(super) fn unused_casts(body: &str, names: &[&str]) -> String {
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

/// Whether a variant has a member in the enum's union.
pub(super) fn variant_has_storage(fields: &[crosswire::schema::Field]) -> bool {
    fields.iter().any(|f| !layout::is_void(f.schema))
}

/// `lv.member` for a field (`v->member` for the function's own value, `(*v)`).
pub(super) fn field_lv(lv: &str, name: &str) -> String {
    match lv {
        "(*v)" => format!("v->{}", names::member(name)),
        _ => format!("{lv}.{}", names::member(name)),
    }
}
