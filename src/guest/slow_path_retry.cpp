// One instruction lifted on its slow path, for the dispatcher and the test harnesses.
#include "guest/slow_path_retry.h"

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

}  // namespace xisa
