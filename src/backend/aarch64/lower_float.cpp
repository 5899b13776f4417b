// Scalar IEEE arithmetic (FAdd ... FMulAdd), sign ops (FAbs, FNeg) and compares on the FP/SIMD
// unit. FP values live in general registers as bit patterns like every other value; v0-v2 are
// scratch here. The host FPCR is xisa's own (round to nearest even, no flush to zero, no default
// NaN, traps off), which is what the ops mean; NaN payloads are unspecified by the IR.
#include "backend/aarch64/emitter.h"

namespace xisa::backend::aarch64 {

using ir::Opcode;
using ir::Type;

namespace {

a64::Vec fp_reg(uint32_t id, bool f64) {
  return f64 ? a64::Vec(a64::d(id)) : a64::Vec(a64::s(id));
}

}  // namespace

void Emitter::to_fp(uint32_t vec, ir::ValueId v, bool f64) {
  const a64::GpX r = in_reg(v, kScratch0);
  if (f64)
    as_.fmov(a64::d(vec), r);
  else
    as_.fmov(a64::s(vec), r.w());
}

void Emitter::lower_float(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const bool f64 = inst.type == Type::F64;
  for (unsigned a = 0; a < inst.nargs; ++a) to_fp(a, arg(i, a), f64);
  const a64::Vec r0 = fp_reg(0, f64), r1 = fp_reg(1, f64), r2 = fp_reg(2, f64);
  switch (inst.op) {
    case Opcode::FAdd:
      as_.fadd(r0, r0, r1);
      break;
    case Opcode::FSub:
      as_.fsub(r0, r0, r1);
      break;
    case Opcode::FMul:
      as_.fmul(r0, r0, r1);
      break;
    case Opcode::FDiv:
      as_.fdiv(r0, r0, r1);
      break;
    case Opcode::FSqrt:
      as_.fsqrt(r0, r0);
      break;
    case Opcode::FAbs:
      as_.fabs(r0, r0);
      break;
    case Opcode::FNeg:
      as_.fneg(r0, r0);
      break;
    default:  // FMulAdd: r0 * r1 + r2, rounded once
      as_.fmadd(r0, r0, r1, r2);
      break;
  }
  const a64::GpX dst = def_reg(i, false);
  if (f64)
    as_.fmov(dst, a64::d(0));
  else
    as_.fmov(dst.w(), a64::s(0));
}

// Both run only when arg0 is nonzero (the guest's inexact flag is still clear), so the common
// case costs a CBZ. Clearing all of FPSR is harmless: every guest's own flags live in its state.
void Emitter::lower_fp_flags(size_t i) {
  constexpr uint32_t kInexactBit = 4;
  const uint32_t fpsr = a64::Predicate::SysReg::kFPSR;
  const bool clear = block_.insts[i].op == Opcode::FpFlagsClear;
  const ir::ValueId when = arg(i, 0);
  if (is_imm(when) && loc(when).imm == 0) {
    if (!clear) as_.mov(def_reg(i, false), 0);
    return;
  }
  as_.mov(kScratch1, in_reg(when, kScratch0));  // survives dst's definition
  a64::GpX dst;
  if (!clear) {
    dst = def_reg(i, false);
    as_.mov(dst, 0);
  }
  asmjit::Label done = as_.newLabel();
  as_.cbz(kScratch1.w(), done);
  if (clear) {
    as_.msr(fpsr, a64::xzr);
  } else {
    as_.mrs(dst, fpsr);
    as_.ubfx(dst, dst, kInexactBit, 1);
  }
  as_.bind(done);
}

void Emitter::lower_float_compare(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const bool f64 = arg_inst(i, 0).type == Type::F64;
  to_fp(0, arg(i, 0), f64);
  to_fp(1, arg(i, 1), f64);
  as_.fcmp(fp_reg(0, f64), fp_reg(1, f64));
  // FCMP sets C and V for unordered: MI (less) and LS (less or equal) are false then.
  a64::CondCode cc = a64::CondCode::kEQ;
  switch (inst.op) {
    case Opcode::FCmpLt:
      cc = a64::CondCode::kMI;
      break;
    case Opcode::FCmpLe:
      cc = a64::CondCode::kLS;
      break;
    case Opcode::FCmpUnordered:
      cc = a64::CondCode::kVS;
      break;
    default:
      break;
  }
  const a64::GpX dst = def_reg(i, false);
  as_.cset(dst.w(), cc);
  if (inst.op == Opcode::FCmpUeq)
    as_.csinc(dst.w(), dst.w(), a64::wzr, a64::CondCode::kVC);  // or VS
}

}  // namespace xisa::backend::aarch64
