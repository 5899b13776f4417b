// Immediate decoders of the A64 encodings (Arm ARM J1 pseudocode, reimplemented).
#include "frontend/aarch64/fields.h"

#include <bit>

namespace xisa::aarch64 {

namespace {
uint64_t ones(unsigned n) {
  return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
}
uint64_t ror(uint64_t v, unsigned r, unsigned width) {
  r %= width;
  if (r == 0) return v;
  return ((v >> r) | (v << (width - r))) & ones(width);
}
uint64_t replicate(uint64_t v, unsigned esize, unsigned datasize) {
  uint64_t out = 0;
  for (unsigned i = 0; i < datasize; i += esize) out |= v << i;
  return out & ones(datasize);
}
}  // namespace

std::optional<BitMasks> decode_bit_masks(unsigned n, unsigned imms, unsigned immr, bool immediate,
                                         unsigned datasize) {
  const unsigned combined = (n << 6) | (~imms & 0x3f);
  if (combined == 0) return std::nullopt;
  const unsigned len = 31 - static_cast<unsigned>(std::countl_zero(combined));
  if (len < 1) return std::nullopt;
  const unsigned esize = 1u << len;
  if (esize > datasize) return std::nullopt;
  const unsigned levels = esize - 1;
  if (immediate && (imms & levels) == levels) return std::nullopt;
  const unsigned s = imms & levels, r = immr & levels;
  const unsigned d = (s - r) & levels;
  const uint64_t welem = ones(s + 1), telem = ones(d + 1);
  return BitMasks{replicate(ror(welem, r, esize), esize, datasize),
                  replicate(telem, esize, datasize)};
}

uint64_t expand_simd_imm(unsigned op, unsigned cmode, uint8_t imm8) {
  const uint64_t i = imm8;
  switch (cmode >> 1) {
    case 0:
      return replicate(i, 32, 64);
    case 1:
      return replicate(i << 8, 32, 64);
    case 2:
      return replicate(i << 16, 32, 64);
    case 3:
      return replicate(i << 24, 32, 64);
    case 4:
      return replicate(i, 16, 64);
    case 5:
      return replicate(i << 8, 16, 64);
    case 6:
      return (cmode & 1) == 0 ? replicate((i << 8) | 0xff, 32, 64)
                              : replicate((i << 16) | 0xffff, 32, 64);
    default:
      break;
  }
  if ((cmode & 1) == 0 && op == 0) return replicate(i, 8, 64);
  if ((cmode & 1) == 0 && op == 1) {
    uint64_t out = 0;
    for (unsigned b = 0; b < 8; ++b)
      if (imm8 & (1u << b)) out |= uint64_t{0xff} << (8 * b);
    return out;
  }
  if (op == 0) return replicate(expand_fp_imm(32, imm8), 32, 64);
  return expand_fp_imm(64, imm8);
}

uint64_t expand_fp_imm(unsigned bits, uint8_t imm8) {
  const uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, low = imm8 & 0x3f;
  if (bits == 16) {  // sign : NOT(b6) : Replicate(b6, 2) : imm8<5:0> : Zeros(6)
    const uint64_t exp = ((b6 ^ 1) << 4) | (b6 ? 0xc : 0) | ((low >> 4) & 3);
    return (sign << 15) | (exp << 10) | ((low & 0xf) << 6);
  }
  if (bits == 32) {
    // sign : NOT(b6) : Replicate(b6, 5) : imm8<5:0> : Zeros(19)
    const uint64_t exp = ((b6 ^ 1) << 7) | (b6 ? 0x7c : 0) | ((low >> 4) & 3);
    return (sign << 31) | (exp << 23) | ((low & 0xf) << 19);
  }
  const uint64_t exp = ((b6 ^ 1) << 10) | (b6 ? 0x3fc : 0) | ((low >> 4) & 3);
  return (sign << 63) | (exp << 52) | ((low & 0xf) << 48);
}

}  // namespace xisa::aarch64
