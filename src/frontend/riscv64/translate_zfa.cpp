// Zfa, additional floating-point instructions (Volume I, "Zfa" chapter), half, single and
// double forms: FLI (a constant from the instruction's 32-entry table, inline), FMINM/FMAXM,
// FROUND, FROUNDNX, FLEQ/FLTQ and FCVTMOD.W.D through the helpers of fp_arith_fenv.cpp and
// fp_convert_fenv.cpp. FMVH.X.D and FMVP.D.X are RV32-only.
#include <bit>
#include <cmath>
#include <limits>

#include "common/binary16.h"
#include "frontend/riscv64/translate_fp.h"

namespace xisa::riscv64 {

namespace {

using fp::Dest;
using fp::FpOp;
using fp::Src;

// FLI's table (rs1 selects): entry 1 is the format's smallest normal, 30 +infinity and 31 the
// canonical NaN; every other entry is exact in single and double.
template <typename T>
T fli_constant(unsigned index) {
  static constexpr double kTable[32] = {
      -1.0,   0.0, 0x1p-16, 0x1p-15, 0x1p-8, 0x1p-7, 0.0625, 0.125,  0.25, 0.3125, 0.375,
      0.4375, 0.5, 0.625,   0.75,    0.875,  1.0,    1.25,   1.5,    1.75, 2.0,    2.5,
      3.0,    4.0, 8.0,     16.0,    128.0,  256.0,  0x1p15, 0x1p16, 0.0,  0.0};
  if (index == 1) return std::numeric_limits<T>::min();
  if (index == 30) return std::numeric_limits<T>::infinity();
  if (index == 31) return std::bit_cast<T>(fp::Format<T>::kCanonicalNaN);
  return static_cast<T>(kTable[index]);
}

// A half's entries: the table's values, exact (2^-16 and 2^-15 as subnormals) but for 2^16
// (entry 29), beyond the largest half: rounding makes it +infinity, as the chapter's binary16
// column has it.
template <>
fp::Half fli_constant<fp::Half>(unsigned index) {
  if (index == 1) return {0x0400};  // the smallest normal, 2^-14
  if (index == 31) return {fp::Format<fp::Half>::kCanonicalNaN};
  uint32_t ignored = 0;
  const double v = index == 30 ? HUGE_VAL : static_cast<double>(fli_constant<float>(index));
  return {binary16::from_double(v, binary16::Rounding::NearestEven, ignored)};
}

template <typename T>
bool fli(Lifter& l, uint32_t insn) {
  l.set_f(rd(insn), l.b.imm64(fp::box(fli_constant<T>(rs1(insn)))));
  return true;
}

template <typename T>
bool min_max_nan(Lifter& l, uint32_t insn, FpOp op) {
  return fp::lift_helper_call<T>(l, insn, op, {Src::F1F2, Dest::F, false});
}

template <typename T>
bool quiet_compare(Lifter& l, uint32_t insn, FpOp op) {
  return fp::lift_helper_call<T>(l, insn, op, {Src::F1F2, Dest::X, false});
}

template <typename T>
bool round(Lifter& l, uint32_t insn, FpOp op) {
  return fp::lift_helper_call<T>(l, insn, op, {Src::F1, Dest::F, true});
}

}  // namespace

bool lift_fli_s(Lifter& l, uint32_t i) {
  return fli<float>(l, i);
}
bool lift_fli_d(Lifter& l, uint32_t i) {
  return fli<double>(l, i);
}
bool lift_fminm_s(Lifter& l, uint32_t i) {
  return min_max_nan<float>(l, i, FpOp::MinM);
}
bool lift_fmaxm_s(Lifter& l, uint32_t i) {
  return min_max_nan<float>(l, i, FpOp::MaxM);
}
bool lift_fminm_d(Lifter& l, uint32_t i) {
  return min_max_nan<double>(l, i, FpOp::MinM);
}
bool lift_fmaxm_d(Lifter& l, uint32_t i) {
  return min_max_nan<double>(l, i, FpOp::MaxM);
}
bool lift_fround_s(Lifter& l, uint32_t i) {
  return round<float>(l, i, FpOp::Round);
}
bool lift_froundnx_s(Lifter& l, uint32_t i) {
  return round<float>(l, i, FpOp::RoundNx);
}
bool lift_fround_d(Lifter& l, uint32_t i) {
  return round<double>(l, i, FpOp::Round);
}
bool lift_froundnx_d(Lifter& l, uint32_t i) {
  return round<double>(l, i, FpOp::RoundNx);
}
bool lift_fleq_s(Lifter& l, uint32_t i) {
  return quiet_compare<float>(l, i, FpOp::Leq);
}
bool lift_fltq_s(Lifter& l, uint32_t i) {
  return quiet_compare<float>(l, i, FpOp::Ltq);
}
bool lift_fleq_d(Lifter& l, uint32_t i) {
  return quiet_compare<double>(l, i, FpOp::Leq);
}
bool lift_fltq_d(Lifter& l, uint32_t i) {
  return quiet_compare<double>(l, i, FpOp::Ltq);
}
// The rm field must be RTZ: the table line fixes it, other values are illegal.
bool lift_fcvtmod_w_d(Lifter& l, uint32_t i) {
  l.set_x(rd(i), l.b.call(fp::kFcvtModWD, {l.f(rs1(i))}));
  return true;
}

// --- the Zfh forms ---
bool lift_fli_h(Lifter& l, uint32_t i) {
  return fli<fp::Half>(l, i);
}
bool lift_fminm_h(Lifter& l, uint32_t i) {
  return min_max_nan<fp::Half>(l, i, FpOp::MinM);
}
bool lift_fmaxm_h(Lifter& l, uint32_t i) {
  return min_max_nan<fp::Half>(l, i, FpOp::MaxM);
}
bool lift_fround_h(Lifter& l, uint32_t i) {
  return round<fp::Half>(l, i, FpOp::Round);
}
bool lift_froundnx_h(Lifter& l, uint32_t i) {
  return round<fp::Half>(l, i, FpOp::RoundNx);
}
bool lift_fleq_h(Lifter& l, uint32_t i) {
  return quiet_compare<fp::Half>(l, i, FpOp::Leq);
}
bool lift_fltq_h(Lifter& l, uint32_t i) {
  return quiet_compare<fp::Half>(l, i, FpOp::Ltq);
}

}  // namespace xisa::riscv64
