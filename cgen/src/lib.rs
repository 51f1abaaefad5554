//! C headers from crosswire types: the decoded-form structs, `MAX_SIZE` and tag
//! `#define`s, and `static inline` encoders and decoders that follow
//! [`crosswire::spec`] rule for rule, for C drivers and C userspace.
//!
//! ```
//! use crosswire::{BoundedString, Described};
//!
//! #[derive(Described)]
//! struct Hello {
//!     version: u8,
//!     name: BoundedString<16>,
//! }
//!
//! let header = crosswire_cgen::Header::new("demo")
//!     .add::<Hello>()
//!     .render()
//!     .unwrap();
//! assert!(header.contains("struct demo_hello {"));
//! assert!(header.contains("#define DEMO_HELLO_MAX_SIZE 21"));
//! assert!(header.contains("static inline int demo_hello_decode("));
//! ```
//!
//! From a build script, write the string to a file under `OUT_DIR` (or check it in and
//! test that it is current, as `kernel-adapter/sample/c/` does). [`docs/c.md`] is the guide
//! for the C side: names, functions, errors.
//!
//! # What the header contains
//!
//! For each added type and every struct or enum it contains (dependencies first), with
//! `p` the prefix and `name` the type's snake-case name (type arguments appended:
//! `Pair<u8>` is `pair_u8`):
//!
//! - `struct p_name`: fields as members, bounded sequences and strings as named structs
//!   `struct p_vec16_u32 { u32 len; T items[N]; }` / `struct p_str32 { u32 len;
//!   u8 data[N]; }`, borrowed views as `{ u32 len; const u8 *data; }`,
//!   options as `struct p_opt_u32 { u8 present; T value; }`, enums as
//!   `{ tag; union { struct {...} variant; } v; }`;
//! - `P_NAME_MAX_SIZE`, `P_NAME_FIXED_SIZE`, `P_NAME_FINGERPRINT` and, for enums,
//!   `P_NAME_VARIANT` for every tag;
//! - `p_name_decode`, `p_name_from_bytes`, `p_name_encode`;
//!
//! and, before them, a `#define P_NAME value` for each [`Header::constant`].
//!
//! [`explain::explain`] annotates bytes field by field against a schema, for when the two
//! sides disagree (`cargo run -p crosswire-cgen --example explain`).
//!
//! [`docs/c.md`]: https://github.com/crosswire-rs/crosswire/blob/main/docs/c.md

mod codec;
pub mod explain;
mod layout;
mod names;
mod runtime;
mod wrap;

use std::{collections::BTreeSet, fmt};

use crosswire::schema::{fingerprint, Described, Schema};

/// Why a header could not be rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The prefix is not a C identifier of ASCII letters, digits and `_`.
    BadPrefix(String),
    /// A type added with [`Header::add`] is not a derived struct or enum.
    NotNamed(String),
    /// A kind the generator does not know (a newer crosswire's).
    Unsupported(String),
    /// A `MAX_SIZE` above `u32::MAX` (a body length could not hold it).
    TooLarge,
    /// A constant's name (see [`Header::constant`]) is not of ASCII letters, digits and
    /// `_`, is given twice, or is a name the header defines itself (`P_OK`, a type's
    /// `P_NAME_MAX_SIZE`, a variant's tag).
    BadConstant(String),
    /// Two things the header defines would have this C name, and no other name is left
    /// for the second (a variant's tag macro takes the `_TAG_` form when its plain name
    /// is taken; this is when that one is taken too).
    NameClash(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadPrefix(p) => write!(f, "prefix {p:?} is not a C identifier"),
            Error::NotNamed(s) => write!(f, "only derived structs and enums can be added: {s}"),
            Error::Unsupported(s) => write!(f, "no C form for {s}"),
            Error::TooLarge => f.write_str("MAX_SIZE above u32::MAX"),
            Error::BadConstant(name) => write!(
                f,
                "constant {name:?} is not a C identifier, is given twice, or is a name the \
                 header defines"
            ),
            Error::NameClash(name) => write!(f, "two definitions of the C name {name}"),
        }
    }
}

impl std::error::Error for Error {}

