#!/usr/bin/env bash
# Builds the libraries xisa needs for another host (fmt, spdlog, Zydis, CLI11, GoogleTest, and for
# an AArch64 host asmjit and Capstone) from their Debian 12 source packages, as static libraries
# into BUILD_DIR/deps/prefix, with the toolchain file cmake/toolchain-ARCH.cmake. Bookworm has
# no riscv64 port to take them from, so both foreign hosts take this one path. Zycore's source
# package is not served, but Zydis uses only its headers (types and macros): those come from
# libzycore-dev, which has no code in them.
# Usage: scripts/cross-deps.sh aarch64|riscv64 BUILD_DIR (run by scripts/cross-build.sh).
set -euo pipefail
arch="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
deps="$(realpath -m "$2")/deps"
prefix="$deps/prefix"
toolchain="$root/cmake/toolchain-$arch.cmake"
mkdir -p "$deps/src" "$prefix"

# Debian source packages need a deb-src entry (a fresh Debian 12 has none).
if ! apt-cache showsrc zydis 2>/dev/null | grep -q '^Package:'; then
  if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    cat >/etc/apt/sources.list.d/debian-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
  apt-get update -qq
fi

# unpack SOURCE_PACKAGE: the patched Debian source tree, once; prints its directory.
unpack() {
  local dir="$deps/src/$1"
  if [ ! -d "$dir" ]; then
    (cd "$deps/src" && apt-get source -qq --download-only "$1" >&2 &&
      dpkg-source -x --no-check "$1"_*.dsc "$dir" >&2)
  fi
  echo "$dir"
}

# build NAME SOURCE_PACKAGE CMAKE_ARGS...: configure, build and install into the prefix, once.
build() {
  local name="$1" src
  src="$(unpack "$2")"
  shift 2
  [ -e "$prefix/.$name.done" ] && return
  echo "cross-deps ($arch): building $name"
  cmake -S "$src" -B "$deps/build/$name" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DXISA_DEPS_PREFIX="$prefix" \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib -DBUILD_SHARED_LIBS=OFF \
    "$@" >/dev/null
  ninja -C "$deps/build/$name" install >/dev/null
  touch "$prefix/.$name.done"
}

# Zycore as headers only, with the CMake helpers Zydis's build and config expect.
zycore_headers() {
  [ -e "$prefix/.zycore.done" ] && return
  local cmake_dir="$prefix/lib/cmake/zycore"
  mkdir -p "$prefix/include" "$cmake_dir"
  cp -r /usr/include/Zycore "$prefix/include/"
  cp "$(dpkg -L libzycore-dev | grep '/zyan-functions.cmake$')" "$cmake_dir/"
  cat >"$cmake_dir/zycore-config.cmake" <<'CONFIG'
# Zycore's headers only (scripts/cross-deps.sh): Zydis calls none of its functions.
include("${CMAKE_CURRENT_LIST_DIR}/zyan-functions.cmake")
if(NOT TARGET Zycore)
  add_library(Zycore INTERFACE IMPORTED)
  set_target_properties(Zycore PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${CMAKE_CURRENT_LIST_DIR}/../../../include")
endif()
CONFIG
  touch "$prefix/.zycore.done"
}

build fmt fmtlib -DFMT_TEST=OFF -DFMT_DOC=OFF
build spdlog spdlog -DSPDLOG_FMT_EXTERNAL=ON -DSPDLOG_BUILD_EXAMPLE=OFF -DSPDLOG_BUILD_TESTS=OFF
zycore_headers
build zydis zydis -DZYAN_SYSTEM_ZYCORE=ON -DZYDIS_BUILD_TOOLS=OFF -DZYDIS_BUILD_EXAMPLES=OFF \
  -DZYDIS_BUILD_SHARED_LIB=OFF -DZYDIS_BUILD_MAN=OFF -DZYDIS_BUILD_DOXYGEN=OFF
build cli11 cli11 -DCLI11_BUILD_TESTS=OFF -DCLI11_BUILD_EXAMPLES=OFF -DCLI11_BUILD_DOCS=OFF
build googletest googletest -DBUILD_GMOCK=ON -DINSTALL_GTEST=ON
if [ "$arch" = aarch64 ]; then
  # asmjit: the AArch64 backend's assembler (its a64 half; the x86 half is not needed there).
  build asmjit asmjit -DASMJIT_STATIC=ON -DASMJIT_TEST=OFF -DASMJIT_NO_X86=ON
  # This snapshot's install rules leave out a64.h, the AArch64 umbrella header.
  cp "$deps/src/asmjit/src/asmjit/a64.h" "$prefix/include/asmjit/"
  # Capstone: the AArch64 backend's --dump-host disassembler (only its AArch64 part).
  build capstone capstone -DCAPSTONE_BUILD_SHARED=OFF -DCAPSTONE_BUILD_TESTS=OFF \
    -DCAPSTONE_BUILD_CSTOOL=OFF -DCAPSTONE_ARCHITECTURE_DEFAULT=OFF -DCAPSTONE_ARM64_SUPPORT=ON
fi
