#!/usr/bin/env bash
# Installs the Debian 12 packages xisa needs to build and test, only those missing; with
# arguments, those packages instead (scripts/cross-build.sh).
set -euo pipefail
packages=("$@")
((${#packages[@]})) || packages=(
  build-essential cmake ninja-build ccache pkg-config python3
  libfmt-dev libspdlog-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  libzydis-dev libasmjit-dev libunicorn-dev
  gcc-riscv64-linux-gnu gcc-aarch64-linux-gnu libc6-dev-riscv64-cross libc6-dev-arm64-cross
  g++-riscv64-linux-gnu g++-aarch64-linux-gnu
  qemu-user
  clang-16
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
