//! A few lines of JSON output, by hand: the examples print flat objects of strings and
//! numbers, which needs no serializer.

use std::fmt::Write;

/// One JSON object being written.
pub struct Object {
    out: String,
    first: bool,
}

impl Object {
    /// An empty object: `{`, no key yet.
    pub fn new() -> Self {
        Object {
            out: String::from("{"),
            first: true,
        }
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_str(&mut self.out, key);
        self.out.push(':');
    }

    /// `key` with a number (anything displayed as one).
    pub fn num(mut self, key: &str, value: impl std::fmt::Display) -> Self {
        self.key(key);
        let _ = write!(self.out, "{value}");
        self
    }

    /// `key` with a string, escaped.
    pub fn str(mut self, key: &str, value: &str) -> Self {
        self.key(key);
        push_str(&mut self.out, value);
        self
    }

    /// `key` with `null`.
    pub fn null(mut self, key: &str) -> Self {
        self.key(key);
        self.out.push_str("null");
        self
    }

    /// A value already in JSON (an array built with [`array()`]).
    pub fn raw(mut self, key: &str, json: &str) -> Self {
        self.key(key);
        self.out.push_str(json);
        self
    }

    /// The object, closed.
    pub fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

impl Default for Object {
    fn default() -> Self {
        Self::new()
    }
}

/// `[a,b,...]` of JSON values.
pub fn array(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    format!("[{}]", items.join(","))
}

fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
