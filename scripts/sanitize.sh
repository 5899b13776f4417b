#!/usr/bin/env bash
# Builds xisa, its tests and the guest programs with AddressSanitizer, LeakSanitizer and UBSan
# into build-asan/ (or $XISA_BUILD_DIR) and runs every test. Not part of CI by default: the
# instrumented Debug build takes about twice as long as the normal one.
#
# Extra arguments go to ctest, e.g. scripts/sanitize.sh -L riscv64  or  -R diff.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${XISA_BUILD_DIR:-build-asan}"
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

# Options, and why:
# - detect_leaks=1: LeakSanitizer at exit (the default on x86-64 Linux; explicit for other hosts).
# - halt_on_error=1 (UBSan): a UB report fails the test instead of scrolling by.
# ASan's own SEGV handler needs no option: xisa installs its guest-fault handler for SIGSEGV and
# SIGBUS after ASan's, which ASan allows by default (allow_user_segv_handler=1), so guest faults
# still become guest signals. The xisa executable has these defaults compiled in
# (src/cli/main.cpp), because the program tests run it with a fixed environment.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

start=$(date +%s)
cmake -S . -B "$build_dir" -G Ninja -DXISA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DXISA_GUEST_PROGRAMS=ON >/dev/null
ninja -C "$build_dir" -j"${XISA_JOBS:-2}"
built=$(date +%s)
status=0
(cd "$build_dir" && ctest -j"${XISA_JOBS:-2}" --output-on-failure "$@") || status=$?
done_at=$(date +%s)
echo "sanitize.sh: build $((built - start)) s, tests $((done_at - built)) s, ctest status $status"
exit "$status"
