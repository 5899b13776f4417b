// Helpers shared by the Advanced SIMD translators: lane sizes, Q == 0 (64-bit) arrangements,
// pairwise operations and widening, all expressed with the generic v128 IR ops.
#pragma once

#include "frontend/aarch64/lifter.h"

namespace xisa::aarch64 {

// Floating-point opcodes of the SIMD classes (translate_simd_fp.cpp).
bool simd_fp_three_same(Lifter& l, uint32_t insn);
bool simd_fp_two_misc(Lifter& l, uint32_t insn);
bool simd_fp_scalar_pair(Lifter& l, uint32_t insn);
bool simd_fp_scalar_three(Lifter& l, uint32_t insn);
bool simd_fp_scalar_two_misc(Lifter& l, uint32_t insn);
bool simd_fp_across(Lifter& l, uint32_t insn);
// SCVTF/UCVTF/FCVTZS/FCVTZU (vector or scalar, fixed-point) from the shift-by-immediate class.
bool simd_fp_fixed(Lifter& l, uint32_t insn, bool scalar);

// FPSR.QC (bit 27) accrues when `saturated` and `wrapped` differ in the arrangement's lanes
// (accrue_saturation), or when any lane of `mask` is set (accrue_any).
void accrue_saturation(Lifter& l, bool q, Value saturated, Value wrapped);
void accrue_any(Lifter& l, bool q, Value mask);
enum class NarrowKind : uint8_t { Signed, Unsigned, SignedToUnsigned };
// Lanes of 2*esize clamped to the esize range (QC accrues when clamped), then narrowed into the
// low 64 bits.
Value saturating_narrow(Lifter& l, NarrowKind kind, unsigned esize, Value a);
// SQSHL/UQSHL/SQSHLU: lanes of a shifted left by the (unsigned, < 256) lanes of count,
// clamped to the range of `kind` (Signed, Unsigned, or signed in and unsigned out); `clipped`
// gets all-ones in the lanes that saturated (the caller accrues QC from it).
Value saturating_shift_left(Lifter& l, NarrowKind kind, unsigned esize, Value a, Value count,
                            Value& clipped);
// SQDMULL (accumulate 0), SQDMLAL (+1), SQDMLSL (-1): 2 * a * m in lanes of twice esize from
// the low or high half of a and the low half of m, saturating, accumulated into acc.
Value doubling_mul_long(Lifter& l, int accumulate, unsigned esize, bool high, Value a, Value m,
                        Value acc);
// SQDMULH (round == false) and SQRDMULH on esize lanes (16 or 32) of a and m.
Value doubling_mul_high(Lifter& l, bool round, unsigned esize, bool q, Value a, Value m);
// SQRDMLAH (subtract == false) and SQRDMLSH on esize lanes (16 or 32): acc plus or minus the
// rounded doubled high half of a * m, saturating (QC accrues).
Value rounding_doubling_mul_accumulate(Lifter& l, bool subtract, unsigned esize, bool q, Value a,
                                       Value m, Value acc);
// FCADD (rot270: 270 rather than 90 degrees) and FCMLA (rot 0..3: 0, 90, 180, 270 degrees) of
// FEAT_FCMA on esize 32 or 64 lanes (translate_simd_complex.cpp); they write Vd.
bool complex_add(Lifter& l, uint32_t insn, unsigned esize, bool q, bool rot270);
bool complex_multiply_add_vector(Lifter& l, uint32_t insn, unsigned esize, bool q, unsigned rot);
bool complex_multiply_add_element(Lifter& l, uint32_t insn, bool q);
// FEAT_BF16 (translate_simd_bf16.cpp): BFCVTN/BFCVTN2, BFDOT, BFMMLA, BFMLALB/BFMLALT.
bool bf16_convert_narrow(Lifter& l, uint32_t insn);
bool bf16_dot(Lifter& l, uint32_t insn, bool by_element);
bool bf16_matrix_mul_add(Lifter& l, uint32_t insn);
bool bf16_mul_add_long(Lifter& l, uint32_t insn, bool by_element);
// FMLAL/FMLAL2/FMLSL/FMLSL2 (FEAT_FHM), vector or by element (translate_simd_fhm.cpp).
bool fp_mul_add_long(Lifter& l, uint32_t insn, bool by_element);
// SDOT/UDOT/USDOT/SUDOT: each 32-bit lane of acc plus the four byte products of n and m in it.
Value dot_product(Lifter& l, bool n_unsigned, bool m_unsigned, bool q, Value acc, Value n, Value m);

inline unsigned esize_of(unsigned size) {
  return 8u << size;
}

// Lane i of v zero-extended to i64 (a scalar FP helper's argument).
inline Value lane(Lifter& l, Value v, unsigned esize, unsigned i) {
  return l.b.zext(Type::I64, l.b.vextract_lane(ir::int_type_of_bits(esize), esize, v, i));
}
// A vector whose lanes 0..count-1 are f(lane) (i64 bit patterns, as helpers return them), the
// rest zero.
template <typename LaneFn>
Value build_lanes(Lifter& l, unsigned esize, unsigned count, const LaneFn& f) {
  Value v = l.vzero();
  const Type et = ir::int_type_of_bits(esize);
  for (unsigned i = 0; i < count; ++i) v = l.b.vinsert_lane(esize, v, l.b.trunc(et, f(i)), i);
  return v;
}

// Lane 0 of v alone (the other lanes zero), so a scalar op cannot saturate elsewhere.
inline Value lane0_only(Lifter& l, unsigned esize, Value v) {
  const Type et = ir::int_type_of_bits(esize);
  return l.b.vinsert_lane(esize, l.vzero(), l.b.vextract_lane(et, esize, v, 0), 0);
}
// Writes lane 0 of v as the scalar result (B, H, S or D), zeroing the rest of Vd.
inline void set_lane0(Lifter& l, unsigned rd_, unsigned esize, Value v) {
  l.set_v_scalar(rd_, l.b.vextract_lane(ir::int_type_of_bits(esize), esize, v, 0));
}

// Writes a vector result, zeroing bits 127:64 for a 64-bit arrangement.
inline void write_vec(Lifter& l, unsigned rd, bool q, Value v) {
  l.set_v(rd, l.clear_upper_if(q, v));
}

// [a.lo64, b.lo64]: the two 64-bit halves of a Q == 0 operation joined into one vector.
inline Value join_low_halves(Lifter& l, Value a, Value b) {
  return l.b.vbinary(Opcode::VZipLo, 64, a, b);
}

// Pairwise op (ADDP, UMAXP, ...): op over the adjacent lanes of the concatenation b:a.
inline Value pairwise(Lifter& l, Opcode op, unsigned esize, bool q, Value a, Value b) {
  ir::Builder& ir = l.b;
  if (!q) {  // concatenation of two 64-bit vectors is one register's worth
    const Value c = join_low_halves(l, a, b);
    return ir.vbinary(op, esize, ir.vbinary(Opcode::VUnzipEven, esize, c, c),
                      ir.vbinary(Opcode::VUnzipOdd, esize, c, c));
  }
  return ir.vbinary(op, esize, ir.vbinary(Opcode::VUnzipEven, esize, a, b),
                    ir.vbinary(Opcode::VUnzipOdd, esize, a, b));
}

// The low (part == false) or high half's lanes of v widened to twice esize.
inline Value widen(Lifter& l, bool is_signed, bool high, unsigned esize, Value v) {
  const Opcode op = high ? (is_signed ? Opcode::VWidenHiS : Opcode::VWidenHiU)
                         : (is_signed ? Opcode::VWidenLoS : Opcode::VWidenLoU);
  return l.b.vunary(op, esize, v);
}

// Narrowed lanes (low 64 bits) written as the low half (Q == 0, upper zeroed) or, for the "2"
// forms, as the high half keeping Vd's low half.
inline void write_narrow(Lifter& l, unsigned rd, bool q, Value narrowed) {
  if (!q) return l.set_v(rd, narrowed);
  l.set_v(rd, join_low_halves(l, l.v(rd), narrowed));
}

}  // namespace xisa::aarch64
