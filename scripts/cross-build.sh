#!/usr/bin/env bash
# Builds xisa and its tests for an AArch64 or RISC-V64 host on a Debian 12 x86-64 machine,
# with Debian's cross compilers, into build-ARCH/; ctest runs what it built under qemu-user.
# Installs what is missing (apt-get) and builds the libraries first (scripts/cross-deps.sh).
# Usage: scripts/cross-build.sh aarch64|riscv64 [CMAKE_ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
arch="${1:-}"
case "$arch" in
  aarch64) triple=aarch64-linux-gnu libc_arch=arm64 ;;
  riscv64) triple=riscv64-linux-gnu libc_arch=riscv64 ;;
  *) echo "usage: $0 aarch64|riscv64 [CMAKE_ARGS...]" >&2; exit 2 ;;
esac
shift
build_dir="build-$arch"

# The host's compilers and emulator; the guests' compilers (test programs); the native
# compiler (the x86-64 guest's programs); dpkg-dev and libzycore-dev for cross-deps.sh.
scripts/install-deps.sh build-essential cmake ninja-build ccache python3 dpkg-dev \
  libzycore-dev qemu-user "g++-$triple" "libc6-dev-$libc_arch-cross" \
  gcc-riscv64-linux-gnu gcc-aarch64-linux-gnu g++-riscv64-linux-gnu g++-aarch64-linux-gnu
scripts/cross-deps.sh "$arch" "$build_dir"

XISA_BUILD_DIR="$build_dir" scripts/build.sh \
  -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/toolchain-$arch.cmake" \
  -DXISA_DEPS_PREFIX="$PWD/$build_dir/deps/prefix" "$@"
