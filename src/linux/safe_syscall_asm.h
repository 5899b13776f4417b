// The assembly half of safe_syscall (safe_syscall_asm.cpp), on the hosts that have it:
// xisa_safe_syscall_base tests the exit-request bit at xisa_safe_syscall_start, makes the
// syscall by the instruction just before xisa_safe_syscall_end, and returns -EINTR from
// xisa_safe_syscall_eintr.
#pragma once

#include <cstdint>

#if defined(__x86_64__) || defined(__aarch64__) || defined(__riscv)
#define XISA_HAS_SAFE_SYSCALL 1
extern "C" {
long xisa_safe_syscall_base(const volatile uint32_t* flag, long nr, long a0, long a1, long a2,
                            long a3, long a4, long a5);
extern char xisa_safe_syscall_start[], xisa_safe_syscall_end[], xisa_safe_syscall_eintr[];
}
#endif
