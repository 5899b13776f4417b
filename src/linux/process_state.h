// The state of one guest process that the syscall handlers share: memory map, brk, signal
// dispositions, thread bookkeeping and exit request. Knows guest ABIs, never an engine.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "guest/guest_arch.h"
#include "linux/guest_thread.h"
#include "linux/linux_process.h"
#include "linux/signalfd_table.h"
#include "linux/vma_set.h"

namespace xisa::os {

// A signal disposition, ABI-neutral (the guest's struct layout is converted at the edge).
struct GuestSigaction {
  uint64_t handler = 0;  // SIG_DFL (0), SIG_IGN (1) or a guest address
  uint64_t flags = 0;
  uint64_t restorer = 0;
  uint64_t mask = 0;
};

struct BrkArea {
  uint64_t start = 0;        // the initial break: page-aligned end of the program's bss
  uint64_t current = 0;      // the guest-visible break
  uint64_t mapped_end = 0;   // end of the accessible (read-write) pages
  uint64_t reserve_end = 0;  // end of the address space held for growth (PROT_NONE)
};

// Where the program's parts are, as /proc/<pid>/stat fields 26-28 and 45-51 give them.
struct GuestMmLayout {
  uint64_t start_code = 0, end_code = 0, start_data = 0, end_data = 0, start_brk = 0;
  uint64_t start_stack = 0, arg_start = 0, arg_end = 0, env_start = 0, env_end = 0;
};

struct LinuxProcess::Impl {
  Impl(const GuestArch& a, const ProcessConfig& c) : arch(a), config(c) {}
  // Unmaps everything mapped for the guest, so that a process can be loaded again in the same
  // host process (the tests, an embedding application).
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  const GuestArch& arch;
  const ProcessConfig& config;
  std::string exe_abs_path;       // what /proc/self/exe reads as
  std::vector<std::string> argv;  // what /proc/self/cmdline reads as
  std::vector<std::string> envp;  // what /proc/self/environ reads as
  std::string auxv;               // what /proc/self/auxv reads as
  GuestMmLayout mm;               // what /proc/self/stat reads as, in part
  VmaSet vmas;
  BrkArea brk;
  // Guest mmaps without an address go top-down below this (the stack's guard page), as Linux
  // places them below mmap_base; 0: where the host kernel chooses.
  uint64_t mmap_top = 0;
  std::array<GuestSigaction, kGuestSignals + 1> sigactions{};  // by signal number, [0] unused
  uint64_t sigreturn_trampoline = 0;  // guest code that calls rt_sigreturn (our "vDSO" page)
  uint64_t vsyscall_stubs = 0;        // in the same page: the vsyscall entries' code, or 0

  // Guards the memory map, brk, dispositions and the thread list between guest threads.
  mutable std::recursive_mutex mutex;
  // Every guest thread, live or not, in a fixed table that host signal handlers can read
  // without a lock: a slot's thread object lives until the process ends (a dead one is
  // reused by the next clone).
  static constexpr size_t kMaxThreads = 1024;
  std::array<std::atomic<GuestThread*>, kMaxThreads> thread_slots{};
  std::atomic<size_t> live_threads{0};
  ThreadSpawner spawn_thread;
  // fork: the runtime keeps its own locks and state consistent across the host fork.
  ForkHooks fork_hooks;
  // Process-directed signals that no thread lets through yet. Taken with host signals blocked
  // (host_signals.h), under the spin lock, by handlers and threads alike.
  SignalQueue shared_pending;
  std::atomic_flag shared_pending_lock = ATOMIC_FLAG_INIT;
  SignalfdTable signalfds;

  LinuxProcess::MemoryChangeListener memory_changed;
  void notify_memory_changed(uint64_t start, uint64_t end) const {
    if (memory_changed && start < end) memory_changed(start, end);
  }

  // The calling thread (during a syscall: current_thread()).
  GuestThread& thread() const { return *current_thread(); }
  void* guest_state() const { return current_thread() ? current_thread()->state : nullptr; }
  // Asks every guest thread to come back to its dispatcher at the next block boundary.
  void raise_exit_request_all(uint32_t bit) const;

  // Things already warned about, so each is logged once (names, numbers, ioctl requests).
  std::set<std::string> warned;
  bool warn_once(const std::string& key) { return warned.insert(key).second; }
};

using ProcessState = LinuxProcess::Impl;

// A thread object with a state buffer of the guest's size, from a free slot (nullptr: none).
GuestThread* new_guest_thread(ProcessState& p);
// Gives back a thread object that never ran (its spawn failed).
void release_guest_thread(ProcessState& p, GuestThread* t);

}  // namespace xisa::os
