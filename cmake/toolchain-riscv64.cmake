# RISC-V64 Linux host with Debian's riscv64-linux-gnu cross compilers (scripts/cross-build.sh).
# Dynamically linked PIE: bookworm's riscv64 libc has no static PIE (rcrt1.o), and a static
# non-PIE xisa would sit at the guests' fixed addresses. Run it as
# `qemu-riscv64 -L /usr/riscv64-linux-gnu xisa`.
set(XISA_CROSS_ARCH riscv64)
set(XISA_CROSS_TRIPLE riscv64-linux-gnu)
include(${CMAKE_CURRENT_LIST_DIR}/cross-linux.cmake)
