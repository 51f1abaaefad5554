#!/usr/bin/env bash
# End-to-end kernel test for crosswire: from a fresh Debian 12 machine to one final line,
# `PASS` or `FAIL: <reason>`, on standard output. Everything else goes to standard error and to
# the logs under tests/kernel/build/logs/.
#
#   bash tests/kernel/run.sh            # the releases in CROSSWIRE_KERNEL_RELEASES (default: all)
#   bash tests/kernel/run.sh 6.12       # one release (6.12 or 7.3)
#   bash tests/kernel/run.sh --packages # only install the missing Debian packages
#   bash tests/kernel/run.sh --kernels [RELEASE]
#                                       # only build (or find cached) bindgen and the kernels:
#                                       # .ci/run starts this in the background at its start
#
# Steps: install Debian packages (only the missing ones), build bindgen-cli, build a small
# Rust-enabled kernel (cached, keyed on everything that affects it), build the sample module
# (kernel-adapter/sample/module) with crosswire linked in and the C sample module
# (kernel-adapter/sample/cmodule, from the generated header), build the static userspace sample
# program (kernel-adapter/sample/user) and the checker (tests/kernel/checker) in three
# versions of the extensible message, and the current one for i686 as well (a 32-bit program
# on the 64-bit kernel, CONFIG_IA32_EMULATION: its ioctls go through the modules'
# compat_ioctl), pack an initramfs, boot it in qemu (TCG) with a timeout and read the verdict
# from the serial log. The sample program and every checker run against both modules' devices
# in the one boot; PASS needs both, and the 32-bit checker must run the same checks as the
# 64-bit one.
#
# Releases: 6.12 is Debian's `linux-source-6.12`; 7.3 is `linux-source-7.3` from Debian's
# trixie-backports, downloaded alone (not installed, no apt source added for good) from the
# mirror of this machine's own apt sources. Each release has its kernel tree, built and cached
# by release and configuration, its modules and its boot; the userspace programs are shared.
#
# Environment:
#   CROSSWIRE_KERNEL_RELEASES  releases to test when no argument is given (default "6.12 7.3")
#   CROSSWIRE_KERNEL_CACHE     kernel + bindgen cache
#                              (default ${XDG_CACHE_HOME:-$HOME/.cache}/crosswire-kernel)
#   CROSSWIRE_KERNEL_WORK      scratch dir for this run (default tests/kernel/build, gitignored)
#   CROSSWIRE_QEMU_TIMEOUT     seconds before qemu is killed (default 600; 1800 with KASAN)
#   CROSSWIRE_KERNEL_KASAN     1: the KASAN variant, tests/kernel/kasan.config merged after
#                              kernel.config, its own cached tree (default 0; not run by .ci/run,
#                              see kernel-adapter/README.md for its cost)
#   CROSSWIRE_USER_FEATURES    extra cargo features for the "current" checker; used to show
#                              that a deliberately mismatched build FAILs (see README)
#   CROSSWIRE_SEED             seed for the generated messages (default fixed in the program)
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${CROSSWIRE_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crosswire-kernel}
WORK=${CROSSWIRE_KERNEL_WORK:-$HERE/build}
# The cargo target dirs of the programs built from this checkout (the derive, the checker,
# the sample program), cached per checkout: cargo copies a program out of its target dir
# only when it rebuilds it, so two checkouts sharing one dir would get each other's.
CARGO_CACHE=$CACHE/target/checkout-$(printf %s "$REPO" | sha256sum | cut -c1-12)
LOGS=$WORK/logs
JOBS=$(nproc 2>/dev/null || echo 2)
KASAN=${CROSSWIRE_KERNEL_KASAN:-0}
# The config fragments merged on tinyconfig, in order, and the cached trees' name prefix (the
# KASAN variant's trees are named apart, so that neither variant's clean-up deletes the other).
FRAGMENTS=("$HERE/kernel.config")
TREE=linux
QEMU_TIMEOUT=${CROSSWIRE_QEMU_TIMEOUT:-600}
if [ "$KASAN" = 1 ]; then
    FRAGMENTS+=("$HERE/kasan.config")
    TREE=linux-kasan
    QEMU_TIMEOUT=${CROSSWIRE_QEMU_TIMEOUT:-1800}
fi

