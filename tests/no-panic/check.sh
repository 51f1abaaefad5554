#!/usr/bin/env bash
# Link-time proof that crosswire's encoders and decoders have no panic path.
# Passes when the normal build links and the `canary` build (a deliberate panic) does not.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/../../target/no-panic}"

if ! cargo build --release --quiet 2>build.log; then
    cat build.log
    echo "FAIL: a panic path survives in encode/decode (see the undefined symbol above)"
    exit 1
fi
"$CARGO_TARGET_DIR/release/crosswire-no-panic" || true

if cargo build --release --quiet --features canary 2>canary.log; then
    echo "FAIL: the canary panic linked; the check cannot detect panics"
    exit 1
fi
if ! grep -q crosswire_panic_path_is_reachable canary.log; then
    cat canary.log
    echo "FAIL: the canary build failed for another reason"
    exit 1
fi
rm -f build.log canary.log
echo "no-panic: PASS (encode/decode link without a panic path; the canary does not)"
