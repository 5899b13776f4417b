// safe_syscall: the check and the syscall instruction in one assembly routine for each host
// (safe_syscall_asm.h) whose addresses the signal handler can recognise.
#include "linux/safe_syscall.h"

#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <type_traits>

#include "linux/safe_syscall_asm.h"

namespace {

// The interrupted pc in a host signal handler's context.
#if defined(__x86_64__)
auto& interrupted_pc(ucontext_t* uc) {
  return uc->uc_mcontext.gregs[REG_RIP];
}
#elif defined(__aarch64__)
auto& interrupted_pc(ucontext_t* uc) {
  return uc->uc_mcontext.pc;
}
#elif defined(__riscv)
auto& interrupted_pc(ucontext_t* uc) {
  return uc->uc_mcontext.__gregs[REG_PC];
}
#endif

}  // namespace

namespace xisa::os {

long safe_syscall(const volatile uint32_t* exit_request, long nr, long a0, long a1, long a2,
                  long a3, long a4, long a5) {
#if defined(XISA_HAS_SAFE_SYSCALL)
  if (exit_request) return xisa_safe_syscall_base(exit_request, nr, a0, a1, a2, a3, a4, a5);
#else
  (void)exit_request;
#endif
  const long r = ::syscall(nr, a0, a1, a2, a3, a4, a5);
  return r == -1 ? -errno : r;
}

void safe_syscall_fixup(void* ucontext) {
#if defined(XISA_HAS_SAFE_SYSCALL)
  auto& pc = interrupted_pc(static_cast<ucontext_t*>(ucontext));
  const auto at = static_cast<uintptr_t>(pc);
  if (at >= reinterpret_cast<uintptr_t>(xisa_safe_syscall_start) &&
      at < reinterpret_cast<uintptr_t>(xisa_safe_syscall_end))
    pc = static_cast<std::remove_reference_t<decltype(pc)>>(
        reinterpret_cast<uintptr_t>(xisa_safe_syscall_eintr));
#else
  (void)ucontext;
#endif
}

}  // namespace xisa::os
