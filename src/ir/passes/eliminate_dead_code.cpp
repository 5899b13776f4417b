// Dead code elimination and renumbering.
#include <vector>

#include "ir/helpers.h"
#include "ir/passes/passes.h"

namespace xisa::ir {

void eliminate_dead_code(Block& block) {
  auto& insts = block.insts;
  std::vector<bool> live(insts.size(), false);
  for (size_t i = insts.size(); i-- > 0;) {
    const Inst& inst = insts[i];
    const bool removable = has_flag(inst.op, kPure) || inst.op == Opcode::GetReg ||
                           (inst.op == Opcode::CallHelper && is_pure_call(inst.imm));
    if (!removable) live[i] = true;
    if (!live[i]) continue;
    for (unsigned a = 0; a < inst.nargs; ++a) live[inst.args[a]] = true;
  }
  std::vector<ValueId> remap(insts.size(), kNoValue);
  std::vector<Inst> out;
  out.reserve(insts.size());
  for (size_t i = 0; i < insts.size(); ++i) {
    if (!live[i]) continue;
    Inst inst = insts[i];
    for (unsigned a = 0; a < inst.nargs; ++a) inst.args[a] = remap[inst.args[a]];
    remap[i] = static_cast<ValueId>(out.size());
    out.push_back(inst);
  }
  insts = std::move(out);
}

}  // namespace xisa::ir