MODE=test
case ${1:-} in
--packages | --kernels)
    MODE=${1#--}
    shift
    ;;
esac
RELEASES=${1:-${CROSSWIRE_KERNEL_RELEASES:-6.12 7.3}}
KERNEL_SERIES=
BINDGEN_VERSION=
SYS_RUSTC=/usr/bin/rustc
# Bump when the kernel recipe below changes in a way the key does not see.
KERNEL_RECIPE=3

PACKAGES=(
    linux-source-6.12 rustc-web rust-web-src
    clang llvm lld libclang-dev
    # 7.3 needs LLVM/libclang >= 17 (scripts/min-tool-version.sh); Debian 12 has 19 too.
    clang-19 lld-19 llvm-19 libclang-19-dev
    qemu-system-x86 busybox-static
    flex bison bc libelf-dev libssl-dev cpio kmod
    make gcc libc6-dev xz-utils coreutils
    # The 32-bit checker: linked by the host gcc with -m32 (gcc-multilib conflicts with the
    # cross compilers of .ci/cross.sh), static, so the 32-bit libc and libgcc only.
    libc6-dev-i386 lib32gcc-12-dev
)
# The 32-bit checker's target (rustup).
TARGET32=i686-unknown-linux-gnu

START=$(date +%s)
log() { echo "[kernel-test +$(($(date +%s) - START))s] $*" >&2; }
fail() {
    echo "FAIL: $*"
    exit 1
}
trap 'fail "unexpected error in run.sh line $LINENO (see $LOGS)"' ERR

# run_logged NAME CMD...: run CMD with its output in $LOGS/NAME.log; on failure show the tail.
run_logged() {
    local name=$1
    shift
    if ! "$@" </dev/null >"$LOGS/$name.log" 2>&1; then
        echo "---- last lines of $LOGS/$name.log ----" >&2
        tail -n 60 "$LOGS/$name.log" >&2
        return 1
    fi
}

# children_cpu: CPU_NOW = user + system seconds of this shell's finished children so far
# (`times` of this shell, not of a command substitution's subshell).
children_cpu() {
    times >"$LOGS/times"
    CPU_NOW=$(awk 'NR == 2 {
        n = split($0, f, " ")
        for (i = 1; i <= n; i++) { split(f[i], ms, /[ms]/); t += ms[1] * 60 + ms[2] }
        printf "%d\n", t
    }' "$LOGS/times")
}

pkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        return 1
    fi
}

install_packages() {
    local missing=() p had_qemu_utils=0
    for p in "${PACKAGES[@]}"; do
        pkg_installed "$p" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && {
        log "Debian packages: all present"
        return 0
    }
    pkg_installed qemu-utils && had_qemu_utils=1
    log "Debian packages: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    run_logged apt-update as_root apt-get update -q || fail "apt-get update failed"
    run_logged apt-install as_root apt-get install -y -q --no-install-recommends "${missing[@]}" ||
        fail "apt-get install ${missing[*]} failed"
    # Installing qemu-system-x86 can remove a newer qemu-utils (seen on these machines).
    if [ $had_qemu_utils = 1 ] && ! pkg_installed qemu-utils; then
        log "qemu-utils was removed by the install: reinstalling it"
        run_logged apt-qemu-utils as_root apt-get install -y -q qemu-utils ||
            log "warning: could not reinstall qemu-utils"
    fi
}

# select_release SERIES: the release's kernel source and the bindgen it needs
# (`scripts/min-tool-version.sh`: 0.65.1 for 6.12, 0.71.1 for 7.3).
select_release() {
    KERNEL_SERIES=$1
    case $KERNEL_SERIES in
    6.12)
        BINDGEN_VERSION=0.69.5
        # Debian 12's default LLVM (14) and its libclang: left to itself, bindgen takes the
        # newest libclang installed (19, for 7.3), which refuses clang 14's flags.
        LLVM=1
        LIBCLANG_PATH=/usr/lib/llvm-14/lib
        TARBALL=/usr/src/linux-source-6.12.tar.xz
        [ -f "$TARBALL" ] || fail "no $TARBALL (package linux-source-6.12)"
        SOURCE_VERSION=$(dpkg-query -W -f='${Version}' linux-source-6.12)
        ;;
    7.3)
        BINDGEN_VERSION=0.71.1
        # LLVM 19 (clang-19, ld.lld-19...: Kbuild's LLVM=-19 suffix) and its libclang.
        LLVM=-19
        LIBCLANG_PATH=/usr/lib/llvm-19/lib
        fetch_source_73
        ;;
    *) fail "unknown kernel release '$KERNEL_SERIES' (6.12 or 7.3)" ;;
    esac
    RWORK=$WORK/$KERNEL_SERIES
    mkdir -p "$RWORK"
}

