// Guest signal delivery: the shared path for every guest (frames are GuestArch's).
#include "linux/signal_delivery.h"

#include <unistd.h>

#include "common/log.h"
#include "linux/guest_memory.h"
#include "linux/host_signals.h"

namespace xisa::os {

namespace {

constexpr int32_t kSsDisable = 2, kSsAutodisarm = int32_t(1u << 31);

GuestSigaction action_of(ProcessState& p, int sig, bool taking) {
  std::lock_guard lock(p.mutex);
  GuestSigaction act = p.sigactions[sig];
  if (taking && act.handler > 1 && (act.flags & kSaResetHand)) p.sigactions[sig] = {};
  return act;
}

// Builds the handler's frame and switches the thread to the handler's mask.
bool enter_handler(ProcessState& p, GuestThread& t, void* state, const siginfo_t& info,
                   const GuestSigaction& act, bool fault) {
  const int sig = info.si_signo;
  SignalFrameSpec spec;
  spec.signo = sig;
  spec.siginfo = &info;
  spec.handler = act.handler;
  spec.restorer = (act.flags & kSaRestorer) && act.restorer ? act.restorer : p.sigreturn_trampoline;
  spec.saved_mask = t.mask_to_restore.value_or(t.sigmask.load());
  const uint64_t sp = p.arch.stack_pointer(state);
  const bool on_alt = on_alternate_stack(t, sp);
  spec.altstack_sp = t.altstack.sp;
  spec.altstack_size = t.altstack.size;
  spec.altstack_flags = t.altstack.flags;
  if ((act.flags & kSaOnStack) && t.altstack.flags != kSsDisable && !on_alt) {
    spec.stack_top = t.altstack.sp + t.altstack.size;
    if (t.altstack.flags & kSsAutodisarm) t.altstack = GuestAltStack{};
  }
  spec.fault = fault;
  if (!p.arch.push_signal_frame(state, spec, copy_to_guest)) {
    log::debug("signal {}: the guest stack at {:#x} cannot take a frame", sig, sp);
    return false;
  }
  t.mask_to_restore.reset();
  uint64_t mask = t.sigmask.load() | act.mask;
  if (!(act.flags & kSaNoDefer)) mask |= signal_bit(sig);
  t.sigmask = mask & ~kUnblockableSignals;
  return true;
}

std::optional<siginfo_t> take_pending(ProcessState& p, GuestThread& t) {
  HostSignalsBlocked blocked;
  const uint64_t mask = t.sigmask.load();
  if (auto info = t.pending.take(mask)) return info;
  return with_shared_pending(p, [&](SignalQueue& q) { return q.take(mask); });
}

}  // namespace

bool on_alternate_stack(const GuestThread& t, uint64_t sp) {
  return t.altstack.flags != kSsDisable && sp > t.altstack.sp &&
         sp - t.altstack.sp <= t.altstack.size;
}

DefaultAction default_action(int sig) {
  switch (sig) {
    case SIGCHLD:
    case SIGURG:
    case SIGWINCH:
      return DefaultAction::Ignore;
    case SIGCONT:
      return DefaultAction::Continue;
    case SIGSTOP:
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU:
      return DefaultAction::Stop;
    default:
      return DefaultAction::Terminate;
  }
}

bool runs_handler(const ProcessState& p, int sig) {
  std::lock_guard lock(p.mutex);
  return p.sigactions[sig].handler > 1;
}

std::optional<int> next_deliverable(ProcessState& p, GuestThread& t) {
  HostSignalsBlocked blocked;
  const uint64_t shared = with_shared_pending(p, [](SignalQueue& q) { return q.pending(); });
  const uint64_t bits = (t.pending.pending() | shared) & ~t.sigmask.load();
  if (!bits) return std::nullopt;
  return __builtin_ctzll(bits) + 1;
}

void mask_changed(ProcessState&, GuestThread& t) {
  raise_exit_request(*t.header(), kExitRequestSignal);
}

int LinuxProcess::deliver_pending_signal(void* state) {
  Impl& p = *impl_;
  GuestThread& t = *current_thread();
  clear_exit_request(*t.header(), kExitRequestSignal);
  for (;;) {
    const std::optional<siginfo_t> info = take_pending(p, t);
    if (!info) break;
    const int sig = info->si_signo;
    const GuestSigaction act = action_of(p, sig, true);
    if (act.handler == 1) continue;  // SIG_IGN
    if (act.handler == 0) {
      switch (default_action(sig)) {
        case DefaultAction::Ignore:
        case DefaultAction::Continue:
          continue;
        case DefaultAction::Stop:
          kill(getpid(), SIGSTOP);
          continue;
        case DefaultAction::Terminate:
          return sig;
      }
    }
    if (!enter_handler(p, t, state, *info, act, false)) return SIGSEGV;
    // Another pending signal nests in this handler at the next block boundary.
    raise_exit_request(*t.header(), kExitRequestSignal);
    return 0;
  }
  // rt_sigsuspend's mask lasts until a handler runs; none did.
  if (t.mask_to_restore) {
    t.sigmask = *t.mask_to_restore;
    t.mask_to_restore.reset();
  }
  return 0;
}

int LinuxProcess::raise_synchronous_signal(void* state, const siginfo_t& info) {
  Impl& p = *impl_;
  GuestThread& t = *current_thread();
  const int sig = info.si_signo;
  const GuestSigaction act = action_of(p, sig, true);
  // Blocked or ignored, a synchronous signal still kills, as the kernel's force_sig does.
  if ((t.sigmask.load() & signal_bit(sig)) || act.handler <= 1) return sig;
  const bool fault = sig == SIGSEGV || sig == SIGBUS;
  if (!enter_handler(p, t, state, info, act, fault)) return SIGSEGV;
  return 0;
}

}  // namespace xisa::os
