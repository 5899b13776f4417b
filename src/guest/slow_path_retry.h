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
// After guest code ran: accrues the FP exceptions it left pending (guest_arch.h).
interp::BlockExit accrue_after_run(const GuestArch& arch, interp::BlockExit exit, void* state);
// For test harnesses, what the dispatcher does around one lifted block: drops FP exceptions
// the host holds from other code, interprets the block, accrues those it left for the guest
// (guest_arch.h) and runs a failed fast path's instruction on its slow path (counted in
// *retries when given).
interp::BlockExit run_lifted_block(const GuestArch& arch, Frontend& frontend,
                                   const ir::Block& block, void* state,
                                   unsigned* retries = nullptr);

}  // namespace xisa
