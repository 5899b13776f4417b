#!/usr/bin/env bash
# Builds xisa and runs the bundled demo program (a RISC-V64 static binary) on it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
XISA_BUILD_TARGETS="xisa demo_riscv64" scripts/build.sh
build_dir="${XISA_BUILD_DIR:-build}"
echo "--- xisa $build_dir/examples/demo/demo-riscv64 world"
"$build_dir/xisa" "$build_dir/examples/demo/demo-riscv64" world
