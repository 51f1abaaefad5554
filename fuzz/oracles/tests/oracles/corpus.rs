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

/// A few thousand pseudo-random inputs per target, on stable: catches an oracle that
/// rejects valid behaviour before a nightly campaign does.
#[test]
fn pseudo_random_inputs_pass() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for &(_, run) in TARGETS {
        for i in 0..3000u64 {
            let len = usize::try_from(next() % 96).unwrap();
            let mut data: Vec<u8> = (0..len).map(|_| next().to_le_bytes()[0]).collect();
            // Mostly small bytes, as valid encodings are: lengths, tags and bools.
            if i % 2 == 0 {
                data.iter_mut().skip(1).for_each(|b| *b %= 4);
            }
            run(&data);
        }
    }
}
