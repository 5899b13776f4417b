// Constant folding, evaluated by the interpreter's own op semantics.
#include "interp/eval_op.h"
#include "ir/passes/passes.h"

namespace xisa::ir {

void fold_constants(Block& block) {
  for (auto& inst : block.insts) {
    if (!has_flag(inst.op, kPure) || inst.op == Opcode::Const || inst.nargs == 0) continue;
    interp::Slot args[3];
    bool all_const = true;
    for (unsigned a = 0; a < inst.nargs && all_const; ++a) {
      const Inst& def = block.insts[inst.args[a]];
      if (def.op != Opcode::Const) all_const = false;
      else args[a] = {def.imm, def.aux};
    }
    if (!all_const) continue;
    if (inst.type == Type::I128 || inst.type == Type::V128) continue;
    const interp::Slot r = interp::eval_pure(inst, block.insts[inst.args[0]].type, args);
    inst = Inst{Opcode::Const, inst.type, 0, {kNoValue, kNoValue, kNoValue}, r.lo, r.hi};
  }
}

}  // namespace xisa::ir
