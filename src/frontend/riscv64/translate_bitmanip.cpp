// Bit manipulation: Zba, Zbb, Zbs (Volume I, chapter 28) in plain IR that backends compile
// inline, and Zbc's carry-less products through the shared helper. *.uw forms zero-extend the
// low word of rs1; *W forms compute in 32 bits and sign-extend, as in RV64I.
#include "frontend/common/carryless_multiply.h"
#include "frontend/riscv64/translate_int_common.h"

namespace xisa::riscv64 {

using ir::Builder;
using ir::Type;
using ir::Value;

namespace {

Value zext_word(Builder& b, Value v) {
  return b.zext(Type::I64, b.trunc(Type::I32, v));
}

// shNadd(.uw): rd = (rs1 << N) + rs2, rs1 zero-extended from 32 bits first for .uw.
template <unsigned N, bool Unsigned>
Value shift_add(Builder& b, Value x, Value y) {
  const Value base = Unsigned ? zext_word(b, x) : x;
  if constexpr (N == 0) return b.add(base, y);
  return b.add(b.shl(base, b.imm64(N)), y);
}

Value and_not(Builder& b, Value x, Value y) {
  return b.and_(x, b.not_(y));
}
Value or_not(Builder& b, Value x, Value y) {
  return b.or_(x, b.not_(y));
}
Value xor_not(Builder& b, Value x, Value y) {
  return b.not_(b.xor_(x, y));
}

using Compare = Value (Builder::*)(Value, Value);
template <Compare Less>
Value minimum(Builder& b, Value x, Value y) {
  return b.select((b.*Less)(x, y), x, y);
}
template <Compare Less>
Value maximum(Builder& b, Value x, Value y) {
  return b.select((b.*Less)(x, y), y, x);
}

// rd = op(rs1) for the unary Zbb forms; Word: op on the low 32 bits, result zero-extended
// (a count is never negative).
using Unary = Value (Builder::*)(Value);
template <Unary Op, bool Word>
bool lift_count(Lifter& l, uint32_t insn) {
  const Value x = l.x(rs1(insn));
  l.set_x(rd(insn), Word ? l.b.zext(Type::I64, (l.b.*Op)(low32(l, x))) : (l.b.*Op)(x));
  return true;
}

template <Type Narrow, bool Signed>
bool lift_extend(Lifter& l, uint32_t insn) {
  const Value low = l.b.trunc(Narrow, l.x(rs1(insn)));
  l.set_x(rd(insn), Signed ? l.b.sext(Type::I64, low) : l.b.zext(Type::I64, low));
  return true;
}

// orc.b: 0xff in every byte that is not zero. (b & 0x7f) + 0x7f carries into bit 7 exactly
// when the low seven bits are not all zero, and never out of the byte.
Value or_combine_bytes(Builder& b, Value x) {
  const Value low7 = b.imm64(0x7f7f7f7f7f7f7f7f);
  const Value top = b.and_(b.or_(b.add(b.and_(x, low7), low7), x), b.imm64(0x8080808080808080));
  return b.sub(b.shl(top, b.imm64(1)), b.shr(top, b.imm64(7)));  // 0x80 -> 0x100 - 0x01
}

// Zbs: the bit index is rs2 or shamt, modulo 64 (the IR's shifts take counts modulo the width).
Value single_bit(Builder& b, Value index) {
  return b.shl(b.imm64(1), index);
}
Value bit_clear(Builder& b, Value x, Value index) {
  return b.and_(x, b.not_(single_bit(b, index)));
}
Value bit_extract(Builder& b, Value x, Value index) {
  return b.and_(b.shr(x, index), b.imm64(1));
}
Value bit_invert(Builder& b, Value x, Value index) {
  return b.xor_(x, single_bit(b, index));
}
Value bit_set(Builder& b, Value x, Value index) {
  return b.or_(x, single_bit(b, index));
}

template <frontend::ClmulPart Part>
Value carryless(Builder& b, Value x, Value y) {
  return frontend::carryless_multiply(b, x, y, Part);
}

}  // namespace

// --- Zba ---
bool lift_add_uw(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, shift_add<0, true>);
}
bool lift_sh1add(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, shift_add<1, false>);
}
bool lift_sh2add(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, shift_add<2, false>);
}
bool lift_sh3add(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, shift_add<3, false>);
}
bool lift_sh1add_uw(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, shift_add<1, true>);
}
bool lift_sh2add_uw(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, shift_add<2, true>);
}
bool lift_sh3add_uw(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, shift_add<3, true>);
}
bool lift_slli_uw(Lifter& l, uint32_t i) {
  l.set_x(rd(i), l.b.shl(zext_word(l.b, l.x(rs1(i))), l.b.imm64(shamt6(i))));
  return true;
}

