#!/usr/bin/env bash
# Instructions per encode/decode, counted by callgrind: stable where timings are noisy.
#
#   bash benches/callgrind.sh [FILTER]   # FILTER: a grep -E pattern on "msg op peer"
#
# Each operation runs twice, 100 and 1100 times; the difference over 1000 is the count of
# one operation, with the program's start-up and the fixture set-up cancelled out.
# Writes target/callgrind/instructions.tsv (msg, op, peer, bytes, instructions); with a
# FILTER, only the matching rows (run it without one before benches/report.py).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind
}

cargo build --release --quiet -p crosswire-benches --bin cwbench
bin=target/release/cwbench
out=target/callgrind
mkdir -p "$out"

count() { # msg op peer iterations -> instructions of the whole run
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" run "$1" "$2" "$3" "$4" 2>&1 |
        sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p'
}

printf 'msg\top\tpeer\tbytes\tinstructions\n' >"$out/instructions.tsv"
"$bin" list | grep -E "${1:-.}" | while IFS=$'\t' read -r msg op peer bytes; do
    lo=$(count "$msg" "$op" "$peer" 100)
    hi=$(count "$msg" "$op" "$peer" 1100)
    per=$(python3 -c "print(f'{($hi - $lo) / 1000:.1f}')")
    printf '%s\t%s\t%s\t%s\t%s\n' "$msg" "$op" "$peer" "$bytes" "$per" | tee -a "$out/instructions.tsv"
done
