// FMLAL, FMLAL2, FMLSL, FMLSL2 (FEAT_FHM), vector and by element, Arm ARM C7.2: single-precision
// lanes of Vd plus (or minus) the products of half-precision lanes of Vn and Vm, widened exactly
// and rounded once (FPMulAddH), one FP helper call per lane. The "2" forms take the upper half
// of the half-precision lanes.
#include "frontend/aarch64/fp_helpers.h"
#include "frontend/aarch64/simd_common.h"

namespace xisa::aarch64 {

// Vector (U = upper, bit 23 = subtract) and by element (U = upper, bit 14 = subtract; the
// element H:L:M of V0..V15).
bool fp_mul_add_long(Lifter& l, uint32_t insn, bool by_element) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), upper = bits(insn, 29, 1);
  const bool subtract = bits(insn, by_element ? 14 : 23, 1);
  const unsigned count = q ? 4 : 2, first = upper ? count : 0;
  const Value n = l.v(rn(insn)), acc = l.v(rd(insn));
  const Value m = by_element ? l.v(bits(insn, 16, 4)) : l.v(rm(insn));
  const unsigned index =
      (bits(insn, 11, 1) << 2) | (bits(insn, 21, 1) << 1) | bits(insn, 20, 1);  // H:L:M
  const Value r = build_lanes(l, 32, count, [&](unsigned i) {
    const Value m_half = lane(l, m, 16, by_element ? index : first + i);
    const Value halves = b.or_(lane(l, n, 16, first + i), b.shl(m_half, b.imm64(16)));
    return b.call(fp::mul_add_half_helper(), {lane(l, acc, 32, i), halves, b.imm64(subtract)});
  });
  write_vec(l, rd(insn), q, r);
  return true;
}

}  // namespace xisa::aarch64
