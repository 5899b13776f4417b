// Integer compares (0 or 1), select and width changes.
#include "backend/riscv64/emitter.h"

namespace xisa::backend::riscv64 {

using ir::Opcode;

void Emitter::lower_compare(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const ir::Type t = arg_inst(i, 0).type;
  const bool is_signed = inst.op == Opcode::CmpLtS || inst.op == Opcode::CmpLeS;
  const Reg dst = def_reg(i, false);
  Reg a = in_reg(arg(i, 0), kScratch0);
  Reg b = in_reg(arg(i, 1), kScratch1);
  if (is_signed && ir::type_bits(t) < 64) {  // compare the sign-extended values
    sign_extend(kScratch0, a, t);
    sign_extend(kScratch1, b, t);
    a = kScratch0;
    b = kScratch1;
  }
  // Equality with zero (in_reg gives x0 for it) needs no XOR first: seqz/snez.
  const Reg diff = b == kZero ? a : a == kZero ? b : dst;
  switch (inst.op) {
    case Opcode::CmpEq:
      if (diff == dst) as_.emit(enc::op(enc::kXor, dst, a, b));
      as_.emit(enc::sltiu(dst, diff, 1));
      break;
    case Opcode::CmpNe:
      if (diff == dst) as_.emit(enc::op(enc::kXor, dst, a, b));
      as_.emit(enc::op(enc::kSltu, dst, kZero, diff));
      break;
    case Opcode::CmpLtS:
      as_.emit(enc::op(enc::kSlt, dst, a, b));
      break;
    case Opcode::CmpLtU:
      as_.emit(enc::op(enc::kSltu, dst, a, b));
      break;
    case Opcode::CmpLeS:  // !(b < a)
      as_.emit(enc::op(enc::kSlt, dst, b, a));
      as_.emit(enc::xori(dst, dst, 1));
      break;
    default:  // CmpLeU
      as_.emit(enc::op(enc::kSltu, dst, b, a));
      as_.emit(enc::xori(dst, dst, 1));
      break;
  }
}

// dst = b, then a over it unless the condition is zero.
void Emitter::lower_select(size_t i) {
  const Reg dst = def_reg(i, false);
  const Reg c = in_reg(arg(i, 0), kScratch0);
  const Reg a = in_reg(arg(i, 1), kScratch1);
  const Reg b = in_reg(arg(i, 2), kAddrScratch);
  as_.mv(dst, b);
  as_.emit(enc::branch(enc::Cond::Eq, c, kZero, 8));
  as_.emit(enc::addi(dst, a, 0));
}

void Emitter::lower_convert(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const Reg dst = def_reg(i, true);
  const Reg a = in_reg(arg(i, 0), kScratch0);
  switch (inst.op) {
    case Opcode::SExt:
      sign_extend(dst, a, arg_inst(i, 0).type);
      zero_extend(dst, dst, inst.type);
      return;
    case Opcode::Trunc:
      zero_extend(dst, a, inst.type);
      return;
    default:  // ZExt and Bitcast: the value is already zero-extended
      as_.mv(dst, a);
      return;
  }
}

}  // namespace xisa::backend::riscv64
