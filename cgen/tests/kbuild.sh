#!/bin/sh
# Builds a kernel module that includes the checked-in sample header
# (kernel-adapter/sample/c/crosswire_sample.h) against a configured and built kernel
# tree, with W=12 (the extra warnings of levels 1 and 2, -Wshadow among them), with the
# compiler the tree was configured for (LLVM=1 by default, as tests/kernel/run.sh builds
# 6.12; LLVM=-19 for its 7.3), and fails on any warning. The module is never loaded.
# Usage: [LLVM=...] cgen/tests/kbuild.sh KERNEL_DIR
set -eu
kdir=${1:?usage: $0 KERNEL_DIR}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/kbuild/Kbuild" "$here/kbuild/cw_sample_c.c" "$here/../../kernel-adapter/sample/c/crosswire_sample.h" "$work/"
llvm=${LLVM:-1}
log=$(make -C "$kdir" M="$work" W=12 LLVM="$llvm" modules 2>&1) || { echo "$log"; exit 1; }
if echo "$log" | grep -E "warning:|error:" | grep -v "compiler differs"; then
	echo "kbuild LLVM=$llvm: warnings in the generated header" >&2
	exit 1
fi
echo "kbuild LLVM=$llvm: ok"
