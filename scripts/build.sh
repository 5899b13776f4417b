#!/usr/bin/env bash
# Configures and builds xisa, its tests and the guest programs into build/ (or $XISA_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${XISA_BUILD_DIR:-build}"
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
# XISA_BUILD_TARGETS: only these targets (the demo needs xisa and its program, not the tests).
# shellcheck disable=SC2086
ninja -C "$build_dir" ${XISA_BUILD_TARGETS:-}
