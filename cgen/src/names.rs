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
    let named = |s: &Schema| -> Result<String, core::convert::Infallible> {
        Ok(match *s {
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
        })
    };
    match mangle_with(schema, &named) {
        Ok(name) => name,
        Err(never) => match never {},
    }
}

/// [`mangle`], with the part of each struct or enum inside `schema` given by `named`.
pub fn mangle_with<E>(
    schema: &Schema,
    named: &dyn Fn(&Schema) -> Result<String, E>,
) -> Result<String, E> {
    Ok(match *schema {
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
        Schema::Option { some } => format!("opt_{}", mangle_with(some, named)?),
        Schema::Duration => "duration".into(),
        Schema::Array { len, item } => format!("arr{len}_{}", mangle_with(item, named)?),
        Schema::Seq {
            capacity,
            item,
            borrowed,
        } => {
            if borrowed {
                format!("bytes{capacity}")
            } else {
                format!("vec{capacity}_{}", mangle_with(item, named)?)
            }
        }
        Schema::Str { capacity, borrowed } => {
            format!("{}{capacity}", if borrowed { "strview" } else { "str" })
        }
        Schema::Tuple { items } => {
            let items: Result<Vec<String>, E> =
                items.iter().map(|i| mangle_with(i, named)).collect();
            let items = items?;
            format!("tup{}_{}", items.len(), items.join("_"))
        }
        Schema::Result { ok, err } => format!(
            "res_{}_{}",
            mangle_with(ok, named)?,
            mangle_with(err, named)?
        ),
        _ => named(schema)?,
    })
}

/// The type as Rust spells it, for comments: `Pair<u8, Option<u16>>`, `Buf<2>` (the type
/// arguments first, then the const ones), `BoundedVec<u32, 16>` for any owned sequence.
pub fn rust(schema: &Schema) -> String {
    match *schema {
        Schema::Int { int } => {
            let base = mangle(&Schema::Int {
                int: crosswire::schema::Int {
                    big_endian: false,
                    nonzero: false,
                    ..int
                },
            });
            match (int.big_endian, int.nonzero) {
                (true, _) => format!("Be<{base}>"),
                (_, true) => format!("NonZero<{base}>"),
                _ => base,
            }
        }
        Schema::Unit => "()".into(),
        Schema::Option { some } => format!("Option<{}>", rust(some)),
        Schema::Duration => "Duration".into(),
        Schema::Array { len, item } => format!("[{}; {len}]", rust(item)),
        Schema::Seq {
            capacity,
            item,
            borrowed,
        } => {
            if borrowed {
                format!("BoundedBytes<{capacity}>")
            } else {
                format!("BoundedVec<{}, {capacity}>", rust(item))
            }
        }
        Schema::Str { capacity, borrowed } => {
            format!(
                "Bounded{}<{capacity}>",
                if borrowed { "Str" } else { "String" }
            )
        }
        Schema::Tuple { items } => {
            let items: Vec<String> = items.iter().map(|i| rust(i)).collect();
            format!("({})", items.join(", "))
        }
        Schema::Result { ok, err } => format!("Result<{}, {}>", rust(ok), rust(err)),
        Schema::Struct {
            name,
            type_args,
            const_args,
            ..
        }
        | Schema::Enum {
            name,
            type_args,
            const_args,
            ..
        }
        | Schema::OpenEnum {
            name,
            type_args,
            const_args,
            ..
        } => {
            let args: Vec<String> = type_args
                .iter()
                .map(|a| rust(a))
                .chain(const_args.iter().map(ToString::to_string))
                .collect();
            if args.is_empty() {
                name.to_string()
            } else {
                format!("{name}<{}>", args.join(", "))
            }
        }
        _ => mangle(schema),
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
/// C, C++ or GNU C reserve, that common headers define as object-like macros, or that are
/// the kernel's integer types (macros in the header's userspace part) get a trailing `_`.
pub fn member(name: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("f{name}");
    }
    let name = snake(name.strip_prefix("r#").unwrap_or(name));
    let kernel_int = crate::runtime::KERNEL_INTS.iter().any(|(k, _)| *k == name);
    if RESERVED.contains(&name.as_str()) || kernel_int {
        format!("{name}_")
    } else {
        name
    }
}

/// Lower-case identifiers a member cannot be named.
const RESERVED: &[&str] = &[
    // C11 (and C23's new keywords, which C11 headers define as macros).
    "auto",
    "break",
    "case",
    "char",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extern",
    "float",
    "for",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "register",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "typedef",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
    "bool",
    "true",
    "false",
    "alignas",
    "alignof",
    "static_assert",
    "thread_local",
    "nullptr",
    "constexpr",
    "typeof",
    "typeof_unqual",
    "noreturn",
    "complex",
    "imaginary",
    // GNU C keywords, and macros GNU modes predefine.
    "asm",
    "unix",
    "linux",
    "i386",
    // C++ keywords (C++20), where C does not have them.
    "and",
    "and_eq",
    "bitand",
    "bitor",
    "catch",
    "char8_t",
    "char16_t",
    "char32_t",
    "class",
    "compl",
    "concept",
    "consteval",
    "constinit",
    "const_cast",
    "co_await",
    "co_return",
    "co_yield",
    "decltype",
    "delete",
    "dynamic_cast",
    "explicit",
    "export",
    "friend",
    "mutable",
    "namespace",
    "new",
    "noexcept",
    "not",
    "not_eq",
    "operator",
    "or",
    "or_eq",
    "private",
    "protected",
    "public",
    "reinterpret_cast",
    "requires",
    "static_cast",
    "template",
    "this",
    "throw",
    "try",
    "typeid",
    "typename",
    "using",
    "virtual",
    "wchar_t",
    "xor",
    "xor_eq",
    // Object-like macros of libc (`<errno.h>`, `<stdio.h>`) and of the kernel (`current`).
    "errno",
    "stdin",
    "stdout",
    "stderr",
    "current",
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

    #[derive(crosswire::Described)]
    #[allow(dead_code, reason = "only the schema is used")]
    struct Buf<const N: usize> {
        bytes: [u8; N],
    }

    #[derive(crosswire::Described)]
    #[allow(dead_code, reason = "only the schema is used")]
    struct Pair<T> {
        a: T,
    }

    #[test]
    fn rust_names_carry_type_and_const_arguments() {
        use crosswire::{Be, BoundedVec, Described};
        assert_eq!(rust(<Buf<2>>::SCHEMA), "Buf<2>");
        assert_eq!(rust(<Pair<Be<u32>>>::SCHEMA), "Pair<Be<u32>>");
        assert_eq!(
            rust(<(usize, BoundedVec<Option<u16>, 3>)>::SCHEMA),
            "(usize, BoundedVec<Option<u16>, 3>)"
        );
    }

    #[test]
    fn members_avoid_keywords_and_digits() {
        assert_eq!(member("0"), "f0");
        assert_eq!(member("int"), "int_");
        assert_eq!(member("Echo"), "echo");
        assert_eq!(member("r#type"), "type");
        assert_eq!(member("r#try"), "try_");
        assert_eq!(member("delete"), "delete_");
        assert_eq!(member("errno"), "errno_");
        assert_eq!(member("u64"), "u64_");
    }
}
