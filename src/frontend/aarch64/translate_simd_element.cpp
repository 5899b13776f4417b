// Advanced SIMD vector x indexed element, Arm ARM C4.1.90: MUL, MLA, MLS, SMULL/UMULL,
// SMLAL/UMLAL, SMLSL/UMLSL (and "2" forms), SQDMULH/SQRDMULH, SQRDMLAH/SQRDMLSH, SDOT/UDOT,
// USDOT/SUDOT, FCMLA, FMLAL/FMLSL, FMUL, FMULX, FMLA, FMLS (half, single, double), vector and
// scalar. The element is broadcast,
// then the ordinary vector operation runs.
#include "frontend/aarch64/fp_helpers.h"
#include "frontend/aarch64/simd_common.h"

namespace xisa::aarch64 {

namespace {

// Rm and the element index: H:L:M with a 4-bit Rm for 16-bit elements, H:L (and M:Rm) for
// 32-bit, H for 64-bit.
struct Element {
  unsigned reg;
  unsigned index;
};
Element decode_element(uint32_t insn, unsigned esize) {
  const unsigned h = bits(insn, 11, 1), lo = bits(insn, 21, 1), m = bits(insn, 20, 1);
  switch (esize) {
    case 16:
      return {bits(insn, 16, 4), (h << 2) | (lo << 1) | m};
    case 32:
      return {bits(insn, 16, 5), (h << 1) | lo};
    default:
      return {bits(insn, 16, 5), h};
  }
}

Value broadcast_element(Lifter& l, uint32_t insn, unsigned esize) {
  const Element e = decode_element(insn, esize);
  const Value lane = l.b.vextract_lane(ir::int_type_of_bits(esize), esize, l.v(e.reg), e.index);
  return l.b.vdup(esize, lane);
}

// The FP element size of a by-element encoding: size 00 half (FEAT_FP16), 10 single, 11 double.
unsigned fp_element_size(uint32_t insn) {
  static constexpr unsigned kSizes[4] = {16, 0, 32, 64};
  return kSizes[bits(insn, 22, 2)];
}

// FMUL, FMULX, FMLA, FMLS by element on `count` lanes.
bool fp_by_element(Lifter& l, uint32_t insn, unsigned opcode, bool u, unsigned count, Value& r) {
  ir::Builder& b = l.b;
  const unsigned esize = fp_element_size(insn);
  if (esize == 0 || (esize == 64 && bits(insn, 21, 1))) return false;
  if (u ? opcode != 0x9 : (opcode != 0x1 && opcode != 0x5 && opcode != 0x9)) return false;
  const Value n = l.v(rn(insn)), m = broadcast_element(l, insn, esize), acc = l.v(rd(insn));
  const Type et = ir::int_type_of_bits(esize);
  auto lane = [&](Value v, unsigned i) {
    return b.zext(Type::I64, b.vextract_lane(et, esize, v, i));
  };
  r = l.vzero();
  for (unsigned i = 0; i < count; ++i) {
    Value x;
    if (opcode == 0x9 && u) {  // FMULX
      x = b.call(fp::step_helper(esize),
                 {lane(n, i), lane(m, i), b.imm64(static_cast<uint64_t>(fp::Step::MulX))});
    } else if (opcode == 0x9) {
      x = b.call(fp::binary_helper(esize),
                 {lane(n, i), lane(m, i), b.imm64(static_cast<uint64_t>(fp::Binary::Mul))});
    } else {
      x = b.call(fp::fma_helper(opcode == 0x5 ? 1u : 0u, esize),
                 {lane(n, i), lane(m, i), lane(acc, i)});
    }
    r = b.vinsert_lane(esize, r, b.trunc(et, x), i);
  }
  return true;
}

}  // namespace

bool lift_SIMD_elem(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), u = bits(insn, 29, 1);
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 12, 4);
  if (!u && opcode == 0xf && (size & 1))  // BFDOT (size 01), BFMLALB/T (size 11) (FEAT_BF16)
    return size == 1 ? bf16_dot(l, insn, true) : bf16_mul_add_long(l, insn, true);
  if (u && (opcode & 1) && opcode < 8) return complex_multiply_add_element(l, insn, q);  // FCMLA
  if (size == 2 && (opcode & 3) == 0 && (opcode >> 3) == u)  // FMLAL, FMLSL (0000, 0100; 2: 1x00)
    return fp_mul_add_long(l, insn, true);
  if (size != 1 && (opcode == 0x1 || opcode == 0x5 || opcode == 0x9)) {  // FMLA, FMLS, FMUL
    const unsigned esize = fp_element_size(insn);
    if (esize == 64 && !q) return false;
    Value r;
    if (!fp_by_element(l, insn, opcode, u, (q ? 128 : 64) / esize, r)) return false;
    write_vec(l, rd(insn), q, r);
    return true;
  }
  // SDOT, UDOT; USDOT (size 10), SUDOT (size 00) of FEAT_I8MM (by element): a 32-bit group of
  // four bytes, H:L.
  if (opcode == 0xe || (opcode == 0xf && !u && (size == 0 || size == 2))) {
    if (opcode == 0xe && size != 2) return false;
    const bool n_unsigned = opcode == 0xe ? u : size == 2,
               m_unsigned = opcode == 0xe ? u : size == 0;
    l.set_v(rd(insn), dot_product(l, n_unsigned, m_unsigned, q, l.v(rd(insn)), l.v(rn(insn)),
                                  broadcast_element(l, insn, 32)));
    return true;
  }
  if (size == 0 || size == 3) return false;
  const unsigned esize = esize_of(size), wide = 2 * esize;
  const Value n = l.v(rn(insn)), m = broadcast_element(l, insn, esize);
  switch (opcode) {
    case 0x3:
    case 0x7:
    case 0xb: {  // SQDMLAL, SQDMLSL, SQDMULL (by element)
      if (u) return false;
      const int acc = opcode == 0x3 ? 1 : opcode == 0x7 ? -1 : 0;
      l.set_v(rd(insn), doubling_mul_long(l, acc, esize, q, n, m, l.v(rd(insn))));
      return true;
    }
    case 0xc:
    case 0xd:  // SQDMULH, SQRDMULH; SQRDMLAH (U = 1) (by element)
      if (u && opcode == 0xd) {
        write_vec(l, rd(insn), q,
                  rounding_doubling_mul_accumulate(l, false, esize, q, n, m, l.v(rd(insn))));
        return true;
      }
      if (u) return false;
      write_vec(l, rd(insn), q, doubling_mul_high(l, opcode == 0xd, esize, q, n, m));
      return true;
    case 0xf:  // SQRDMLSH (by element)
      if (!u) return false;
      write_vec(l, rd(insn), q,
                rounding_doubling_mul_accumulate(l, true, esize, q, n, m, l.v(rd(insn))));
      return true;
    case 0x8:  // MUL
      if (u) return false;
      write_vec(l, rd(insn), q, b.vbinary(Opcode::VMul, esize, n, m));
      return true;
    case 0x0:
    case 0x4: {  // MLA, MLS
      if (!u) return false;
      const Value p = b.vbinary(Opcode::VMul, esize, n, m);
      write_vec(l, rd(insn), q,
                b.vbinary(opcode == 0 ? Opcode::VAdd : Opcode::VSub, esize, l.v(rd(insn)), p));
      return true;
    }
    case 0xa:
    case 0x2:
    case 0x6: {  // SMULL/UMULL, SMLAL/UMLAL, SMLSL/UMLSL
      const Value p =
          b.vbinary(Opcode::VMul, wide, widen(l, !u, q, esize, n), widen(l, !u, false, esize, m));
      Value r = p;
      if (opcode == 0x2) r = b.vbinary(Opcode::VAdd, wide, l.v(rd(insn)), p);
      if (opcode == 0x6) r = b.vbinary(Opcode::VSub, wide, l.v(rd(insn)), p);
      l.set_v(rd(insn), r);
      return true;
    }
    default:
      return false;
  }
}

// FMUL, FMLA, FMLS; SQRDMLAH, SQRDMLSH (by element, scalar).
bool lift_SIMD_scalar_elem(Lifter& l, uint32_t insn) {
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 12, 4);
  if (bits(insn, 29, 1) && (opcode == 0xd || opcode == 0xf) && (size == 1 || size == 2)) {
    const unsigned esize = esize_of(size);
    const Value r = rounding_doubling_mul_accumulate(
        l, opcode == 0xf, esize, false, lane0_only(l, esize, l.v(rn(insn))),
        lane0_only(l, esize, broadcast_element(l, insn, esize)),
        lane0_only(l, esize, l.v(rd(insn))));
    set_lane0(l, rd(insn), esize, r);
    return true;
  }
  Value r;
  if (!fp_by_element(l, insn, bits(insn, 12, 4), bits(insn, 29, 1), 1, r)) return false;
  l.set_v(rd(insn), r);
  return true;
}

}  // namespace xisa::aarch64
