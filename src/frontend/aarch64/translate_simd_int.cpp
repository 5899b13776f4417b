// Advanced SIMD integer arithmetic, Arm ARM C4.1.90: three same, three different, two-register
// miscellaneous and across-lanes classes, vector and scalar forms. Floating-point opcodes of
// the same classes are handed to translate_simd_fp.cpp.
#include "frontend/aarch64/simd_common.h"
#include "frontend/common/carryless_multiply.h"

namespace xisa::aarch64 {

namespace {

// The lane op of a three-same opcode that maps directly onto one IR op; Count when none.
Opcode three_same_op(unsigned opcode, bool u) {
  switch (opcode) {
    case 0x01:
      return u ? Opcode::VAddSatU : Opcode::VAddSatS;
    case 0x05:
      return u ? Opcode::VSubSatU : Opcode::VSubSatS;
    case 0x06:
      return u ? Opcode::VCmpGtU : Opcode::VCmpGtS;
    case 0x07:
      return u ? Opcode::VCmpGeU : Opcode::VCmpGeS;
    case 0x0c:
      return u ? Opcode::VMaxU : Opcode::VMaxS;
    case 0x0d:
      return u ? Opcode::VMinU : Opcode::VMinS;
    case 0x10:
      return u ? Opcode::VSub : Opcode::VAdd;
    case 0x11:
      return u ? Opcode::VCmpEq : Opcode::VCmpTest;
    default:
      return Opcode::Count;
  }
}

// Absolute difference |a - b| of lanes: max - min.
Value abs_diff(Lifter& l, bool u, unsigned esize, Value a, Value b) {
  const Value hi = l.b.vbinary(u ? Opcode::VMaxU : Opcode::VMaxS, esize, a, b);
  const Value lo = l.b.vbinary(u ? Opcode::VMinU : Opcode::VMinS, esize, a, b);
  return l.b.vbinary(Opcode::VSub, esize, hi, lo);
}

// PMUL (esize 8) and PMULL .8H (esize 16, on bytes widened): carry-less product of the 8-bit
// polynomials in the lanes, the XOR of a << i over the set bits i of b.
Value polynomial_mul(Lifter& l, unsigned esize, Value a, Value m) {
  ir::Builder& b = l.b;
  const Type et = ir::int_type_of_bits(esize);
  Value r = l.vzero();
  for (unsigned i = 0; i < 8; ++i) {
    const Value bit_set =
        b.vbinary(Opcode::VCmpTest, esize, m, b.vdup(esize, b.constant(et, 1u << i)));
    r = b.vbinary(Opcode::VXor, 8, r,
                  b.vbinary(Opcode::VAnd, 8, b.vunary(Opcode::VShlImm, esize, a, i), bit_set));
  }
  return r;
}

}  // namespace

// SQDMULH/SQRDMULH: high half of 2*a*b (rounded), saturating MIN*MIN to MAX; products are
// exact in lanes of twice the width.
Value doubling_mul_high(Lifter& l, bool round, unsigned esize, bool q, Value a, Value m) {
  ir::Builder& b = l.b;
  const unsigned wide = 2 * esize;
  auto half = [&](bool high) {
    Value p = b.vbinary(Opcode::VMul, wide, widen(l, true, high, esize, a),
                        widen(l, true, high, esize, m));
    if (round)
      p = b.vbinary(
          Opcode::VAdd, wide, p,
          b.vdup(wide, b.constant(ir::int_type_of_bits(wide), uint64_t{1} << (esize - 2))));
    return saturating_narrow(l, NarrowKind::Signed, esize,
                             b.vunary(Opcode::VShrAImm, wide, p, esize - 1));
  };
  const Value lo = half(false);
  return q ? join_low_halves(l, lo, half(true)) : lo;
}

namespace {

// SUQADD: signed d plus unsigned n, saturating signed; USQADD: unsigned d plus signed n,
// saturating unsigned.
Value accumulate_mixed_sign(Lifter& l, bool u, unsigned esize, bool q, Value d, Value n) {
  ir::Builder& b = l.b;
  const Type et = ir::int_type_of_bits(esize);
  const uint64_t umax = esize == 64 ? ~uint64_t{0} : (uint64_t{1} << esize) - 1;
  auto splat = [&](uint64_t v) { return b.vdup(esize, b.constant(et, v)); };
  const Value sum = b.vbinary(Opcode::VAdd, esize, d, n);
  Value r;
  if (!u) {  // overflow iff n > MAX - d (both unsigned)
    const Value smax = splat(umax >> 1);
    const Value over =
        b.vbinary(Opcode::VCmpGtU, esize, n, b.vbinary(Opcode::VSub, esize, smax, d));
    r = b.vternary(Opcode::VBitSelect, over, smax, sum);
  } else {  // n >= 0: overflow iff n > UMAX - d; n < 0: underflow iff -n > d
    const Value negative = b.vbinary(Opcode::VCmpGtS, esize, l.vzero(), n);
    const Value over =
        b.vbinary(Opcode::VAndNot, 8,
                  b.vbinary(Opcode::VCmpGtU, esize, n, b.vunary(Opcode::VNot, 8, d)), negative);
    const Value under =
        b.vbinary(Opcode::VAnd, 8, negative,
                  b.vbinary(Opcode::VCmpGtU, esize, b.vunary(Opcode::VNeg, esize, n), d));
    r = b.vternary(Opcode::VBitSelect, over, splat(umax),
                   b.vbinary(Opcode::VAndNot, 8, sum, under));
  }
  accrue_saturation(l, q, r, sum);
  return r;
}

// Integer three-same semantics shared by the vector and scalar forms.
bool int_three_same(Lifter& l, unsigned opcode, bool u, unsigned size, bool q, unsigned d, Value a,
                    Value m, Value& r) {
  ir::Builder& b = l.b;
  const unsigned esize = esize_of(size);
  const Opcode direct = three_same_op(opcode, u);
  if (direct != Opcode::Count) {
    r = b.vbinary(direct, esize, a, m);
    if (opcode == 0x01 || opcode == 0x05)
      accrue_saturation(l, q, r,
                        b.vbinary(opcode == 0x01 ? Opcode::VAdd : Opcode::VSub, esize, a, m));
    return true;
  }
  switch (opcode) {
    case 0x04: {  // SHSUB/UHSUB: (a - b) >> 1 = ((a ^ b) >> 1) - (~a & b), exactly
      if (size == 3) return false;
      const Value half = b.vunary(u ? Opcode::VShrLImm : Opcode::VShrAImm, esize,
                                  b.vbinary(Opcode::VXor, 8, a, m), 1);
      r = b.vbinary(Opcode::VSub, esize, half, b.vbinary(Opcode::VAndNot, 8, m, a));
      return true;
    }
    case 0x00:
    case 0x02: {  // SHADD/UHADD: (a & b) + ((a ^ b) >> 1); SRHADD/URHADD: (a | b) - ...
      if (size == 3) return false;
      const Value half = b.vunary(u ? Opcode::VShrLImm : Opcode::VShrAImm, esize,
                                  b.vbinary(Opcode::VXor, 8, a, m), 1);
      r = opcode == 0 ? b.vbinary(Opcode::VAdd, esize, b.vbinary(Opcode::VAnd, 8, a, m), half)
                      : b.vbinary(Opcode::VSub, esize, b.vbinary(Opcode::VOr, 8, a, m), half);
      return true;
    }
    case 0x08:
    case 0x0a: {  // SSHL, USHL, SRSHL, URSHL: by the signed low byte of m's lanes
      Value count = m;
      if (esize > 8) {
        count = b.vunary(Opcode::VShrAImm, esize, b.vunary(Opcode::VShlImm, esize, m, esize - 8),
                         esize - 8);
      }
      const Opcode shr = u ? Opcode::VShrLV : Opcode::VShrAV;
      const Value left = b.vbinary(Opcode::VShlV, esize, a, count);
      const Value neg = b.vunary(Opcode::VNeg, esize, count);
      Value right = b.vbinary(shr, esize, a, neg);
      if (opcode == 0x0a) {  // rounding: add the last bit shifted out
        const Value one = b.vdup(esize, b.constant(ir::int_type_of_bits(esize), 1));
        const Value last =
            b.vbinary(Opcode::VAnd, 8,
                      b.vbinary(shr, esize, a, b.vbinary(Opcode::VSub, esize, neg, one)), one);
        right = b.vbinary(Opcode::VAdd, esize, right, last);
      }
      const Value negative = b.vbinary(Opcode::VCmpGtS, esize, l.vzero(), count);
      r = b.vternary(Opcode::VBitSelect, negative, right, left);
      return true;
    }
    case 0x09:
    case 0x0b: {  // SQSHL, UQSHL, SQRSHL, UQRSHL (register)
      Value count = m;
      if (esize > 8) {
        count = b.vunary(Opcode::VShrAImm, esize, b.vunary(Opcode::VShlImm, esize, m, esize - 8),
                         esize - 8);
      }
      const Opcode shr = u ? Opcode::VShrLV : Opcode::VShrAV;
      const Value neg = b.vunary(Opcode::VNeg, esize, count);
      Value right = b.vbinary(shr, esize, a, neg);
      if (opcode == 0x0b) {  // rounding: add the last bit shifted out
        const Value one = b.vdup(esize, b.constant(ir::int_type_of_bits(esize), 1));
        const Value last =
            b.vbinary(Opcode::VAnd, 8,
                      b.vbinary(shr, esize, a, b.vbinary(Opcode::VSub, esize, neg, one)), one);
        right = b.vbinary(Opcode::VAdd, esize, right, last);
      }
      const Value negative = b.vbinary(Opcode::VCmpGtS, esize, l.vzero(), count);
      Value clipped;
      const Value left = saturating_shift_left(l, u ? NarrowKind::Unsigned : NarrowKind::Signed,
                                               esize, a, count, clipped);
      r = b.vternary(Opcode::VBitSelect, negative, right, left);
      accrue_any(l, q, b.vbinary(Opcode::VAndNot, 8, clipped, negative));
      return true;
    }
    case 0x16:  // SQDMULH, SQRDMULH
      if (size == 0 || size == 3) return false;
      r = doubling_mul_high(l, u, esize, q, a, m);
      return true;
    case 0x03: {  // AND, BIC, ORR, ORN / EOR, BSL, BIT, BIF
      if (!u) {
        static constexpr Opcode kOps[4] = {Opcode::VAnd, Opcode::VAndNot, Opcode::VOr, Opcode::VOr};
        r = b.vbinary(kOps[size], 8, a, size == 3 ? b.vunary(Opcode::VNot, 8, m) : m);
        return true;
      }
      const Value dv = l.v(d);
      switch (size) {
        case 0:
          r = b.vbinary(Opcode::VXor, 8, a, m);
          break;
        case 1:
          r = b.vternary(Opcode::VBitSelect, dv, a, m);
          break;
        case 2:
          r = b.vternary(Opcode::VBitSelect, m, a, dv);
          break;
        default:
          r = b.vternary(Opcode::VBitSelect, m, dv, a);
          break;
      }
      return true;
    }
    case 0x0e:
      r = abs_diff(l, u, esize, a, m);
      return true;  // SABD, UABD
    case 0x0f:      // SABA, UABA
      r = b.vbinary(Opcode::VAdd, esize, l.v(d), abs_diff(l, u, esize, a, m));
      return true;
    case 0x12: {  // MLA, MLS
      if (size == 3) return false;
      const Value p = b.vbinary(Opcode::VMul, esize, a, m);
      r = b.vbinary(u ? Opcode::VSub : Opcode::VAdd, esize, l.v(d), p);
      return true;
    }
    case 0x13:  // MUL, PMUL
      if (size == 3 || (u && size != 0)) return false;
      r = u ? polynomial_mul(l, 8, a, m) : b.vbinary(Opcode::VMul, esize, a, m);
      return true;
    case 0x14:
    case 0x15: {  // SMAXP/UMAXP, SMINP/UMINP
      if (size == 3) return false;
      const Opcode op = opcode == 0x14 ? (u ? Opcode::VMaxU : Opcode::VMaxS)
                                       : (u ? Opcode::VMinU : Opcode::VMinS);
      r = pairwise(l, op, esize, q, a, m);
      return true;
    }
    case 0x17:  // ADDP
      if (u) return false;
      r = pairwise(l, Opcode::VAdd, esize, q, a, m);
      return true;
    default:
      return false;
  }
}

// Compare against zero (two-register misc 01000..01010) and ABS/NEG.
bool int_two_misc_common(Lifter& l, unsigned opcode, bool u, unsigned esize, Value a, Value& r) {
  ir::Builder& b = l.b;
  const Value zero = l.vzero();
  switch (opcode) {
    case 0x08:
      r = b.vbinary(u ? Opcode::VCmpGeS : Opcode::VCmpGtS, esize, a, zero);
      return true;
    case 0x09:
      r = u ? b.vbinary(Opcode::VCmpGeS, esize, zero, a)
            : b.vbinary(Opcode::VCmpEq, esize, a, zero);
      return true;
    case 0x0a:
      if (u) return false;
      r = b.vbinary(Opcode::VCmpGtS, esize, zero, a);
      return true;
    case 0x0b:
      r = b.vunary(u ? Opcode::VNeg : Opcode::VAbs, esize, a);
      return true;
    default:
      return false;
  }
}

}  // namespace

bool lift_SIMD_three_same(Lifter& l, uint32_t insn) {
  const bool q = bits(insn, 30, 1), u = bits(insn, 29, 1);
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 11, 5);
  if (opcode >= 0x18) return simd_fp_three_same(l, insn);
  if (size == 3 && !q && opcode != 0x03) return false;
  Value r;
  if (!int_three_same(l, opcode, u, size, q, rd(insn), l.v(rn(insn)), l.v(rm(insn)), r))
    return false;
  write_vec(l, rd(insn), q, r);
  return true;
}

