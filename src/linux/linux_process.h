// The Linux user-mode layer for one guest process: the loaded program, its memory map, file
// descriptors and the syscalls it makes. Knows guest ABIs (through GuestArch), never an engine.
#pragma once

#include <signal.h>

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
  ProcessConfig() = default;
  explicit ProcessConfig(std::string exe) : exe_path(std::move(exe)) {}
  std::string exe_path;  // the guest program as given on the command line
  std::string sysroot;   // -L DIR, empty when none
  bool strace = false;
  // How a guest execve starts the new program: xisa itself, again, with these options.
  std::string xisa_exe;           // xisa's own executable
  std::string engine;             // --engine
  std::string log_level;          // --log
  bool tso = true;                // false: --no-tso
  unsigned rvv_vlen = 128;        // --rvv-vlen
  std::string translation_cache;  // --translation-cache, empty: off
};

// Where the guest starts, once loaded.
struct StartInfo {
  uint64_t entry_pc = 0;  // the interpreter's entry for a dynamic program, else the program's
  uint64_t stack_pointer = 0;
};

struct SyscallOutcome {
  enum class Kind : uint8_t { Continue, ThreadExit, ProcessExit };
  Kind kind = Kind::Continue;
  int exit_status = 0;
  bool forked_child = false;  // this is the child of a fork: runtime state shared with the
                              // parent (the JIT's code memory) must be made anew
};

// What the runtime does around a host fork made for the guest: before (take its locks), then
// in the parent (release them) or in the child (reset them; only the calling thread is left).
struct ForkHooks {
  std::function<void()> before;
  std::function<void()> parent;
  std::function<void()> child;
};

struct GuestThread;

// clone's arguments for a new thread, whatever the ABI's argument order.
struct CloneRequest {
  uint64_t flags = 0;
  uint64_t stack = 0;
  uint64_t parent_tid = 0;
  uint64_t child_tid = 0;
  uint64_t tls = 0;
};

// Starts a guest thread on a new host thread; returns its tid or -errno. The child's state is
// ready (a copy of the caller's, with the clone result and the new stack and TLS); the runtime
// calls LinuxProcess::attach_thread on the new host thread before it runs guest code.
using ThreadSpawner = std::function<int64_t(GuestThread* child, const CloneRequest& request)>;

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

  // Guest threads. The main thread is attached by the runtime before it runs; a clone'd one by
  // its own host thread. detach_thread runs the thread's exit (CLONE_CHILD_CLEARTID, robust
  // futexes) and returns how many threads remain.
  GuestThread* new_thread();  // with a state buffer of the guest's size, uninitialised
  void attach_thread(GuestThread* thread, const CloneRequest* request);
  size_t detach_thread(GuestThread* thread);
  size_t thread_count() const;
  void set_thread_spawner(ThreadSpawner spawner);
  void set_fork_hooks(ForkHooks hooks);
  // Asks every running guest thread to come back to its dispatcher (CpuHeader exit request
  // bit). Async-signal-safe.
  void raise_exit_request_all(uint32_t bit) const;

  // Signals, at a block boundary of the calling guest thread: enters the handler of the next
  // deliverable pending signal (a frame on the guest stack, the state at the handler) or takes
  // its default action. Returns the signal the process dies of, or 0.
  int deliver_pending_signal(void* state);
  // A synchronous signal (fault, illegal instruction, trap) at the current instruction: enters
  // the guest's handler, or returns the signal the process dies of (no handler, or blocked).
  int raise_synchronous_signal(void* state, const siginfo_t& info);

  // Whether guest code may be fetched at pc: 0, or the si_code of the SIGSEGV the fetch
  // raises (SEGV_MAPERR: not the guest's mapping; SEGV_ACCERR: mapped without PROT_EXEC).
  int fetch_fault(uint64_t pc) const;
  // PROT_* of the guest mapping holding addr, or -1 where the guest has none (an engine that
  // maps guest pages on demand, the KVM engine, asks this on a page fault).
  int protection_at(uint64_t addr) const;
  // Where the code for guest pc is: pc itself, or for an entry of the ABI's vsyscall page, the
  // stub xisa mapped for it.
  uint64_t code_address(uint64_t pc) const;
  // Whether pc is in the page of guest code xisa writes itself (the sigreturn trampoline and
  // vsyscall stubs), which sits wherever the host's mmap put it in this run.
  bool in_own_code_page(uint64_t pc) const;

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
