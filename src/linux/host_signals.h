// xisa owns every host signal handler. A host signal meant for the guest is queued on the
// guest thread that should take it (the one it was sent to, or for a process-directed signal
// any thread whose guest mask lets it through), and that thread is asked to come back to its
// dispatcher, where deliver_pending_signal runs the guest's handler.
#pragma once

#include <signal.h>

#include "linux/process_state.h"

namespace xisa::os {

// Installs the handlers (once) and makes p the process they queue signals for.
void install_host_signal_handlers(ProcessState& p);

// The handler's work, also for SIGSEGV/SIGBUS that are not faults (sent by kill).
void queue_host_signal(const siginfo_t& info);

// Host signals stay blocked on this thread while one of these lives.
class HostSignalsBlocked {
 public:
  HostSignalsBlocked();
  ~HostSignalsBlocked();
  HostSignalsBlocked(const HostSignalsBlocked&) = delete;
  HostSignalsBlocked& operator=(const HostSignalsBlocked&) = delete;
  const sigset_t& previous() const { return old_; }

 private:
  sigset_t old_;
};

// Whether a signal was sent to one thread (tgkill, a fault) rather than to the process.
inline bool thread_directed(const siginfo_t& info) {
  return info.si_code == SI_TKILL;
}

// The shared queue, under its spin lock; host signals must be blocked on the caller.
template <typename F>
auto with_shared_pending(ProcessState& p, F&& f) {
  while (p.shared_pending_lock.test_and_set(std::memory_order_acquire)) {
  }
  struct Unlock {
    ProcessState& p;
    ~Unlock() { p.shared_pending_lock.clear(std::memory_order_release); }
  } unlock{p};
  return f(p.shared_pending);
}

}  // namespace xisa::os
