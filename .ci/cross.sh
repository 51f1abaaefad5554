#!/usr/bin/env bash
# crosswire's userspace tests on the other architectures a driver ships on: 32-bit x86
# (i686, run natively), big-endian s390x and little-endian arm64 (run under qemu-user), and
# powerpc64's ioctl numbers. Installs what it needs on a fresh Debian 12 machine; run by
# .ci/run, or alone: bash .ci/cross.sh [TARGET...]
#
# Per target: the crosswire crate's tests (golden bytes, properties, serde bridge, plain
# records with zerocopy and without), the derive's (but its UI tests, whose compiler output
# does not depend on the target), crosswire-kernel's, the ioctl oracle against that
# architecture's own <asm/ioctl.h>, and the C-vs-Rust differential of the generated header
# with the C compiled by that architecture's gcc. Under qemu-user the tests that need the
# host kernel's netlink (qemu-user does not translate netlink payloads) or start a process
# of their own (without binfmt_misc qemu-user cannot exec a foreign binary) are compiled
# out by `--cfg crosswire_qemu_user`, each file saying why.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

# The cross compilers and gcc-multilib conflict in Debian 12; 32-bit x86 links with the host
# gcc (-m32) and needs only the 32-bit libc and libgcc.
packages=(qemu-user-static gcc-s390x-linux-gnu libc6-dev-s390x-cross gcc-aarch64-linux-gnu
    libc6-dev-arm64-cross gcc-powerpc64-linux-gnu libc6-dev-ppc64-cross libc6-dev-i386
    lib32gcc-12-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(i686-unknown-linux-gnu s390x-unknown-linux-gnu
    aarch64-unknown-linux-gnu powerpc64-unknown-linux-gnu)
rustup target add "${targets[@]}" >/dev/null 2>&1

# Emulated runs keep the golden vectors and every fixed case, with fewer random ones.
export PROPTEST_CASES=${PROPTEST_CASES:-64}
export CARGO_TARGET_I686_UNKNOWN_LINUX_GNU_LINKER=gcc
for arch in s390x aarch64 powerpc64; do
    upper=$(echo "$arch" | tr '[:lower:]' '[:upper:]')
    qemu=qemu-$arch-static
    [ "$arch" = powerpc64 ] && qemu=qemu-ppc64-static
    export "CARGO_TARGET_${upper}_UNKNOWN_LINUX_GNU_LINKER=$arch-linux-gnu-gcc"
    export "CARGO_TARGET_${upper}_UNKNOWN_LINUX_GNU_RUNNER=$qemu -L /usr/$arch-linux-gnu"
done

# Every test binary of the derive but the UI suite: a file directly under tests/, or a
# folder with a main.rs.
derive_tests=()
for f in derive/tests/*.rs derive/tests/*/main.rs; do
    name=$(basename "$f" .rs)
    [ "$name" = main ] && name=$(basename "$(dirname "$f")")
    [ "$name" = ui ] || derive_tests+=(--test "$name")
done

for target in "${targets[@]}"; do
    arch=${target%%-*}
    printf '\n-- %s\n' "$target"
    case $arch in
    i686)
        # Native: every test runs. The x86 <asm/...> headers serve 32 and 64 bits alike.
        cc="gcc -m32 -idirafter /usr/include/x86_64-linux-gnu"
        runner=
        rustflags=
        ;;
    *)
        cc="$arch-linux-gnu-gcc"
        qemu=qemu-$arch-static
        [ "$arch" = powerpc64 ] && qemu=qemu-ppc64-static
        runner="$qemu -L /usr/$arch-linux-gnu"
        rustflags="--cfg crosswire_qemu_user"
        ;;
    esac
    if [ "$arch" = powerpc64 ]; then
        # powerpc's ioctl numbers: 13 size bits and 3 direction bits.
        CROSSWIRE_ORACLE_CC="$cc" RUSTFLAGS="$rustflags" cargo test -q -p crosswire-kernel \
            --all-features --target "$target" --test ioctl -- oracle::
        continue
    fi
    export RUSTFLAGS="$rustflags"
    cargo test -q -p crosswire --all-features --target "$target"
    cargo test -q -p crosswire --target "$target" --test plain
    cargo test -q -p crosswire-derive --target "$target" --lib "${derive_tests[@]}"
    # Under qemu-user without the doctests: the netlink examples in them talk to the host.
    kernel_tests=()
    [ -n "$runner" ] && kernel_tests=(--lib --tests)
    CROSSWIRE_ORACLE_CC="$cc" cargo test -q -p crosswire-kernel --all-features --target "$target" \
        "${kernel_tests[@]}"
    # The C side built by the target's compiler: run under qemu-user where emulated.
    env CC="$cc" ${runner:+CROSSWIRE_C_RUNNER="$runner"} cargo test -q -p crosswire-cgen \
        --target "$target" --test generated -- differential:: probes::
    unset RUSTFLAGS
done
printf '\ncross: %s passed in %ss\n' "${targets[*]}" "$((SECONDS - started))"
