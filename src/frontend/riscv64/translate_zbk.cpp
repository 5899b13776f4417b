// Bit manipulation for cryptography (Volume I, "Scalar Cryptography": Zbkb, Zbkx), the RV64
// instructions Zbb and Zbc do not already give: pack, packh, packw, brev8 and the crossbar
// permutations xperm8/xperm4, all in plain IR. (Zbkb's rotations, andn/orn/xnor and rev8 are
// Zbb's lines; Zbkc's clmul/clmulh are Zbc's; zip/unzip are RV32-only.)
#include "frontend/riscv64/translate_int_common.h"

namespace xisa::riscv64 {

using ir::Builder;
using ir::Type;
using ir::Value;

namespace {

Value low_bits(Builder& b, Value x, unsigned n) {
  return b.and_(x, b.imm64((uint64_t{1} << n) - 1));
}

// rd = rs2's low half (of width bits) above rs1's low half.
template <unsigned kHalfBits>
Value pack(Builder& b, Value x, Value y) {
  return b.or_(low_bits(b, x, kHalfBits), b.shl(low_bits(b, y, kHalfBits), b.imm64(kHalfBits)));
}

// Every byte bit-reversed in place: swap neighbours, then pairs, then nibbles.
Value reverse_bits_in_bytes(Builder& b, Value x) {
  constexpr uint64_t kMasks[3] = {0x5555555555555555, 0x3333333333333333, 0x0f0f0f0f0f0f0f0f};
  for (unsigned i = 0; i < 3; ++i) {
    const Value shift = b.imm64(1u << i), mask = b.imm64(kMasks[i]);
    x = b.or_(b.and_(b.shr(x, shift), mask), b.shl(b.and_(x, mask), shift));
  }
  return x;
}

// xperm: element i of rd is element (element i of rs2) of rs1, or 0 past rs1's last element.
template <unsigned kElementBits>
Value crossbar(Builder& b, Value table, Value indices) {
  constexpr unsigned kCount = 64 / kElementBits;
  constexpr unsigned kLog2 = kElementBits == 8 ? 3 : 2;
  Value out = b.imm64(0);
  for (unsigned i = 0; i < kCount; ++i) {
    const Value index = low_bits(b, b.shr(indices, b.imm64(i * kElementBits)), kElementBits);
    Value element = low_bits(b, b.shr(table, b.shl(index, b.imm64(kLog2))), kElementBits);
    if (kCount < (1u << kElementBits))  // 8 bytes, indexed by a byte: the rest select 0
      element = b.select(b.ltu(index, b.imm64(kCount)), element, b.imm64(0));
    out = b.or_(out, b.shl(element, b.imm64(i * kElementBits)));
  }
  return out;
}

}  // namespace

bool lift_pack(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, pack<32>);
}
bool lift_packh(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, pack<8>);
}
// packw: the 32-bit pack of the low halfwords, sign-extended.
bool lift_packw(Lifter& l, uint32_t i) {
  Builder& b = l.b;
  const Value packed = pack<16>(b, l.x(rs1(i)), l.x(rs2(i)));
  l.set_x(rd(i), b.sext(Type::I64, b.trunc(Type::I32, packed)));
  return true;
}
bool lift_brev8(Lifter& l, uint32_t i) {
  l.set_x(rd(i), reverse_bits_in_bytes(l.b, l.x(rs1(i))));
  return true;
}
bool lift_xperm8(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, crossbar<8>);
}
bool lift_xperm4(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, crossbar<4>);
}

}  // namespace xisa::riscv64
