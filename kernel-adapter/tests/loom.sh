#!/usr/bin/env bash
# The ring's loom model: passes as built, and must FAIL with the publish weakened to
# Relaxed (`--cfg crosswire_ring_weak_publish`; there the tests expect the model's panic).
# Its own target directory, since `--cfg loom` rebuilds every crate.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}/loom"
export LOOM_MAX_PREEMPTIONS="${LOOM_MAX_PREEMPTIONS:-3}"

RUSTFLAGS="--cfg loom" cargo test -p crosswire-kernel --release --test ring_loom -- --test-threads=1
echo "loom: the ring's orderings pass the model"

RUSTFLAGS="--cfg loom --cfg crosswire_ring_weak_publish" \
    cargo test -p crosswire-kernel --release --test ring_loom -- --test-threads=1
echo "loom: a Relaxed publish fails the model, as it must"
