// The per-thread pending-signal queue and the current-thread pointer.
#include "linux/guest_thread.h"

namespace xisa::os {

namespace {
thread_local GuestThread* t_current = nullptr;
constexpr int kSigRtMin = 32;
}  // namespace

GuestThread* current_thread() {
  return t_current;
}

void set_current_thread(GuestThread* thread) {
  t_current = thread;
}

void GuestThread::reset() {
  sigmask = 0;
  waiting_for = 0;
  mask_to_restore.reset();
  altstack = GuestAltStack{};
  while (pending.take(0)) {
  }
  clear_child_tid = robust_list_head = robust_list_len = 0;
  fs_base = gs_base = 0;
  exit_thread = exit_process = keep_registers = forked_child = false;
  exit_status = 0;
}

bool SignalQueue::push(const siginfo_t& info) {
  const unsigned n = count_;
  if (info.si_signo < kSigRtMin && (pending() & signal_bit(info.si_signo))) return false;
  if (n == kCapacity) return false;
  items_[n] = info;
  count_ = n + 1;
  return true;
}

uint64_t SignalQueue::pending() const {
  uint64_t bits = 0;
  for (unsigned i = 0; i < count_; ++i) bits |= signal_bit(items_[i].si_signo);
  return bits;
}

std::optional<siginfo_t> SignalQueue::take(uint64_t blocked) {
  unsigned best = count_;
  for (unsigned i = 0; i < count_; ++i) {
    const int sig = items_[i].si_signo;
    if (blocked & signal_bit(sig)) continue;
    if (best == count_ || sig < items_[best].si_signo) best = i;
  }
  if (best == count_) return std::nullopt;
  const siginfo_t out = items_[best];
  for (unsigned i = best + 1; i < count_; ++i) items_[i - 1] = items_[i];
  count_ = count_ - 1;
  return out;
}

}  // namespace xisa::os