# linux-source-7.3 is in Debian's trixie-backports, not in this machine's apt sources: the
# package alone is downloaded into the cache (once) from the mirror the machine already uses,
# with a private apt state, and its tarball taken out of it.
fetch_source_73() {
    local dir=$CACHE/src-7.3 uri deb
    TARBALL=$dir/linux-source-7.3.tar.xz
    if [ -f "$dir/version" ] && [ -f "$TARBALL" ]; then
        SOURCE_VERSION=$(cat "$dir/version")
        return 0
    fi
    log "linux-source-7.3: downloading from trixie-backports"
    rm -rf "$dir"
    mkdir -p "$dir/apt/lists/partial"
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$uri" ] || fail "no Debian mirror found in this machine's apt sources"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie-backports main" \
        >"$dir/apt/sources.list"
    local A=(-o "Dir::Etc::sourcelist=$dir/apt/sources.list" -o Dir::Etc::sourceparts=/dev/null
        -o "Dir::State::Lists=$dir/apt/lists")
    run_logged apt7-update apt-get "${A[@]}" update ||
        fail "apt-get update for trixie-backports failed"
    (cd "$dir" && run_logged apt7-download apt-get "${A[@]}" download linux-source-7.3) ||
        fail "downloading linux-source-7.3 failed"
    deb=$(ls "$dir"/linux-source-7.3_*_all.deb 2>/dev/null | head -n 1)
    [ -n "$deb" ] || fail "no linux-source-7.3 package after the download"
    dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/src/linux-source-7.3.tar.xz >"$TARBALL" ||
        fail "extracting linux-source-7.3.tar.xz failed"
    dpkg-deb -f "$deb" Version >"$dir/version"
    rm -rf "$deb" "$dir/apt"
    SOURCE_VERSION=$(cat "$dir/version")
}

find_rust_lib_src() {
    local v
    v=$("$SYS_RUSTC" --version | awk '{print $2}')
    RUST_LIB_SRC=/usr/src/rustc-$v/library
    [ -d "$RUST_LIB_SRC/core" ] || fail "rust-web-src: no $RUST_LIB_SRC for $SYS_RUSTC ($v)"
}

build_bindgen() {
    BINDGEN=$CACHE/bindgen-$BINDGEN_VERSION/bin/bindgen
    if [ -x "$BINDGEN" ]; then
        log "bindgen-cli $BINDGEN_VERSION: cached"
        return 0
    fi
    command -v cargo >/dev/null || fail "cargo (rustup) not found on PATH"
    log "bindgen-cli $BINDGEN_VERSION: building (about a minute)"
    run_logged bindgen env CARGO_TARGET_DIR="$CACHE/bindgen-build" \
        cargo install --locked bindgen-cli --version "$BINDGEN_VERSION" \
        --root "$CACHE/bindgen-$BINDGEN_VERSION" || fail "cargo install bindgen-cli failed"
    rm -rf "$CACHE/bindgen-build"
}

kmake() {
    local env=()
    [ -z "$LIBCLANG_PATH" ] || env=(env "LIBCLANG_PATH=$LIBCLANG_PATH")
    "${env[@]}" make -C "$KDIR" ARCH=x86_64 LLVM="$LLVM" RUSTC="$SYS_RUSTC" \
        BINDGEN="$BINDGEN" RUST_LIB_SRC="$RUST_LIB_SRC" "$@"
}

