// Complex-number arithmetic (FEAT_FCMA), Arm ARM C7.2 FCADD, FCMLA (vector and by element):
// even lanes hold real parts, odd lanes imaginary ones. Each lane is one scalar FP helper call
// (the fused multiply-add or the add of fp_ops_fenv.cpp), so rounding, FZ, DN and the FPSR
// flags are the scalar instructions'. The operand negations the rotations ask for are sign
// flips (FPNeg), done before the operation. Half, single and double precision.
#include "frontend/aarch64/fp_helpers.h"
#include "frontend/aarch64/simd_common.h"

namespace xisa::aarch64 {

namespace {

Value negated(Lifter& l, Value bits, unsigned esize) {
  return l.b.xor_(bits, l.b.imm64(uint64_t{1} << (esize - 1)));
}

// FCMLA on `count` lanes: d[2k] += n[2k or 2k+1] * m', d[2k+1] += ... by the rotation (0, 90,
// 180, 270 degrees as 0..3). m_pair(k, 0 or 1) gives the real or imaginary part of m's pair k.
template <typename MPair>
Value complex_multiply_add(Lifter& l, unsigned rot, unsigned esize, unsigned count, Value d,
                           Value n, const MPair& m_pair) {
  const auto& fma = fp::fma_helper(0, esize);
  const unsigned n_part =
      rot & 1;  // 0 and 180 multiply by n's real part, 90 and 270 by its imaginary
  return build_lanes(l, esize, count, [&](unsigned i) {
    const unsigned k = i / 2;
    const bool imaginary = i & 1;
    // Real result lane: m's real (0, 180) or imaginary (90, 270) part; imaginary lane: the other.
    Value factor = m_pair(k, imaginary != (n_part == 1));
    const bool negate = imaginary ? (rot == 2 || rot == 3) : (rot == 1 || rot == 2);
    if (negate) factor = negated(l, factor, esize);
    return l.b.call(fma, {lane(l, n, esize, 2 * k + n_part), factor, lane(l, d, esize, i)});
  });
}

}  // namespace

// FCADD (vector): n + m rotated by 90 (rot = 0) or 270 (rot = 1) degrees.
bool complex_add(Lifter& l, uint32_t insn, unsigned esize, bool q, bool rot270) {
  const unsigned count = (q ? 128 : 64) / esize;
  const Value n = l.v(rn(insn)), m = l.v(rm(insn));
  const auto& add = fp::binary_helper(esize);
  const Value r = build_lanes(l, esize, count, [&](unsigned i) {
    const bool imaginary = i & 1;
    Value other = lane(l, m, esize, imaginary ? i - 1 : i + 1);
    if (imaginary == rot270) other = negated(l, other, esize);
    return l.b.call(
        add, {lane(l, n, esize, i), other, l.b.imm64(static_cast<uint64_t>(fp::Binary::Add))});
  });
  write_vec(l, rd(insn), q, r);
  return true;
}

// FCMLA (vector).
bool complex_multiply_add_vector(Lifter& l, uint32_t insn, unsigned esize, bool q, unsigned rot) {
  const unsigned count = (q ? 128 : 64) / esize;
  const Value m = l.v(rm(insn));
  const Value r = complex_multiply_add(
      l, rot, esize, count, l.v(rd(insn)), l.v(rn(insn)),
      [&](unsigned k, bool imaginary) { return lane(l, m, esize, 2 * k + imaginary); });
  write_vec(l, rd(insn), q, r);
  return true;
}

// FCMLA (by element): the pair `index` of Vm (M:Rm) for every pair of Vn; single precision
// (.4S, index H) or half (.4H with index H:L < 2, .8H with H:L).
bool complex_multiply_add_element(Lifter& l, uint32_t insn, bool q) {
  const unsigned size = bits(insn, 22, 2), h = bits(insn, 11, 1), lo = bits(insn, 21, 1);
  if (size == 2 && (lo || !q)) return false;
  if (size != 1 && size != 2) return false;
  if (size == 1 && h && !q) return false;
  const unsigned esize = size == 1 ? 16 : 32, index = size == 1 ? (h << 1) | lo : h;
  const unsigned rot = bits(insn, 13, 2), count = (q ? 128 : 64) / esize;
  const Value m = l.v(bits(insn, 16, 5));
  const Value r = complex_multiply_add(
      l, rot, esize, count, l.v(rd(insn)), l.v(rn(insn)),
      [&](unsigned, bool imaginary) { return lane(l, m, esize, 2 * index + imaginary); });
  write_vec(l, rd(insn), q, r);
  return true;
}

}  // namespace xisa::aarch64
