// What the JIT engines of a process share: the code cache, the trampoline every thread enters
// translated code through, the compile configuration and the perf jitdump. Each guest thread
// has its own engine with its own jump cache and counters (ThreadCodeData).
#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>

#include "backend/backend.h"
#include "backend/host.h"
#include "runtime/code_cache.h"
#include "runtime/perf_jitdump.h"
#include "xisa/xisa.h"

namespace xisa::runtime {

class CodeChangeLog;

class SharedJitCode {
 public:
  // changes: the process's log of changed guest code (nullptr: no other thread changes code);
  // request_safepoints: asks every guest thread to pass a safepoint soon (nullptr: one thread).
  SharedJitCode(const Options& options, CodeChangeLog* changes,
                std::function<void()> request_safepoints, size_t capacity = kDefaultCapacity);
  static constexpr size_t kDefaultCapacity = 64u << 20;  // rel32 and B imm26 reach all of it

  CodeCache& cache() { return cache_; }
  const backend::host::Trampoline& trampoline() const { return trampoline_; }
  const backend::CompileConfig& config() const { return config_; }
  // Compile guest memory accesses in TSO order (x86-64 guests); before any block is compiled.
  void set_tso(bool on) { config_.tso = on; }
  PerfJitDump* perf_dump() { return perf_dump_.get(); }
  bool dump_host() const { return dump_host_; }
  void request_safepoints() const {
    if (request_safepoints_) request_safepoints_();
  }
  // False in a fork's child, which inherited this object (and a mapping of its parent's code
  // memory, shared with the parent): it must not use it, nor take its locks.
  bool made_in_this_process() const;

 private:
  CodeCache cache_;
  backend::host::Trampoline trampoline_;
  backend::CompileConfig config_;
  std::unique_ptr<PerfJitDump> perf_dump_;  // with --perf
  bool dump_host_ = false;
  std::function<void()> request_safepoints_;
  pid_t pid_;
};

// Whether translated code on this thread ran an instruction fence (fence.i, IC IVAU) since the
// last call.
bool take_instruction_fence();

}  // namespace xisa::runtime
