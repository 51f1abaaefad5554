//! One lint policy. The workspace's `[workspace.lints]` applies to every crate; the no-panic
//! wall (no indexing, unchecked arithmetic, unwrap, expect, panic, `as`, floats) applies to
//! the library code of the two crates that run in a kernel, outside their tests. Cargo
//! cannot scope a lint to non-test code, so each crate root states the wall; this test
//! keeps the two statements identical.

use std::{fs, path::Path};

fn wall(crate_root: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(crate_root);
    let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{crate_root}: {e}"));
    let start = source
        .find("#![cfg_attr(\n    not(test),\n    deny(")
        .unwrap_or_else(|| panic!("{crate_root} has no no-panic wall"));
    let len = source[start..].find("\n)]\n").expect("the wall ends") + 4;
    source[start..start + len].to_owned()
}

#[test]
fn the_no_panic_wall_is_the_same_in_every_kernel_crate() {
    let core = wall("core/src/lib.rs");
    for lints in [
        "clippy::indexing_slicing",
        "clippy::arithmetic_side_effects",
        "clippy::panic",
    ] {
        assert!(core.contains(lints), "core's wall lacks {lints}");
    }
    assert_eq!(wall("kernel-adapter/src/lib.rs"), core);
}

/// The text of the tables from `first` up to the next table that is not a lint table.
fn lint_tables(manifest: &str, first: &str) -> Option<String> {
    let start = manifest.find(first)?;
    let rest = &manifest[start..];
    let mut end = rest.len();
    let mut at = 0;
    for line in rest.lines() {
        if at > 0 && line.starts_with('[') && !line.contains("lints") {
            end = at;
            break;
        }
        at += line.len() + 1;
    }
    Some(rest[..end.min(rest.len())].trim_end().to_owned())
}

#[test]
fn every_crate_has_the_workspace_lint_policy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let workspace = fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let policy = lint_tables(&workspace, "[workspace.lints.rust]")
        .expect("the workspace has a lint policy")
        .replace("[workspace.lints.", "[lints.");
    // Members inherit it; a crate outside the workspace (or one built from another
    // workspace too) restates it.
    let members = [
        "core",
        "derive",
        "cgen",
        "kernel-adapter",
        "kernel-adapter/examples/support",
        "kernel-adapter/sample/types",
        "benches",
        "tests/support",
        "tests/records",
        "examples/demo",
    ];
    let outside = [
        "fuzz",
        "cgen/harness",
        "fuzz/cdiff",
        "fuzz/oracles",
        "kernel-adapter/sample/user",
        "tests/kernel/checker",
        "tests/no-panic",
    ];
    for dir in members {
        let manifest = fs::read_to_string(root.join(dir).join("Cargo.toml")).expect(dir);
        assert!(
            manifest.contains("\n[lints]\nworkspace = true\n"),
            "{dir} does not inherit the workspace's lints"
        );
    }
    for dir in outside {
        let manifest = fs::read_to_string(root.join(dir).join("Cargo.toml")).expect(dir);
        let restated = lint_tables(&manifest, "[lints.rust]");
        assert_eq!(
            restated.as_deref(),
            Some(policy.as_str()),
            "{dir}'s [lints] differ from the workspace's"
        );
    }
    // Every manifest of the tree is one of the two kinds.
    let mut listed: Vec<&str> = members.iter().chain(&outside).copied().collect();
    listed.sort_unstable();
    let mut found = Vec::new();
    find_manifests(&root, &root, &mut found);
    found.sort();
    assert_eq!(found, listed, "a crate the lint policy test does not know");
}

/// The directories under `dir` (relative to `root`) that hold a `Cargo.toml` with a
/// `[package]`, skipping build outputs.
fn find_manifests(root: &Path, dir: &Path, found: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() && !name.starts_with('.') && name != "target" && name != "build" {
            find_manifests(root, &path, found);
        } else if name == "Cargo.toml" && path.parent() != Some(root) {
            let text = fs::read_to_string(&path).unwrap_or_default();
            if text.contains("[package]") {
                let rel = path.parent().and_then(|p| p.strip_prefix(root).ok());
                found.push(rel.map(|p| p.display().to_string()).unwrap_or_default());
            }
        }
    }
}
