// Operand and state-offset checks of freshly lifted IR (see lift_check.h).
#include "frontend/common/lift_check.h"

#include <fmt/format.h>

#include "ir/types.h"

namespace xisa::frontend {

std::string lifted_ir_problem(const ir::Block& block, size_t first, size_t state_size) {
  for (size_t i = first; i < block.insts.size(); ++i) {
    const ir::Inst& inst = block.insts[i];
    for (unsigned a = 0; a < inst.nargs; ++a)
      if (inst.args[a] >= i)
        return fmt::format("{} operand {} is not an earlier value", ir::op_info(inst.op).name, a);
    if (inst.op != ir::Opcode::GetReg && inst.op != ir::Opcode::SetReg) continue;
    // Both carry the register's type (SetReg: the stored value's).
    const unsigned bytes = ir::type_bytes(inst.type);
    if (inst.imm > state_size || bytes > state_size - inst.imm)
      return fmt::format("{} at state offset {:#x} ({} bytes) is outside the {}-byte state",
                         ir::op_info(inst.op).name, inst.imm, bytes, state_size);
  }
  return {};
}

}  // namespace xisa::frontend
