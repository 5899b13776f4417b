// Advanced SIMD three same (extra), Arm ARM C4.1.90, vector and scalar: SQRDMLAH/SQRDMLSH
// (FEAT_RDM) and SDOT/UDOT (FEAT_DotProd), as lane ops; their by-element forms reuse the same
// semantics from translate_simd_element.cpp. FCMLA/FCADD (FEAT_FCMA) are in
// translate_simd_complex.cpp; USDOT and the matrix multiplies (FEAT_I8MM) are not implemented.
#include "frontend/aarch64/simd_common.h"

namespace xisa::aarch64 {

// (acc << esize) +/- 2 * a * m + (1 << (esize - 1)), shifted right by esize, saturated: since
// acc << esize has no low bits, that is acc + ((+/-a * m + (1 << (esize - 2))) >> (esize - 1)),
// which fits lanes of twice esize.
Value rounding_doubling_mul_accumulate(Lifter& l, bool subtract, unsigned esize, bool q, Value a,
                                       Value m, Value acc) {
  ir::Builder& b = l.b;
  const unsigned wide = 2 * esize;
  auto half = [&](bool high) {
    Value p = b.vbinary(Opcode::VMul, wide, widen(l, true, high, esize, a),
                        widen(l, true, high, esize, m));
    if (subtract) p = b.vunary(Opcode::VNeg, wide, p);
    p = b.vbinary(Opcode::VAdd, wide, p,
                  b.vdup(wide, b.constant(ir::int_type_of_bits(wide), uint64_t{1} << (esize - 2))));
    const Value sum = b.vbinary(Opcode::VAdd, wide, widen(l, true, high, esize, acc),
                                b.vunary(Opcode::VShrAImm, wide, p, esize - 1));
    return saturating_narrow(l, NarrowKind::Signed, esize, sum);
  };
  const Value lo = half(false);
  return q ? join_low_halves(l, lo, half(true)) : lo;
}

// Each 32-bit lane of acc plus the four products of the bytes of n and m in that lane.
Value dot_product(Lifter& l, bool is_unsigned, bool q, Value acc, Value n, Value m) {
  ir::Builder& b = l.b;
  // Byte products fit 16 bits (signed or unsigned); pairs of them summed into 32-bit lanes.
  auto pair_sums = [&](bool high) {
    const Value p = b.vbinary(Opcode::VMul, 16, widen(l, !is_unsigned, high, 8, n),
                              widen(l, !is_unsigned, high, 8, m));
    const Value even =
        is_unsigned ? b.vbinary(Opcode::VAnd, 8, p, b.vdup(32, b.imm32(0xffff)))
                    : b.vunary(Opcode::VShrAImm, 32, b.vunary(Opcode::VShlImm, 32, p, 16), 16);
    const Value odd = b.vunary(is_unsigned ? Opcode::VShrLImm : Opcode::VShrAImm, 32, p, 16);
    return b.vbinary(Opcode::VAdd, 32, even, odd);
  };
  const Value lo = pair_sums(false);
  const Value sums = pairwise(l, Opcode::VAdd, 32, true, lo, q ? pair_sums(true) : lo);
  return l.clear_upper_if(q, b.vbinary(Opcode::VAdd, 32, acc, sums));
}

bool lift_SIMD_three_extra(Lifter& l, uint32_t insn) {
  const bool q = bits(insn, 30, 1), u = bits(insn, 29, 1);
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 11, 4);
  const Value n = l.v(rn(insn)), m = l.v(rm(insn)), d = l.v(rd(insn));
  switch (opcode) {
    case 0x0:
    case 0x1:  // SQRDMLAH, SQRDMLSH
      if (!u || size == 0 || size == 3) return false;
      write_vec(l, rd(insn), q,
                rounding_doubling_mul_accumulate(l, opcode == 1, esize_of(size), q, n, m, d));
      return true;
    case 0x2:  // SDOT, UDOT
      if (size != 2) return false;
      l.set_v(rd(insn), dot_product(l, u, q, d, n, m));
      return true;
    case 0x8:
    case 0x9:
    case 0xa:
    case 0xb:  // FCMLA
    case 0xc:
    case 0xe:                                                 // FCADD
      if (!u || size < 2 || (size == 3 && !q)) return false;  // size 1: half precision
      if (opcode >= 0xc) return complex_add(l, insn, esize_of(size), q, opcode == 0xe);
      return complex_multiply_add_vector(l, insn, esize_of(size), q, opcode & 3);
    default:
      return false;
  }
}

// SQRDMLAH, SQRDMLSH (scalar): lane 0 only, so that no other lane saturates.
bool lift_SIMD_scalar_three_extra(Lifter& l, uint32_t insn) {
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 11, 4);
  if (!bits(insn, 29, 1) || opcode > 1 || size == 0 || size == 3) return false;
  const unsigned esize = esize_of(size);
  const Value r = rounding_doubling_mul_accumulate(
      l, opcode == 1, esize, false, lane0_only(l, esize, l.v(rn(insn))),
      lane0_only(l, esize, l.v(rm(insn))), lane0_only(l, esize, l.v(rd(insn))));
  set_lane0(l, rd(insn), esize, r);
  return true;
}

}  // namespace xisa::aarch64
