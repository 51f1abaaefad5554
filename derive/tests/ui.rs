//! Compile-time behaviour, through trybuild:
//! - the errors of the derive, as UI tests grouped by kind (serde's `test_suite/tests/ui/`);
//!   regenerate the expected output after a deliberate change with
//!   `TRYBUILD=overwrite cargo test -p crosswire-derive --test ui`;
//! - every `rust` example of `docs/derive.md`, compiled and run, so the documentation
//!   cannot rot (it is a separate file, not a doc comment, so rustdoc does not test it).

use std::{fs, path::PathBuf};

/// trybuild runs `cargo build` (not `cargo check`) when a run has passing tests, as this one
/// does; the post-monomorphization errors of `ui/sizes/` need that.
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*/*.rs");
    // The hint for a float field depends on crosswire's `float` feature, which turns on the
    // derive's: a build with every feature of the derive on (`--all-features`) has floats,
    // so the hint is only checked without it (`.ci/run` runs this test that way too).
    if cfg!(feature = "float") {
        eprintln!("ui_no_float: skipped, the derive's feature `float` is on");
    } else {
        t.compile_fail("tests/ui_no_float/*.rs");
    }
    for example in doc_examples() {
        t.pass(example);
    }
}

/// How many errors each UI case reports (its `.stderr` lines that start with `error`): one
/// per mistake, so a change that adds errors to a mistake fails here, not only as a changed
/// snapshot to overwrite. A case added without an entry fails too.
const ERRORS: &[(&str, usize)] = &[
    ("discriminants/duplicate", 2),
    ("discriminants/expression_out_of_range", 3),
    ("discriminants/negative_expression", 1),
    ("discriminants/out_of_range", 4),
    ("extensible/since_misuse", 7),
    ("extensible/zero_invalid_field", 3),
    ("extensible/zero_invalid_generic", 1),
    ("extensible/zero_invalid_variant_field", 1),
    ("field_attributes/misuse", 4),
    // One `Vec<u8>` field, in a type with all three derives.
    ("field_types/vec_field", 1),
    ("field_types/string_field", 1),
    ("field_types/nested_without_max_size", 1),
    ("field_types/field_without_encode", 1),
    // Eight fields, each of a different unbounded type.
    ("field_types/std_collections", 8),
    ("field_types/unbounded_field", 2),
    ("netlink/all_errors_at_once", 4),
    ("netlink/c_layout_not_a_c_struct", 3),
    ("netlink/duplicate_id", 1),
    ("netlink/id_too_large", 1),
    ("netlink/missing_id", 1),
    ("netlink/not_a_struct", 2),
    ("netlink/zero_id", 1),
    ("open_enums/body_not_bytes", 1),
    ("open_enums/kept_body_below_a_known_variant", 1),
    ("open_enums/other_on_data_enum", 1),
    ("open_enums/two_others", 2),
    ("open_enums/wrong_payload", 4),
    ("plain/field_order", 1),
    ("plain/misuse", 5),
    ("plain/padding", 8),
    ("plain/usize_field", 1),
    ("plain/without_byte_views", 6),
    ("sizes/assert_fits", 1),
    ("sizes/capacity_above_u32", 1),
    ("sizes/ioctl_command_too_large", 1),
    ("sizes/to_array_too_small", 1),
    ("tag_width/bad_width", 3),
    ("unions/union", 1),
    ("unknown_attributes/container", 2),
    ("unknown_attributes/field_and_variant", 2),
    ("unknown_attributes/misplaced", 3),
    ("ui_no_float/float_without_feature", 2),
];

/// The cases whose messages still name `crosswire::__private` (the bounds of the
/// `#[crosswire(plain)]` run codecs); every other `.stderr` must not.
const NAMING_PRIVATE: &[&str] = &["plain/padding", "plain/without_byte_views"];

/// Counts the errors of every UI case against [`ERRORS`], and checks that no message names
/// `__private`, the derive's support module: what a user reads names their code and
/// crosswire's public items.
#[test]
fn one_error_per_mistake() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut cases = Vec::new();
    for dir in [root.join("ui"), root.join("ui_no_float")] {
        let mut pending = vec![dir];
        while let Some(dir) = pending.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "stderr") {
                    cases.push(path);
                }
            }
        }
    }
    let mut wrong = Vec::new();
    let mut seen = Vec::new();
    for path in &cases {
        let relative = path.strip_prefix(&root).unwrap_or(path).with_extension("");
        let name = relative.to_string_lossy().replace('\\', "/");
        let name = name.strip_prefix("ui/").unwrap_or(&name);
        seen.push(name.to_owned());
        let stderr = fs::read_to_string(path).unwrap();
        let errors = stderr.lines().filter(|l| l.starts_with("error")).count();
        match ERRORS.iter().find(|(case, _)| *case == name) {
            Some((_, expected)) if *expected == errors => {}
            Some((_, expected)) => {
                wrong.push(format!("{name}: {errors} errors, {expected} expected"))
            }
            None => wrong.push(format!("{name}: {errors} errors, and no entry in ERRORS")),
        }
        if stderr.contains("__private") != NAMING_PRIVATE.contains(&name) {
            wrong.push(format!(
                "{name}: names `__private` or no longer does (NAMING_PRIVATE)"
            ));
        }
    }
    for (case, _) in ERRORS {
        if !seen.iter().any(|name| name == case) {
            wrong.push(format!("{case}: in ERRORS, but has no .stderr"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Writes each ```rust block of docs/derive.md as a program under the target directory, with
/// rustdoc's conventions: `# ` lines are hidden but compiled, and the block is the body of
/// `main` (returning a `Result` when it ends in `Ok::<(), crosswire::Error>(())`).
fn doc_examples() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join("../docs/derive.md")).expect("docs/derive.md");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("derive-doc-examples");
    fs::create_dir_all(&out).unwrap();
    let mut paths = Vec::new();
    let mut block: Option<Vec<&str>> = None;
    for line in doc.lines() {
        match (&mut block, line.trim_end()) {
            (None, "```rust") => block = Some(Vec::new()),
            (Some(lines), "```") => {
                let body: Vec<&str> = lines
                    .iter()
                    .map(|l| {
                        l.strip_prefix("# ")
                            .unwrap_or(if *l == "#" { "" } else { l })
                    })
                    // The test crate already knows the runtime crate as `cw`.
                    .filter(|l| l.trim() != "extern crate crosswire as cw;")
                    .collect();
                let body = body.join("\n");
                let main = if body.trim_end().ends_with("Ok::<(), crosswire::Error>(())") {
                    "fn main() -> Result<(), crosswire::Error>"
                } else {
                    "fn main()"
                };
                let program = format!(
                    "#![allow(dead_code)]\nextern crate cw as crosswire;\n{main} {{\n{body}\n}}\n"
                );
                let path = out.join(format!("example_{}.rs", paths.len()));
                fs::write(&path, program).unwrap();
                paths.push(path);
                block = None;
            }
            (Some(lines), _) => lines.push(line),
            (None, _) => {}
        }
    }
    assert!(paths.len() >= 7, "docs/derive.md lost its examples");
    paths
}
