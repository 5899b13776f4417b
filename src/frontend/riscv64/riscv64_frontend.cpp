// Block formation for RV64GC: straight-line code up to a control transfer, syscall or trap.
#include "frontend/riscv64/riscv64_frontend.h"

#include "common/guest_access.h"
#include "frontend/riscv64/lifter.h"

namespace xisa::riscv64 {

namespace {
constexpr uint64_t kPageSize = 4096;

uint16_t fetch16(uint64_t addr) {
  uint16_t v;
  guest_read(&v, addr, 2);
  return v;
}

// An aligned 32-bit instruction is fetched in one access, as the RVA profiles require
// (Ziccif): another thread's aligned store of a new instruction is seen whole or not at all.
// A bad address faults in hardware (common/guest_access.h), 0 included.
__attribute__((no_sanitize("null"))) uint32_t fetch32_aligned(uint64_t addr) {
  uint32_t v;
  __atomic_load(reinterpret_cast<const uint32_t*>(addr), &v, __ATOMIC_RELAXED);
  return v;
}
}  // namespace

void Riscv64Frontend::translate(uint64_t pc, ir::Block& block, const TranslateOptions& options) {
  ir::Builder b(block);
  block.guest_pc = pc;
  Lifter l{b, pc, 4, false, false, {}, std::nullopt, {}};
  if (options.entry_state) {
    const auto* s = static_cast<const Riscv64State*>(options.entry_state);
    if (!(s->vtype & kVtypeVill)) l.vtype_hint = s->vtype;
  }
  for (unsigned n = 0; n < options.max_insns; ++n) {
    // Four aligned bytes never cross a page; an unaligned instruction's second half may sit
    // on the next one, so it is fetched only once needed, and a fault names this pc.
    const uint32_t word = (pc & 3) == 0 ? fetch32_aligned(pc) : fetch16(pc);
    const auto lo = static_cast<uint16_t>(word);
    uint32_t insn;
    unsigned length;
    if ((lo & 3) != 3) {
      insn = expand_rvc(lo);
      length = 2;
    } else {
      insn = (pc & 3) == 0 ? word : lo | (static_cast<uint32_t>(fetch16(pc + 2)) << 16);
      length = 4;
    }
    l.pc = pc;
    l.slow_path = options.slow_path_at(pc);
    l.track_inexact = options.track_inexact_at(pc);
    l.length = length;
    b.guest_insn(pc);
    track_accrued_fp_flags(l, insn);
    const LiftFn fn = insn ? decode_rv64(insn) : nullptr;
    if (!fn || !fn(l, insn)) {
      // Drop any partial lifting of the illegal instruction: it must have no effect.
      while (!block.insts.empty() && block.insts.back().op != ir::Opcode::GuestInsn)
        block.insts.pop_back();
      b.trap(ir::TrapKind::IllegalInstruction, pc);
    }
    ++block.guest_insns;
    pc += length;
    block.guest_end = pc;
    if (b.terminated()) return;
    // Stop at a page boundary so invalidation and faults stay page-granular.
    if ((pc & (kPageSize - 1)) == 0) break;
  }
  b.jump(pc);
}

}  // namespace xisa::riscv64
