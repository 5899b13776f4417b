// Advanced SIMD three same (extra), Arm ARM C4.1.90, vector and scalar: SQRDMLAH/SQRDMLSH
// (FEAT_RDM) and SDOT/UDOT (FEAT_DotProd), as lane ops; their by-element forms reuse the same
// semantics from translate_simd_element.cpp. FCMLA/FCADD (FEAT_FCMA) are in
// translate_simd_complex.cpp. USDOT and the matrix multiplies SMMLA/UMMLA/USMMLA (FEAT_I8MM)
// are here too.
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

namespace {

// Lane k of the result: the sum of the four products of the bytes of n and m in 32-bit lane k,
// each operand's bytes signed or unsigned.
Value byte_dot4(Lifter& l, bool n_unsigned, bool m_unsigned, Value n, Value m) {
  ir::Builder& b = l.b;
  // Byte products fit 16 bits (unsigned only when both are); pairs of them summed into 32-bit
  // lanes, then pairs of those.
  const bool products_unsigned = n_unsigned && m_unsigned;
  auto pair_sums = [&](bool high) {
    const Value p = b.vbinary(Opcode::VMul, 16, widen(l, !n_unsigned, high, 8, n),
                              widen(l, !m_unsigned, high, 8, m));
    const Value even =
        products_unsigned
            ? b.vbinary(Opcode::VAnd, 8, p, b.vdup(32, b.imm32(0xffff)))
            : b.vunary(Opcode::VShrAImm, 32, b.vunary(Opcode::VShlImm, 32, p, 16), 16);
    const Value odd = b.vunary(products_unsigned ? Opcode::VShrLImm : Opcode::VShrAImm, 32, p, 16);
    return b.vbinary(Opcode::VAdd, 32, even, odd);
  };
  return pairwise(l, Opcode::VAdd, 32, true, pair_sums(false), pair_sums(true));
}

// SMMLA, UMMLA, USMMLA: acc, a 2x2 matrix of 32-bit sums, plus the 2x8 byte matrix n times the
// transpose of the 2x8 byte matrix m (rows are the 64-bit halves).
Value matrix_mul_add(Lifter& l, bool n_unsigned, bool m_unsigned, Value acc, Value n, Value m) {
  ir::Builder& b = l.b;
  // Against each row of m repeated: lanes 2i and 2i+1 hold the halves of row i's dot product.
  const Value p0 = byte_dot4(l, n_unsigned, m_unsigned, n, b.vbinary(Opcode::VZipLo, 64, m, m));
  const Value p1 = byte_dot4(l, n_unsigned, m_unsigned, n, b.vbinary(Opcode::VZipHi, 64, m, m));
  const Value sums = pairwise(l, Opcode::VAdd, 32, true, b.vbinary(Opcode::VZipLo, 64, p0, p1),
                              b.vbinary(Opcode::VZipHi, 64, p0, p1));
  return b.vbinary(Opcode::VAdd, 32, acc, sums);
}

}  // namespace

Value dot_product(Lifter& l, bool n_unsigned, bool m_unsigned, bool q, Value acc, Value n,
                  Value m) {
  return l.clear_upper_if(
      q, l.b.vbinary(Opcode::VAdd, 32, acc, byte_dot4(l, n_unsigned, m_unsigned, n, m)));
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
      l.set_v(rd(insn), dot_product(l, u, u, q, d, n, m));
      return true;
    case 0x3:  // USDOT (FEAT_I8MM)
      if (size != 2 || u) return false;
      l.set_v(rd(insn), dot_product(l, true, false, q, d, n, m));
      return true;
    case 0x4:
    case 0x5:  // SMMLA, UMMLA, USMMLA (FEAT_I8MM)
      if (size != 2 || !q || (opcode == 5 && u)) return false;
      l.set_v(rd(insn), matrix_mul_add(l, u || opcode == 5, u, d, n, m));
      return true;
    case 0xd:  // BFMMLA (FEAT_BF16)
      return u && size == 1 && q && bf16_matrix_mul_add(l, insn);
    case 0x8:
    case 0x9:
    case 0xa:
    case 0xb:  // FCMLA
    case 0xc:
    case 0xe:                                                  // FCADD
      if (!u || size == 0 || (size == 3 && !q)) return false;  // size 1: half precision
      if (opcode >= 0xc) return complex_add(l, insn, esize_of(size), q, opcode == 0xe);
      return complex_multiply_add_vector(l, insn, esize_of(size), q, opcode & 3);
    case 0xf:  // BFDOT (size 01), BFMLALB/BFMLALT (size 11) (FEAT_BF16)
      if (!u || (size & 1) == 0) return false;
      return size == 1 ? bf16_dot(l, insn, false) : bf16_mul_add_long(l, insn, false);
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
