// A multiply of 64-bit lanes whose operands are both sign-widened (or both zero-widened) 32-bit
// lanes is the widening multiply of the lanes' low halves: AArch64's SMULL/UMULL .2D and x86's
// PMULDQ/PMULUDQ. As VMulWideLoS/VMulWideLoU it is one instruction on x86-64 and AArch64 hosts,
// where a 64-bit lane multiply has none and goes through the pure-call path.
#include "ir/passes/passes.h"

namespace xisa::ir {

namespace {

bool widened_from_32(const Inst& x, bool sign) {
  if (x.imm != 32) return false;
  return sign ? x.op == Opcode::VWidenLoS || x.op == Opcode::VWidenHiS
              : x.op == Opcode::VWidenLoU || x.op == Opcode::VWidenHiU;
}

}  // namespace

void use_widening_multiplies(Block& block) {
  for (Inst& inst : block.insts) {
    if (inst.op != Opcode::VMul || inst.imm != 64) continue;
    const Inst& a = block.insts[inst.args[0]];
    const Inst& b = block.insts[inst.args[1]];
    if (widened_from_32(a, true) && widened_from_32(b, true))
      inst.op = Opcode::VMulWideLoS;
    else if (widened_from_32(a, false) && widened_from_32(b, false))
      inst.op = Opcode::VMulWideLoU;
  }
}

}  // namespace xisa::ir
