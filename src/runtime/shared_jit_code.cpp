// The process-wide part of the JIT.
#include "runtime/shared_jit_code.h"

#include <unistd.h>

#include <utility>

#include "common/error.h"

namespace xisa::runtime {

namespace {
thread_local bool t_code_flush_requested = false;  // a Fence(Instruction) ran on this thread

void on_instruction_fence(void*) {
  t_code_flush_requested = true;
}
}  // namespace

bool take_instruction_fence() {
  return std::exchange(t_code_flush_requested, false);
}

SharedJitCode::SharedJitCode(const Options& options, CodeChangeLog* changes,
                             std::function<void()> request_safepoints, size_t capacity)
    : cache_(capacity, changes),
      request_safepoints_(std::move(request_safepoints)),
      pid_(getpid()) {
  auto t = backend::host::emit_trampoline(cache_.allocator());
  if (!t) throw Error("cannot place the JIT trampoline");
  trampoline_ = *t;
  cache_.set_permanent();
  config_.epilogue = trampoline_.epilogue;
  config_.count_exits = options.stats;
  config_.instruction_fence = on_instruction_fence;
  dump_host_ = options.dump_host;
  if (options.perf) perf_dump_ = std::make_unique<PerfJitDump>();
}

bool SharedJitCode::made_in_this_process() const {
  return pid_ == getpid();
}

}  // namespace xisa::runtime
