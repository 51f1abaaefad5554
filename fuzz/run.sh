#!/usr/bin/env bash
# Runs one libFuzzer campaign: `fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]`.
#
# Needs a nightly toolchain (`rustup toolchain install nightly`); installs cargo-fuzz when it
# is missing. New inputs go to fuzz/campaign/TARGET (git-ignored), seeded from the committed
# corpus in fuzz/corpus/TARGET; crashes go to fuzz/artifacts/TARGET. The log, with
# libFuzzer's final stats, is fuzz/campaign/TARGET.log. Targets: `cargo +nightly fuzz list`.
set -euo pipefail
cd "$(dirname "$0")"

if [ $# -lt 2 ]; then
    echo "usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]" >&2
    exit 2
fi
target=$1
seconds=$2
shift 2

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz/run.sh: no nightly toolchain (rustup toolchain install nightly)" >&2
    exit 1
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz/run.sh: installing cargo-fuzz"
    cargo +nightly install cargo-fuzz --locked
fi

# Our own target dir: the nightly, instrumented build must not share (or lock) the
# workspace's stable one.
export CARGO_TARGET_DIR="$PWD/target"
mkdir -p "campaign/$target" "corpus/$target"
cargo +nightly fuzz build --target-dir "$CARGO_TARGET_DIR" "$target"
# Crashes reproduce with: cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-...
set +e
cargo +nightly fuzz run --target-dir "$CARGO_TARGET_DIR" "$target" \
    "campaign/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=1024 -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=2048 "$@" >"campaign/$target.log" 2>&1
status=$?
set -e
grep -E 'stat::|Done|SUMMARY|crash-|cov:' "campaign/$target.log" | tail -12
exit "$status"
