#!/usr/bin/env bash
# Doc coverage of the public API: how many items rustdoc counts, how many have a doc
# comment and how many an example, for `crosswire` and `crosswire-kernel` (all features).
#
#   bash .ci/doc-coverage.sh            # the table
#   bash .ci/doc-coverage.sh --detail   # and rustdoc's per-file tables
#
# rustdoc's `--show-coverage` is unstable: this uses a nightly toolchain when one is
# installed, else the stable one with RUSTC_BOOTSTRAP=1 (nothing is downloaded). A separate
# target directory keeps those builds apart from the usual ones.
set -euo pipefail
cd "$(dirname "$0")/.."

detail=false
[ "${1:-}" = "--detail" ] && detail=true

if rustup run nightly rustdoc --version >/dev/null 2>&1; then
    run=(cargo +nightly)
else
    export RUSTC_BOOTSTRAP=1
    run=(cargo)
fi
export CARGO_TARGET_DIR=target/doc-coverage

printf '| crate | items documented | items with examples | with examples |\n'
printf '| --- | --- | --- | --- |\n'
for crate in crosswire crosswire-kernel; do
    out=$("${run[@]}" rustdoc --quiet -p "$crate" --all-features -- \
        -Z unstable-options --show-coverage 2>/dev/null)
    if $detail; then
        printf '%s\n' "$out" >&2
    fi
    # | Total | documented | % | examples | % |
    total=$(printf '%s\n' "$out" | grep '| Total')
    documented=$(printf '%s' "$total" | awk -F'|' '{gsub(/ /, "", $3); print $3}')
    examples=$(printf '%s' "$total" | awk -F'|' '{gsub(/ /, "", $5); print $5}')
    percent=$(printf '%s' "$total" | awk -F'|' '{gsub(/ /, "", $6); print $6}')
    printf '| `%s` | %s | %s | %s |\n' "$crate" "$documented" "$examples" "$percent"
done