/// A header being built: a prefix and the types to export.
#[derive(Clone, Debug)]
pub struct Header {
    prefix: String,
    roots: Vec<&'static Schema>,
    constants: Vec<(String, u64, String)>,
    comment: Option<String>,
    license: Option<String>,
}

impl Header {
    /// A header whose every C name starts with `prefix` (`prefix_` for functions and
    /// structs, `PREFIX_` for macros). Use one prefix per header, so that several headers
    /// can be included together.
    pub fn new(prefix: &str) -> Self {
        Header {
            prefix: prefix.to_string(),
            roots: Vec::new(),
            constants: Vec::new(),
            comment: None,
            license: None,
        }
    }

    /// Exports `T` (a struct or enum with `#[derive(Described)]`) and every struct or enum
    /// it contains.
    #[must_use]
    pub fn add<T: Described>(self) -> Self {
        self.add_schema(T::SCHEMA)
    }

    /// Exports the type with this schema (as [`add`](Header::add)).
    #[must_use]
    pub fn add_schema(mut self, schema: &'static Schema) -> Self {
        self.roots.push(schema);
        self
    }

    /// Exports a constant of the Rust side as `#define PREFIX_NAME value` (with the `u` or
    /// `ull` suffix its size needs; up to 64 in decimal, larger in hex), after a comment with
    /// `doc`: ioctl numbers, versions, flags, whatever the C side must agree on and should
    /// not copy by hand. `name` is upper-cased; it must be of ASCII letters, digits and `_`.
    ///
    /// ```
    /// let header = crosswire_cgen::Header::new("demo")
    ///     .constant("IOC_PING", 0xc008_7801, "the PING ioctl number")
    ///     .render()
    ///     .unwrap();
    /// assert!(header.contains("/* the PING ioctl number */\n#define DEMO_IOC_PING 0xc0087801u\n"));
    /// ```
    #[must_use]
    pub fn constant(mut self, name: &str, value: u64, doc: &str) -> Self {
        self.constants
            .push((name.to_ascii_uppercase(), value, doc.to_string()));
        self
    }

    /// A line for the header's opening comment, such as where it was generated from.
    #[must_use]
    pub fn comment(mut self, text: &str) -> Self {
        self.comment = Some(text.to_string());
        self
    }

    /// An SPDX license expression for the header's first line,
    /// `/* SPDX-License-Identifier: ... */`, as the kernel wants on every file (the
    /// header is made from your types, so the license is yours to say).
    ///
    /// ```
    /// let header = crosswire_cgen::Header::new("demo")
    ///     .license("GPL-2.0 WITH Linux-syscall-note")
    ///     .render()
    ///     .unwrap();
    /// assert!(header.starts_with("/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n"));
    /// ```
    #[must_use]
    pub fn license(mut self, spdx: &str) -> Self {
        self.license = Some(spdx.replace("*/", "").replace('\n', " "));
        self
    }

    /// The header as one string.
    pub fn render(&self) -> Result<String, Error> {
        let (mut reg, comment) = (self.registry()?, self.comment.as_deref());
        let constants = self.constants(&mut reg)?;
        reg.render(self.license.as_deref(), comment, &constants)
    }

    /// The `#define`s of the constants, checked against each other and against every
    /// name the header defines.
    fn constants(&self, reg: &mut Registry) -> Result<String, Error> {
        let mut out = String::new();
        if self.constants.is_empty() {
            return Ok(out);
        }
        let upper = self.prefix.to_ascii_uppercase();
        out.push_str("/* Constants of the Rust side. */\n");
        for (i, (name, value, doc)) in self.constants.iter().enumerate() {
            let valid = !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !self.constants.iter().take(i).any(|(n, _, _)| n == name)
                && reg.claim(format!("{upper}_{name}"));
            if !valid {
                return Err(Error::BadConstant(name.clone()));
            }
            let suffix = if u32::try_from(*value).is_ok() {
                "u"
            } else {
                "ull"
            };
            let doc = doc.replace("*/", "* /").replace('\n', " ");
            if *value <= 64 {
                out.push_str(&format!(
                    "/* {doc} */\n#define {upper}_{name} {value}{suffix}\n"
                ));
            } else {
                out.push_str(&format!(
                    "/* {doc} */\n#define {upper}_{name} 0x{value:x}{suffix}\n"
                ));
            }
        }
        Ok(out)
    }

