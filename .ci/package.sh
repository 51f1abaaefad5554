#!/usr/bin/env bash
# Every publishable crate as crates.io would receive it: `cargo publish --dry-run` of all
# four at once (which checks the manifests and builds each package from its own files,
# against the packages of its siblings in a local overlay, since none is on crates.io
# yet), then, from each unpacked `.crate` alone, outside the repository: the docs, the
# unit tests, the doctests (the crate docs and their examples) and the examples. The
# crates depend on each other through their packaged versions, patched in from the
# unpacked siblings. Integration tests stay in the repository: they share `tests/support`
# or the repository's sample files, which are not published.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# A target directory of its own each run: cargo unpacks the packages of its temporary
# registry under CARGO_HOME by the registry's path, and would reuse a stale unpacked copy
# from an earlier run at the same path.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export CARGO_TARGET_DIR="$scratch/target"
# In publishing order; tests/support/tests/workspace/main.rs checks that these are the
# workspace's publishable members.
crates=(crosswire-derive crosswire crosswire-kernel crosswire-cgen)

args=()
for c in "${crates[@]}"; do args+=(-p "$c"); done
started=$SECONDS
if ! cargo publish --dry-run --quiet --allow-dirty "${args[@]}" >"$scratch/publish.log" 2>&1; then
    cat "$scratch/publish.log"
    exit 1
fi
# What is left once the expected notes are gone: the integration tests not packaged, and
# the upload not made.
grep -v -e 'is not included in the published package' -e 'aborting upload due to dry run' \
    "$scratch/publish.log" || true
echo "package: cargo publish --dry-run of ${crates[*]}: $((SECONDS - started)) s"
# The `.crate` files themselves, unverified: the dry run above verified the same contents.
cargo package --quiet --no-verify --allow-dirty "${args[@]}"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
unpacked="$scratch/unpacked"
mkdir -p "$unpacked"
patches=()
for c in "${crates[@]}"; do
    tar -xzf "$CARGO_TARGET_DIR/package/$c-$version.crate" -C "$unpacked"
    patches+=(--config "patch.crates-io.$c.path=\"$unpacked/$c-$version\"")
done
for c in "${crates[@]}"; do
    echo "package: $c, from its .crate alone"
    cd "$unpacked/$c-$version"
    RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --all-features "${patches[@]}"
    if [ "$c" = crosswire-derive ]; then
        # Its doc examples run through the runtime crate, a dev-dependency only the
        # repository has (`cw` in derive/Cargo.toml); crosswire's doctests, next, use the
        # derive from its package.
        # Its snapshot tests pin the expansion as the repository's locked prettyplease
        # formats it; they run in the repository.
        cargo test --quiet --all-features --lib "${patches[@]}" -- --skip output_tests
    else
        cargo test --quiet --all-features --lib "${patches[@]}"
        cargo test --quiet --all-features --doc "${patches[@]}"
        cargo build --quiet --all-features --examples "${patches[@]}"
    fi
done
echo "package: PASS (${crates[*]} build, document and test from their packages)"
