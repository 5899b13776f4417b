// The state of one guest process that the syscall handlers share: memory map, brk, signal
// dispositions, thread bookkeeping and exit request. Knows guest ABIs, never an engine.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>

#include "guest/guest_arch.h"
#include "linux/linux_process.h"
#include "linux/vma_set.h"

namespace xisa::os {

inline constexpr int kGuestSignals = 64;  // _NSIG on every 64-bit Linux ABI

// A signal disposition, ABI-neutral (the guest's struct layout is converted at the edge).
struct GuestSigaction {
  uint64_t handler = 0;  // SIG_DFL (0), SIG_IGN (1) or a guest address
  uint64_t flags = 0;
  uint64_t restorer = 0;
  uint64_t mask = 0;
};

struct GuestAltStack {
  uint64_t sp = 0;
  int32_t flags = 2;  // SS_DISABLE
  uint64_t size = 0;
};

struct BrkArea {
  uint64_t start = 0;        // the initial break: page-aligned end of the program's bss
  uint64_t current = 0;      // the guest-visible break
  uint64_t mapped_end = 0;   // end of the accessible (read-write) pages
  uint64_t reserve_end = 0;  // end of the address space held for growth (PROT_NONE)
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
  std::string exe_abs_path;  // what /proc/self/exe reads as
  VmaSet vmas;
  BrkArea brk;
  std::array<GuestSigaction, kGuestSignals + 1> sigactions{};  // by signal number, [0] unused
  uint64_t sigmask = 0;                                        // bit n-1 for signal n
  GuestAltStack altstack;
  uint64_t fs_base = 0;  // x86-64 arch_prctl(ARCH_SET_FS), what ARCH_GET_FS reads back
  uint64_t gs_base = 0;
  uint64_t clear_child_tid = 0;
  uint64_t robust_list_head = 0;
  uint64_t robust_list_len = 0;

  LinuxProcess::MemoryChangeListener memory_changed;
  void notify_memory_changed(uint64_t start, uint64_t end) const {
    if (memory_changed && start < end) memory_changed(start, end);
  }

  void* guest_state = nullptr;  // the calling thread's state, during a syscall
  bool exit_requested = false;
  int exit_status = 0;

  // Things already warned about, so each is logged once (names, numbers, ioctl requests).
  std::set<std::string> warned;
  bool warn_once(const std::string& key) { return warned.insert(key).second; }
};

using ProcessState = LinuxProcess::Impl;

}  // namespace xisa::os
