// The IR helpers behind the RV64 F and D instructions that round or raise flags. Each takes
// the Riscv64State and raw 64-bit register images (singles NaN-boxed), returns the 64-bit
// value for rd (a NaN-boxed single, a double, or an integer) and ORs the exceptions it raised
// into state->fflags. Pure bit moves (FSGNJ*, FMV*, loads and stores) are lifted inline.
//
// Rounding-mode arguments hold the instruction's rm field: 0..4, or 7 for state->frm. When
// frm itself holds a reserved value (5..7) the spec makes the instruction illegal: the lifter
// guards such instructions with a TrapIf, so helpers never see a reserved frm from guest code.
#pragma once

#include <cstdint>

#include "frontend/riscv64/fp_format.h"
#include "ir/helpers.h"

namespace xisa::riscv64::fp {

enum class FpOp : uint8_t {
  // (a, b, rm)
  Add,
  Sub,
  Mul,
  Div,
  // (a, rm)
  Sqrt,
  // (a, b): no rounding
  Min,
  Max,
  Eq,
  Lt,
  Le,
  // (a)
  Class,
  // fcvt.{w,wu,l,lu}.<fmt> (a, rm): integer result, W forms sign-extended
  ToW,
  ToWu,
  ToL,
  ToLu,
  // fcvt.<fmt>.{w,wu,l,lu} (x, rm): x is the integer register
  FromW,
  FromWu,
  FromL,
  FromLu,
  // fcvt.<fmt>.<other fmt> (a, rm): fcvt.s.d for float, fcvt.d.s for double
  FromOther,
  // a * b + c under a static rm (the helper's name says which) or frm; signs flipped by the caller
  FmaRne,
  FmaRtz,
  FmaRdn,
  FmaRup,
  FmaRmm,
  FmaDyn,
  // Zfa (a, b): IEEE minimum/maximum (NaN if either is), quiet <= and <
  MinM,
  MaxM,
  Leq,
  Ltq,
  // Zfa fround/froundnx (a, rm): to an integral value in format T, NX only for froundnx
  Round,
  RoundNx,
  // fcvt.<fmt>.h (a): a half widened to T (exact; NaNs become the canonical NaN)
  FromHalf,
  Count
};

// The helper for op on format T (float or double).
template <typename T>
const ir::HelperInfo& helper(FpOp op);

// The fused multiply-add helper for a valid rm field (0..4 or 7).
template <typename T>
const ir::HelperInfo& fma_helper(unsigned rm);

// The Zfh helpers (fp_half_fenv.cpp): every op but FromOther and FromHalf, whose places
// kFcvtHS and kFcvtHD take (fcvt.h.s, fcvt.h.d: a, rm).
template <>
const ir::HelperInfo& helper<Half>(FpOp op);
template <>
const ir::HelperInfo& fma_helper<Half>(unsigned rm);
extern const ir::HelperInfo kFcvtHS;
extern const ir::HelperInfo kFcvtHD;

// Zfa fcvtmod.w.d (a): the double truncated to an integer modulo 2^32, sign-extended.
extern const ir::HelperInfo kFcvtModWD;

}  // namespace xisa::riscv64::fp
