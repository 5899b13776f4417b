// Scalar IEEE arithmetic (FAdd ... FMulAdd), sign ops (FAbs, FNeg), compares and the host's sticky
// FP flags. FP values live in general registers as bit patterns like every other value; f0-f2 are
// scratch here. Every operation names its rounding mode (RNE) instead of reading frm, and RISC-V
// has no FP traps; NaN payloads are unspecified by the IR (RISC-V gives the canonical NaN).
#include "backend/riscv64/emitter.h"

namespace xisa::backend::riscv64 {

using ir::Opcode;
using ir::Type;

namespace {
constexpr uint32_t kInexactFlag = 1;  // NX, bit 0 of fflags
}  // namespace

void Emitter::lower_float(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const uint32_t fmt = inst.type == Type::F64 ? 1 : 0;
  for (unsigned a = 0; a < inst.nargs; ++a)
    as_.emit(enc::fmv_f(fmt, a, in_reg(arg(i, a), kScratch0)));
  switch (inst.op) {
    case Opcode::FAdd:
      as_.emit(enc::fadd(fmt, 0, 0, 1));
      break;
    case Opcode::FSub:
      as_.emit(enc::fsub(fmt, 0, 0, 1));
      break;
    case Opcode::FMul:
      as_.emit(enc::fmul(fmt, 0, 0, 1));
      break;
    case Opcode::FDiv:
      as_.emit(enc::fdiv(fmt, 0, 0, 1));
      break;
    case Opcode::FSqrt:
      as_.emit(enc::fsqrt(fmt, 0, 0));
      break;
    case Opcode::FAbs:
      as_.emit(enc::fabs(fmt, 0, 0));
      break;
    case Opcode::FNeg:
      as_.emit(enc::fneg(fmt, 0, 0));
      break;
    default:  // FMulAdd: f0 * f1 + f2, rounded once
      as_.emit(enc::fmadd(fmt, 0, 0, 1, 2));
      break;
  }
  const Reg dst = def_reg(i, false);
  as_.emit(enc::fmv_x(fmt, dst, 0));
  if (!fmt) zero_extend(dst, dst, Type::I32);  // fmv.x.w sign-extends
}

void Emitter::lower_float_compare(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const uint32_t fmt = arg_inst(i, 0).type == Type::F64 ? 1 : 0;
  as_.emit(enc::fmv_f(fmt, 0, in_reg(arg(i, 0), kScratch0)));
  as_.emit(enc::fmv_f(fmt, 1, in_reg(arg(i, 1), kScratch0)));
  const Reg dst = def_reg(i, false);
  switch (inst.op) {
    case Opcode::FCmpEq:
      as_.emit(enc::feq(fmt, dst, 0, 1));
      break;
    case Opcode::FCmpLt:  // false when unordered
      as_.emit(enc::flt(fmt, dst, 0, 1));
      break;
    case Opcode::FCmpLe:
      as_.emit(enc::fle(fmt, dst, 0, 1));
      break;
    case Opcode::FCmpUeq:  // a == b, or not (a == a and b == b)
      as_.emit(enc::feq(fmt, kScratch0, 0, 0));
      as_.emit(enc::feq(fmt, kScratch1, 1, 1));
      as_.emit(enc::op(enc::kAnd, kScratch0, kScratch0, kScratch1));
      as_.emit(enc::xori(kScratch0, kScratch0, 1));
      as_.emit(enc::feq(fmt, dst, 0, 1));
      as_.emit(enc::op(enc::kOr, dst, dst, kScratch0));
      break;
    default:  // FCmpUnordered: not (a == a and b == b)
      as_.emit(enc::feq(fmt, kScratch0, 0, 0));
      as_.emit(enc::feq(fmt, kScratch1, 1, 1));
      as_.emit(enc::op(enc::kAnd, dst, kScratch0, kScratch1));
      as_.emit(enc::xori(dst, dst, 1));
      break;
  }
}

// Both act only when arg0 is nonzero (the guest's inexact flag is still clear). Clearing all of
// fflags is harmless: every guest's own flags live in its state.
void Emitter::lower_fp_flags(size_t i) {
  const bool clear = block_.insts[i].op == Opcode::FpFlagsClear;
  const ir::ValueId when = arg(i, 0);
  if (is_imm(when) && loc(when).imm == 0) {
    if (!clear) as_.mv(def_reg(i, false), kZero);
    return;
  }
  const Reg c = in_reg(when, kScratch0);
  if (clear) {
    as_.emit(enc::branch(enc::Cond::Eq, c, kZero, 8));
    as_.emit(enc::csrrw(kZero, enc::kFflags, kZero));
    return;
  }
  as_.mv(kScratch1, c);  // survives dst's definition
  const Reg dst = def_reg(i, false);
  as_.mv(dst, kZero);
  as_.emit(enc::branch(enc::Cond::Eq, kScratch1, kZero, 12));
  as_.emit(enc::csrrs(dst, enc::kFflags, kZero));
  as_.emit(enc::andi(dst, dst, kInexactFlag));
}

}  // namespace xisa::backend::riscv64
