#!/bin/sh
# Builds a kernel module that includes the checked-in sample header
# (kernel-adapter/sample/c/crosswire_sample.h) against a configured and built kernel
# tree, with W=12 (the extra warnings of levels 1 and 2, -Wshadow among them), once with gcc
# and once with LLVM=1, and fails on any warning. The module
# is never loaded. Usage: cgen/tests/kbuild.sh KERNEL_DIR
set -eu
kdir=${1:?usage: $0 KERNEL_DIR}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/kbuild/Kbuild" "$here/kbuild/cw_sample_c.c" "$here/../../kernel-adapter/sample/c/crosswire_sample.h" "$work/"
for toolchain in "" "LLVM=1"; do
	make -s -C "$kdir" M="$work" clean >/dev/null
	# shellcheck disable=SC2086 # the toolchain is one word or none
	log=$(make -C "$kdir" M="$work" W=12 $toolchain modules 2>&1) || { echo "$log"; exit 1; }
	if echo "$log" | grep -E "warning:|error:" | grep -v "compiler differs"; then
		echo "kbuild ${toolchain:-gcc}: warnings in the generated header" >&2
		exit 1
	fi
	echo "kbuild ${toolchain:-gcc}: ok"
done
