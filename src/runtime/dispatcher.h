// Runs one guest thread: looks blocks up by pc, translates misses, executes them, and hands
// syscalls and traps to the Linux layer.
#pragma once

#include <cstdint>
#include <memory>
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

class Dispatcher final : private BlockSource {
 public:
  Dispatcher(os::LinuxProcess& process, const Options& options, Metrics& metrics);
  // Runs from the state's current pc until the guest exits or dies of a signal.
  RunResult run(void* state);
  const char* engine_name() const { return engine_->name(); }

 private:
  const ir::Block& block_at(uint64_t pc) override;
  void forget(uint64_t lo, uint64_t hi) override;
  // A block left through TrapIf(SlowPathRetry): run that instruction on its slow path.
  interp::BlockExit retry_slow_path(void* state, uint64_t pc);
  RunResult die_of_signal(void* state, int signo, uint64_t pc, uint64_t fault_address,
                          const char* what);

  os::LinuxProcess& process_;
  const GuestArch& arch_;
  const Options& options_;
  Metrics& metrics_;
  std::unique_ptr<Frontend> frontend_;
  std::unordered_map<uint64_t, std::unique_ptr<ir::Block>> blocks_;
  // The slow-path single-instruction blocks, how often each pc needed one, and the pcs that
  // needed one so often that their blocks were lifted again without the fast path.
  std::unordered_map<uint64_t, std::unique_ptr<ir::Block>> slow_path_blocks_;
  std::unordered_map<uint64_t, uint32_t> slow_path_retries_;
  std::unordered_set<uint64_t> slow_path_pcs_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace xisa::runtime
