//! The byte annotator: a type's schema and some bytes in, one line per value out (its
//! offset, its bytes, its path and its value), and the exact place and reason a decode
//! fails, like `od` crossed with the decoder. The tool to reach for when a C side and a
//! Rust side disagree: `cargo run -p crosswire-cgen --example explain`.
//!
//! It reads with `crosswire::schema::walk`, which follows the rules of
//! `docs/wire-format.md` on its own (the same cursor model as the C decoder: real bytes,
//! then the virtual zeros of a short extensible body, §13); its verdict is tested against
//! crosswire's decoder.

use std::fmt::Write as _;

use crosswire::schema::walk::{self, Item, Value, Visit};
use crosswire::{schema::Schema, ErrorKind};

/// What [`explain`] found: the annotated lines, and the bytes consumed or the error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    /// One line per value read, in reading order.
    pub lines: Vec<String>,
    /// The bytes consumed (as `take_from_bytes`), or the error kind and offset (§14).
    pub result: Result<usize, (ErrorKind, usize)>,
}

impl std::fmt::Display for Explained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        match self.result {
            Ok(n) => writeln!(f, "ok: {n} bytes"),
            Err((kind, at)) => writeln!(f, "error: {kind:?} at offset {at}: {}", kind.as_str()),
        }
    }
}

/// Annotates the value of `schema` at the start of `bytes`.
pub fn explain(schema: &Schema, bytes: &[u8]) -> Explained {
    let mut lines = Lines(Vec::new());
    let result =
        walk::walk(schema, "value", bytes, &mut lines).map_err(|(e, _)| (e.kind(), e.offset()));
    Explained {
        lines: lines.0,
        result,
    }
}

/// The annotated lines, one per part the walk reports.
struct Lines(Vec<String>);

impl Visit for Lines {
    fn item(&mut self, item: &Item<'_>) {
        let path = item.path;
        let text = match item.value {
            Value::Int { bits, int } => {
                if int.signed {
                    let shift = 128 - 8 * u32::from(int.width);
                    #[expect(clippy::as_conversions, reason = "two's complement by design")]
                    let s = ((bits << shift) as i128) >> shift;
                    format!("{path}: {s}")
                } else {
                    format!("{path}: {bits}")
                }
            }
            Value::Bool(v) => format!("{path}: bool {}", v == 1),
            Value::Char(v) => {
                let shown = char::from_u32(v)
                    .map_or(format!("U+{v:X} (not a scalar value)"), |c| {
                        format!("{c:?} U+{v:04X}")
                    });
                format!("{path}: char {shown}")
            }
            Value::Float(bits) => format!("{path}: float bits {bits:#x}"),
            Value::OptionTag(tag) => {
                let shown = ["None", "Some"].get(usize::from(tag));
                format!("{path}: {}", shown.copied().unwrap_or("invalid tag"))
            }
            Value::ResultTag(tag) => {
                let shown = ["Ok", "Err"].get(usize::from(tag));
                format!("{path}: {}", shown.copied().unwrap_or("invalid tag"))
            }
            Value::Length { len, capacity } => {
                format!("{path}: length {len} (capacity {capacity})")
            }
            Value::Bytes => format!("{path}: bytes"),
            Value::Text(true) => {
                let mut bytes = item.real.to_vec();
                bytes.resize(item.len, 0);
                format!("{path}: {:?}", String::from_utf8_lossy(&bytes))
            }
            Value::Text(false) => format!("{path}: not UTF-8"),
            Value::Struct(name) => format!("{path}: {name}"),
            Value::Body { name, size, reads } => {
                let reads = reads.unwrap_or(usize::MAX);
                format!("{path}: {name}, body of {size} bytes (this version reads {reads})")
            }
            Value::Tag { name, tag, variant } => {
                let shown = variant.unwrap_or("no such variant");
                format!("{path}: {name} tag {tag:#x} = {shown}")
            }
            Value::Skipped(size) => format!("{path}: unknown body of {size} bytes, skipped"),
            Value::Tail => format!("{path}: unknown tail of {} zero bytes", item.len),
            _ => format!("{path}: {:?}", item.value),
        };
        let mut hex = String::new();
        let zeros = std::iter::repeat(&0u8).take(item.len - item.real.len());
        for b in item.real.iter().chain(zeros).take(12) {
            let _ = write!(hex, "{b:02x} ");
        }
        if item.len > 12 {
            hex.push_str("..");
        }
        let virt = if item.real.len() < item.len {
            " (zero-extended)"
        } else {
            ""
        };
        let pad = "  ".repeat(item.depth);
        let at = item.at;
        self.0.push(format!("{at:>6}  {hex:<38}{pad}{text}{virt}"));
    }
}

#[cfg(test)]
mod tests {
    use crosswire::{BoundedString, Decode, Described, Encode, MaxSize};

    #[derive(Encode, Decode, MaxSize, Described)]
    #[crosswire(extensible)]
    struct Link {
        index: u16,
        #[crosswire(since = 2)]
        name: BoundedString<4>,
        #[crosswire(since = 2)]
        mtu: Option<u32>,
    }

    #[test]
    fn lines_show_offsets_bytes_paths_and_virtual_zeros() {
        // A version-1 body: `index` only; `name` and `mtu` read as zeros.
        let explained = super::explain(Link::SCHEMA, &[2, 0, 0, 0, 7, 0]);
        let text = explained.to_string();
        let expected = [
            "     0  02 00 00 00                           value: Link, body of 2 bytes (this version reads 15)",
            "     4  07 00                                   value.index: 7",
            "     6  00 00 00 00                             value.name: length 0 (capacity 4) (zero-extended)",
            "    10                                            value.name: \"\"",
            "    10  00                                      value.mtu: None (zero-extended)",
            "ok: 6 bytes",
        ];
        assert_eq!(text.lines().collect::<Vec<_>>(), expected, "{text}");
    }
}