// --- Zbb ---
bool lift_andn(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, and_not);
}
bool lift_orn(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, or_not);
}
bool lift_xnor(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, xor_not);
}
bool lift_clz(Lifter& l, uint32_t i) {
  return lift_count<&Builder::clz, false>(l, i);
}
bool lift_ctz(Lifter& l, uint32_t i) {
  return lift_count<&Builder::ctz, false>(l, i);
}
bool lift_cpop(Lifter& l, uint32_t i) {
  return lift_count<&Builder::popcnt, false>(l, i);
}
bool lift_clzw(Lifter& l, uint32_t i) {
  return lift_count<&Builder::clz, true>(l, i);
}
bool lift_ctzw(Lifter& l, uint32_t i) {
  return lift_count<&Builder::ctz, true>(l, i);
}
bool lift_cpopw(Lifter& l, uint32_t i) {
  return lift_count<&Builder::popcnt, true>(l, i);
}
bool lift_sext_b(Lifter& l, uint32_t i) {
  return lift_extend<Type::I8, true>(l, i);
}
bool lift_sext_h(Lifter& l, uint32_t i) {
  return lift_extend<Type::I16, true>(l, i);
}
bool lift_zext_h(Lifter& l, uint32_t i) {
  return lift_extend<Type::I16, false>(l, i);
}
bool lift_max(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, maximum<&Builder::lts>);
}
bool lift_maxu(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, maximum<&Builder::ltu>);
}
bool lift_min(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, minimum<&Builder::lts>);
}
bool lift_minu(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, minimum<&Builder::ltu>);
}
bool lift_rol(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::rotl);
}
bool lift_ror(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::rotr);
}
bool lift_rolw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, &Builder::rotl);
}
bool lift_rorw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, &Builder::rotr);
}
bool lift_rori(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, &Builder::rotr, shamt6(i));
}
bool lift_roriw(Lifter& l, uint32_t i) {
  return lift_reg_imm_w(l, i, &Builder::rotr, shamt5(i));
}
bool lift_orc_b(Lifter& l, uint32_t i) {
  l.set_x(rd(i), or_combine_bytes(l.b, l.x(rs1(i))));
  return true;
}
bool lift_rev8(Lifter& l, uint32_t i) {
  l.set_x(rd(i), l.b.bswap(l.x(rs1(i))));
  return true;
}

// --- Zbc ---
bool lift_clmul(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, carryless<frontend::ClmulPart::Low>);
}
bool lift_clmulh(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, carryless<frontend::ClmulPart::High>);
}
bool lift_clmulr(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, carryless<frontend::ClmulPart::Reversed>);
}

// --- Zbs ---
bool lift_bclr(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, bit_clear);
}
bool lift_bext(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, bit_extract);
}
bool lift_binv(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, bit_invert);
}
bool lift_bset(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, bit_set);
}
bool lift_bclri(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, bit_clear, shamt6(i));
}
bool lift_bexti(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, bit_extract, shamt6(i));
}
bool lift_binvi(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, bit_invert, shamt6(i));
}
bool lift_bseti(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, bit_set, shamt6(i));
}

}  // namespace xisa::riscv64