// SADDL/UADDL, SADDW/UADDW, SSUBL/USUBL, SSUBW/USUBW, ADDHN/SUBHN, SABAL/UABAL, SABDL/UABDL,
// SMLAL/UMLAL, SMLSL/UMLSL, SMULL/UMULL, PMULL and their "2" (upper half) forms.
bool lift_SIMD_three_diff(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), u = bits(insn, 29, 1);
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 12, 4);
  if (opcode == 0xe && !u) {  // PMULL, PMULL2 (.8H from bytes; .1Q from doublewords, FEAT_PMULL)
    if (size == 0) {
      l.set_v(rd(insn), polynomial_mul(l, 16, widen(l, false, q, 8, l.v(rn(insn))),
                                       widen(l, false, q, 8, l.v(rm(insn)))));
      return true;
    }
    if (size != 3) return false;
    auto half = [&](unsigned r) { return b.vextract_lane(Type::I64, 64, l.v(r), q ? 1 : 0); };
    l.set_v(rd(insn), frontend::carryless_multiply_128(b, half(rn(insn)), half(rm(insn))));
    return true;
  }
  if (size == 3) return false;
  const unsigned esize = esize_of(size), wide = 2 * esize;
  const Value n = l.v(rn(insn)), m = l.v(rm(insn));
  auto wn = [&] { return widen(l, !u, q, esize, n); };
  auto wm = [&] { return widen(l, !u, q, esize, m); };
  Value r;
  switch (opcode) {
    case 0x0:
      r = b.vbinary(Opcode::VAdd, wide, wn(), wm());
      break;
    case 0x1:
      r = b.vbinary(Opcode::VAdd, wide, n, wm());
      break;
    case 0x2:
      r = b.vbinary(Opcode::VSub, wide, wn(), wm());
      break;
    case 0x3:
      r = b.vbinary(Opcode::VSub, wide, n, wm());
      break;
    case 0x9:
    case 0xb:
    case 0xd: {  // SQDMLAL, SQDMLSL, SQDMULL (and "2")
      if (u || size == 0) return false;
      // The high half of m too for the "2" forms: move it down first.
      const Value mh = q ? b.vbinary(Opcode::VUnzipOdd, 64, m, m) : m;
      const int acc = opcode == 0x9 ? 1 : opcode == 0xb ? -1 : 0;
      l.set_v(rd(insn), doubling_mul_long(l, acc, esize, q, n, mh, l.v(rd(insn))));
      return true;
    }
    case 0x4:
    case 0x6: {  // ADDHN, SUBHN, RADDHN, RSUBHN
      Value s = b.vbinary(opcode == 4 ? Opcode::VAdd : Opcode::VSub, wide, n, m);
      if (u) {  // rounding: add half of the discarded low part's weight
        const Value half =
            b.vdup(wide, b.constant(ir::int_type_of_bits(wide), uint64_t{1} << (esize - 1)));
        s = b.vbinary(Opcode::VAdd, wide, s, half);
      }
      write_narrow(l, rd(insn), q,
                   b.vunary(Opcode::VNarrow, wide, b.vunary(Opcode::VShrLImm, wide, s, esize)));
      return true;
    }
    case 0x5:
      r = b.vbinary(Opcode::VAdd, wide, l.v(rd(insn)), abs_diff(l, u, wide, wn(), wm()));
      break;
    case 0x7:
      r = abs_diff(l, u, wide, wn(), wm());
      break;
    case 0x8:
      r = b.vbinary(Opcode::VAdd, wide, l.v(rd(insn)), b.vbinary(Opcode::VMul, wide, wn(), wm()));
      break;
    case 0xa:
      r = b.vbinary(Opcode::VSub, wide, l.v(rd(insn)), b.vbinary(Opcode::VMul, wide, wn(), wm()));
      break;
    case 0xc:
      r = b.vbinary(Opcode::VMul, wide, wn(), wm());
      break;
    default:
      return false;
  }
  l.set_v(rd(insn), r);
  return true;
}

