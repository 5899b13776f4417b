// Runs one guest thread: looks blocks up by pc, translates misses, executes them, and hands
// syscalls and traps to the Linux layer.
#pragma once

#include <signal.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "guest/guest_arch.h"
#include "ir/block.h"
#include "linux/linux_process.h"
#include "runtime/engine.h"
#include "runtime/metrics.h"
#include "xisa/xisa.h"

namespace xisa::runtime {

class CodeChangeLog;
class CodePageGuard;
class SharedJitCode;
class TranslationStore;

// How a guest thread's run ended.
struct ThreadEnd {
  RunResult result;
  bool process_ends = false;  // exit_group or a fatal signal: every thread ends with it
};

class Dispatcher final : private BlockSource {
 public:
  // code_changes: the process's log of changed guest code, which every thread reads;
  // code_pages: the process's write watch on code pages (x86-64 guests), else nullptr;
  // jit_code: where the process keeps its shared translated code (a fork's child gets new);
  // store: the program's lifted IR from earlier runs, or nullptr.
  Dispatcher(os::LinuxProcess& process, const Options& options, Metrics& metrics,
             CodeChangeLog& code_changes, CodePageGuard* code_pages,
             const std::shared_ptr<SharedJitCode>& jit_code, TranslationStore* store);
  // Runs the calling guest thread from the state's current pc until it exits, the process
  // exits or dies of a signal.
  ThreadEnd run(void* state);
  const char* engine_name() const { return engine_->name(); }

 private:
  const ir::Block& block_at(uint64_t pc) override;
  const ir::Block& block_as_is(uint64_t pc) override;
  // The cached block at pc, or a new one lifted (or loaded) and cached.
  ir::Block& cached_block(uint64_t pc, bool* was_cached);
  void forget(uint64_t lo, uint64_t hi) override;
  uint64_t changes_seen() const override { return code_changes_seen_; }
  // Which 64 KiB chunks of guest code have translations (kept until everything is dropped:
  // a stale chunk only costs a walk that finds nothing).
  void note_translated(const ir::Block& block);
  bool translated_code_in(uint64_t lo, uint64_t hi) const;
  // Lifts the block at pc, or takes it from the store when its bytes are unchanged (true).
  bool lift_or_load(uint64_t pc, ir::Block& block);
  // The block at [lo, hi) is lifted with the default options (no slow-path pc in it).
  bool lifted_by_default(uint64_t lo, uint64_t hi) const;
  // The default passes, then the verifier (a broken block aborts with its IR).
  void optimize_block(ir::Block& block);
  // A block left through TrapIf(SlowPathRetry): run that instruction on its slow path.
  // counted: a SlowPathRetry, which relifts the pc without its fast path after a few.
  interp::BlockExit retry_slow_path(void* state, uint64_t pc, bool counted);
  // The instruction at the state's pc alone, translated from its current bytes and not kept:
  // after a store into the running translation, which ends the block at that store.
  interp::BlockExit run_instruction_alone(void* state);
  RunResult die_of_signal(void* state, int signo, uint64_t fault_address, bool synchronous);
  // Runs blocks until the thread or process ends (or a host fault longjmps out).
  ThreadEnd run_blocks(void* state);
  // At a block boundary with an exit request: drops changed code, delivers signals. Returns
  // the signal the process dies of, or 0.
  int serve_exit_requests(void* state);
  // A trap or fault at the current instruction: the guest's handler runs, or the process dies.
  std::optional<ThreadEnd> raise_signal(void* state, const siginfo_t& info);

  os::LinuxProcess& process_;
  const GuestArch& arch_;
  const Options& options_;
  Metrics& metrics_;
  std::unique_ptr<Frontend> frontend_;
  std::unordered_map<uint64_t, std::unique_ptr<ir::Block>> blocks_;
  // Blocks kept as lifted: most run once (start-up code), and interpreting the lifted IR once
  // costs less than optimising it. A block is optimised when it is asked for again.
  std::unordered_set<const ir::Block*> unoptimized_;
  // The slow-path single-instruction blocks, how often each pc needed one, and the pcs that
  // needed one so often that their blocks were lifted again without the fast path.
  std::unordered_map<uint64_t, std::unique_ptr<ir::Block>> slow_path_blocks_;
  std::unordered_map<uint64_t, uint32_t> slow_path_retries_;
  std::unordered_set<uint64_t> slow_path_pcs_;
  std::unordered_set<uint64_t> inexact_tracking_pcs_;
  const void* running_state_ = nullptr;  // this thread's guest state, while run() runs
  static constexpr unsigned kCodeChunkBits = 16;
  std::set<uint64_t> code_chunks_;
  CodeChangeLog& code_changes_;
  uint64_t code_changes_seen_;
  CodePageGuard* code_pages_;
  const std::shared_ptr<SharedJitCode>& jit_code_;
  TranslationStore* store_;
  bool instruction_alone_next_ = false;  // see run_instruction_alone
  std::unique_ptr<Engine> engine_;
};

}  // namespace xisa::runtime
