//! `docs/architecture.md` against the code: the number of expansion snapshots, the
//! derives the crate table names, the modules its tables and sections name (every
//! top-level module of a crate listed, every file named present), and the spec sections
//! whose code it places (every section of `docs/wire-format.md` with a `*Code:` line).

use std::{collections::BTreeSet, fs};

use crate::{collect_rs, read, root, table_after};

const DOC: &str = "docs/architecture.md";

/// The text under `heading` up to the next heading of the same or a higher level, with
/// its line breaks made spaces (sentences wrap anywhere).
fn section(doc: &str, heading: &str) -> String {
    let level = heading.split(' ').next().unwrap();
    let start = doc
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("{DOC}: no heading {heading:?}"))
        + 1;
    let body = &doc[start + heading.len()..];
    let end = body
        .lines()
        .scan(0, |at, line| {
            let here = *at;
            *at += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| {
            line.split(' ')
                .next()
                .is_some_and(|h| h.starts_with('#') && h.len() <= level.len())
        })
        .map_or(body.len(), |(at, _)| at);
    body[..end].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words between backticks.
fn code_spans(text: &str) -> BTreeSet<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The top-level modules of `src` other than `lib.rs`: `name.rs` for a file, and for a
/// module with a folder as well.
fn top_level_modules(src: &str) -> BTreeSet<String> {
    fs::read_dir(root().join(src))
        .unwrap_or_else(|e| panic!("{src}: {e}"))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".rs") && name != "lib.rs")
        .collect()
}

/// Whether the spans name module `file` (`x.rs`), as `x.rs` or as its folder `x/`.
fn names_module(spans: &BTreeSet<&str>, file: &str) -> bool {
    let folder = format!("{}/", file.trim_end_matches(".rs"));
    spans.contains(file) || spans.contains(folder.as_str())
}

/// Every top-level module of `src` is named in `text`, and every `.rs` file `text` names
/// is a file under `src` (named by its path from `src` or from a module folder).
fn check_modules(what: &str, text: &str, src: &str) {
    let spans = code_spans(text);
    for module in top_level_modules(src) {
        assert!(
            names_module(&spans, &module),
            "{DOC}: {what} does not name `{module}` of {src}/"
        );
    }
    let mut files = Vec::new();
    collect_rs(&root().join(src), "", &mut files);
    for named in spans
        .iter()
        .filter(|s| s.ends_with(".rs") && !s.contains([' ', '<']))
    {
        let suffix = format!("/{named}");
        assert!(
            files.iter().any(|f| f.ends_with(&suffix)),
            "{DOC}: {what} names `{named}`, which is no file under {src}/"
        );
    }
}

#[test]
fn module_tables_and_sections_match_the_sources() {
    let doc = read(DOC);
    let core_table: String = table_after(&doc, "## Inside `crosswire`")
        .iter()
        .map(|row| row.split('|').nth(1).unwrap())
        .collect();
    check_modules(
        "the table of `crosswire`'s modules",
        &core_table,
        "core/src",
    );
    for (heading, src) in [
        ("## The derive", "derive/src"),
        ("## The C header generator", "cgen/src"),
        (
            "## The kernel adapter and its transports",
            "kernel-adapter/src",
        ),
    ] {
        check_modules(heading, &section(&doc, heading), src);
    }
}

/// The words the doc counts in.
const NUMBERS: [&str; 13] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
];

#[test]
fn snapshot_count_is_the_number_of_snapshots() {
    let dir = "derive/src/output_tests";
    let snapshots = fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter(|entry| {
            let name = entry.as_ref().unwrap().file_name();
            name.to_str().unwrap().ends_with(".expanded.rs")
        })
        .count();
    assert!(snapshots >= 2, "{snapshots} snapshots in {dir}/");
    let claim = format!(
        "The expansion of {} representative types",
        NUMBERS[snapshots]
    );
    assert!(
        section(&read(DOC), "## The derive").contains(&claim),
        "{DOC}: the derive's section should say {claim:?} ({dir}/ holds {snapshots})"
    );
}

#[test]
fn crate_table_names_every_derive() {
    let lib = read("derive/src/lib.rs");
    let derives: Vec<&str> = lib
        .split("#[proc_macro_derive(")
        .skip(1)
        .map(|rest| rest.split([',', ')']).next().unwrap().trim())
        .collect();
    assert!(derives.len() >= 6, "{derives:?}");
    let doc = read(DOC);
    let rows = table_after(&doc, "## The crates");
    let row = rows
        .iter()
        .find(|row| row.contains("| `crosswire-derive` |"))
        .expect("a row for crosswire-derive");
    for derive in derives {
        assert!(
            row.contains(derive),
            "{DOC}: the crate table's `crosswire-derive` row does not name `{derive}`"
        );
    }
}

/// `core/src/` files a `*Code:` line names, braces expanded (`bounded/{vec,view}.rs`).
fn core_files(code_line: &str) -> Vec<String> {
    let mut files = Vec::new();
    for span in code_spans(code_line) {
        let Some(path) = span.strip_prefix("core/src/") else {
            continue;
        };
        match (path.find('{'), path.find('}')) {
            (Some(open), Some(close)) => {
                for part in path[open + 1..close].split(',') {
                    files.push(format!("{}{part}{}", &path[..open], &path[close + 1..]));
                }
            }
            _ => files.push(path.to_owned()),
        }
    }
    files
}

#[test]
fn spec_section_list_places_every_section_with_code() {
    let spec = read("docs/wire-format.md");
    let list = section(&read(DOC), "## Where each spec section lives");
    let spans = code_spans(&list);
    let mut checked = 0;
    let mut heading = None;
    for line in spec.lines() {
        if line.starts_with("## ") || line.starts_with("### ") {
            heading = line.split(' ').nth(1).map(|n| n.trim_end_matches('.'));
        }
        let (Some(number), true) = (heading, line.starts_with("*Code:")) else {
            continue;
        };
        let parent = number.split('.').next().unwrap();
        let named = |n: &str| list.contains(&format!("§{n} ")) || list.contains(&format!("§{n},"));
        assert!(
            named(number) || named(parent),
            "{DOC}: the spec section list does not place §{number}"
        );
        for file in core_files(line) {
            let covered = spans.contains(file.as_str())
                || file
                    .match_indices('/')
                    .any(|(at, _)| spans.contains(&file[..=at]))
                || names_module(&spans, &file);
            assert!(
                covered,
                "{DOC}: the spec section list does not name `{file}` (§{number}'s code)"
            );
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} sections with a *Code:* line");
}