bool lift_SIMD_two_misc(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), u = bits(insn, 29, 1);
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 12, 5), esize = esize_of(size);
  if (opcode >= 0x0c && opcode != 0x12 && opcode != 0x13 && opcode != 0x14)
    return simd_fp_two_misc(l, insn);
  const Value a = l.v(rn(insn));
  Value r;
  switch (opcode) {
    case 0x00:
    case 0x01: {  // REV64, REV32, REV16: reverse lanes within containers
      const unsigned container = opcode == 1 ? 16 : (u ? 32 : 64);
      if (opcode == 1 && u) return false;
      if (esize >= container) return false;
      r = b.vunary(Opcode::VReverse, esize, a, container);
      break;
    }
    case 0x02:
    case 0x06: {  // SADDLP/UADDLP, SADALP/UADALP
      if (size == 3) return false;
      const unsigned wide = 2 * esize;
      const Value even =
          u ? b.vbinary(
                  Opcode::VAnd, 8, a,
                  b.vdup(wide, b.constant(ir::int_type_of_bits(wide), (uint64_t{1} << esize) - 1)))
            : b.vunary(Opcode::VShrAImm, wide, b.vunary(Opcode::VShlImm, wide, a, esize), esize);
      const Value odd = b.vunary(u ? Opcode::VShrLImm : Opcode::VShrAImm, wide, a, esize);
      r = b.vbinary(Opcode::VAdd, wide, even, odd);
      if (opcode == 0x06) r = b.vbinary(Opcode::VAdd, wide, l.v(rd(insn)), r);
      break;
    }
    case 0x04:  // CLS, CLZ
      if (size == 3) return false;
      r = b.vunary(u ? Opcode::VClz : Opcode::VCls, esize, a);
      break;
    case 0x05:  // CNT, NOT, RBIT
      if (!u && size == 0)
        r = b.vunary(Opcode::VPopcnt, 8, a);
      else if (u && size == 0)
        r = b.vunary(Opcode::VNot, 8, a);
      else if (u && size == 1)
        r = b.vunary(Opcode::VRbit, 8, a);
      else
        return false;
      break;
    case 0x12:  // XTN, XTN2; SQXTUN, SQXTUN2
      if (size == 3) return false;
      if (!u) {
        write_narrow(l, rd(insn), q, b.vunary(Opcode::VNarrow, 2 * esize, a));
        return true;
      }
      write_narrow(l, rd(insn), q, saturating_narrow(l, NarrowKind::SignedToUnsigned, esize, a));
      return true;
    case 0x13:  // SHLL, SHLL2: widen and shift left by the element size
      if (!u || size == 3) return false;
      l.set_v(rd(insn), b.vunary(Opcode::VShlImm, 2 * esize, widen(l, false, q, esize, a), esize));
      return true;
    case 0x03:  // SUQADD, USQADD
      if (size == 3 && !q) return false;
      r = accumulate_mixed_sign(l, u, esize, q, l.v(rd(insn)), a);
      break;
    case 0x07: {  // SQABS, SQNEG: MIN saturates to MAX
      if (size == 3 && !q) return false;
      const Value wrapped = b.vunary(u ? Opcode::VNeg : Opcode::VAbs, esize, a);
      const Type et = ir::int_type_of_bits(esize);
      const Value min = b.vdup(esize, b.constant(et, uint64_t{1} << (esize - 1)));
      // A lane equal to MIN after the op was MIN before it: add the all-ones (-1) mask.
      r = b.vbinary(Opcode::VAdd, esize, wrapped, b.vbinary(Opcode::VCmpEq, esize, wrapped, min));
      accrue_saturation(l, q, r, wrapped);
      break;
    }
    case 0x14:  // SQXTN, UQXTN (and the "2" forms)
      if (size == 3) return false;
      write_narrow(l, rd(insn), q,
                   saturating_narrow(l, u ? NarrowKind::Unsigned : NarrowKind::Signed, esize, a));
      return true;
    default:
      if (size == 3 && !q) return false;
      if (!int_two_misc_common(l, opcode, u, esize, a, r)) return false;
      break;
  }
  write_vec(l, rd(insn), q, r);
  return true;
}

