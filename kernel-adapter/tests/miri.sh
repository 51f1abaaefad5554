#!/usr/bin/env bash
# Miri over the ring's region code (the `unsafe` of kernel-adapter/src/ring/shared.rs and
# its callers): the `protocol` module of the ring's test binary (tests/ring/protocol.rs)
# drives producer and consumer over a plain in-process region, and Miri checks every access for undefined behaviour, on x86_64 and on big-endian
# s390x (Miri interprets a foreign target without running it). Run by .ci/run.
#
# Miri's weak-memory emulation is off: with it on, this nightly's Miri panics inside itself
# (concurrency/weak_memory.rs) on the ring's mixed-size atomic accesses. The orderings are
# model-checked by loom instead (tests/loom.sh). Few property cases: Miri is slow.
set -euo pipefail
cd "$(dirname "$0")/../.."
rustup component add miri rust-src --toolchain nightly >/dev/null 2>&1 || {
    echo "miri: rustup could not add the nightly miri component" >&2
    exit 1
}
export PROPTEST_CASES=${PROPTEST_CASES:-2}
export MIRIFLAGS="-Zmiri-disable-isolation -Zmiri-disable-weak-memory-emulation"
for target in x86_64-unknown-linux-gnu s390x-unknown-linux-gnu; do
    echo "miri: the ring's protocol tests on $target"
    cargo +nightly miri test -q -p crosswire-kernel --target "$target" --test ring -- protocol::
done
