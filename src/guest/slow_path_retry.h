// Guarded fast paths (frontend/common/fp_fast_path.h, x86 DIV/IDIV, ...) leave their block
// through TrapIf(SlowPathRetry) at the instruction, before it changed anything, when their guard
// fails; the instruction then runs alone, lifted on its slow path (the exact helpers).
#pragma once

#include <cstdint>
#include <memory>

#include "guest/guest_arch.h"
#include "interp/interpreter.h"

namespace xisa {

inline bool is_slow_path_retry(const interp::BlockExit& e) {
  return e.kind == interp::ExitKind::Trap &&
         (e.trap == ir::TrapKind::SlowPathRetry || e.trap == ir::TrapKind::SlowPathStep);
}
// The instruction at pc alone, lifted on its slow path and optimized.
std::unique_ptr<ir::Block> slow_path_block(Frontend& frontend, uint64_t pc);
// Lifts and interprets it once (the test harnesses; the dispatcher caches the block).
interp::BlockExit run_slow_path_retry(Frontend& frontend, uint64_t pc, void* state);

}  // namespace xisa
