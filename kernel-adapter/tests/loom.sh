#!/usr/bin/env bash
# The ring's loom model: passes as built, and must FAIL in each deliberately weakened build
# (there the tests expect the model's panic): the publish weakened to Relaxed
# (`crosswire_ring_weak_publish`), the role claim made a load then a store
# (`crosswire_ring_weak_claim`), the counter stores made plain instead of
# compare-and-exchanges (`crosswire_ring_weak_generation`).
# Its own target directory, since `--cfg loom` rebuilds every crate.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}/loom"
export LOOM_MAX_PREEMPTIONS="${LOOM_MAX_PREEMPTIONS:-3}"

RUSTFLAGS="--cfg loom" cargo test -p crosswire-kernel --release --test ring -- --test-threads=1
echo "loom: the ring's orderings, claims and generations pass the model"

RUSTFLAGS="--cfg loom --cfg crosswire_ring_weak_publish" \
    cargo test -p crosswire-kernel --release --test ring -- --test-threads=1
echo "loom: a Relaxed publish fails the model, as it must"

RUSTFLAGS="--cfg loom --cfg crosswire_ring_weak_claim" \
    cargo test -p crosswire-kernel --release --test ring -- --test-threads=1
echo "loom: a claim by load and store fails the model, as it must"

RUSTFLAGS="--cfg loom --cfg crosswire_ring_weak_generation" \
    cargo test -p crosswire-kernel --release --test ring -- --test-threads=1
echo "loom: counters stored plainly across a reset fail the model, as they must"
