// safe_syscall's assembly routine for each host (safe_syscall_asm.h): the exit-request test
// and the syscall instruction at addresses the signal handler can recognise.
#include "linux/safe_syscall_asm.h"

#include <cstdint>

#include "guest/cpu_header.h"

static_assert(xisa::kExitRequestSignal == 2, "the assembly tests bit 1");

#if defined(__x86_64__)
// rdi = flag, rsi = nr, rdx/rcx/r8/r9 = a0..a3, a4 and a5 on the stack; the kernel takes
// rax = nr and rdi, rsi, rdx, r10, r8, r9. rbx keeps the flag pointer (callee-saved).
asm(R"(
.text
.globl xisa_safe_syscall_base
.type xisa_safe_syscall_base, @function
xisa_safe_syscall_base:
  push %rbx
  mov %rdi, %rbx
  mov %rsi, %rax
  mov %rdx, %rdi
  mov %rcx, %rsi
  mov %r8, %rdx
  mov %r9, %r10
  mov 16(%rsp), %r8
  mov 24(%rsp), %r9
.globl xisa_safe_syscall_start
xisa_safe_syscall_start:
  testl $2, (%rbx)
  jnz xisa_safe_syscall_eintr
  syscall
.globl xisa_safe_syscall_end
xisa_safe_syscall_end:
  pop %rbx
  ret
.globl xisa_safe_syscall_eintr
xisa_safe_syscall_eintr:
  mov $-4, %rax
  pop %rbx
  ret
.size xisa_safe_syscall_base, .-xisa_safe_syscall_base
)");
#elif defined(__aarch64__)
// x0 = flag, x1 = nr, x2..x7 = a0..a5; the kernel takes x8 = nr and x0..x5.
asm(R"(
.text
.globl xisa_safe_syscall_base
.type xisa_safe_syscall_base, %function
xisa_safe_syscall_base:
  mov x9, x0
  mov x8, x1
  mov x0, x2
  mov x1, x3
  mov x2, x4
  mov x3, x5
  mov x4, x6
  mov x5, x7
.globl xisa_safe_syscall_start
xisa_safe_syscall_start:
  ldr w10, [x9]
  tbnz w10, #1, xisa_safe_syscall_eintr
  svc #0
.globl xisa_safe_syscall_end
xisa_safe_syscall_end:
  ret
.globl xisa_safe_syscall_eintr
xisa_safe_syscall_eintr:
  mov x0, #-4
  ret
.size xisa_safe_syscall_base, .-xisa_safe_syscall_base
)");
#elif defined(__riscv)
// a0 = flag, a1 = nr, a2..a7 = a0..a5; the kernel takes a7 = nr and a0..a5.
asm(R"(
.text
.globl xisa_safe_syscall_base
.type xisa_safe_syscall_base, @function
xisa_safe_syscall_base:
  mv t0, a0
  mv t1, a1
  mv a0, a2
  mv a1, a3
  mv a2, a4
  mv a3, a5
  mv a4, a6
  mv a5, a7
  mv a7, t1
.globl xisa_safe_syscall_start
xisa_safe_syscall_start:
  lw t2, 0(t0)
  andi t2, t2, 2
  bnez t2, xisa_safe_syscall_eintr
  ecall
.globl xisa_safe_syscall_end
xisa_safe_syscall_end:
  ret
.globl xisa_safe_syscall_eintr
xisa_safe_syscall_eintr:
  li a0, -4
  ret
.size xisa_safe_syscall_base, .-xisa_safe_syscall_base
)");
#endif
