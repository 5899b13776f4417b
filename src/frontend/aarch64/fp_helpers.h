// Scalar floating-point helpers for A64 (CallHelper targets): each evaluates one IEEE operation
// on the host under FPCR's rounding mode, applies FPCR.FZ (FZ16 for half precision) and FPCR.DN
// and the Arm NaN rules, and accrues the exception flags into FPSR. Values travel as bit
// patterns (f32 in the low 32 bits). Vector FP ops call the same helpers once per lane.
// `fbits` selects the format: 16 (half, FEAT_FP16: rounded in software), 32 or 64.
#pragma once

#include <cstdint>

#include "ir/helpers.h"

namespace xisa::aarch64::fp {

// Operation selectors, passed to the helpers as a constant argument.
enum class Binary : uint8_t { Add, Sub, Mul, Div, Max, Min, MaxNum, MinNum, NMul, Abd };
// Rint32Z/Rint32X/Rint64Z/Rint64X: FRINT32Z ... FRINT64X (FEAT_FRINTTS).
enum class Unary : uint8_t {
  Sqrt,
  RintN,
  RintP,
  RintM,
  RintZ,
  RintA,
  RintX,
  RintI,
  Rint32Z,
  Rint32X,
  Rint64Z,
  Rint64X
};
enum class Estimate : uint8_t { Recip, RSqrt, RecipExponent };  // FRECPE, FRSQRTE, FRECPX
enum class Step : uint8_t { Recip, RSqrt, MulX };               // FRECPS, FRSQRTS, FMULX
enum class CmpMask : uint8_t { Eq, Ge, Gt, AbsGe, AbsGt };
// FPRounding as the FCVT* mnemonics spell it (N, P, M, Z, A); Current uses FPCR.RMode.
enum class Rounding : uint8_t { TieEven, PosInf, NegInf, Zero, TieAway, Current };

// fn(state, a, b, Binary) -> result
const ir::HelperInfo& binary_helper(unsigned fbits);
const ir::HelperInfo& binary_helper(bool) = delete;  // a width, not "is double"
// fn(state, a, Unary, 0) -> result
const ir::HelperInfo& unary_helper(unsigned fbits);
const ir::HelperInfo& unary_helper(bool) = delete;  // a width, not "is double"
// FMADD (kind 0), FMSUB (1), FNMADD (2), FNMSUB (3): fn(state, n, m, a) -> result
const ir::HelperInfo& fma_helper(unsigned kind, unsigned fbits);
const ir::HelperInfo& fma_helper(unsigned kind, bool) = delete;
// FCMP/FCMPE: fn(state, a, b, signaling) -> NZCV in bits 3..0
const ir::HelperInfo& compare_helper(unsigned fbits);
const ir::HelperInfo& compare_helper(bool) = delete;  // a width, not "is double"
// FCMEQ/FCMGE/FCMGT/FACGE/FACGT: fn(state, a, b, CmpMask) -> all ones or zero (operand width)
const ir::HelperInfo& compare_mask_helper(unsigned fbits);
const ir::HelperInfo& compare_mask_helper(bool) = delete;  // a width, not "is double"
// The integer width in a conversion's flags: bit1 = 64-bit, bit2 = 16-bit (the half-precision
// lanes of FEAT_FP16), neither = 32-bit.
constexpr uint64_t int_width_kind(unsigned int_bits) {
  return int_bits == 64 ? 2 : int_bits == 16 ? 4 : 0;
}
// FCVT[NPMZA][SU]: fn(state, a, Rounding, flags) -> integer; flags bit0 = signed, bits 2..1 =
// int_width_kind, bits 14..8 = fraction bits of the fixed-point forms
const ir::HelperInfo& to_int_helper(unsigned fbits);
const ir::HelperInfo& to_int_helper(bool) = delete;  // a width, not "is double"
// SCVTF/UCVTF: fn(state, integer, flags, 0) -> float; flags bit0 = signed, bits 2..1 =
// int_width_kind of the source, bits 14..8 = fraction bits of the fixed-point forms
const ir::HelperInfo& from_int_helper(unsigned fbits);
const ir::HelperInfo& from_int_helper(bool) = delete;  // a width, not "is double"
// FRECPE/FRSQRTE/FRECPX: fn(state, a, Estimate, 0) -> result
const ir::HelperInfo& estimate_helper(unsigned fbits);
const ir::HelperInfo& estimate_helper(bool) = delete;  // a width, not "is double"
// FRECPS/FRSQRTS/FMULX: fn(state, a, b, Step) -> result
const ir::HelperInfo& step_helper(unsigned fbits);
const ir::HelperInfo& step_helper(bool) = delete;  // a width, not "is double"
// FCVT between precisions: fn(state, a, from_bits, to_bits) with 16, 32 or 64.
const ir::HelperInfo& convert_helper();
// FJCVTZS (FEAT_JSCVT): fn(state, double, 0, 0) -> the int32 result in bits 31..0, and bit 32
// set when the conversion was exact (Z of NZCV).
const ir::HelperInfo& js_convert_helper();
// FMLAL/FMLSL (FEAT_FHM): fn(state, single addend, n_half | m_half << 16, negate n) -> single.
const ir::HelperInfo& mul_add_half_helper();
// BFCVT (FEAT_BF16): fn(state, single, 0, 0) -> BFloat16, under FPCR with FPSR flags.
const ir::HelperInfo& bf16_convert_helper();
// BFDOT/BFMMLA step (BFDotAdd, FPCR ignored, no flags): fn(state, single sum, BFloat16 pair n,
// BFloat16 pair m) -> single.
const ir::HelperInfo& bf16_dot_helper();

}  // namespace xisa::aarch64::fp
