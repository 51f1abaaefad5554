//! Replays every committed corpus file (`fuzz/corpus/<target>/`) and every regression
//! input (`tests/regressions/<target>/`) through the same oracle functions the libFuzzer
//! targets run, on the stable toolchain. A new file in either directory is picked up
//! without touching this test.

use std::{fs, path::Path};

use crosswire_fuzz_oracles::TARGETS;

fn replay_dir(dir: &Path, run: fn(&[u8])) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut files: Vec<_> = entries
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for path in &files {
        let data = fs::read(path).expect("readable corpus file");
        if let Err(panic) = std::panic::catch_unwind(|| run(&data)) {
            eprintln!("oracle failed on {}", path.display());
            std::panic::resume_unwind(panic);
        }
    }
    files.len()
}

fn replay(root: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
    TARGETS
        .iter()
        .map(|&(name, run)| replay_dir(&root.join(name), run))
        .sum()
}

#[test]
fn corpus_replays_clean() {
    let n = replay("../corpus");
    // Every target has a seed corpus; an empty replay means the path is wrong.
    assert!(n >= TARGETS.len(), "only {n} corpus files found");
    for &(name, _) in TARGETS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../corpus")
            .join(name);
        assert!(dir.is_dir(), "no corpus for target {name}");
    }
}

#[test]
fn regression_inputs_replay_clean() {
    replay("../../tests/regressions");
}