# kernel_prepare: picks the cached tree's name (the key does not need bindgen built) and, when
# that tree is not built yet, starts unpacking the source in the background while bindgen
# builds.
kernel_prepare() {
    local key
    key=$( {
        echo "recipe $KERNEL_RECIPE"
        echo "$SOURCE_VERSION"
        "$SYS_RUSTC" --version
        echo "bindgen $BINDGEN_VERSION"
        [ "$LLVM" = 1 ] || echo "LLVM=$LLVM"
        "clang${LLVM#1}" --version | head -n 1
        cat "${FRAGMENTS[@]}"
    } | sha256sum | cut -c1-16)
    KDIR=$CACHE/$TREE-$KERNEL_SERIES-$key
    UNPACK_PID=
    [ -f "$KDIR/.crosswire-built" ] && return 0
    # A tree whose build was interrupted: start again (deleted in the background later).
    if [ -e "$KDIR" ]; then
        mv "$KDIR" "$CACHE/trash.$$.partial"
    fi
    mkdir -p "$KDIR"
    tar -xf "$TARBALL" -C "$KDIR" --strip-components=1 </dev/null >"$LOGS/kernel-unpack-$KERNEL_SERIES.log" 2>&1 &
    UNPACK_PID=$!
}

build_kernel() {
    local stamp=$KDIR/.crosswire-built line started=$(date +%s) cpu
    if [ -f "$stamp" ]; then
        log "kernel $KERNEL_SERIES: cached at $KDIR"
        return 0
    fi
    log "kernel $KERNEL_SERIES: building $KDIR (about 4-5 minutes on 2 idle cores)"
    wait "$UNPACK_PID" || fail "unpacking the kernel source failed (see $LOGS/kernel-unpack-$KERNEL_SERIES.log)"
    run_logged kernel-config-rust-$KERNEL_SERIES kmake rustavailable || fail "kernel says Rust is not available"
    run_logged kernel-tinyconfig-$KERNEL_SERIES kmake tinyconfig || fail "make tinyconfig failed"
    run_logged kernel-merge-$KERNEL_SERIES "$KDIR/scripts/kconfig/merge_config.sh" -m -O "$KDIR" \
        "$KDIR/.config" "${FRAGMENTS[@]}" || fail "merge_config.sh failed"
    run_logged kernel-olddefconfig-$KERNEL_SERIES kmake olddefconfig || fail "make olddefconfig failed"
    while read -r line; do
        case $line in
        CONFIG_*=*)
            grep -qx "$line" "$KDIR/.config" ||
                fail "kernel config lacks $line after olddefconfig (see $KDIR/.config)"
            ;;
        "# CONFIG_"*" is not set")
            line=${line#\# }
            ! grep -q "^${line%% *}=" "$KDIR/.config" ||
                fail "kernel config still has ${line%% *} after olddefconfig (see $KDIR/.config)"
            ;;
        esac
    done < <(cat "${FRAGMENTS[@]}")
    children_cpu
    cpu=$CPU_NOW
    run_logged kernel-build-$KERNEL_SERIES kmake -j"$JOBS" || fail "kernel build failed"
    children_cpu
    cpu=$((CPU_NOW - cpu))
    touch "$stamp"
    # Keep only the current tree (about 2 GB each). Deleting one takes minutes on a busy disk:
    # rename it at once and delete it in the background (a later run finishes the job).
    for old in "$CACHE/$TREE-$KERNEL_SERIES"-*; do
        [ "$old" = "$KDIR" ] || mv "$old" "$CACHE/trash.$$.${old##*/}"
    done
    if compgen -G "$CACHE/trash.*" >/dev/null; then
        nohup rm -rf "$CACHE"/trash.* >/dev/null 2>&1 </dev/null &
    fi
    log "kernel $KERNEL_SERIES: built in $(($(date +%s) - started))s ($cpu s of CPU for make)"
}

# The proc-macro must be built by the same rustc that builds the module.
build_derive() {
    [ -f "$REPO/derive/Cargo.toml" ] || fail "derive/Cargo.toml missing"
    log "crosswire-derive: building with $SYS_RUSTC"
    run_logged derive env RUSTC="$SYS_RUSTC" RUSTFLAGS= cargo build --release \
        --manifest-path "$REPO/derive/Cargo.toml" --target-dir "$CARGO_CACHE/derive" ||
        fail "building crosswire-derive with $SYS_RUSTC failed"
    DERIVE_SO=$CARGO_CACHE/derive/release/libcrosswire_derive.so
    [ -f "$DERIVE_SO" ] || fail "no $DERIVE_SO after the derive build"
}

