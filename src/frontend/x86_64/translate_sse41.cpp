// SSE4.1 (SDM vol. 1, 12.10) moves, blends, extracts/inserts and PTEST on the IR's v128 ops.
// (SSE4.1's lane-wise min/max/multiply/compare are in translate_sse_int.cpp's table, its
// helper-run integer forms in translate_sse_int_helpers.cpp, ROUND*/DP* in translate_sse_fp.cpp.)
#include <array>

#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Opcode;
using ir::Type;
using ir::Value;

namespace {

uint64_t imm8(const Lifter& l, unsigned i) {
  return l.op(i).imm.value.u & 0xff;
}

// A 128-bit source, or a narrower memory operand placed in lane 0.
Value source(Lifter& l, unsigned i, unsigned mem_bits) {
  if (l.is_mem(i) && mem_bits < 128)
    return l.b.vinsert_lane(mem_bits, l.b.vconst(0, 0),
                            l.b.load(ir::int_type_of_bits(mem_bits), l.address(i)), 0);
  return l.read_as(i, Type::V128);
}

// PMOVSX*/PMOVZX*: widen the low lanes of the source from `from` to `to` bits.
bool widen(Lifter& l, unsigned from, unsigned to, bool is_signed) {
  const unsigned mem_bits = 128 / (to / from);
  Value v = source(l, 1, mem_bits);
  for (unsigned w = from; w < to; w *= 2)
    v = l.b.vunary(is_signed ? Opcode::VWidenLoS : Opcode::VWidenLoU, w, v);
  l.set_xmm(0, v);
  return true;
}

// Byte-select mask constant: lane k (of lane_bytes) all ones where bit k of mask is set.
Value lane_mask(ir::Builder& b, unsigned lane_bytes, uint64_t mask) {
  uint64_t half[2] = {0, 0};
  for (unsigned byte = 0; byte < 16; ++byte)
    if ((mask >> (byte / lane_bytes)) & 1) half[byte / 8] |= uint64_t{0xff} << (8 * (byte % 8));
  return b.vconst(half[0], half[1]);
}

// PBLENDW/BLENDPS/BLENDPD: lanes from src where the immediate's bit is set.
bool blend_imm(Lifter& l, unsigned lane_bytes) {
  const Value m = lane_mask(l.b, lane_bytes, imm8(l, 2));
  l.set_xmm(0, l.b.vternary(Opcode::VBitSelect, m, l.read_as(1, Type::V128), l.xmm(0)));
  return true;
}

// PBLENDVB/BLENDVPS/BLENDVPD: lanes from src where the lane of the mask is negative: XMM0, the
// implicit operand 2 (a VEX form names it).
bool blend_var(Lifter& l, unsigned lane) {
  ir::Builder& b = l.b;
  const Value mask = l.is_xmm(2) ? l.xmm(2) : b.get_reg(Type::V128, xmm_offset(0));
  const Value m = b.vunary(Opcode::VShrAImm, lane, mask, lane - 1);
  l.set_xmm(0, b.vternary(Opcode::VBitSelect, m, l.read_as(1, Type::V128), l.xmm(0)));
  return true;
}

bool extract(Lifter& l, unsigned lane) {
  if (!l.is_xmm(1)) return false;
  const unsigned index = static_cast<unsigned>(imm8(l, 2) & (128 / lane - 1));
  const Value v = l.b.vextract_lane(ir::int_type_of_bits(lane), lane, l.xmm(1), index);
  if (l.is_mem(0))
    l.b.store(l.address(0), v);
  else
    l.write(0, l.b.zext(l.type(0), v));
  return true;
}

bool insert(Lifter& l, unsigned lane) {
  const unsigned index = static_cast<unsigned>(imm8(l, 2) & (128 / lane - 1));
  const Value v = l.read_as(1, ir::int_type_of_bits(lane));
  l.set_xmm(0, l.b.vinsert_lane(lane, l.xmm(0), v, index));
  return true;
}

}  // namespace

