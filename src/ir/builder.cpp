// Builder::emit: the one place instructions are appended.
#include "ir/builder.h"

namespace xisa::ir {

Value Builder::emit(Opcode op, Type type, std::initializer_list<Value> args, uint64_t imm,
                    uint64_t aux) {
  assert(!terminated());
  Inst inst{};
  inst.op = op;
  inst.type = type;
  inst.imm = imm;
  inst.aux = aux;
  for (const Value& a : args) {
    assert(a.valid());
    inst.args[inst.nargs++] = a.id;
  }
  auto id = static_cast<ValueId>(block_.insts.size());
  block_.insts.push_back(inst);
  const auto sig = op_info(op).signature;
  const bool yields = type != Type::Void && op != Opcode::SetReg && op != Opcode::Store;
  (void)sig;
  return yields ? Value{id, type} : Value{};
}

}  // namespace xisa::ir