build_module() {
    # The sample is handlers only: `unsafe` may appear in its comments, never in its code
    # (crosswire_kernel::kmod holds all of it).
    if grep -nE '^[^/]*\bunsafe\b' "$REPO"/kernel-adapter/sample/module/*.rs >&2; then
        fail "unsafe code in kernel-adapter/sample/module (it belongs in kmod)"
    fi
    log "sample modules for $KERNEL_SERIES: building"
    # Built in a copy (Kbuild writes its outputs next to the sources); the module includes
    # ../types.rs, so the whole sample directory is copied.
    rm -rf "$RWORK/sample"
    mkdir -p "$RWORK/sample"
    cp -r "$REPO/kernel-adapter/sample/module" "$REPO/kernel-adapter/sample/types.rs" \
        "$REPO/kernel-adapter/sample/cmodule" "$REPO/kernel-adapter/sample/c" "$RWORK/sample/"
    run_logged "module-$KERNEL_SERIES" kmake M="$RWORK/sample/module" CROSSWIRE_SRC="$REPO" \
        CROSSWIRE_DERIVE_SO="$DERIVE_SO" modules || fail "sample module build failed ($KERNEL_SERIES)"
    MODULE_KO=$RWORK/sample/module/crosswire_sample.ko
    [ -f "$MODULE_KO" ] || fail "no $MODULE_KO after the module build"
    # The C module includes the checked-in generated header unmodified (its Kbuild adds -I../c
    # and -Werror); W=12 adds the kernel's extra warnings of levels 1 and 2 (-Wshadow too).
    run_logged "cmodule-$KERNEL_SERIES" kmake M="$RWORK/sample/cmodule" W=12 modules ||
        fail "C sample module build failed ($KERNEL_SERIES)"
    # The generated header as a maintainer reads it: no checkpatch error (docs/c.md says
    # which warnings are left, and why).
    run_logged "checkpatch-$KERNEL_SERIES" perl "$KDIR/scripts/checkpatch.pl" --no-tree -f \
        --terse "$REPO/kernel-adapter/sample/c/crosswire_sample.h" || true
    if grep -q "ERROR:" "$LOGS/checkpatch-$KERNEL_SERIES.log"; then
        grep "ERROR:" "$LOGS/checkpatch-$KERNEL_SERIES.log" >&2
        fail "checkpatch: errors in the generated sample header ($KERNEL_SERIES)"
    fi
    CMODULE_KO=$RWORK/sample/cmodule/crosswire_sample_c.ko
    [ -f "$CMODULE_KO" ] || fail "no $CMODULE_KO after the C module build"
    # The test module of /init's partial-failure step (tests/kernel/clash).
    rm -rf "$RWORK/clash"
    cp -r "$HERE/clash" "$RWORK/clash"
    run_logged "clash-$KERNEL_SERIES" kmake M="$RWORK/clash" CROSSWIRE_SRC="$REPO" \
        CROSSWIRE_DERIVE_SO="$DERIVE_SO" modules || fail "clash test module build failed ($KERNEL_SERIES)"
    CLASH_KO=$RWORK/clash/crosswire_clash.ko
    [ -f "$CLASH_KO" ] || fail "no $CLASH_KO after the clash module build"
}

# The driver-author walkthrough of kernel-adapter/README.md ("From the packaged crates"): the
# crates packaged as for a registry (`cargo package`), unpacked, the derive built from its
# package, and the sample module (shipped in the crosswire-kernel package) built from them
# with no checkout in sight (CROSSWIRE_SRC unset).
package_crates() {
    # Outside the checkout: unpacked there, the packages would count as workspace members.
    local pkg=$CACHE/packaged c
    rm -rf "$pkg"
    log "walkthrough: packaging the crates"
    run_logged package cargo package --manifest-path "$REPO/Cargo.toml" --no-verify --allow-dirty \
        -p crosswire -p crosswire-derive -p crosswire-kernel --target-dir "$CACHE/target/package" ||
        fail "cargo package failed"
    mkdir -p "$pkg"
    for c in crosswire crosswire-derive crosswire-kernel; do
        tar -xzf "$CACHE"/target/package/package/"$c"-[0-9]*.crate -C "$pkg" ||
            fail "unpacking the $c package failed"
    done
    PKG_CORE=$(echo "$pkg"/crosswire-[0-9]*)
    PKG_DERIVE=$(echo "$pkg"/crosswire-derive-[0-9]*)
    PKG_KERNEL=$(echo "$pkg"/crosswire-kernel-[0-9]*)
    # `cargo package` gives every file one fixed mtime, so cargo's freshness check cannot see
    # a change in the unpacked sources: the build is keyed on the packages' bytes.
    local stamp=$CACHE/target/package-derive.key key
    key=$(cat "$CACHE"/target/package/package/crosswire-[0-9]*.crate \
        "$CACHE"/target/package/package/crosswire-derive-[0-9]*.crate | sha256sum | cut -c1-16)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$key" ]; then
        rm -rf "$CACHE/target/package-derive"
        mkdir -p "$CACHE/target" && echo "$key" >"$stamp"
    fi
    run_logged package-derive env RUSTC="$SYS_RUSTC" RUSTFLAGS= cargo build --release \
        --manifest-path "$PKG_DERIVE/Cargo.toml" --target-dir "$CACHE/target/package-derive" ||
        fail "building the packaged crosswire-derive failed"
    PKG_DERIVE_SO=$CACHE/target/package-derive/release/libcrosswire_derive.so
}

build_packaged_module() {
    local dir=$RWORK/packaged-sample
    log "walkthrough for $KERNEL_SERIES: the sample module from the packaged crates"
    rm -rf "$dir"
    mkdir -p "$dir"
    cp -r "$PKG_KERNEL/sample/module" "$PKG_KERNEL/sample/types.rs" "$dir/"
    run_logged "packaged-module-$KERNEL_SERIES" kmake M="$dir/module" \
        CROSSWIRE_CORE_DIR="$PKG_CORE" CROSSWIRE_KERNEL_DIR="$PKG_KERNEL" \
        CROSSWIRE_DERIVE_SO="$PKG_DERIVE_SO" modules ||
        fail "the walkthrough's module did not build from the packaged crates ($KERNEL_SERIES)"
    [ -f "$dir/module/crosswire_sample.ko" ] || fail "no module from the packaged crates"
}

# build_static MANIFEST BIN DEST FEATURES [TARGET]: a static userspace program for the guest
# (one target dir: the dependencies are built once per feature set and target, only the
# program is rebuilt). TARGET defaults to x86_64; i686 is linked by gcc -m32.
build_static() {
    local manifest=$1 bin=$2 dest=$3 features=$4 target=${5:-x86_64-unknown-linux-gnu}
    log "userspace program '$dest' ($target, features: ${features:-none}): building"
    run_logged "user-$dest" env RUSTFLAGS="-C target-feature=+crt-static" \
        CARGO_TARGET_I686_UNKNOWN_LINUX_GNU_LINKER=gcc cargo build --release \
        --manifest-path "$manifest" \
        --target "$target" --target-dir "$CARGO_CACHE/user" \
        --no-default-features --features "$features" ||
        fail "userspace program '$dest' build failed"
    cp "$CARGO_CACHE/user/$target/release/$bin" "$WORK/initramfs/bin/$dest"
}

# The sample program a driver author copies (kernel-adapter/sample/user), run once.
build_sample() {
    build_static "$REPO/kernel-adapter/sample/user/Cargo.toml" crosswire-sample-user \
        crosswire-sample-user ""
}

# build_checker NAME FEATURES: the checker, one binary per message version.
build_checker() {
    build_static "$HERE/checker/Cargo.toml" crosswire-kernel-checker "crosswire-check-$1" "$2"
}

# The current checker as a 32-bit program (/init runs it after the 64-bit ones and compares
# their `checks:` lines).
build_checker32() {
    local started=$(date +%s)
    if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET32"; then
        log "rustup: adding the $TARGET32 target"
        run_logged rustup-target rustup target add "$TARGET32" ||
            fail "rustup target add $TARGET32 failed"
    fi
    build_static "$HERE/checker/Cargo.toml" crosswire-kernel-checker crosswire-check32 "" "$TARGET32"
    log "32-bit checker built in $(($(date +%s) - started))s"
}

make_initramfs() {
    local root=$WORK/initramfs
    log "initramfs for $KERNEL_SERIES: packing"
    mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" "$root/dev" \
        "$root/proc" "$root/sys" "$root/tmp"
    cp /bin/busybox "$root/bin/busybox"
    cp "$MODULE_KO" "$root/crosswire_sample.ko"
    cp "$CMODULE_KO" "$root/crosswire_sample_c.ko"
    cp "$CLASH_KO" "$root/crosswire_clash.ko"
    cp "$HERE/init" "$root/init"
    chmod 755 "$root/init" "$root/bin/busybox"
    (cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1 \
        >"$RWORK/initramfs.cpio.gz"
}

boot() {
    local serial=$LOGS/serial-$KERNEL_SERIES.log verdict boot_start=$(date +%s)
    log "qemu $KERNEL_SERIES: booting (TCG, timeout ${QEMU_TIMEOUT}s)"
    set +e
    timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -accel tcg -m 512M -smp 1 -nographic \
        -no-reboot -kernel "$KDIR/arch/x86/boot/bzImage" -initrd "$RWORK/initramfs.cpio.gz" \
        -append "console=ttyS0 panic=-1 oops=panic slub_debug=FZPU loglevel=7 crosswire.seed=${CROSSWIRE_SEED:-}" \
        </dev/null >"$serial" 2>&1
    local rc=$?
    set -e
    tr -d '\r' <"$serial" >"$serial.txt"
    verdict=$(grep -a '^CROSSWIRE-VERDICT: ' "$serial.txt" | tail -n 1 || true)
    if grep -aEq 'Kernel panic|Oops|BUG:|WARNING:|Call Trace' "$serial.txt"; then
        grep -aE -m5 'Kernel panic|Oops|BUG:|WARNING:|Call Trace' "$serial.txt" >&2
        fail "kernel log shows a panic/Oops/BUG/WARNING (see $serial.txt)"
    fi
    # The KASAN variant: the kernel must say it runs KASAN (its reports are "BUG: KASAN:"
    # lines, failed on above and by /init).
    if [ "$KASAN" = 1 ] && ! grep -aq 'KernelAddressSanitizer initialized' "$serial.txt"; then
        fail "$KERNEL_SERIES: CROSSWIRE_KERNEL_KASAN=1 but the kernel did not start KASAN (see $serial.txt)"
    fi
    if [ -z "$verdict" ]; then
        tail -n 40 "$serial.txt" >&2
        [ $rc = 124 ] && fail "qemu timed out after ${QEMU_TIMEOUT}s without a verdict"
        fail "no verdict line in the serial log (qemu exit $rc, see $serial.txt)"
    fi
    # Each program's summary lines, for the reader of the log.
    grep -aE '^CROSSWIRE-INFO|^\[sample (rust|c)\] (device|VERSION)|^\[(rust|c) (cur|old|new|32-bit)\] (crosswire kernel checker|version:|checks:|hostile input: no kernel|.*passed)' "$serial.txt" >&2 || true
    case $verdict in
    "CROSSWIRE-VERDICT: PASS") ;;
    *) fail "$KERNEL_SERIES: ${verdict#CROSSWIRE-VERDICT: FAIL }" ;;
    esac
    log "qemu $KERNEL_SERIES: PASS in $(($(date +%s) - boot_start))s"
}

main() {
    mkdir -p "$CACHE"
    # One run at a time per cache (the kernel trees and cargo target dirs are shared).
    exec 9>"$CACHE/.lock"
    flock -w 3600 9 || fail "another run.sh holds $CACHE/.lock"
    rm -rf "$WORK"
    mkdir -p "$LOGS" "$WORK/initramfs/bin"
    install_packages
    if [ "$MODE" = packages ]; then
        echo PASS
        return 0
    fi
    find_rust_lib_src
    if [ "$MODE" = kernels ]; then
        for release in $RELEASES; do
            select_release "$release"
            kernel_prepare
            build_bindgen
            build_kernel
        done
        log "kernels ready in $(($(date +%s) - START))s (releases: $RELEASES)"
        echo PASS
        return 0
    fi
    build_derive
    build_sample
    build_checker cur "${CROSSWIRE_USER_FEATURES:-}"
    build_checker old "msg-v1"
    build_checker new "msg-v3"
    build_checker32
    package_crates
    for release in $RELEASES; do
        select_release "$release"
        kernel_prepare
        build_bindgen
        build_kernel
        build_module
        build_packaged_module
        make_initramfs
        boot
    done
    log "done in $(($(date +%s) - START))s (releases: $RELEASES)"
    echo PASS
}

main "$@"
