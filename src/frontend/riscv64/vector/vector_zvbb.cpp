// Zvbb, the vector basic bit-manipulation extension (and its subset Zvkb): the element
// operations OPI's table does not hold itself. vandn, vrol and vror are rows of kOpi
// (vector_opi.cpp) using rotate_right; the unary operations live in the VXUNARY0 encoding
// space beside vzext/vsext (kOpm); vwsll is a widening OPI instruction. No branch or lookup
// here depends on an element's value (Zvkt, see the capability matrix).
#include <bit>

#include "frontend/riscv64/vector/vector_unit.h"

namespace xisa::riscv64::vector {

namespace {

// The vs1 field of the VXUNARY0 forms Zvbb adds.
enum BitUnary : unsigned {
  kBrev8 = 8,  // bits reversed in each byte
  kRev8 = 9,   // bytes reversed in the element
  kBrev = 10,  // all SEW bits reversed
  kClz = 12,
  kCtz = 13,
  kCpop = 14,
};

uint64_t reverse_bytes(uint64_t v, unsigned sew) {
  return __builtin_bswap64(v) >> (64 - sew);
}
uint64_t reverse_bits_in_bytes(uint64_t v) {
  v = ((v >> 1) & 0x5555555555555555ull) | ((v & 0x5555555555555555ull) << 1);
  v = ((v >> 2) & 0x3333333333333333ull) | ((v & 0x3333333333333333ull) << 2);
  return ((v >> 4) & 0x0f0f0f0f0f0f0f0full) | ((v & 0x0f0f0f0f0f0f0f0full) << 4);
}

// e is zero-extended from SEW.
uint64_t bit_unary(unsigned code, uint64_t e, unsigned sew) {
  switch (code) {
    case kBrev8:
      return reverse_bits_in_bytes(e);
    case kRev8:
      return reverse_bytes(e, sew);
    case kBrev:
      return reverse_bits_in_bytes(reverse_bytes(e, sew));
    case kClz:  // countl_zero(0) is 64
      return static_cast<uint64_t>(std::countl_zero(e)) - (64 - sew);
    case kCtz:  // a bit above the element stops the count at SEW
      return static_cast<uint64_t>(std::countr_zero(e | (sew < 64 ? uint64_t{1} << sew : 0)));
    default:
      return static_cast<uint64_t>(std::popcount(e));
  }
}

}  // namespace

uint64_t rotate_right(uint64_t a, uint64_t amount, unsigned sew) {
  const unsigned n = amount & (sew - 1);
  const uint64_t e = zext(a, sew);
  return zext((e >> n) | (e << ((sew - n) & (sew - 1))), sew);
}

bool exec_bit_unary(VectorUnit& u) {
  const uint32_t insn = u.insn();
  const unsigned code = f_rs1(insn), vd = f_vd(insn), vs2 = f_rs2(insn);
  if (code != kBrev8 && code != kRev8 && code != kBrev && code != kClz && code != kCtz &&
      code != kCpop)
    return false;
  const Vtype t = u.vtype();
  if (!aligned(vd, t.lmul_log2) || !aligned(vs2, t.lmul_log2) || !mask_overlap_ok(u, vd))
    return false;
  u.for_each_active(
      [&](uint64_t i) { u.set(vd, i, t.sew, bit_unary(code, u.get(vs2, i, t.sew), t.sew)); });
  return true;
}

// vwsll.vv/.vx/.vi: vd (2*SEW) = zext(vs2[i]) << (the low log2(2*SEW) bits of the amount).
bool exec_widening_shift(VectorUnit& u, uint64_t scalar) {
  const uint32_t insn = u.insn();
  const unsigned vd = f_vd(insn), vs2 = f_rs2(insn), vs1 = f_rs1(insn), sew = u.vtype().sew;
  const bool vector_amount = f_funct3(insn) == 0;
  if (!widening_ok(u, vd, vs2, vs1, vector_amount, false)) return false;
  u.for_each_active([&](uint64_t i) {
    const uint64_t amount = vector_amount ? u.get(vs1, i, sew) : scalar;
    u.set(vd, i, 2 * sew, u.get(vs2, i, sew) << (amount & (2 * sew - 1)));
  });
  return true;
}

}  // namespace xisa::riscv64::vector
