#!/usr/bin/env bash
# CI for a foreign host: builds xisa, its unit tests and the guest programs for an AArch64 or
# RISC-V64 host (scripts/cross-build.sh), then runs them under qemu-user as that host: the
# unit tests in one run of the GoogleTest binary (they include the JIT-vs-interpreter fuzzers
# over every IR op, JitVsInterp.*), and with ctest the programs of all three guests with the
# JIT and, but for the slowest, with the interpreter too. What qemu-user itself cannot do is
# left out, each for the reason given in excluded-under-qemu.txt.
# Usage: tests/hosts/run.sh aarch64|riscv64
set -euo pipefail
cd "$(dirname "$0")/../.."
arch="${1:-}"
case "$arch" in
  aarch64) sysroot=/usr/aarch64-linux-gnu ;;
  riscv64) sysroot=/usr/riscv64-linux-gnu ;;
  *) echo "usage: $0 aarch64|riscv64" >&2; exit 2 ;;
esac
XISA_BUILD_TARGETS= scripts/cross-build.sh "$arch"
build_dir="build-$arch"

# The lines of excluded-under-qemu.txt for this host: "REGEX HOST REASON".
excluded() {
  awk -v arch="$arch" -v kind="$1" '!/^#/ && NF && ($2 == arch || $2 == "*") && \
    (kind == "unit" ? $1 !~ /^\^(programs|fuzz)/ : $1 ~ /^\^(programs|fuzz)/) {print $1}' \
    tests/hosts/excluded-under-qemu.txt
}

echo "== unit tests under qemu-$arch"
# GoogleTest filters take patterns, not regexes: the unit lines are ^Suite\.Name$.
negative="$(excluded unit | sed 's/^\^//; s/\$$//; s/\\//g' | paste -sd:)"
"qemu-$arch" -L "$sysroot" "$build_dir/tests/xisa_unit_tests" --gtest_brief=1 \
  ${negative:+--gtest_filter="-$negative"}

echo "== programs of every guest under qemu-$arch"
programs_excluded="$(excluded programs | paste -sd'|')"
[ -n "$programs_excluded" ] || { echo "no exclusions read" >&2; exit 1; }
cd "$build_dir"
# A test that fails is run once more: under qemu-user a child in pause() has, once in a few
# runs, missed the SIGTERM its parent sent (events_ipc on qemu-riscv64, interpreter; xisa sat in
# rt_sigsuspend with host signals unblocked). The second run still has to pass; the slowest
# test left in takes seconds, so a hang costs two minutes, not five.
ctest --output-on-failure -j2 --timeout 120 --repeat until-pass:2 -R '^(programs|fuzz)\.' \
  -E "$programs_excluded"
