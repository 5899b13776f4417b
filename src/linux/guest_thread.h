// One guest thread as the Linux layer sees it: its guest CPU state, signal mask, alternate
// stack, pending signals and the thread bookkeeping of set_tid_address and set_robust_list.
// Each guest thread is a host thread; the one running now is current_thread().
#pragma once

#include <signal.h>

#include <atomic>
#include <cstdint>
#include <optional>

#include "guest/cpu_header.h"

namespace xisa::os {

inline constexpr int kGuestSignals = 64;  // _NSIG on every 64-bit Linux ABI

inline constexpr uint64_t signal_bit(int sig) {
  return uint64_t{1} << (sig - 1);
}

struct GuestAltStack {
  uint64_t sp = 0;
  int32_t flags = 2;  // SS_DISABLE
  uint64_t size = 0;
};

// Signals that arrived on this thread and are not delivered yet. The host signal handler of
// the owning thread pushes; the thread itself takes them with host signals blocked, so the
// two never run at once. Standard signals (below SIGRTMIN) are not queued twice, as in Linux.
class SignalQueue {
 public:
  static constexpr unsigned kCapacity = 64;
  // Async-signal-safe. False when the queue is full or a standard signal is already queued.
  bool push(const siginfo_t& info);
  // Removes and returns the lowest-numbered signal that `blocked` lets through.
  std::optional<siginfo_t> take(uint64_t blocked);
  // Signals queued, one bit per signal number.
  uint64_t pending() const;
  bool empty() const { return count_ == 0; }

 private:
  siginfo_t items_[kCapacity];
  volatile unsigned count_ = 0;
};

struct GuestThread {
  std::atomic<int> tid{0};  // 0: not running (yet, or any more)
  bool in_use = false;      // the slot is taken (under the process mutex)
  void* state = nullptr;    // the guest CPU state (starts with a CpuHeader)
  CpuHeader* header() const { return static_cast<CpuHeader*>(state); }

  std::atomic<uint64_t> sigmask{0};  // bit n-1 blocks signal n (read by other threads' handlers)
  std::atomic<uint64_t> waiting_for{0};  // rt_sigtimedwait's set, while it waits
  // The mask a handler's frame saves instead of sigmask: rt_sigsuspend's caller's mask.
  std::optional<uint64_t> mask_to_restore;
  GuestAltStack altstack;
  SignalQueue pending;

  uint64_t clear_child_tid = 0;  // set_tid_address / CLONE_CHILD_CLEARTID
  uint64_t robust_list_head = 0;
  uint64_t robust_list_len = 0;
  uint64_t fs_base = 0;  // x86-64 arch_prctl: what ARCH_GET_FS/GS read back
  uint64_t gs_base = 0;

  // What the last syscall asked for.
  bool exit_thread = false;   // exit: this thread ends
  bool exit_process = false;  // exit_group: every thread ends
  int exit_status = 0;
  bool keep_registers = false;  // rt_sigreturn: the result register is not written
  bool forked_child = false;    // fork returned 0 here: this is the child process

  // A slot's state for a new thread that reuses it.
  void reset();
};

GuestThread* current_thread();
void set_current_thread(GuestThread* thread);

}  // namespace xisa::os
