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