bool lift_pmovsxbw(Lifter& l) {
  return widen(l, 8, 16, true);
}
bool lift_pmovsxbd(Lifter& l) {
  return widen(l, 8, 32, true);
}
bool lift_pmovsxbq(Lifter& l) {
  return widen(l, 8, 64, true);
}
bool lift_pmovsxwd(Lifter& l) {
  return widen(l, 16, 32, true);
}
bool lift_pmovsxwq(Lifter& l) {
  return widen(l, 16, 64, true);
}
bool lift_pmovsxdq(Lifter& l) {
  return widen(l, 32, 64, true);
}
bool lift_pmovzxbw(Lifter& l) {
  return widen(l, 8, 16, false);
}
bool lift_pmovzxbd(Lifter& l) {
  return widen(l, 8, 32, false);
}
bool lift_pmovzxbq(Lifter& l) {
  return widen(l, 8, 64, false);
}
bool lift_pmovzxwd(Lifter& l) {
  return widen(l, 16, 32, false);
}
bool lift_pmovzxwq(Lifter& l) {
  return widen(l, 16, 64, false);
}
bool lift_pmovzxdq(Lifter& l) {
  return widen(l, 32, 64, false);
}

bool lift_pblendw(Lifter& l) {
  return blend_imm(l, 2);
}
bool lift_blendps(Lifter& l) {
  return blend_imm(l, 4);
}
bool lift_blendpd(Lifter& l) {
  return blend_imm(l, 8);
}
bool lift_pblendvb(Lifter& l) {
  return blend_var(l, 8);
}
bool lift_blendvps(Lifter& l) {
  return blend_var(l, 32);
}
bool lift_blendvpd(Lifter& l) {
  return blend_var(l, 64);
}

bool lift_pextrb(Lifter& l) {
  return extract(l, 8);
}
bool lift_pextrd(Lifter& l) {
  return extract(l, 32);
}
bool lift_pextrq(Lifter& l) {
  return extract(l, 64);
}
bool lift_extractps(Lifter& l) {
  return extract(l, 32);
}
bool lift_pinsrb(Lifter& l) {
  return insert(l, 8);
}
bool lift_pinsrd(Lifter& l) {
  return insert(l, 32);
}
bool lift_pinsrq(Lifter& l) {
  return insert(l, 64);
}

// INSERTPS: one dword (from a register lane or memory) into a lane, then a zero mask.
bool lift_insertps(Lifter& l) {
  ir::Builder& b = l.b;
  const uint64_t imm = imm8(l, 2);
  const Value v =
      l.is_mem(1) ? b.load(Type::I32, l.address(1))
                  : b.vextract_lane(Type::I32, 32, l.xmm(1), static_cast<unsigned>((imm >> 6) & 3));
  const Value r = b.vinsert_lane(32, l.xmm(0), v, static_cast<unsigned>((imm >> 4) & 3));
  l.set_xmm(0, b.vbinary(Opcode::VAnd, 8, r, lane_mask(b, 4, ~imm & 15)));
  return true;
}

// PTEST: ZF = (dst & src) == 0, CF = (~dst & src) == 0; the other flags clear.
bool lift_ptest(Lifter& l) {
  ir::Builder& b = l.b;
  const Value dst = l.xmm(0), src = l.read_as(1, Type::V128);
  auto all_zero = [&](Value v) {
    const Value lo = b.vextract_lane(Type::I64, 64, v, 0);
    const Value hi = b.vextract_lane(Type::I64, 64, v, 1);
    return b.zext(Type::I64, b.eq(b.or_(lo, hi), b.imm64(0)));
  };
  const Value zf = all_zero(b.vbinary(Opcode::VAnd, 8, dst, src));
  const Value cf = all_zero(b.vbinary(Opcode::VAndNot, 8, src, dst));
  l.set_eflags(b.or_(cf, b.shl(zf, b.imm64(kZF))));
  return true;
}

}  // namespace xisa::x86_64
