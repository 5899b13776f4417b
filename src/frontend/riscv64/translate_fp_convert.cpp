// RV64 F/D conversion, compare and classify instructions (Volume I, "Floating-Point
// Conversion and Move Instructions", "Floating-Point Compare Instructions", "Floating-Point
// Classify Instruction"). Rounding, saturation and flags happen in the helpers.
#include "frontend/riscv64/translate_fp.h"

namespace xisa::riscv64 {

namespace {

using fp::Dest;
using fp::FpOp;
using fp::Src;

// fcvt.{w,wu,l,lu}.<fmt>: x[rd] from f[rs1].
template <typename T>
bool to_int(Lifter& l, uint32_t insn, FpOp op) {
  return fp::lift_helper_call<T>(l, insn, op, {Src::F1, Dest::X, true});
}

// fcvt.<fmt>.{w,wu,l,lu}: f[rd] from x[rs1]. The exact ones (fcvt.d.w, fcvt.d.wu) still
// carry an rm field, and a reserved one is illegal there too.
template <typename T>
bool from_int(Lifter& l, uint32_t insn, FpOp op) {
  return fp::lift_helper_call<T>(l, insn, op, {Src::X1, Dest::F, true});
}

// fcvt.s.d (T = float) and fcvt.d.s (T = double). fcvt.d.s is exact: from a boxed single that
// is not a NaN (NV for a signalling one, the canonical NaN for any) it raises nothing, so the
// host's widening (VFWidenLo) is the guest's.
template <typename T>
bool from_other(Lifter& l, uint32_t insn) {
  if (std::is_same_v<T, double> && !l.slow_path) {
    if (!fp::check_rounding_mode(l, funct3(insn))) return false;  // the rm field still counts
    ir::Builder& b = l.b;
    frontend::FpFastPath fast(b, b.imm8(1), l.pc, frontend::kRiscv64FpRules);
    const ir::Value single = frontend::fp_bits(b, fp::fast_operand<float>(l, fast, rs1(insn)));
    const ir::Value wide =
        fast.widen_single(b.vfrom_halves(b.zext(ir::Type::I64, single), b.imm64(0)), 1);
    const ir::Value d = b.vextract_lane(ir::Type::I64, 64, wide, 0);
    fast.guard();
    l.set_f(rd(insn), d);
    return true;
  }
  return fp::lift_helper_call<T>(l, insn, FpOp::FromOther, {Src::F1, Dest::F, true});
}

template <typename T>
bool compare(Lifter& l, uint32_t insn, FpOp op) {
  if (fp::kHostFormat<T> && !l.slow_path) {  // ordered operands raise nothing
    frontend::FpFastPath fast(l.b, l.b.imm8(1), l.pc, frontend::kRiscv64FpRules);
    const ir::Value a = fp::fast_operand<T>(l, fast, rs1(insn));
    const ir::Value b = fp::fast_operand<T>(l, fast, rs2(insn));
    const ir::Opcode cmp = op == FpOp::Eq   ? ir::Opcode::FCmpEq
                           : op == FpOp::Lt ? ir::Opcode::FCmpLt
                                            : ir::Opcode::FCmpLe;
    const ir::Value r = fast.compare(cmp, a, b);
    fast.guard();
    l.set_x(rd(insn), l.b.zext(ir::Type::I64, r));
    return true;
  }
  return fp::lift_helper_call<T>(l, insn, op, {Src::F1F2, Dest::X, false});
}

// fcvt.s.h, fcvt.d.h (exact) and fcvt.h.s, fcvt.h.d (rounded): an rm field either way.
template <typename T>
bool from_half(Lifter& l, uint32_t insn) {
  return fp::lift_helper_call<T>(l, insn, FpOp::FromHalf, {Src::F1, Dest::F, true});
}
bool to_half(Lifter& l, uint32_t insn, const ir::HelperInfo& helper) {
  if (!fp::check_rounding_mode(l, funct3(insn))) return false;
  l.set_f(rd(insn), l.b.call(helper, {l.f(rs1(insn)), l.b.imm64(funct3(insn))}));
  return true;
}

template <typename T>
bool fclass(Lifter& l, uint32_t insn) {
  return fp::lift_helper_call<T>(l, insn, FpOp::Class, {Src::F1, Dest::X, false});
}

}  // namespace

bool lift_fcvt_w_s(Lifter& l, uint32_t i) {
  return to_int<float>(l, i, FpOp::ToW);
}
bool lift_fcvt_wu_s(Lifter& l, uint32_t i) {
  return to_int<float>(l, i, FpOp::ToWu);
}
bool lift_fcvt_l_s(Lifter& l, uint32_t i) {
  return to_int<float>(l, i, FpOp::ToL);
}
bool lift_fcvt_lu_s(Lifter& l, uint32_t i) {
  return to_int<float>(l, i, FpOp::ToLu);
}
bool lift_fcvt_w_d(Lifter& l, uint32_t i) {
  return to_int<double>(l, i, FpOp::ToW);
}
bool lift_fcvt_wu_d(Lifter& l, uint32_t i) {
  return to_int<double>(l, i, FpOp::ToWu);
}
bool lift_fcvt_l_d(Lifter& l, uint32_t i) {
  return to_int<double>(l, i, FpOp::ToL);
}
bool lift_fcvt_lu_d(Lifter& l, uint32_t i) {
  return to_int<double>(l, i, FpOp::ToLu);
}

bool lift_fcvt_s_w(Lifter& l, uint32_t i) {
  return from_int<float>(l, i, FpOp::FromW);
}
bool lift_fcvt_s_wu(Lifter& l, uint32_t i) {
  return from_int<float>(l, i, FpOp::FromWu);
}
bool lift_fcvt_s_l(Lifter& l, uint32_t i) {
  return from_int<float>(l, i, FpOp::FromL);
}
bool lift_fcvt_s_lu(Lifter& l, uint32_t i) {
  return from_int<float>(l, i, FpOp::FromLu);
}
bool lift_fcvt_d_w(Lifter& l, uint32_t i) {
  return from_int<double>(l, i, FpOp::FromW);
}
bool lift_fcvt_d_wu(Lifter& l, uint32_t i) {
  return from_int<double>(l, i, FpOp::FromWu);
}
bool lift_fcvt_d_l(Lifter& l, uint32_t i) {
  return from_int<double>(l, i, FpOp::FromL);
}
bool lift_fcvt_d_lu(Lifter& l, uint32_t i) {
  return from_int<double>(l, i, FpOp::FromLu);
}

bool lift_fcvt_s_d(Lifter& l, uint32_t i) {
  return from_other<float>(l, i);
}
bool lift_fcvt_d_s(Lifter& l, uint32_t i) {
  return from_other<double>(l, i);
}

bool lift_feq_s(Lifter& l, uint32_t i) {
  return compare<float>(l, i, FpOp::Eq);
}
bool lift_flt_s(Lifter& l, uint32_t i) {
  return compare<float>(l, i, FpOp::Lt);
}
bool lift_fle_s(Lifter& l, uint32_t i) {
  return compare<float>(l, i, FpOp::Le);
}
bool lift_feq_d(Lifter& l, uint32_t i) {
  return compare<double>(l, i, FpOp::Eq);
}
bool lift_flt_d(Lifter& l, uint32_t i) {
  return compare<double>(l, i, FpOp::Lt);
}
bool lift_fle_d(Lifter& l, uint32_t i) {
  return compare<double>(l, i, FpOp::Le);
}

bool lift_fclass_s(Lifter& l, uint32_t i) {
  return fclass<float>(l, i);
}
bool lift_fclass_d(Lifter& l, uint32_t i) {
  return fclass<double>(l, i);
}

// --- Zfhmin, Zfh ---
bool lift_fcvt_s_h(Lifter& l, uint32_t i) {
  return from_half<float>(l, i);
}
bool lift_fcvt_d_h(Lifter& l, uint32_t i) {
  return from_half<double>(l, i);
}
bool lift_fcvt_h_s(Lifter& l, uint32_t i) {
  return to_half(l, i, fp::kFcvtHS);
}
bool lift_fcvt_h_d(Lifter& l, uint32_t i) {
  return to_half(l, i, fp::kFcvtHD);
}
bool lift_fcvt_w_h(Lifter& l, uint32_t i) {
  return to_int<fp::Half>(l, i, FpOp::ToW);
}
bool lift_fcvt_wu_h(Lifter& l, uint32_t i) {
  return to_int<fp::Half>(l, i, FpOp::ToWu);
}
bool lift_fcvt_l_h(Lifter& l, uint32_t i) {
  return to_int<fp::Half>(l, i, FpOp::ToL);
}
bool lift_fcvt_lu_h(Lifter& l, uint32_t i) {
  return to_int<fp::Half>(l, i, FpOp::ToLu);
}
bool lift_fcvt_h_w(Lifter& l, uint32_t i) {
  return from_int<fp::Half>(l, i, FpOp::FromW);
}
bool lift_fcvt_h_wu(Lifter& l, uint32_t i) {
  return from_int<fp::Half>(l, i, FpOp::FromWu);
}
bool lift_fcvt_h_l(Lifter& l, uint32_t i) {
  return from_int<fp::Half>(l, i, FpOp::FromL);
}
bool lift_fcvt_h_lu(Lifter& l, uint32_t i) {
  return from_int<fp::Half>(l, i, FpOp::FromLu);
}
bool lift_feq_h(Lifter& l, uint32_t i) {
  return compare<fp::Half>(l, i, FpOp::Eq);
}
bool lift_flt_h(Lifter& l, uint32_t i) {
  return compare<fp::Half>(l, i, FpOp::Lt);
}
bool lift_fle_h(Lifter& l, uint32_t i) {
  return compare<fp::Half>(l, i, FpOp::Le);
}
bool lift_fclass_h(Lifter& l, uint32_t i) {
  return fclass<fp::Half>(l, i);
}

}  // namespace xisa::riscv64
