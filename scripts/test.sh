#!/usr/bin/env bash
# Builds everything from scratch if needed and runs every test (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build_dir="${XISA_BUILD_DIR:-build}"
cd "$build_dir"
ctest --output-on-failure -j2 --timeout 300
