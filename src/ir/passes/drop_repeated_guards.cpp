// A TrapIf or ExitIf on a condition an earlier TrapIf or ExitIf of the block already tested can
// never fire: had the value been true, the block would have left at the first. The FP fast path
// guards every instruction with the same check of the guest's FP environment, so after CSE a run
// of FP instructions tests one value many times.
#include <vector>

#include "ir/passes/passes.h"

namespace xisa::ir {

void drop_repeated_guards(Block& block) {
  auto& insts = block.insts;
  std::vector<bool> tested(insts.size(), false);
  std::vector<Inst> out;
  out.reserve(insts.size());
  std::vector<ValueId> remap(insts.size(), kNoValue);
  for (size_t i = 0; i < insts.size(); ++i) {
    Inst inst = insts[i];
    const bool guard = inst.op == Opcode::TrapIf || inst.op == Opcode::ExitIf;
    if (guard && tested[inst.args[0]]) continue;  // yields nothing: no value to remap
    if (guard) tested[inst.args[0]] = true;
    for (unsigned a = 0; a < inst.nargs; ++a) inst.args[a] = remap[inst.args[a]];
    remap[i] = static_cast<ValueId>(out.size());
    out.push_back(inst);
  }
  insts = std::move(out);
}

}  // namespace xisa::ir
