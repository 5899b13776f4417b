// Signal syscalls: dispositions (process-wide) in the guest's own struct layout, per-thread
// masks and alternate stacks, rt_sigreturn through the guest's frame, waiting for signals,
// and sending them (guest pids and tids are host ones, signal numbers the same on every ABI).
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>

#include "linux/guest_memory.h"
#include "linux/host_signals.h"
#include "linux/signal_delivery.h"
#include "linux/syscalls/struct_layouts.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

constexpr uint64_t kSigsetSize = 8;  // the kernel's sigset_t: 64 signals on every 64-bit ABI

int64_t sys_rt_sigaction(ProcessState& p, const Args& a) {
  const int sig = static_cast<int>(a[0]);
  if (a[3] != kSigsetSize || sig < 1 || sig > kGuestSignals) return -EINVAL;
  const GuestIsa isa = p.arch.isa();
  const size_t size = guest_sigaction_size(isa);
  GuestSigaction next;
  if (a[1]) {
    if (sig == SIGKILL || sig == SIGSTOP) return -EINVAL;
    std::vector<uint8_t> bytes(size);
    if (!copy_from_guest(bytes.data(), a[1], size)) return -EFAULT;
    next = decode_sigaction(isa, bytes.data());
    next.mask &= ~kUnblockableSignals;
  }
  std::lock_guard lock(p.mutex);
  if (a[2]) {
    const std::vector<uint8_t> old = encode_sigaction(isa, p.sigactions[sig]);
    if (!copy_to_guest(a[2], old.data(), old.size())) return -EFAULT;
  }
  if (a[1]) p.sigactions[sig] = next;
  return 0;
}

int64_t sys_rt_sigprocmask(ProcessState& p, const Args& a) {
  if (a[3] != kSigsetSize) return -EINVAL;
  GuestThread& t = p.thread();
  uint64_t set = 0;
  if (a[1] && !read_guest(a[1], set)) return -EFAULT;
  if (a[1] && a[0] > 2) return -EINVAL;  // SIG_BLOCK 0, SIG_UNBLOCK 1, SIG_SETMASK 2
  if (a[2] && !write_guest(a[2], t.sigmask.load())) return -EFAULT;
  if (a[1]) {
    uint64_t mask = t.sigmask.load();
    switch (a[0]) {
      case 0:
        mask |= set;
        break;
      case 1:
        mask &= ~set;
        break;
      case 2:
        mask = set;
        break;
    }
    t.sigmask = mask & ~kUnblockableSignals;
    mask_changed(p, t);
  }
  return 0;
}

int64_t sys_rt_sigpending(ProcessState& p, const Args& a) {
  if (a[1] != kSigsetSize) return -EINVAL;
  GuestThread& t = p.thread();
  uint64_t bits;
  {
    HostSignalsBlocked blocked;
    bits = t.pending.pending() | with_shared_pending(p, [](SignalQueue& q) { return q.pending(); });
  }
  return write_guest(a[0], bits & t.sigmask.load()) ? 0 : -EFAULT;
}

// stack_t: { void* ss_sp; int ss_flags; size_t ss_size; } on every 64-bit ABI.
struct GuestStackT {
  uint64_t sp;
  int32_t flags;
  int32_t pad;
  uint64_t size;
};
static_assert(sizeof(GuestStackT) == 24);

int64_t sys_sigaltstack(ProcessState& p, const Args& a) {
  constexpr int32_t kSsOnStack = 1, kSsDisable = 2;
  constexpr int32_t kSsAutodisarm = int32_t(1u << 31);
  GuestThread& t = p.thread();
  const uint64_t sp = p.arch.stack_pointer(p.guest_state());
  const bool on_stack = on_alternate_stack(t, sp);
  GuestStackT next{};
  if (a[0] && !read_guest(a[0], next)) return -EFAULT;
  if (a[1]) {
    const int32_t flags = on_stack ? kSsOnStack : t.altstack.flags;
    const GuestStackT old{t.altstack.sp, flags, 0, t.altstack.size};
    if (!write_guest(a[1], old)) return -EFAULT;
  }
  if (a[0]) {
    if (on_stack) return -EPERM;
    const int32_t mode = next.flags & ~kSsAutodisarm;
    if (mode != 0 && mode != kSsDisable && mode != kSsOnStack) return -EINVAL;
    // MINSIGSTKSZ: 2048 on x86-64 and RISC-V, 5120 on AArch64.
    const uint64_t min_size = p.arch.isa() == GuestIsa::Aarch64 ? 5120 : 2048;
    if (mode == kSsDisable) {
      t.altstack = GuestAltStack{};
    } else {
      if (next.size < min_size) return -ENOMEM;
      t.altstack = {next.sp, next.flags & kSsAutodisarm, next.size};
    }
  }
  return 0;
}

