// The Linux user-mode layer for one guest process: the loaded program, its memory map, file
// descriptors and the syscalls it makes. Knows guest ABIs (through GuestArch), never an engine.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "guest/guest_arch.h"

namespace xisa::os {

class SyscallCounts;

struct ProcessConfig {
  std::string exe_path;  // the guest program as given on the command line
  std::string sysroot;   // -L DIR, empty when none
  bool strace = false;
};

// Where the guest starts, once loaded.
struct StartInfo {
  uint64_t entry_pc = 0;  // the interpreter's entry for a dynamic program, else the program's
  uint64_t stack_pointer = 0;
};

struct SyscallOutcome {
  bool exit = false;  // the process (exit_group, or exit of the last thread) ends
  int exit_status = 0;
};

class LinuxProcess {
 public:
  LinuxProcess(const GuestArch& arch, ProcessConfig config);
  ~LinuxProcess();
  LinuxProcess(const LinuxProcess&) = delete;
  LinuxProcess& operator=(const LinuxProcess&) = delete;

  // Maps the program (and its interpreter) and builds the initial stack. Throws xisa::Error.
  StartInfo load(const std::vector<std::string>& argv, const std::vector<std::string>& envp);

  // Serves the syscall the guest state is stopped at: reads the number and arguments through
  // the GuestArch, writes the result back, or reports that the process ends.
  SyscallOutcome syscall(void* state);

  // Told when a guest range stops holding what it held (munmap, MAP_FIXED or mremap over it,
  // mprotect, brk shrinking, riscv_flush_icache): a runtime that caches translated code drops
  // what it translated from [start, end).
  using MemoryChangeListener = std::function<void(uint64_t start, uint64_t end)>;
  void set_memory_change_listener(MemoryChangeListener listener);

  const GuestArch& arch() const { return arch_; }
  const ProcessConfig& config() const { return config_; }
  // Calls made, by name, for --stats.
  std::map<std::string, uint64_t> syscall_counts() const;

  struct Impl;  // the syscall implementation's state (fd table, brk, memory map...)

 private:
  const GuestArch& arch_;
  ProcessConfig config_;
  std::unique_ptr<SyscallCounts> syscall_counts_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xisa::os
