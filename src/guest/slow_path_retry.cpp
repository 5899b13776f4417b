// One instruction lifted on its slow path, for the dispatcher and the test harnesses.
#include "guest/slow_path_retry.h"

#include "common/host_fp_env.h"
#include "ir/passes/passes.h"

namespace xisa {

std::unique_ptr<ir::Block> slow_path_block(Frontend& frontend, uint64_t pc) {
  auto block = std::make_unique<ir::Block>();
  TranslateOptions options;
  options.max_insns = 1;
  options.slow_path = true;
  frontend.translate(pc, *block, options);
  ir::optimize(*block);
  return block;
}

interp::BlockExit run_slow_path_retry(Frontend& frontend, uint64_t pc, void* state) {
  return interp::run_block(*slow_path_block(frontend, pc), state);
}

interp::BlockExit accrue_after_run(const GuestArch& arch, interp::BlockExit exit, void* state) {
  accrue_pending_fp_exceptions(arch, state);
  return exit;
}

interp::BlockExit run_lifted_block(const GuestArch& arch, Frontend& frontend,
                                   const ir::Block& block, void* state, unsigned* retries) {
  host_fp::discard_pending();
  interp::BlockExit exit = accrue_after_run(arch, interp::run_block(block, state), state);
  if (is_slow_path_retry(exit)) {
    if (retries) ++*retries;
    exit = run_slow_path_retry(frontend, exit.pc, state);
  }
  return exit;
}

}  // namespace xisa