int64_t sys_rt_sigreturn(ProcessState& p, const Args&) {
  GuestThread& t = p.thread();
  t.keep_registers = true;
  const std::optional<uint64_t> mask = p.arch.pop_signal_frame(p.guest_state(), copy_from_guest);
  if (!mask) {
    // A frame the guest corrupted: SIGSEGV, as the kernel forces.
    siginfo_t info{};
    info.si_signo = SIGSEGV;
    info.si_code = SI_KERNEL;
    HostSignalsBlocked blocked;
    t.pending.push(info);
    raise_exit_request(*t.header(), kExitRequestSignal);
    return 0;
  }
  t.sigmask = *mask & ~kUnblockableSignals;
  mask_changed(p, t);
  return 0;
}

// Drops pending signals that would be ignored, so that waiting goes on past them.
void drop_ignored(ProcessState& p, GuestThread& t, uint64_t mask) {
  for (;;) {
    const std::optional<int> sig = next_deliverable(p, t);
    if (!sig || (mask & signal_bit(*sig))) return;
    GuestSigaction act;
    {
      std::lock_guard lock(p.mutex);
      act = p.sigactions[*sig];
    }
    const bool ignored =
        act.handler == 1 || (act.handler == 0 && default_action(*sig) != DefaultAction::Terminate &&
                             default_action(*sig) != DefaultAction::Stop);
    if (!ignored) return;
    HostSignalsBlocked blocked;
    if (!t.pending.take(~signal_bit(*sig)))
      with_shared_pending(p, [&](SignalQueue& q) { return q.take(~signal_bit(*sig)); });
  }
}

int64_t suspend_with_mask(ProcessState& p, uint64_t mask) {
  GuestThread& t = p.thread();
  t.mask_to_restore = t.sigmask.load();
  t.sigmask = mask & ~kUnblockableSignals;
  for (;;) {
    drop_ignored(p, t, t.sigmask.load());
    HostSignalsBlocked blocked;
    if (next_deliverable(p, t)) break;
    // Atomically unblocks host signals and waits: nothing slips in between.
    const uint64_t none = 0;
    syscall(SYS_rt_sigsuspend, &none, sizeof none);
  }
  raise_exit_request(*t.header(), kExitRequestSignal);
  return -EINTR;
}

int64_t sys_rt_sigsuspend(ProcessState& p, const Args& a) {
  if (a[1] != kSigsetSize) return -EINVAL;
  uint64_t mask = 0;
  if (!read_guest(a[0], mask)) return -EFAULT;
  return suspend_with_mask(p, mask);
}

int64_t sys_pause(ProcessState& p, const Args&) {
  return suspend_with_mask(p, p.thread().sigmask.load());
}

int64_t sys_rt_sigtimedwait(ProcessState& p, const Args& a) {
  if (a[3] != kSigsetSize) return -EINVAL;
  GuestThread& t = p.thread();
  uint64_t set = 0;
  if (!read_guest(a[0], set)) return -EFAULT;
  set &= ~kUnblockableSignals;
  siginfo_t info{};
  int64_t result;
  {
    HostSignalsBlocked blocked;
    std::optional<siginfo_t> queued = t.pending.take(~set);
    if (!queued) queued = with_shared_pending(p, [&](SignalQueue& q) { return q.take(~set); });
    if (queued) {
      info = *queued;
      result = info.si_signo;
    } else {
      // Wait with the set blocked on the host: its signals stay pending there for the host's
      // sigtimedwait (other threads forward theirs here); any other signal interrupts.
      uint64_t wait_mask = 0;
      std::memcpy(&wait_mask, &blocked.previous(), sizeof wait_mask);
      wait_mask |= set;
      syscall(SYS_rt_sigprocmask, SIG_SETMASK, &wait_mask, nullptr, sizeof wait_mask);
      t.waiting_for = set;
      result = host_result(
          syscall(SYS_rt_sigtimedwait, &set, &info, reinterpret_cast<void*>(a[2]), kSigsetSize));
      t.waiting_for = 0;
    }
  }
  if (result > 0 && a[1] && !copy_to_guest(a[1], &info, sizeof info)) return -EFAULT;
  return result;
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::rt_sigaction, sys_rt_sigaction},
    {SyscallId::rt_sigprocmask, sys_rt_sigprocmask},
    {SyscallId::rt_sigpending, sys_rt_sigpending},
    {SyscallId::sigaltstack, sys_sigaltstack},
    {SyscallId::rt_sigreturn, sys_rt_sigreturn},
    {SyscallId::rt_sigsuspend, sys_rt_sigsuspend},
    {SyscallId::pause, sys_pause},
    {SyscallId::rt_sigtimedwait, sys_rt_sigtimedwait},
};

// Sending: pids, tids and signal numbers mean the same to the host; the host handler of the
// receiving thread queues the signal for its guest thread.
constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::kill, SYS_kill},
    {SyscallId::tgkill, SYS_tgkill},
    {SyscallId::tkill, SYS_tkill},
    {SyscallId::rt_sigqueueinfo, SYS_rt_sigqueueinfo},
    {SyscallId::rt_tgsigqueueinfo, SYS_rt_tgsigqueueinfo},
};

}  // namespace

HandlerSet signal_syscalls() {
  return {kHandlers, kPassThrough};
}

}  // namespace xisa::os
