# Shared part of the cross toolchain files (cmake/toolchain-<arch>.cmake set XISA_CROSS_ARCH
# and XISA_CROSS_TRIPLE first): the Debian cross compilers, qemu-user to run what is built
# (ctest, gtest_discover_tests), and the libraries built by scripts/cross-deps.sh.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${XISA_CROSS_ARCH})
set(CMAKE_C_COMPILER ${XISA_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${XISA_CROSS_TRIPLE}-g++)
# -L: the cross libc for dynamically linked programs (harmless for static ones).
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-${XISA_CROSS_ARCH} -L /usr/${XISA_CROSS_TRIPLE})

# XISA_DEPS_PREFIX: where scripts/cross-deps.sh installed fmt, spdlog, Zydis, CLI11, GoogleTest.
set(CMAKE_FIND_ROOT_PATH /usr/${XISA_CROSS_TRIPLE} ${XISA_DEPS_PREFIX})
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES XISA_DEPS_PREFIX)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
