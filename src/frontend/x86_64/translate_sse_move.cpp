// SSE/SSE2 data movement (SDM vol. 1, 10.4.1, 11.4.1): whole-register moves, MOVD/MOVQ,
// scalar MOVSS/MOVSD, half-register MOVH*/MOVL*, non-temporal stores.
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

Value zero_v(Lifter& l) {
  return l.b.vconst(0, 0);
}

// A scalar of type t placed in lane 0 of an otherwise zero vector.
Value zero_extend_v(Lifter& l, Value scalar) {
  const unsigned bits = ir::type_bits(scalar.type);
  return l.b.vinsert_lane(bits, zero_v(l), scalar, 0);
}

}  // namespace

// MOVDQA/MOVDQU/MOVAPS/MOVUPS/MOVAPD/MOVUPD/LDDQU/MOVNT*: 128 bits, register or memory.
// Into a register it moves two 64-bit halves, so that scalar FP code reading the low half of
// the copy gets the value forwarded instead of a round trip through the state.
bool lift_movv(Lifter& l) {
  if (l.is_xmm(0) && !l.is_mem(1)) {
    const uint32_t dst = xmm_offset(l.xmm_index(0)), src = xmm_offset(l.xmm_index(1));
    const Value lo = l.b.get_reg(Type::I64, src), hi = l.b.get_reg(Type::I64, src + 8);
    l.b.set_reg(dst, lo);
    l.b.set_reg(dst + 8, hi);
    return true;
  }
  const Value v = l.read_as(1, Type::V128);
  if (l.is_xmm(0))
    l.set_xmm(0, v);
  else
    l.b.store(l.address(0), v);
  return true;
}

// MOVD/MOVQ in every direction; writing an XMM register zeroes the rest of it.
bool lift_movd(Lifter& l) {
  const Type t = ir::int_type_of_bits(l.bits(0) < l.bits(1) ? l.bits(0) : l.bits(1));
  const Value v = l.read_as(1, t);
  if (l.is_xmm(0))
    l.set_xmm(0, zero_extend_v(l, v));
  else
    l.write(0, v);
  return true;
}

// MOVSS/MOVSD (the SSE forms): a load zeroes the upper lanes, a register move keeps them.
// The low lane is read and written on its own (as the FP arithmetic does), not as a vector.
namespace {
bool lift_movs_scalar(Lifter& l, unsigned bits) {
  ir::Builder& b = l.b;
  const Type t = ir::int_type_of_bits(bits);
  if (l.is_mem(0)) {
    b.store(l.address(0), b.get_reg(t, xmm_offset(l.xmm_index(1))));
    return true;
  }
  const uint32_t dst = xmm_offset(l.xmm_index(0));
  if (l.is_mem(1)) {
    b.set_reg(dst, b.load(t, l.address(1)));
    if (bits == 32) b.set_reg(dst + 4, b.imm32(0));
    b.set_reg(dst + 8, b.imm64(0));
  } else {
    b.set_reg(dst, b.get_reg(t, xmm_offset(l.xmm_index(1))));
  }
  return true;
}
}  // namespace

bool lift_movss(Lifter& l) {
  return lift_movs_scalar(l, 32);
}

// MOVHPS/MOVHPD (lane 1) and MOVLPS/MOVLPD (lane 0): 64 bits to or from memory.
namespace {
bool move_half(Lifter& l, unsigned lane) {
  if (l.is_mem(0)) {
    l.b.store(l.address(0), l.b.vextract_lane(Type::I64, 64, l.xmm(1), lane));
  } else {
    if (!l.is_mem(1)) return false;  // MOVHLPS/MOVLHPS have their own mnemonics
    l.set_xmm(0, l.b.vinsert_lane(64, l.xmm(0), l.b.load(Type::I64, l.address(1)), lane));
  }
  return true;
}
}  // namespace

bool lift_movhps(Lifter& l) {
  return move_half(l, 1);
}
bool lift_movlps(Lifter& l) {
  return move_half(l, 0);
}

bool lift_movhlps(Lifter& l) {
  const Value hi = l.b.vextract_lane(Type::I64, 64, l.xmm(1), 1);
  l.set_xmm(0, l.b.vinsert_lane(64, l.xmm(0), hi, 0));
  return true;
}

bool lift_movlhps(Lifter& l) {
  const Value lo = l.b.vextract_lane(Type::I64, 64, l.xmm(1), 0);
  l.set_xmm(0, l.b.vinsert_lane(64, l.xmm(0), lo, 1));
  return true;
}

// MOVSD and CMPSD name both a string instruction and an SSE2 scalar one.
bool lift_movsd(Lifter& l) {
  if (l.in->d.operand_count_visible == 0 || !(l.is_xmm(0) || l.is_xmm(1))) return lift_string(l);
  return lift_movs_scalar(l, 64);
}

}  // namespace xisa::x86_64
