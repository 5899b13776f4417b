// BFloat16 (FEAT_BF16), Arm ARM C7.2: BFCVTN/BFCVTN2, BFDOT (vector and by element), BFMMLA and
// BFMLALB/BFMLALT (vector and by element); BFCVT (scalar) is in translate_fp.cpp. A BFloat16 is
// the upper half of a single, so BFMLAL widens by a shift and runs the single-precision FMADD
// helper under FPCR; BFDOT and BFMMLA run the FPCR-free BFDotAdd helper once per pair.
#include "frontend/aarch64/fp_helpers.h"
#include "frontend/aarch64/simd_common.h"

namespace xisa::aarch64 {

namespace {

// BFDotAdd(sum, n pair, m pair) on 32-bit lane bit patterns (i64).
Value dot_add(Lifter& l, Value sum, Value n_pair, Value m_pair) {
  return l.b.call(fp::bf16_dot_helper(), {sum, n_pair, m_pair});
}

}  // namespace

// BFCVTN (Q = 0) and BFCVTN2: the four singles of Vn rounded to BFloat16, into the low or the
// high half of Vd.
bool bf16_convert_narrow(Lifter& l, uint32_t insn) {
  const bool q = bits(insn, 30, 1);
  const Value n = l.v(rn(insn));
  const Value r = build_lanes(l, 16, 4, [&](unsigned i) {
    return l.b.call(fp::bf16_convert_helper(), {lane(l, n, 32, i)});
  });
  write_narrow(l, rd(insn), q, r);
  return true;
}

// BFDOT: each single of Vd plus the dot product of the BFloat16 pairs of Vn and Vm in its lane
// (or the pair H:L of Vm for every lane).
bool bf16_dot(Lifter& l, uint32_t insn, bool by_element) {
  const bool q = bits(insn, 30, 1);
  const Value d = l.v(rd(insn)), n = l.v(rn(insn)), m = l.v(rm(insn));
  const unsigned index = (bits(insn, 11, 1) << 1) | bits(insn, 21, 1);
  const Value r = build_lanes(l, 32, q ? 4 : 2, [&](unsigned i) {
    return dot_add(l, lane(l, d, 32, i), lane(l, n, 32, i), lane(l, m, 32, by_element ? index : i));
  });
  write_vec(l, rd(insn), q, r);
  return true;
}

// BFMMLA: Vd (2x2 singles) plus the 2x4 BFloat16 matrix Vn times the transpose of Vm (rows are
// the 64-bit halves), each sum a chain of two BFDotAdd steps.
bool bf16_matrix_mul_add(Lifter& l, uint32_t insn) {
  const Value d = l.v(rd(insn)), n = l.v(rn(insn)), m = l.v(rm(insn));
  const Value r = build_lanes(l, 32, 4, [&](unsigned k) {
    const unsigned i = k / 2, j = k % 2;
    const Value first = dot_add(l, lane(l, d, 32, k), lane(l, n, 32, 2 * i), lane(l, m, 32, 2 * j));
    return dot_add(l, first, lane(l, n, 32, 2 * i + 1), lane(l, m, 32, 2 * j + 1));
  });
  l.set_v(rd(insn), r);
  return true;
}

// BFMLALB (Q = 0) and BFMLALT: the even or odd BFloat16 lanes of Vn times those of Vm (or the
// element H:L:M of V0..V15), widened to single and added to Vd's singles, rounded once.
bool bf16_mul_add_long(Lifter& l, uint32_t insn, bool by_element) {
  ir::Builder& b = l.b;
  const unsigned top = bits(insn, 30, 1);
  const Value d = l.v(rd(insn)), n = l.v(rn(insn));
  const Value m = by_element ? l.v(bits(insn, 16, 4)) : l.v(rm(insn));
  const unsigned index =
      (bits(insn, 11, 1) << 2) | (bits(insn, 21, 1) << 1) | bits(insn, 20, 1);  // H:L:M
  auto widened = [&](Value v, unsigned i) { return b.shl(lane(l, v, 16, i), b.imm64(16)); };
  const Value r = build_lanes(l, 32, 4, [&](unsigned i) {
    return b.call(
        fp::fma_helper(0u, 32u),
        {widened(n, 2 * i + top), widened(m, by_element ? index : 2 * i + top), lane(l, d, 32, i)});
  });
  l.set_v(rd(insn), r);
  return true;
}

}  // namespace xisa::aarch64
