// The JIT engine: compiles guest blocks to host code through the host's backend, keeps them
// in a code cache, chains direct exits, fills the per-thread jump cache for indirect exits, and
// runs blocks the backend cannot compile in the interpreter. One per guest thread.
#pragma once

#include <array>
#include <unordered_set>

#include "backend/backend.h"
#include "backend/host.h"
#include "guest/cpu_header.h"
#include "runtime/code_cache.h"
#include "runtime/engine.h"
#include "runtime/engine_code_pages.h"
#include "runtime/guest_fault.h"
#include "runtime/perf_jitdump.h"

namespace xisa::runtime {

class JitEngine final : public Engine {
 public:
  JitEngine(BlockSource& source, const Options& options, Metrics& metrics,
            CodePageGuard* code_pages = nullptr);
  ~JitEngine() override;
  const char* name() const override { return "jit"; }
  interp::BlockExit run(void* state) override;
  void invalidate(uint64_t lo, uint64_t hi) override;
  void retranslate(uint64_t lo, uint64_t hi) override;

 private:
  CachedBlock* translate(uint64_t pc);
  interp::BlockExit run_interpreted(const ir::Block& block, void* state);
  void flush_everything();
  // Frees what invalidation retired (we are at a safepoint) and records the pause.
  void collect_garbage();
  void clear_jump_cache();
  void publish_counters();
  friend FaultFixup jit_fault_fixup(void* siginfo, void* ucontext);

  BlockSource& source_;
  Metrics& metrics_;
  CodeCache cache_;
  backend::host::Trampoline trampoline_;
  backend::JitCounters counters_;
  backend::CompileConfig config_;
  std::array<backend::JumpCacheEntry, 1u << backend::kJumpCacheBits> jump_cache_;
  std::unordered_set<uint64_t> interpreted_;  // blocks the backend could not compile
  // The chainable exit the last run left through, to be linked to the block entered next.
  CachedBlock* pending_from_ = nullptr;
  uint32_t pending_site_ = 0;
  CodePageGuard* code_pages_;
  bool dump_host_ = false;
  std::unique_ptr<PerfJitDump> perf_dump_;  // with --perf
};

}  // namespace xisa::runtime