    /// The C struct name (without `struct`) of every struct and enum the header will
    /// define, dependencies first, each with its schema. The functions of a type named
    /// `n` are `n_decode`, `n_from_bytes` and `n_encode`; its macros start with `n` in
    /// upper case.
    pub fn c_names(&self) -> Result<Vec<(&'static Schema, String)>, Error> {
        Ok(self.registry()?.named)
    }

    fn registry(&self) -> Result<Registry, Error> {
        let valid = self
            .prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
            && self.prefix.starts_with(|c: char| c.is_ascii_alphabetic());
        if !valid {
            return Err(Error::BadPrefix(self.prefix.clone()));
        }
        let (lower, upper) = (
            self.prefix.to_ascii_lowercase(),
            self.prefix.to_ascii_uppercase(),
        );
        let mut reg = Registry {
            taken: runtime::defined_names(&lower, &upper),
            lower,
            upper,
            named: Vec::new(),
            tags: Vec::new(),
        };
        for root in &self.roots {
            if !matches!(
                root,
                Schema::Struct { .. } | Schema::Enum { .. } | Schema::OpenEnum { .. }
            ) {
                return Err(Error::NotNamed(names::mangle(root)));
            }
            reg.visit(root)?;
        }
        reg.name_tags()?;
        Ok(reg)
    }
}

/// The macros and functions of a named type whose C name is `name`, but its variants'.
fn own_names(name: &str) -> [String; 8] {
    let up = name.to_ascii_uppercase();
    [
        format!("{up}_MAX_SIZE"),
        format!("{up}_FIXED_SIZE"),
        format!("{up}_FINGERPRINT"),
        format!("{name}_decode"),
        format!("{name}_from_bytes"),
        format!("{name}_encode"),
        format!("{name}_dec_"),
        format!("{name}_enc_"),
    ]
}

