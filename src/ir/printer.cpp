// Text form of a block, as --dump-ir prints it.
#include <fmt/format.h>

#include "ir/block.h"
#include "ir/helpers.h"

namespace xisa::ir {

namespace {
bool yields_value(const Inst& inst) {
  return inst.type != Type::Void && inst.op != Opcode::SetReg && inst.op != Opcode::Store;
}
}  // namespace

std::string print_block(const Block& block) {
  std::string out = fmt::format("block {:#x}..{:#x} ({} guest insns)\n", block.guest_pc,
                                block.guest_end, block.guest_insns);
  for (size_t i = 0; i < block.insts.size(); ++i) {
    const Inst& inst = block.insts[i];
    if (inst.op == Opcode::GuestInsn) {
      out += fmt::format("  ; {:#x}\n", inst.imm);
      continue;
    }
    std::string line = "  ";
    if (yields_value(inst)) line += fmt::format("%{}:{} = ", i, type_name(inst.type));
    line += op_info(inst.op).name;
    if (inst.op == Opcode::Store || inst.op == Opcode::SetReg)
      line += fmt::format(".{}", type_name(inst.type));
    for (unsigned a = 0; a < inst.nargs; ++a) line += fmt::format("{}%{}", a ? ", " : " ", inst.args[a]);
    const char* sep = inst.nargs ? ", " : " ";
    switch (inst.op) {
      case Opcode::Const: line += fmt::format(" {:#x}", inst.imm); break;
      case Opcode::GetReg: case Opcode::SetReg: line += fmt::format("{}[{}]", sep, inst.imm); break;
      case Opcode::CallHelper:
        line += fmt::format("{}@{}", sep, reinterpret_cast<const HelperInfo*>(inst.imm)->name);
        break;
      case Opcode::Jump: case Opcode::Syscall: line += fmt::format(" {:#x}", inst.imm); break;
      case Opcode::Branch: line += fmt::format(", {:#x}, {:#x}", inst.imm, inst.aux); break;
      case Opcode::TrapIf: line += fmt::format(", pc={:#x} kind={}", inst.imm, inst.aux); break;
      case Opcode::ExitIf: line += fmt::format(", {:#x}", inst.imm); break;
      case Opcode::Trap: line += fmt::format(" pc={:#x} kind={}", inst.imm, inst.aux); break;
      case Opcode::AtomicRmw: case Opcode::Fence: line += fmt::format("{}kind={}", sep, inst.imm); break;
      case Opcode::Load: case Opcode::Store: if (inst.imm & kRestartAloneOnFault) line += " restart-alone-on-fault"; break;
      default: break;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace xisa::ir
