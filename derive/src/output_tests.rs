//! Snapshot tests of the expansion (zerocopy-derive's `output_tests`): a few representative
//! types run through the three derives, formatted with prettyplease and compared with
//! `output_tests/<name>.expanded.rs`. `output_tests/sizes.tsv` pins the size of each
//! expansion, so that a change which grows the generated code shows in review.
//!
//! After a deliberate change to the generated code, rewrite the files and review the diff:
//! `CROSSWIRE_BLESS=1 cargo test -p crosswire-derive --lib output_tests`.

use std::{fmt::Write as _, fs, path::PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

use crate::{expand_derive, generate, generate::hints::Check};

/// The representative types, by snapshot name.
fn cases() -> Vec<(&'static str, TokenStream)> {
    vec![
        (
            "plain_struct",
            quote! {
                struct Plain {
                    id: u32,
                    flags: u16,
                    up: bool,
                }
            },
        ),
        (
            "tuple_struct",
            quote!(
                struct Pair(u64, i8);
            ),
        ),
        (
            "generic_phantom",
            quote! {
                struct Handle<T> {
                    id: u32,
                    marker: ::core::marker::PhantomData<T>,
                }
            },
        ),
        (
            "enum_u16_tag",
            quote! {
                #[crosswire(tag = "u16")]
                #[repr(u16)]
                enum Request {
                    Get { key: u32 } = 0x100,
                    Delete(u32) = 0x101,
                    Ping = 0x200,
                }
            },
        ),
        (
            "extensible_struct",
            quote! {
                #[crosswire(extensible)]
                struct Config {
                    flags: u32,
                    #[crosswire(since = 2)]
                    limit: u64,
                }
            },
        ),
        (
            "catch_all_enum",
            quote! {
                #[repr(u16)]
                enum State {
                    Down = 1,
                    Up = 2,
                    #[crosswire(other)]
                    Unknown(u16),
                }
            },
        ),
        (
            "extensible_enum",
            quote! {
                #[crosswire(extensible)]
                enum Event {
                    Link { ifindex: u32 },
                    Gone,
                    #[crosswire(other)]
                    Unknown(u8, BoundedVec<u8, 8>),
                }
            },
        ),
        (
            "borrowed",
            quote! {
                struct Hello<'a> {
                    version: u8,
                    name: BoundedStr<'a, 16>,
                }
            },
        ),
    ]
}

/// The three derives of `input`, as one token stream.
fn expand_all(input: TokenStream) -> TokenStream {
    let input: syn::DeriveInput = syn::parse2(input).expect("a derive input");
    let mut out = TokenStream::new();
    for (generate, hints) in [
        (
            generate::max_size::expand as crate::Generate,
            Some(Check::MaxSize),
        ),
        (generate::encode::expand, Some(Check::Encode)),
        (generate::decode::expand, Some(Check::Decode)),
    ] {
        out.extend(expand_derive(&input, generate, hints));
    }
    out
}

/// Leaf tokens (idents, punctuation, literals) and delimiter pairs.
fn count_tokens(tokens: TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => 1 + count_tokens(group.stream()),
            _ => 1,
        })
        .sum()
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/output_tests")
}

/// Compares `actual` with the file at `path`, or rewrites it under `CROSSWIRE_BLESS`.
/// Returns a description of the mismatch, if any.
fn compare(path: PathBuf, actual: &str) -> Option<String> {
    if std::env::var_os("CROSSWIRE_BLESS").is_some() {
        fs::write(&path, actual).expect("write snapshot");
        return None;
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    (expected != actual).then(|| {
        format!(
            "{} differs from the expansion:\n{actual}\n(rerun with CROSSWIRE_BLESS=1 to \
             rewrite it, and review the diff)",
            path.display()
        )
    })
}

#[test]
fn expansions_match_snapshots() {
    let mut sizes = String::from("type\tlines\tbytes\ttokens\n");
    let (mut lines, mut bytes, mut tokens) = (0, 0, 0);
    let mut mismatches = Vec::new();
    for (name, input) in cases() {
        let expanded = expand_all(input);
        let count = count_tokens(expanded.clone());
        let file: syn::File = syn::parse2(expanded).expect("the expansion parses as items");
        let pretty = prettyplease::unparse(&file);
        let line_count = pretty.lines().count();
        writeln!(sizes, "{name}\t{line_count}\t{}\t{count}", pretty.len()).unwrap();
        lines += line_count;
        bytes += pretty.len();
        tokens += count;
        mismatches.extend(compare(dir().join(format!("{name}.expanded.rs")), &pretty));
    }
    writeln!(sizes, "total\t{lines}\t{bytes}\t{tokens}").unwrap();
    mismatches.extend(compare(dir().join("sizes.tsv"), &sizes));
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}
