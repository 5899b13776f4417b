#!/usr/bin/env bash
# Builds xisa for an AArch64 or RISC-V64 host (scripts/cross-build.sh) and tests it under
# qemu-user as its host: the unit tests (one run of the GoogleTest binary, much faster than one
# qemu start per test; they include the JIT-vs-interpreter fuzzers) and a subset of
# the guest programs of each guest, with every engine the host has (interp and jit).
# Usage: scripts/test-cross-host.sh aarch64|riscv64
set -euo pipefail
cd "$(dirname "$0")/.."
arch="${1:-}"
case "$arch" in
  aarch64) sysroot=/usr/aarch64-linux-gnu ;;
  riscv64) sysroot=/usr/riscv64-linux-gnu ;;
  *) echo "usage: $0 aarch64|riscv64" >&2; exit 2 ;;
esac
scripts/cross-build.sh "$arch"
build_dir="build-$arch"

status=0
echo "== unit tests (xisa_unit_tests under qemu-$arch)"
"qemu-$arch" -L "$sysroot" "$build_dir/tests/xisa_unit_tests" --gtest_brief=1 || status=1

programs="hello|integer_math|float_printf|strings|threads|signals"
echo "== guest programs ($programs) of every guest, xisa under qemu-$arch"
(cd "$build_dir" && ctest --output-on-failure -j2 --timeout 900 \
  -R "^programs\.(x86_64|aarch64|riscv64)\.(jit\.)?($programs)\$") || status=1
exit "$status"
