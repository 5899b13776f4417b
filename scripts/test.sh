#!/usr/bin/env bash
# Builds everything from scratch if needed and runs every test (CTest): on this host, then on
# the two other hosts under qemu-user (tests/hosts/run.sh; XISA_HOST_TESTS=0 leaves them out).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build_dir="${XISA_BUILD_DIR:-build}"
# Program runs keep their lifted code here (--translation-cache), from empty: a program's first
# run (under one engine) lifts it, the runs after (other engines) take blocks from the store.
case "$build_dir" in
  /*) export XISA_TRANSLATION_CACHE="$build_dir/translation-cache" ;;
  *) export XISA_TRANSLATION_CACHE="$PWD/$build_dir/translation-cache" ;;
esac
rm -rf "$XISA_TRANSLATION_CACHE"
(cd "$build_dir" && ctest --output-on-failure -j2 --timeout 300)
if [ "${XISA_HOST_TESTS:-1}" != 0 ]; then
  host="$(uname -m)"
  for arch in aarch64 riscv64; do
    [ "$arch" = "$host" ] || tests/hosts/run.sh "$arch"
  done
fi