/// The named types of a header, dependencies first, with their C names.
pub(crate) struct Registry {
    pub(crate) lower: String,
    pub(crate) upper: String,
    named: Vec<(&'static Schema, String)>,
    /// Per named type, in the same order, its variants' tag macros and tags.
    tags: Vec<Vec<(String, String)>>,
    /// Every macro and function name defined so far (C's one namespace for both), so that
    /// nothing is defined twice.
    taken: BTreeSet<String>,
}

impl Registry {
    /// Adds the named types inside `schema`, then `schema` itself if it is one.
    fn visit(&mut self, schema: &'static Schema) -> Result<(), Error> {
        match *schema {
            Schema::Option { some } => self.visit(some)?,
            Schema::Array { item, .. } | Schema::Seq { item, .. } => self.visit(item)?,
            Schema::Tuple { items } => {
                for item in items {
                    self.visit(item)?;
                }
            }
            Schema::Result { ok, err } => {
                self.visit(ok)?;
                self.visit(err)?;
            }
            Schema::Struct { fields, .. } => {
                for f in fields {
                    self.visit(f.schema)?;
                }
                self.name(schema)?;
            }
            Schema::Enum { variants, .. } => {
                for v in variants {
                    for f in v.fields {
                        self.visit(f.schema)?;
                    }
                }
                self.name(schema)?;
            }
            Schema::OpenEnum {
                variants, other, ..
            } => {
                for v in variants {
                    for f in v.fields {
                        self.visit(f.schema)?;
                    }
                }
                if let Some(body) = other.and_then(|o| o.body) {
                    self.visit(body)?;
                }
                self.name(schema)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Registers a named type once, with a C name no other type has (a fingerprint
    /// suffix tells apart types the name alone does not, such as `Foo<3>` and `Foo<4>`).
    fn name(&mut self, schema: &'static Schema) -> Result<(), Error> {
        if self.named.iter().any(|(s, _)| *s == schema) {
            return Ok(());
        }
        let (Schema::Struct {
            name, type_args, ..
        }
        | Schema::Enum {
            name, type_args, ..
        }
        | Schema::OpenEnum {
            name, type_args, ..
        }) = *schema
        else {
            return Err(Error::NotNamed(names::mangle(schema)));
        };
        let base = format!("{}_{}", self.lower, names::named(name, type_args));
        let hash = format!("{base}_{:08x}", fingerprint(schema) >> 32);
        // Types of one name and one shape have one fingerprint too: count on from there.
        let c_name = core::iter::once(base)
            .chain(core::iter::once(hash.clone()))
            .chain((2u32..).map(|n| format!("{hash}_{n}")))
            .find(|n| !self.named.iter().any(|(_, taken)| taken == n))
            .unwrap_or(hash);
        let max = layout::max_size(schema).ok_or(Error::TooLarge)?;
        if u32::try_from(max).is_err() {
            return Err(Error::TooLarge);
        }
        for own in own_names(&c_name) {
            if !self.claim(own.clone()) {
                return Err(Error::NameClash(own));
            }
        }
        self.named.push((schema, c_name));
        Ok(())
    }

    /// Takes `name` for one definition; `false` if something has it already.
    fn claim(&mut self, name: String) -> bool {
        self.taken.insert(name)
    }

    /// Names every variant's tag macro: `P_TYPE_VARIANT`, or `P_TYPE_TAG_VARIANT` where
    /// that is taken (by the runtime, such as `P_ERR_BUFFER_FULL` for a variant
    /// `BufferFull` of an enum `Err`, or by the type's own `P_TYPE_MAX_SIZE`). After the
    /// types' own names, so that a variant never takes a name a type needs.
    fn name_tags(&mut self) -> Result<(), Error> {
        let mut tags = Vec::with_capacity(self.named.len());
        for (schema, name) in self.named.clone() {
            let mut own = Vec::new();
            if let Schema::Enum { variants, .. } | Schema::OpenEnum { variants, .. } = *schema {
                let upper = name.to_ascii_uppercase();
                for v in variants {
                    let variant = names::snake(v.name).to_ascii_uppercase();
                    let plain = format!("{upper}_{variant}");
                    let tagged = format!("{upper}_TAG_{variant}");
                    let macro_name = if self.claim(plain.clone()) {
                        plain
                    } else if self.claim(tagged.clone()) {
                        tagged
                    } else {
                        return Err(Error::NameClash(tagged));
                    };
                    own.push((macro_name, layout::tag_literal(v)));
                }
            }
            tags.push(own);
        }
        self.tags = tags;
        Ok(())
    }

    /// Whether a named type has the C struct name `name`.
    pub(crate) fn is_named(&self, name: &str) -> bool {
        self.named.iter().any(|(_, n)| n == name)
    }

    /// The C struct name of a registered named type.
    pub(crate) fn c_name(&self, schema: &Schema) -> Result<String, Error> {
        self.named
            .iter()
            .find(|(s, _)| *s == schema)
            .map(|(_, n)| n.clone())
            .ok_or_else(|| Error::NotNamed(names::mangle(schema)))
    }

    fn render(
        &self,
        license: Option<&str>,
        comment: Option<&str>,
        constants: &str,
    ) -> Result<String, Error> {
        let guard = format!("{}_CROSSWIRE_H", self.upper);
        let mut out = String::new();
        if let Some(license) = license {
            out.push_str(&format!("/* SPDX-License-Identifier: {license} */\n"));
        }
        out.push_str("/* Generated by crosswire-cgen from Rust types: do not edit.\n");
        if let Some(comment) = comment {
            out.push_str(&format!(" * {comment}\n"));
        }
        out.push_str(&format!(
            " * Wire format version {}: docs/wire-format.md. Guide: docs/c.md. */\n",
            crosswire::WIRE_FORMAT_VERSION
        ));
        out.push_str(&format!("#ifndef {guard}\n#define {guard}\n\n"));
        out.push_str(&runtime::runtime(&self.lower, &self.upper));
        if !constants.is_empty() {
            out.push('\n');
            out.push_str(constants);
        }
        let mut aggregates = Vec::new();
        for ((schema, name), tags) in self.named.iter().zip(&self.tags) {
            out.push('\n');
            self.macros(schema, name, tags, &mut out)?;
            out.push('\n');
            layout::define_aggregates(self, schema, &mut aggregates, &mut out)?;
            layout::define(self, schema, &mut out)?;
            out.push('\n');
            codec::functions(self, schema, &mut out)?;
        }
        out.push('\n');
        out.push_str(&runtime::epilogue());
        out.push_str(&format!("#endif /* {guard} */\n"));
        Ok(wrap::header(&out))
    }

    fn macros(
        &self,
        schema: &Schema,
        name: &str,
        tags: &[(String, String)],
        out: &mut String,
    ) -> Result<(), Error> {
        let upper = name.to_ascii_uppercase();
        let max = layout::max_size(schema).ok_or(Error::TooLarge)?;
        out.push_str(&format!("/* {} */\n", names::rust(schema)));
        out.push_str(&format!("#define {upper}_MAX_SIZE {max}\n"));
        out.push_str(&format!(
            "#define {upper}_FIXED_SIZE {}\n",
            u8::from(layout::fixed_size(schema))
        ));
        out.push_str(&format!(
            "#define {upper}_FINGERPRINT 0x{:016x}ull\n",
            fingerprint(schema)
        ));
        for (macro_name, tag) in tags {
            out.push_str(&format!("#define {macro_name} {tag}\n"));
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(dead_code, reason = "the types exist for their schemas")]
mod tests {
    use crosswire::{BoundedVec, Described};

    use super::*;

    #[derive(Described)]
    struct Leaf {
        a: u8,
    }

    #[derive(Described)]
    struct Tree {
        left: Leaf,
        right: Option<Leaf>,
        leaves: BoundedVec<Leaf, 2>,
    }

    #[test]
    fn a_prefix_must_be_a_c_identifier() {
        for bad in ["", "9x", "a-b", "a b"] {
            let err = Header::new(bad).add::<Leaf>().render().unwrap_err();
            assert_eq!(err, Error::BadPrefix(bad.to_string()));
        }
    }

    #[test]
    fn only_structs_and_enums_are_added() {
        let err = Header::new("p").add::<u32>().render().unwrap_err();
        assert_eq!(err, Error::NotNamed("u32".into()));
    }

    #[test]
    fn constants_are_defined_with_their_suffix() {
        let header = Header::new("p")
            .add::<Leaf>()
            .constant("small", 7, "seven")
            .constant("WORD", 0xc021_c501, "an ioctl number")
            .constant("WIDE", 0x1_0000_0000, "past u32")
            .render()
            .unwrap();
        assert!(header.contains("/* seven */\n#define P_SMALL 7u\n"));
        assert!(header.contains("#define P_WORD 0xc021c501u\n"));
        assert!(header.contains("#define P_WIDE 0x100000000ull\n"));
        let at = header.find("#define P_SMALL").unwrap();
        assert!(at < header.find("struct p_leaf {").unwrap());
    }

    #[test]
    fn a_constant_name_must_be_an_identifier_and_unique() {
        for bad in ["", "A-B", "a b"] {
            let err = Header::new("p").constant(bad, 1, "").render().unwrap_err();
            assert_eq!(err, Error::BadConstant(bad.to_ascii_uppercase()));
        }
        let err = Header::new("p")
            .constant("X", 1, "")
            .constant("x", 2, "")
            .render()
            .unwrap_err();
        assert_eq!(err, Error::BadConstant("X".into()));
    }

    #[test]
    fn contained_types_come_first_and_once() {
        let names: Vec<String> = Header::new("p")
            .add::<Tree>()
            .add::<Leaf>()
            .c_names()
            .unwrap()
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(names, ["p_leaf", "p_tree"]);
        let header = Header::new("p").add::<Tree>().render().unwrap();
        let leaf = header.find("struct p_leaf {").unwrap();
        let tree = header.find("struct p_tree {").unwrap();
        assert!(leaf < tree);
        assert_eq!(header.matches("struct p_leaf {").count(), 1);
    }
}
