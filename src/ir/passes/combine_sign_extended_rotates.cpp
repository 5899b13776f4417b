// RV64's 32-bit rotate without Zbb: srliw and slliw sign-extend their results before the `or`,
// so the pair is Or(SExt(ShrL32(x, c)), SExt(Shl32(x, 32 - c))). SExt distributes over Or: that
// is SExt(RotR32(x, c)). The ShrL becomes the rotate and the Or its SExt, when nothing else
// reads the ShrL or its SExt (after CSE, before DCE drops the rest).
#include <vector>

#include "ir/passes/passes.h"
#include "ir/passes/rotate_pair.h"

namespace xisa::ir {

void combine_sign_extended_rotates(Block& block) {
  std::vector<unsigned> uses(block.insts.size());
  for (const Inst& inst : block.insts)
    for (unsigned a = 0; a < inst.nargs; ++a) ++uses[inst.args[a]];
  for (Inst& inst : block.insts) {
    if (inst.op != Opcode::Or || inst.type != Type::I64) continue;
    const Inst& a = block.insts[inst.args[0]];
    const Inst& b = block.insts[inst.args[1]];
    if (a.op != Opcode::SExt || b.op != Opcode::SExt) continue;
    ValueId right;
    if (!is_rotate_pair(block, a.args[0], b.args[0], 32, &right)) continue;
    const ValueId extended =
        block.insts[inst.args[0]].args[0] == right ? inst.args[0] : inst.args[1];
    if (uses[right] != 1 || uses[extended] != 1) continue;
    block.insts[right].op = Opcode::RotR;
    inst.op = Opcode::SExt;
    inst.nargs = 1;
    inst.args[0] = right;
    inst.args[1] = kNoValue;
    uses[extended] = 0;
  }
}

}  // namespace xisa::ir
