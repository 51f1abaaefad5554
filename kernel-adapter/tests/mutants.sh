#!/usr/bin/env bash
# Removed-check mutants of the ring: each build drops one validation from the consumer
# (`--cfg crosswire_ring_mutant="..."`), and the ring's protocol tests and the fuzz
# oracle's corpus replay must then FAIL. Passes when every mutant is caught.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}/mutants"

status=0
for mutant in capacity length; do
    flags="--cfg crosswire_ring_mutant=\"$mutant\""
    caught=()
    # Caught means: built, ran, and a test failed (a build error would prove nothing).
    log=$CARGO_TARGET_DIR.$mutant.protocol.log
    if ! RUSTFLAGS="$flags" cargo test -q -p crosswire-kernel --test ring -- protocol:: >"$log" 2>&1 &&
        grep -q panicked "$log"; then
        caught+=("the ring's protocol tests")
    fi
    log=$CARGO_TARGET_DIR.$mutant.oracle.log
    if ! RUSTFLAGS="$flags" cargo test -q -p crosswire-fuzz-oracles --test oracles -- corpus:: >"$log" 2>&1 &&
        grep -q "disagrees with the model" "$log"; then
        caught+=("ring_image oracle")
    fi
    if [ ${#caught[@]} -eq 2 ]; then
        echo "mutants: without the $mutant check, caught by: ${caught[*]}"
    else
        echo "mutants: without the $mutant check, caught only by: ${caught[*]:-nothing} (need both)"
        status=1
    fi
done
exit "$status"
