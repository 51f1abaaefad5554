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
