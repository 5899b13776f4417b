// Block formation for A64: straight-line code up to a control transfer, syscall or trap.
#include "frontend/aarch64/aarch64_frontend.h"

#include "common/guest_access.h"
#include "frontend/aarch64/lifter.h"

namespace xisa::aarch64 {

namespace {
constexpr uint64_t kPageSize = 4096;
}  // namespace

void Aarch64Frontend::translate(uint64_t pc, ir::Block& block, const TranslateOptions& options) {
  ir::Builder b(block);
  block.guest_pc = pc;
  Lifter l{b, pc};
  for (unsigned n = 0; n < options.max_insns; ++n) {
    uint32_t insn;
    guest_read(&insn, pc, 4);
    l.pc = pc;
    l.slow_path = options.slow_path_at(pc);
    l.track_inexact = options.track_inexact_at(pc);
    b.guest_insn(pc);
    const LiftFn fn = decode_a64(insn);
    if (!fn || !fn(l, insn)) {
      // Drop any partial lifting of the illegal instruction: it must have no effect.
      while (!block.insts.empty() && block.insts.back().op != ir::Opcode::GuestInsn)
        block.insts.pop_back();
      b.trap(ir::TrapKind::IllegalInstruction, pc);
    }
    ++block.guest_insns;
    pc += 4;
    block.guest_end = pc;
    if (b.terminated()) return;
    // Stop at a page boundary so invalidation and faults stay page-granular.
    if ((pc & (kPageSize - 1)) == 0) break;
  }
  b.jump(pc);
}

}  // namespace xisa::aarch64
