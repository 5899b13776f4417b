// The slow half of the guarded FP fast path (frontend/common/fp_fast_path.h): after a block left
// through TrapIf(ExactFpRetry) at pc, the instruction there runs alone on the exact FP path.
#pragma once

#include <cstdint>
#include <memory>

#include "guest/guest_arch.h"
#include "interp/interpreter.h"

namespace xisa {

inline bool is_exact_fp_retry(const interp::BlockExit& e) {
  return e.kind == interp::ExitKind::Trap && e.trap == ir::TrapKind::ExactFpRetry;
}
// The instruction at pc alone, lifted with exact FP semantics and optimized.
std::unique_ptr<ir::Block> exact_fp_block(Frontend& frontend, uint64_t pc);
// Lifts and interprets it once (the test harnesses; the dispatcher caches the block).
interp::BlockExit run_exact_fp_retry(Frontend& frontend, uint64_t pc, void* state);

}  // namespace xisa
