#!/usr/bin/env bash
# Prints the machine code of one out-of-line entry point of `src/asm.rs`, e.g.
#   bash benches/asm.sh cw_decode_small
# (`cw_*`: crosswire's derive; `hand_*`: the hand-written codec). The last line counts
# the instructions, and the conditional branches among them.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo rustc --release --quiet -p crosswire-benches --lib --crate-type rlib -- \
    --emit=asm -C codegen-units=1 -C llvm-args=-x86-asm-syntax=intel >/dev/null
s=$(ls -t target/release/deps/crosswire_benches-*.s | head -1)
sym=$(grep -oE "^_ZN17crosswire_benches3asm[0-9]+$1[0-9]*17h[0-9a-f]+E:" "$s" | head -1 | tr -d :)
[ -n "$sym" ] || { echo "no entry point $1 in src/asm.rs" >&2; exit 1; }
awk -v s="$sym:" '$0 == s {on=1} on {print} on && /^\.Lfunc_end/ {exit}' "$s" |
    grep -vE '^\s*\.(cfi_|p2align|loc|file)|^\.Ltmp|^#|^\s*#' | c++filt |
    tee /dev/stderr | awk '/^\t[a-z]/ {n++} /^\tj[^m]/ {b++} END {printf "# %d instructions, %d conditional branches\n", n, b}'
