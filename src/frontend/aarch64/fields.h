// Operand fields shared by many A64 encodings (Arm ARM C4.1), and the immediate decoders.
#pragma once

#include <cstdint>
#include <optional>

#include "frontend/common/bit_pattern.h"

namespace xisa::aarch64 {

using frontend::bits;
using frontend::sign_extend;

constexpr unsigned rd(uint32_t i) {
  return bits(i, 0, 5);
}
constexpr unsigned rt(uint32_t i) {
  return bits(i, 0, 5);
}
constexpr unsigned rn(uint32_t i) {
  return bits(i, 5, 5);
}
constexpr unsigned rt2(uint32_t i) {
  return bits(i, 10, 5);
}
constexpr unsigned ra(uint32_t i) {
  return bits(i, 10, 5);
}
constexpr unsigned rm(uint32_t i) {
  return bits(i, 16, 5);
}
constexpr unsigned rs(uint32_t i) {
  return bits(i, 16, 5);
}
constexpr bool sf(uint32_t i) {
  return bits(i, 31, 1) != 0;
}
constexpr unsigned cond_field(uint32_t i, unsigned lo) {
  return bits(i, lo, 4);
}

// DecodeBitMasks (Arm ARM J1, shared/functions/bitmasks): the wmask and tmask of the logical
// immediate and bitfield encodings; nullopt for a reserved combination.
struct BitMasks {
  uint64_t wmask;
  uint64_t tmask;
};
std::optional<BitMasks> decode_bit_masks(unsigned n, unsigned imms, unsigned immr, bool immediate,
                                         unsigned datasize);

// AdvSIMDExpandImm: the 64-bit pattern of MOVI/MVNI/ORR/BIC/FMOV (vector, immediate).
uint64_t expand_simd_imm(unsigned op, unsigned cmode, uint8_t imm8);
// VFPExpandImm: FMOV (scalar, immediate) for a 32- or 64-bit float.
uint64_t expand_fp_imm(unsigned bits, uint8_t imm8);

}  // namespace xisa::aarch64
