//! Compile errors of the derive, as trybuild UI tests grouped by kind (serde's
//! `test_suite/tests/ui/`). Regenerate the expected output after a deliberate change with
//! `TRYBUILD=overwrite cargo test -p crosswire-derive --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*/*.rs");
}
