// RV64 F/D computational instructions (Volume I, "Single/Double-Precision Floating-Point
// Computational Instructions"): FADD, FSUB, FMUL, FDIV, FSQRT, FMIN, FMAX and the fused
// multiply-adds. Rounding and flags happen in the helpers of fp_arith_fenv.cpp.
#include "frontend/riscv64/translate_fp.h"

namespace xisa::riscv64 {

namespace {

using fp::Dest;
using fp::FpOp;
using fp::Src;

template <typename T>
bool rounded(Lifter& l, uint32_t insn, FpOp op) {
  if (fp::kHostFormat<T> && !l.slow_path && fp::fast_rm(funct3(insn))) {
    if (!fp::check_rounding_mode(l, funct3(insn))) return false;
    static constexpr ir::Opcode kFast[] = {ir::Opcode::FAdd, ir::Opcode::FSub, ir::Opcode::FMul,
                                           ir::Opcode::FDiv, ir::Opcode::FSqrt};
    fp::lift_fast_rounded<T>(l, insn, kFast[static_cast<unsigned>(op)]);
    return true;
  }
  const Src src = op == FpOp::Sqrt ? Src::F1 : Src::F1F2;
  return fp::lift_helper_call<T>(l, insn, op, {src, Dest::F, true});
}

template <typename T>
bool min_max(Lifter& l, uint32_t insn, FpOp op) {
  return fp::lift_helper_call<T>(l, insn, op, {Src::F1F2, Dest::F, false});
}

// FMADD a*b+c, FMSUB a*b-c, FNMSUB -a*b+c, FNMADD -a*b-c: one rounding of the exact value.
template <typename T>
bool fma(Lifter& l, uint32_t insn, bool negate_product, bool negate_addend) {
  const unsigned rm = funct3(insn);
  if (!fp::check_rounding_mode(l, rm)) return false;
  ir::Builder& b = l.b;
  if (fp::kHostFormat<T> && !l.slow_path && fp::fast_rm(rm)) {
    frontend::FpFastPath fast(b, fp::fast_env(l, rm), l.pc, frontend::kRiscv64FpRules,
                              &fp::kFflagsInexact, l.track_inexact);
    ir::Value a = fp::fast_operand<T>(l, fast, rs1(insn));
    ir::Value c = fp::fast_operand<T>(l, fast, rs3(insn));
    if (negate_product) a = b.fp(ir::Opcode::FNeg, {a});
    if (negate_addend) c = b.fp(ir::Opcode::FNeg, {c});
    const ir::Value r =
        fast.apply(ir::Opcode::FMulAdd, {a, fp::fast_operand<T>(l, fast, rs2(insn)), c});
    fast.guard();
    l.set_f(rd(insn), fp::fast_image<T>(l, r));
    return true;
  }
  const ir::Value sign = b.imm64(fp::kSignBit<T>);
  ir::Value a = l.f(rs1(insn));
  ir::Value c = l.f(rs3(insn));
  // Flipping a sign bit is exact, and leaves a single's NaN box as valid or broken as it was.
  if (negate_product) a = b.xor_(a, sign);
  if (negate_addend) c = b.xor_(c, sign);
  l.set_f(rd(insn), b.call(fp::fma_helper<T>(rm), {a, l.f(rs2(insn)), c}));
  return true;
}

}  // namespace

bool lift_fadd_s(Lifter& l, uint32_t i) {
  return rounded<float>(l, i, FpOp::Add);
}
bool lift_fsub_s(Lifter& l, uint32_t i) {
  return rounded<float>(l, i, FpOp::Sub);
}
bool lift_fmul_s(Lifter& l, uint32_t i) {
  return rounded<float>(l, i, FpOp::Mul);
}
bool lift_fdiv_s(Lifter& l, uint32_t i) {
  return rounded<float>(l, i, FpOp::Div);
}
bool lift_fsqrt_s(Lifter& l, uint32_t i) {
  return rounded<float>(l, i, FpOp::Sqrt);
}
bool lift_fadd_d(Lifter& l, uint32_t i) {
  return rounded<double>(l, i, FpOp::Add);
}
bool lift_fsub_d(Lifter& l, uint32_t i) {
  return rounded<double>(l, i, FpOp::Sub);
}
bool lift_fmul_d(Lifter& l, uint32_t i) {
  return rounded<double>(l, i, FpOp::Mul);
}
bool lift_fdiv_d(Lifter& l, uint32_t i) {
  return rounded<double>(l, i, FpOp::Div);
}
bool lift_fsqrt_d(Lifter& l, uint32_t i) {
  return rounded<double>(l, i, FpOp::Sqrt);
}

bool lift_fmin_s(Lifter& l, uint32_t i) {
  return min_max<float>(l, i, FpOp::Min);
}
bool lift_fmax_s(Lifter& l, uint32_t i) {
  return min_max<float>(l, i, FpOp::Max);
}
bool lift_fmin_d(Lifter& l, uint32_t i) {
  return min_max<double>(l, i, FpOp::Min);
}
bool lift_fmax_d(Lifter& l, uint32_t i) {
  return min_max<double>(l, i, FpOp::Max);
}

bool lift_fmadd_s(Lifter& l, uint32_t i) {
  return fma<float>(l, i, false, false);
}
bool lift_fmsub_s(Lifter& l, uint32_t i) {
  return fma<float>(l, i, false, true);
}
bool lift_fnmsub_s(Lifter& l, uint32_t i) {
  return fma<float>(l, i, true, false);
}
bool lift_fnmadd_s(Lifter& l, uint32_t i) {
  return fma<float>(l, i, true, true);
}
bool lift_fmadd_d(Lifter& l, uint32_t i) {
  return fma<double>(l, i, false, false);
}
bool lift_fmsub_d(Lifter& l, uint32_t i) {
  return fma<double>(l, i, false, true);
}
bool lift_fnmsub_d(Lifter& l, uint32_t i) {
  return fma<double>(l, i, true, false);
}
bool lift_fnmadd_d(Lifter& l, uint32_t i) {
  return fma<double>(l, i, true, true);
}

// --- Zfh ---
bool lift_fadd_h(Lifter& l, uint32_t i) {
  return rounded<fp::Half>(l, i, FpOp::Add);
}
bool lift_fsub_h(Lifter& l, uint32_t i) {
  return rounded<fp::Half>(l, i, FpOp::Sub);
}
bool lift_fmul_h(Lifter& l, uint32_t i) {
  return rounded<fp::Half>(l, i, FpOp::Mul);
}
bool lift_fdiv_h(Lifter& l, uint32_t i) {
  return rounded<fp::Half>(l, i, FpOp::Div);
}
bool lift_fsqrt_h(Lifter& l, uint32_t i) {
  return rounded<fp::Half>(l, i, FpOp::Sqrt);
}
bool lift_fmin_h(Lifter& l, uint32_t i) {
  return min_max<fp::Half>(l, i, FpOp::Min);
}
bool lift_fmax_h(Lifter& l, uint32_t i) {
  return min_max<fp::Half>(l, i, FpOp::Max);
}
bool lift_fmadd_h(Lifter& l, uint32_t i) {
  return fma<fp::Half>(l, i, false, false);
}
bool lift_fmsub_h(Lifter& l, uint32_t i) {
  return fma<fp::Half>(l, i, false, true);
}
bool lift_fnmsub_h(Lifter& l, uint32_t i) {
  return fma<fp::Half>(l, i, true, false);
}
bool lift_fnmadd_h(Lifter& l, uint32_t i) {
  return fma<fp::Half>(l, i, true, true);
}

}  // namespace xisa::riscv64
