#!/usr/bin/env bash
# The declared `rust-version` (the workspace's Cargo.toml) is the toolchain the published
# crates build with: `cargo check` of their libraries with exactly that toolchain, every
# feature on but two whose dependencies need a newer one (heapless 0.9: 1.88; tokio: 1.85).
# A check, not a test run: about 15 s of CPU once the dependencies are downloaded, plus
# the toolchain's minimal profile (about 10 s to install).
set -euo pipefail
cd "$(dirname "$0")/.."
msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -1)
rustup toolchain install "$msrv" --profile minimal --no-self-update >/dev/null 2>&1 ||
    rustup toolchain install "$msrv" --profile minimal --no-self-update
features=(
    crosswire/derive crosswire/float crosswire/arrayvec crosswire/serde crosswire/std
    crosswire/alloc crosswire/bitflags crosswire/zerocopy
    crosswire-kernel/std crosswire-kernel/derive crosswire-kernel/uapi
)
started=$SECONDS
CARGO_TARGET_DIR=target/msrv cargo "+$msrv" check --quiet --locked \
    -p crosswire -p crosswire-derive -p crosswire-kernel -p crosswire-cgen \
    --features "$(IFS=,; echo "${features[*]}")"
cargo "+$msrv" check --quiet --locked -p crosswire --no-default-features \
    --target-dir target/msrv
echo "msrv: Rust $msrv checks the published crates ($((SECONDS - started)) s)"
