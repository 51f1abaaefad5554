#!/usr/bin/env bash
# A short run of every fuzz target (SMOKE_SECONDS each, default 10), for CI (`.ci/run`).
# Skipped, with a message, when no nightly toolchain is installed; installs cargo-fuzz when
# it is missing. Campaigns use fuzz/run.sh; see docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${SMOKE_SECONDS:-10}

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz smoke: SKIPPED (no nightly toolchain; 'rustup toolchain install nightly' enables it)."
    echo "fuzz smoke: the corpus is still replayed on stable by 'cargo test -p crosswire-fuzz-oracles'."
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz smoke: installing cargo-fuzz"
    cargo +nightly install cargo-fuzz --locked
fi

export CARGO_TARGET_DIR="$PWD/target"
targets=$(cargo +nightly fuzz list)
started=$SECONDS
cargo +nightly fuzz build --target-dir "$CARGO_TARGET_DIR"
echo "fuzz smoke: built in $((SECONDS - started))s"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=()
for target in $targets; do
    mkdir -p "$scratch/$target"
    # New inputs go to the scratch dir: the committed corpus is only read.
    if cargo +nightly fuzz run --target-dir "$CARGO_TARGET_DIR" "$target" \
        "$scratch/$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=1024 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$scratch/$target.log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/$target.log")
        cov=$(grep -o "cov: [0-9]* ft: [0-9]*" "$scratch/$target.log" | tail -1 || true)
        echo "fuzz smoke: $target ok (${runs:-?} runs, $cov)"
    else
        tail -40 "$scratch/$target.log"
        echo "fuzz smoke: $target FAILED; reproduce with the crash file under fuzz/artifacts/$target/"
        failed+=("$target")
    fi
done
echo "fuzz smoke: $((SECONDS - started))s in all"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz smoke: failed targets: ${failed[*]}"
    exit 1
fi