// SADDLV/UADDLV, SMAXV/UMAXV, SMINV/UMINV, ADDV.
bool lift_SIMD_across(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), u = bits(insn, 29, 1);
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 12, 5), esize = esize_of(size);
  if (opcode == 0x0c || opcode == 0x0f) return simd_fp_across(l, insn);
  if (size == 3 || (size == 2 && !q)) return false;
  const Value a = l.v(rn(insn));
  // For a 64-bit source, min/max see the low half twice; sums see zeros in the upper half.
  const Value dup_low = q ? a : join_low_halves(l, a, a);
  const Value zero_high = l.clear_upper_if(q, a);
  Value r;
  switch (opcode) {
    case 0x03: {
      const unsigned wide = 2 * esize;
      Value sum = widen(l, !u, false, esize, zero_high);
      if (q) sum = b.vbinary(Opcode::VAdd, wide, sum, widen(l, !u, true, esize, a));
      r = b.vreduce(Opcode::VReduceAdd, ir::int_type_of_bits(wide), wide, sum);
      break;
    }
    case 0x0a:
      r = b.vreduce(u ? Opcode::VReduceMaxU : Opcode::VReduceMaxS, ir::int_type_of_bits(esize),
                    esize, dup_low);
      break;
    case 0x1a:
      r = b.vreduce(u ? Opcode::VReduceMinU : Opcode::VReduceMinS, ir::int_type_of_bits(esize),
                    esize, dup_low);
      break;
    case 0x1b:
      if (u) return false;
      r = b.vreduce(Opcode::VReduceAdd, ir::int_type_of_bits(esize), esize, zero_high);
      break;
    default:
      return false;
  }
  l.set_v_scalar(rd(insn), r);
  return true;
}

