// Integer compares (0 or 1), AArch64 flags, select and width changes.
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

// NzcvAdd/NzcvSub without flags: the operands are shifted to the top of the register (a
// 32-bit op's sign is then bit 63), and N, Z, C and V are computed from them and the result.
void Emitter::lower_flags(size_t i) {
  const bool sub = block_.insts[i].op == Opcode::NzcvSub;
  const unsigned shift = 64 - ir::type_bits(arg_inst(i, 0).type);
  const Reg a = kScratch0, b = kScratch1, r = kAddrScratch, t = kScratch3;
  as_.emit(enc::slli(a, in_reg(arg(i, 0), a), shift));
  as_.emit(enc::slli(b, in_reg(arg(i, 1), b), shift));
  as_.emit(enc::op(sub ? enc::kSub : enc::kAdd, r, a, b));
  const Reg dst = def_reg(i, false);
  as_.emit(enc::srli(dst, r, 63));  // N
  auto put = [&](unsigned byte) {   // dst |= t << 8 * byte
    as_.emit(enc::slli(t, t, 8 * byte));
    as_.emit(enc::op(enc::kOr, dst, dst, t));
  };
  as_.emit(enc::sltiu(t, r, 1));  // Z
  put(1);
  if (sub) {  // C: no borrow
    as_.emit(enc::op(enc::kSltu, t, a, b));
    as_.emit(enc::xori(t, t, 1));
  } else {  // C: the sum wrapped
    as_.emit(enc::op(enc::kSltu, t, r, a));
  }
  put(2);
  // V: the operands' signs agree (add) or differ (sub), and the result's differs from a's.
  as_.emit(enc::op(enc::kXor, t, a, b));
  if (!sub) as_.emit(enc::xori(t, t, -1));
  as_.emit(enc::op(enc::kXor, r, a, r));
  as_.emit(enc::op(enc::kAnd, t, t, r));
  as_.emit(enc::srli(t, t, 63));
  put(3);
}

}  // namespace xisa::backend::riscv64
