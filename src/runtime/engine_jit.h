// The JIT engine of one guest thread: runs translated code from the process's shared code
// cache, compiles the blocks it misses, chains direct exits, fills this thread's jump cache
// for indirect exits, and runs blocks the backend cannot compile in the interpreter.
#pragma once

#include <array>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "backend/backend.h"
#include "guest/cpu_header.h"
#include "runtime/code_cache.h"
#include "runtime/engine.h"
#include "runtime/engine_code_pages.h"
#include "runtime/guest_fault.h"
#include "runtime/shared_jit_code.h"

namespace xisa::runtime {

class JitEngine final : public Engine {
 public:
  // shared: the process's translated code; nullptr: a private one (a single thread, tests).
  JitEngine(BlockSource& source, const Options& options, Metrics& metrics,
            CodePageGuard* code_pages = nullptr, std::shared_ptr<SharedJitCode> shared = nullptr);
  ~JitEngine() override;
  const char* name() const override { return "jit"; }
  interp::BlockExit run(void* state) override;
  void invalidate(uint64_t lo, uint64_t hi) override;
  void retranslate(uint64_t lo, uint64_t hi) override;
  void before_syscall() override { epoch_reader_.go_offline(); }

 private:
  struct Translation {
    CachedBlock* block = nullptr;  // nullptr: run the block in the interpreter
    bool stale = false;            // the guest code changed under the translation
  };
  Translation translate(uint64_t pc);
  interp::BlockExit run_interpreted(const ir::Block& block, void* state);
  // At a safepoint (the dispatcher): takes the current code epoch, dropping this thread's
  // references to blocks if it moved, and frees what no thread can reach any more.
  void pass_safepoint();
  void drop_thread_references();
  // The code cache is full: retires every block, and frees them as soon as every thread has
  // passed a safepoint. Returns whether room was made at once.
  bool make_room();
  void flush_everything();
  void collect_garbage();
  void publish_counters();
  friend FaultFixup jit_fault_fixup(void* siginfo, void* ucontext);

  BlockSource& source_;
  Metrics& metrics_;
  std::shared_ptr<SharedJitCode> shared_;
  CodeCache& cache_;
  CodeEpochs::Reader epoch_reader_;
  std::unique_ptr<backend::ThreadCodeData> thread_data_;  // jump cache and counters
  // The blocks of the jump cache's entries, so that a dispatcher lookup that hits there takes
  // no lock.
  std::array<CachedBlock*, 1u << backend::kJumpCacheBits> jump_blocks_{};
  std::unordered_set<uint64_t> interpreted_;  // blocks the backend could not compile
  unsigned compile_after_;                    // Options::jit_compile_after
  std::unordered_map<uint64_t, unsigned> runs_before_compile_;  // interpreted runs so far
  // The chainable exit the last run left through, to be linked to the block entered next.
  CachedBlock* pending_from_ = nullptr;
  uint32_t pending_site_ = 0;
  CodePageGuard* code_pages_;
};

}  // namespace xisa::runtime