// Scalar ADDP (the only integer scalar pairwise op): Dd = Vn.d[0] + Vn.d[1].
bool lift_SIMD_scalar_pair(Lifter& l, uint32_t insn) {
  if (bits(insn, 29, 1) || bits(insn, 12, 5) != 0x1b) return simd_fp_scalar_pair(l, insn);
  if (bits(insn, 22, 2) != 3) return false;
  l.set_v_scalar(rd(insn), l.b.vreduce(Opcode::VReduceAdd, Type::I64, 64, l.v(rn(insn))));
  return true;
}

// Scalar three-same on D registers: ADD, SUB, CMEQ, CMTST, CMGT, CMGE, CMHI, CMHS, ...
// Scalar three-same: D-register integer ops, and the saturating ops at every size
// (SQADD, UQADD, SQSUB, UQSUB, SQSHL, UQSHL, SQRSHL, UQRSHL, SQDMULH, SQRDMULH).
bool lift_SIMD_scalar_three(Lifter& l, uint32_t insn) {
  const bool u = bits(insn, 29, 1);
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 11, 5), esize = esize_of(size);
  if (opcode >= 0x18) return simd_fp_scalar_three(l, insn);
  const bool saturating = opcode == 0x01 || opcode == 0x05 || opcode == 0x09 || opcode == 0x0b;
  if (opcode == 0x16) {
    if (size == 0 || size == 3) return false;
  } else if (size != 3) {
    if (!saturating) return false;
  } else if (three_same_op(opcode, u) == Opcode::Count && (opcode < 0x08 || opcode > 0x0b)) {
    return false;
  }
  Value r;
  if (!int_three_same(l, opcode, u, size, false, rd(insn), lane0_only(l, esize, l.v(rn(insn))),
                      lane0_only(l, esize, l.v(rm(insn))), r))
    return false;
  set_lane0(l, rd(insn), esize, r);
  return true;
}

