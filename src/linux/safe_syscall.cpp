// safe_syscall for x86-64 hosts: the check and the syscall instruction in one assembly
// routine whose addresses the signal handler can recognise.
#include "linux/safe_syscall.h"

#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

#include <cerrno>

#include "guest/cpu_header.h"

#if defined(__x86_64__)
extern "C" {
long xisa_safe_syscall_base(const volatile uint32_t* flag, long nr, long a0, long a1, long a2,
                            long a3, long a4, long a5);
extern char xisa_safe_syscall_start[], xisa_safe_syscall_end[], xisa_safe_syscall_eintr[];
}
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
static_assert(xisa::kExitRequestSignal == 2, "the assembly tests this bit");
#endif

namespace xisa::os {

long safe_syscall(const volatile uint32_t* exit_request, long nr, long a0, long a1, long a2,
                  long a3, long a4, long a5) {
#if defined(__x86_64__)
  if (exit_request) return xisa_safe_syscall_base(exit_request, nr, a0, a1, a2, a3, a4, a5);
#else
  (void)exit_request;
#endif
  const long r = ::syscall(nr, a0, a1, a2, a3, a4, a5);
  return r == -1 ? -errno : r;
}

void safe_syscall_fixup(void* ucontext) {
#if defined(__x86_64__)
  auto* uc = static_cast<ucontext_t*>(ucontext);
  const auto pc = static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
  if (pc >= reinterpret_cast<uintptr_t>(xisa_safe_syscall_start) &&
      pc < reinterpret_cast<uintptr_t>(xisa_safe_syscall_end))
    uc->uc_mcontext.gregs[REG_RIP] = reinterpret_cast<greg_t>(xisa_safe_syscall_eintr);
#else
  (void)ucontext;
#endif
}

}  // namespace xisa::os
