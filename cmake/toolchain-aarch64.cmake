# AArch64 Linux host with Debian's aarch64-linux-gnu cross compilers (scripts/cross-build.sh).
set(XISA_CROSS_ARCH aarch64)
set(XISA_CROSS_TRIPLE aarch64-linux-gnu)
include(${CMAKE_CURRENT_LIST_DIR}/cross-linux.cmake)
# Static PIE: runs as `qemu-aarch64 xisa` or on any arm64 Linux, whatever its libc; PIE so
# that xisa stays clear of the guest's fixed addresses (guest memory is mapped 1:1).
set(CMAKE_EXE_LINKER_FLAGS_INIT -static-pie)