// Scalar two-register misc: compares with zero, ABS, NEG (D), SQABS/SQNEG (any size),
// SQXTN/UQXTN/SQXTUN (narrowing into B, H, S).
bool lift_SIMD_scalar_two_misc(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool u = bits(insn, 29, 1);
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 12, 5), esize = esize_of(size);
  if (opcode == 0x14 || (opcode == 0x12 && u)) {
    if (size == 3) return false;
    const NarrowKind kind = opcode == 0x12 ? NarrowKind::SignedToUnsigned
                            : u            ? NarrowKind::Unsigned
                                           : NarrowKind::Signed;
    set_lane0(l, rd(insn), esize,
              saturating_narrow(l, kind, esize, lane0_only(l, 2 * esize, l.v(rn(insn)))));
    return true;
  }
  if (opcode >= 0x0c) return simd_fp_scalar_two_misc(l, insn);
  if (opcode == 0x03) {  // SUQADD, USQADD
    const Value r = accumulate_mixed_sign(l, u, esize, false, lane0_only(l, esize, l.v(rd(insn))),
                                          lane0_only(l, esize, l.v(rn(insn))));
    set_lane0(l, rd(insn), esize, r);
    return true;
  }
  if (opcode == 0x07) {  // SQABS, SQNEG
    const Value a = lane0_only(l, esize, l.v(rn(insn)));
    const Value wrapped = b.vunary(u ? Opcode::VNeg : Opcode::VAbs, esize, a);
    const Value min =
        b.vdup(esize, b.constant(ir::int_type_of_bits(esize), uint64_t{1} << (esize - 1)));
    const Value r =
        b.vbinary(Opcode::VAdd, esize, wrapped, b.vbinary(Opcode::VCmpEq, esize, wrapped, min));
    accrue_saturation(l, false, r, wrapped);
    set_lane0(l, rd(insn), esize, r);
    return true;
  }
  if (size != 3) return false;
  Value r;
  if (!int_two_misc_common(l, opcode, u, 64, l.v(rn(insn)), r)) return false;
  l.set_v_scalar(rd(insn), l.v_lo64(r));
  return true;
}

}  // namespace xisa::aarch64
