// Operand fields of RV64 instruction formats (Volume I, chapter 2.2-2.3).
#pragma once

#include <cstdint>

#include "frontend/common/bit_pattern.h"

namespace xisa::riscv64 {

using frontend::bits;
using frontend::sign_extend;

constexpr unsigned rd(uint32_t i) {
  return bits(i, 7, 5);
}
constexpr unsigned rs1(uint32_t i) {
  return bits(i, 15, 5);
}
constexpr unsigned rs2(uint32_t i) {
  return bits(i, 20, 5);
}
constexpr unsigned rs3(uint32_t i) {
  return bits(i, 27, 5);
}
constexpr unsigned funct3(uint32_t i) {
  return bits(i, 12, 3);
}  // also the FP rounding mode
constexpr unsigned csr_number(uint32_t i) {
  return bits(i, 20, 12);
}
constexpr int64_t imm_i(uint32_t i) {
  return sign_extend(bits(i, 20, 12), 12);
}
constexpr int64_t imm_s(uint32_t i) {
  return sign_extend((bits(i, 25, 7) << 5) | bits(i, 7, 5), 12);
}
constexpr int64_t imm_b(uint32_t i) {
  return sign_extend(
      (bits(i, 31, 1) << 12) | (bits(i, 7, 1) << 11) | (bits(i, 25, 6) << 5) | (bits(i, 8, 4) << 1),
      13);
}
constexpr int64_t imm_u(uint32_t i) {
  return sign_extend(i & 0xfffff000u, 32);
}
constexpr int64_t imm_j(uint32_t i) {
  return sign_extend((bits(i, 31, 1) << 20) | (bits(i, 12, 8) << 12) | (bits(i, 20, 1) << 11) |
                         (bits(i, 21, 10) << 1),
                     21);
}
constexpr unsigned shamt6(uint32_t i) {
  return bits(i, 20, 6);
}
constexpr unsigned shamt5(uint32_t i) {
  return bits(i, 20, 5);
}

}  // namespace xisa::riscv64
