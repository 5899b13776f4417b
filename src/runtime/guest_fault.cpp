// Host fault handlers for guest memory accesses.
#include "runtime/guest_fault.h"

#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/host_fp_env.h"
#include "interp/interpreter.h"
#include "linux/guest_memory.h"
#include "linux/host_signals.h"
#include "linux/safe_syscall.h"

namespace xisa::runtime {

namespace {
thread_local GuestFaultScope* t_scope = nullptr;
HostFaultFixup g_fixup = nullptr;

// The faulting context's FP exceptions (host_fp_env.h), which leaving the handler with longjmp
// would lose: the kernel runs the handler with fresh FP state.
void stash_pending_fp_exceptions(void* ucontext) {
#if defined(__x86_64__)
  const auto* uc = static_cast<const ucontext_t*>(ucontext);
  if (uc->uc_mcontext.fpregs)
    host_fp::t_pending_at_fault |=
        static_cast<int>(uc->uc_mcontext.fpregs->mxcsr & host_fp::kPendingBits);
#else
  (void)ucontext;
#endif
}

void on_host_fault(int signo, siginfo_t* info, void* ucontext) {
  if (info->si_code <= 0) {  // sent (kill, tgkill, sigqueue): a guest signal, not a fault
    const int saved_errno = errno;
    os::queue_host_signal(*info);
    os::safe_syscall_fixup(ucontext);
    errno = saved_errno;
    return;
  }
  os::leave_faulting_guest_copy();  // a copy for a syscall: it fails with EFAULT
  GuestFaultScope* scope = t_scope;
  if (!scope) {
    // Not a guest access: a bug in xisa itself. Say so, then die of the signal as usual.
    static const char msg[] = "xisa: internal error: host fault outside guest code\n";
    (void)!write(2, msg, sizeof msg - 1);
    signal(signo, SIG_DFL);
    return;  // the faulting instruction re-executes and kills the process
  }
  stash_pending_fp_exceptions(ucontext);
  // An interpreted access a fast path widened: its instruction runs again alone, exactly.
  if (interp::take_restart_alone_on_fault()) restart_guest_instruction();
  const FaultFixup fixup = g_fixup ? g_fixup(info, ucontext) : FaultFixup::Report;
  if (fixup == FaultFixup::Retry) return;
  if (fixup == FaultFixup::RestartInstruction) restart_guest_instruction();
  handle_host_fault(signo, info);
}
}  // namespace

void handle_host_fault(int signo, void* siginfo) {
  auto* info = static_cast<siginfo_t*>(siginfo);
  GuestFaultScope* scope = t_scope;
  scope->fault_ = {signo, info->si_code, reinterpret_cast<uint64_t>(info->si_addr)};
  siglongjmp(scope->buffer_, 1);
}

void restart_guest_instruction() {
  GuestFaultScope* scope = t_scope;
  scope->fault_ = {};
  scope->fault_.restart_instruction = true;
  siglongjmp(scope->buffer_, 1);
}

void raise_guest_fault(int signo, int code, uint64_t address) {
  GuestFaultScope* scope = t_scope;
  scope->fault_ = {signo, code, address};
  siglongjmp(scope->buffer_, 1);
}

void set_host_fault_fixup(HostFaultFixup fixup) {
  g_fixup = fixup;
}

void install_guest_fault_handlers() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_host_fault;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;  // no SA_RESTART: see host_signals.cpp
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, nullptr);
  sigaction(SIGBUS, &sa, nullptr);
  os::enable_recoverable_guest_copies();
  // A host stack overflow must still reach the handler (and its diagnostic).
  static char alt_stack[64 * 1024];
  stack_t ss{};
  ss.ss_sp = alt_stack;
  ss.ss_size = sizeof alt_stack;
  sigaltstack(&ss, nullptr);
}

GuestFaultScope::GuestFaultScope() : previous_(t_scope) {
  t_scope = this;
}
GuestFaultScope::~GuestFaultScope() {
  t_scope = previous_;
}

}  // namespace xisa::runtime
