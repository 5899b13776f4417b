// One instruction lifted with exact FP semantics, for the dispatcher and the test harnesses.
#include "guest/exact_fp_retry.h"

#include "ir/passes/passes.h"

namespace xisa {

std::unique_ptr<ir::Block> exact_fp_block(Frontend& frontend, uint64_t pc) {
  auto block = std::make_unique<ir::Block>();
  TranslateOptions options;
  options.max_insns = 1;
  options.exact_fp = true;
  frontend.translate(pc, *block, options);
  ir::optimize(*block);
  return block;
}

interp::BlockExit run_exact_fp_retry(Frontend& frontend, uint64_t pc, void* state) {
  return interp::run_block(*exact_fp_block(frontend, pc), state);
}

}  // namespace xisa
