//! C names from Rust names: `ArithReply` is `arith_reply` (struct) and `ARITH_REPLY`
//! (macros), with the prefix in front; a generic type's name carries its type arguments
//! (`Pair<u8, Option<u16>>` is `pair_u8_opt_u16`).

use crosswire::schema::Schema;

/// `CamelCase` (or already `snake_case`) as `snake_case`.
pub fn snake(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p));
            let next = chars.get(i + 1);
            let boundary = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(char::is_ascii_uppercase)
                    && next.is_some_and(char::is_ascii_lowercase));
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A name of the type for use inside other names (generic arguments).
pub fn mangle(schema: &Schema) -> String {
    match *schema {
        Schema::Int { int } => {
            let base = if int.pointer_sized {
                if int.signed { "isize" } else { "usize" }.to_string()
            } else {
                format!(
                    "{}{}",
                    if int.signed { 'i' } else { 'u' },
                    8 * u32::from(int.width)
                )
            };
            match (int.big_endian, int.nonzero) {
                (true, _) => format!("be_{base}"),
                (_, true) => format!("nz_{base}"),
                _ => base,
            }
        }
        Schema::Bool => "bool".into(),
        Schema::Char => "char".into(),
        Schema::Float { width } => format!("f{}", 8 * u32::from(width)),
        Schema::Unit => "unit".into(),
        Schema::Option { some } => format!("opt_{}", mangle(some)),
        Schema::Duration => "duration".into(),
        Schema::Array { len, item } => format!("arr{len}_{}", mangle(item)),
        Schema::Seq {
            capacity,
            item,
            borrowed,
        } => {
            if borrowed {
                format!("bytes{capacity}")
            } else {
                format!("vec{capacity}_{}", mangle(item))
            }
        }
        Schema::Str { capacity, borrowed } => {
            format!("{}{capacity}", if borrowed { "strview" } else { "str" })
        }
        Schema::Tuple { items } => {
            let items: Vec<String> = items.iter().map(|i| mangle(i)).collect();
            format!("tup{}_{}", items.len(), items.join("_"))
        }
        Schema::Result { ok, err } => format!("res_{}_{}", mangle(ok), mangle(err)),
        Schema::Struct {
            name, type_args, ..
        }
        | Schema::Enum {
            name, type_args, ..
        }
        | Schema::OpenEnum {
            name, type_args, ..
        } => named(name, type_args),
        _ => "unknown".into(),
    }
}

/// The unprefixed C name of a struct or enum with these type arguments.
pub fn named(name: &str, type_args: &[&Schema]) -> String {
    let mut out = snake(name);
    for arg in type_args {
        out.push('_');
        out.push_str(&mangle(arg));
    }
    out
}

/// A Rust field or variant name as a C member name: tuple fields `0` are `f0`; names that
/// are C keywords get a trailing `_`.
pub fn member(name: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("f{name}");
    }
    let name = snake(name);
    if C_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

const C_KEYWORDS: &[&str] = &[
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
    "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
    "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef",
    "union", "unsigned", "void", "volatile", "while", "bool", "true", "false", "new", "class",
    "private", "public", "template", "this",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_splits_words_and_acronyms() {
        assert_eq!(snake("ArithReply"), "arith_reply");
        assert_eq!(snake("HTTPRequest"), "http_request");
        assert_eq!(snake("V2Body"), "v2_body");
        assert_eq!(snake("max_items"), "max_items");
    }

    #[test]
    fn members_avoid_keywords_and_digits() {
        assert_eq!(member("0"), "f0");
        assert_eq!(member("int"), "int_");
        assert_eq!(member("Echo"), "echo");
    }
}
