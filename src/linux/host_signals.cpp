// Host signal handlers that queue signals for guest threads.
#include "linux/host_signals.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "linux/guest_thread.h"
#include "linux/safe_syscall.h"

#if defined(__x86_64__)
// The x86-64 kernel returns from a handler through sa_restorer; glibc's is not exported, and
// the signals glibc keeps for itself (32, 33) are installed with the raw syscall.
extern "C" void xisa_host_sigreturn();
asm(".text\n"
    ".globl xisa_host_sigreturn\n"
    ".type xisa_host_sigreturn, @function\n"
    "xisa_host_sigreturn:\n"
    "  mov $15, %eax\n"
    "  syscall\n");
#endif

namespace xisa::os {

namespace {

std::atomic<ProcessState*> g_process{nullptr};

// A process-directed signal that the receiving thread's guest mask blocks goes to a thread
// that lets it through or waits for it in rt_sigtimedwait, with its original siginfo.
bool forward_to_other_thread(ProcessState& p, const GuestThread* self, const siginfo_t& info) {
  const uint64_t bit = signal_bit(info.si_signo);
  for (auto& slot : p.thread_slots) {
    GuestThread* t = slot.load(std::memory_order_acquire);
    if (!t) break;
    const int tid = t->tid.load(std::memory_order_acquire);
    if (t == self || tid == 0) continue;
    if ((t->sigmask.load() & bit) && !(t->waiting_for.load() & bit)) continue;
    siginfo_t copy = info;
    if (syscall(SYS_rt_tgsigqueueinfo, getpid(), tid, info.si_signo, &copy) == 0) return true;
  }
  return false;
}

void on_host_signal(int, siginfo_t* info, void* ucontext) {
  const int saved_errno = errno;
  queue_host_signal(*info);
  safe_syscall_fixup(ucontext);
  errno = saved_errno;
}

void install_one(int sig) {
  if (sig == 32 || sig == 33) {
    // glibc's sigaction refuses the two signals it keeps for itself (SIGCANCEL, SIGSETXID), but
    // the guest's own uses of them (its pthread_cancel) must reach this handler: the kernel's
    // call, with the kernel's struct. x86-64 returns through sa_restorer; AArch64 and RISC-V64
    // through the vDSO's trampoline when SA_RESTORER is not set (RISC-V has no such field).
    struct {
      void* handler;
      unsigned long flags;
#if defined(__x86_64__) || defined(__aarch64__)
      void (*restorer)();
#endif
      uint64_t mask;
    } ka{};
    ka.handler = reinterpret_cast<void*>(on_host_signal);
    ka.flags = SA_SIGINFO | SA_ONSTACK;
#if defined(__x86_64__)
    ka.flags |= 0x04000000;  // SA_RESTORER
    ka.restorer = xisa_host_sigreturn;
#endif
    ka.mask = ~uint64_t{0};
    syscall(SYS_rt_sigaction, sig, &ka, nullptr, sizeof ka.mask);
    return;
  }
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_host_signal;
  // No SA_RESTART: a blocking syscall made for the guest returns EINTR, and the Linux layer
  // decides, by the guest's SA_RESTART, whether to make it again.
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigfillset(&sa.sa_mask);
  sigaction(sig, &sa, nullptr);
}

}  // namespace

void install_host_signal_handlers(ProcessState& p) {
  g_process.store(&p);
  static bool installed = false;
  if (installed) return;
  installed = true;
  // Handlers without SA_RESTART and SIG_IGN inheritance: see host_signals.h.
  for (int sig = 1; sig <= kGuestSignals; ++sig) {
    // SIGKILL and SIGSTOP cannot be caught; SIGSEGV and SIGBUS belong to the fault handler
    // (runtime/guest_fault.cpp), which passes the ones sent by kill here.
    if (sig == SIGKILL || sig == SIGSTOP || sig == SIGSEGV || sig == SIGBUS) continue;
    // A signal ignored when xisa starts was ignored by the program that exec'd the guest:
    // it stays ignored for the guest, as across execve (xisa's handler still owns it).
    struct sigaction before {};
    if (sig != 32 && sig != 33 && sigaction(sig, nullptr, &before) == 0 &&
        before.sa_handler == SIG_IGN)
      p.sigactions[sig].handler = 1;
    install_one(sig);
  }
}

void queue_host_signal(const siginfo_t& info) {
  ProcessState* p = g_process.load();
  GuestThread* t = current_thread();
  if (!p || !t) return;
  const uint64_t bit = signal_bit(info.si_signo);
  if (!thread_directed(info) && (t->sigmask.load() & bit) && !(t->waiting_for.load() & bit)) {
    if (forward_to_other_thread(*p, t, info)) return;
    with_shared_pending(*p, [&](SignalQueue& q) { return q.push(info); });
    p->signalfds.notify(info.si_signo);
    p->raise_exit_request_all(kExitRequestSignal);
    return;
  }
  t->pending.push(info);
  p->signalfds.notify(info.si_signo);
  raise_exit_request(*t->header(), kExitRequestSignal);
}

// The raw syscall: glibc's sigprocmask leaves out the signals it keeps (32, 33).
HostSignalsBlocked::HostSignalsBlocked() {
  const uint64_t all = ~uint64_t{0};
  sigemptyset(&old_);
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, &old_, sizeof all);
}

HostSignalsBlocked::~HostSignalsBlocked() {
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old_, nullptr, sizeof(uint64_t));
}

}  // namespace xisa::os
