// Saturation in Advanced SIMD: FPSR.QC accrual and the saturating narrows (SQXTN, UQXTN,
// SQXTUN, and the shifted forms SQSHRN, UQSHRN, SQSHRUN and their rounding variants).
#include "frontend/aarch64/simd_common.h"

namespace xisa::aarch64 {

// FPSR.QC (bit 27) accrues whenever a saturating op clipped a lane: the saturated and the
// wrapping results differ somewhere in the arrangement's lanes.
void accrue_any(Lifter& l, bool q, Value mask) {
  ir::Builder& b = l.b;
  const Value any =
      b.ne(b.vreduce(Opcode::VReduceMaxU, Type::I8, 8, l.clear_upper_if(q, mask)), b.imm8(0));
  const Value qc = b.shl(b.zext(Type::I32, any), b.imm32(27));
  b.set_reg(kOffFpsr, b.or_(b.get_reg(Type::I32, kOffFpsr), qc));
}

void accrue_saturation(Lifter& l, bool q, Value saturated, Value wrapped) {
  accrue_any(l, q, l.b.vbinary(Opcode::VXor, 8, saturated, wrapped));
}

// SQXTN/UQXTN/SQXTUN: lanes of 2*esize clamped to the esize range, then narrowed; QC accrues
// when a lane was clamped.
Value saturating_narrow(Lifter& l, NarrowKind kind, unsigned esize, Value a) {
  ir::Builder& b = l.b;
  const unsigned wide = 2 * esize;
  const Type wt = ir::int_type_of_bits(wide);
  const uint64_t umax = (uint64_t{1} << esize) - 1, smax = umax >> 1;
  const uint64_t wmask = (uint64_t{1} << (wide - 1) << 1) - 1;
  auto splat = [&](uint64_t v) { return b.vdup(wide, b.constant(wt, v & wmask)); };
  Value clamped;
  switch (kind) {
    case NarrowKind::Signed:
      clamped = b.vbinary(Opcode::VMaxS, wide, b.vbinary(Opcode::VMinS, wide, a, splat(smax)),
                          splat(~smax));
      break;
    case NarrowKind::Unsigned:
      clamped = b.vbinary(Opcode::VMinU, wide, a, splat(umax));
      break;
    case NarrowKind::SignedToUnsigned:
      clamped =
          b.vbinary(Opcode::VMinS, wide, b.vbinary(Opcode::VMaxS, wide, a, l.vzero()), splat(umax));
      break;
  }
  accrue_saturation(l, true, clamped, a);
  return b.vunary(Opcode::VNarrow, wide, clamped);
}

Value saturating_shift_left(Lifter& l, NarrowKind kind, unsigned esize, Value a, Value count,
                            Value& clipped) {
  ir::Builder& b = l.b;
  const Type et = ir::int_type_of_bits(esize);
  const uint64_t umax = esize == 64 ? ~uint64_t{0} : (uint64_t{1} << esize) - 1;
  const uint64_t smax = umax >> 1;
  auto splat = [&](uint64_t v) { return b.vdup(esize, b.constant(et, v & umax)); };
  const Value shifted = b.vbinary(Opcode::VShlV, esize, a, count);
  // The shift lost bits exactly when shifting back does not restore a.
  const Opcode back_op = kind == NarrowKind::Signed ? Opcode::VShrAV : Opcode::VShrLV;
  Value ok = b.vbinary(Opcode::VCmpEq, esize, b.vbinary(back_op, esize, shifted, count), a);
  const Value negative = b.vbinary(Opcode::VCmpGtS, esize, l.vzero(), a);
  Value limit;
  switch (kind) {
    case NarrowKind::Signed:
      limit = b.vternary(Opcode::VBitSelect, negative, splat(~smax), splat(smax));
      break;
    case NarrowKind::Unsigned:
      limit = splat(umax);
      break;
    case NarrowKind::SignedToUnsigned:  // negative lanes clamp to zero
      limit = b.vbinary(Opcode::VAndNot, 8, splat(umax), negative);
      ok = b.vbinary(Opcode::VAndNot, 8, ok, negative);
      break;
  }
  clipped = b.vunary(Opcode::VNot, 8, ok);
  return b.vternary(Opcode::VBitSelect, ok, shifted, limit);
}

Value doubling_mul_long(Lifter& l, int accumulate, unsigned esize, bool high, Value a, Value m,
                        Value acc) {
  ir::Builder& b = l.b;
  const unsigned wide = 2 * esize;
  const Value p = b.vbinary(Opcode::VMul, wide, widen(l, true, high, esize, a),
                            widen(l, true, false, esize, m));
  // 2 * p overflows only for MIN * MIN; the saturating add of p to itself clamps it.
  Value r = b.vbinary(Opcode::VAddSatS, wide, p, p);
  accrue_saturation(l, true, r, b.vbinary(Opcode::VAdd, wide, p, p));
  if (accumulate != 0) {
    const Value wrapped = b.vbinary(accumulate > 0 ? Opcode::VAdd : Opcode::VSub, wide, acc, r);
    r = b.vbinary(accumulate > 0 ? Opcode::VAddSatS : Opcode::VSubSatS, wide, acc, r);
    accrue_saturation(l, true, r, wrapped);
  }
  return r;
}

}  // namespace xisa::aarch64
