// FMA3 (SDM vol. 2, VFMADD132PS ...): AVX_LANES rows, so the handler sees one 128-bit half at a
// time with operand 0 the destination (read and written), 1 the VEX.vvvv source and 2 the r/m
// source. In the default MXCSR the lanes take the guarded fast path (FMulAdd, negations as
// sign-bit flips on the integer bits); otherwise, and when the guard fails, the exact helper
// (fma_helpers.cpp) runs them.
#include "frontend/common/fp_fast_path.h"
#include "frontend/x86_64/fma_helpers.h"
#include "frontend/x86_64/lifter.h"
#include "frontend/x86_64/sse_fp_lift.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

struct FmaForm {
  ZydisMnemonic mnemonic;
  FmaKind kind;
  FmaOrder order;
  SseFormat format;
};

#define XISA_FMA_FORM(NAME, KIND, ORDER, SUFFIX, F) \
  { ZYDIS_MNEMONIC_##NAME##ORDER##SUFFIX, FmaKind::KIND, FmaOrder::k##ORDER, SseFormat::F }
#define XISA_FMA_PACKED(NAME, KIND, ORDER) \
  XISA_FMA_FORM(NAME, KIND, ORDER, PS, Ps), XISA_FMA_FORM(NAME, KIND, ORDER, PD, Pd)
#define XISA_FMA_ALL(NAME, KIND, ORDER)                                         \
  XISA_FMA_PACKED(NAME, KIND, ORDER), XISA_FMA_FORM(NAME, KIND, ORDER, SS, Ss), \
      XISA_FMA_FORM(NAME, KIND, ORDER, SD, Sd)
#define XISA_FMA_ORDERS(FORMS, NAME, KIND) \
  FORMS(NAME, KIND, 132), FORMS(NAME, KIND, 213), FORMS(NAME, KIND, 231)

constexpr FmaForm kForms[] = {
    XISA_FMA_ORDERS(XISA_FMA_ALL, VFMADD, MulAdd),
    XISA_FMA_ORDERS(XISA_FMA_ALL, VFMSUB, MulSub),
    XISA_FMA_ORDERS(XISA_FMA_ALL, VFNMADD, NegMulAdd),
    XISA_FMA_ORDERS(XISA_FMA_ALL, VFNMSUB, NegMulSub),
    XISA_FMA_ORDERS(XISA_FMA_PACKED, VFMADDSUB, AddSub),
    XISA_FMA_ORDERS(XISA_FMA_PACKED, VFMSUBADD, SubAdd),
};
#undef XISA_FMA_ORDERS
#undef XISA_FMA_ALL
#undef XISA_FMA_PACKED
#undef XISA_FMA_FORM

const FmaForm* find_form(ZydisMnemonic m) {
  for (const FmaForm& f : kForms)
    if (f.mnemonic == m) return &f;
  return nullptr;
}

// The guard (fp_fast_path.h) holds for a fused result too: a normal result means no NaN
// operand, no 0 * inf and no inf - inf, and flipping a sign keeps an operand's class.
void lift_fast_fma(Lifter& l, const FmaForm& f) {
  ir::Builder& b = l.b;
  const unsigned lanes = lane_count(f.format), lane_bytes = is_double_format(f.format) ? 8 : 4;
  const Type ft = is_double_format(f.format) ? Type::F64 : Type::F32;
  const Value sign =
      int_const(b, ir::int_type_of_bits(lane_bytes * 8), uint64_t{1} << (lane_bytes * 8 - 1));
  const FmaRoles roles = fma_roles(f.order);
  frontend::FpFastPath fast(b, mxcsr_allows_fast_path(l), l.in->pc, frontend::kX86FpRules,
                            &kMxcsrInexact, l.track_inexact);
  Value out[4];
  for (unsigned k = 0; k < lanes; ++k) {
    Value operand[3];
    for (unsigned i = 0; i < 3; ++i) operand[i] = fp_lane_bits(l, i, k, lane_bytes);
    Value a = operand[roles.a], c = operand[roles.c];
    if (fma_negates_product(f.kind)) a = b.xor_(a, sign);
    if (fma_negates_addend(f.kind, k)) c = b.xor_(c, sign);
    out[k] = fast.apply(ir::Opcode::FMulAdd,
                        {frontend::fp_value(b, ft, a), frontend::fp_value(b, ft, operand[roles.b]),
                         frontend::fp_value(b, ft, c)});
  }
  fast.guard();
  set_fp_lanes(l, out, lanes, lane_bytes);
}

}  // namespace

bool lift_fma(Lifter& l) {
  const FmaForm* f = find_form(l.in->d.mnemonic);
  if (!f || l.in->d.operand_count_visible < 3 || !l.is_xmm(0) || !l.is_xmm(1)) return false;
  if (!l.slow_path) {
    lift_fast_fma(l, *f);
    return true;
  }
  Value lo, hi;
  fp_source_halves(l, 2, lo, hi);
  l.b.call(
      kFmaHelper,
      {l.b.imm64(fma_desc(f->kind, f->order, f->format, l.xmm_index(0), l.xmm_index(1))), lo, hi});
  return true;
}

}  // namespace xisa::x86_64
