// Fixed-point rounding and saturation (chapter "Vector Fixed-Point Arithmetic Instructions"):
// the vxrm rounding increment and the clips that set vxsat.
#pragma once

#include <cstdint>

namespace xisa::riscv64::vector {

enum Vxrm : unsigned { kRnu = 0, kRne = 1, kRdn = 2, kRod = 3 };

// The increment r of roundoff(v, d) = (v >> d) + r, for v's low 64 bits and 0 <= d < 128.
inline uint64_t round_increment(unsigned __int128 v, unsigned d, unsigned vxrm) {
  if (d == 0) return 0;
  const auto bit = [&](unsigned k) { return k < 128 ? static_cast<uint64_t>(v >> k) & 1 : 0; };
  const unsigned __int128 below = d >= 128 ? v : v & ((static_cast<unsigned __int128>(1) << d) - 1);
  const unsigned __int128 below_half =
      d - 1 >= 128 ? v : v & ((static_cast<unsigned __int128>(1) << (d - 1)) - 1);
  switch (vxrm & 3) {
    case kRnu:
      return bit(d - 1);
    case kRne:
      return bit(d - 1) & ((below_half != 0) | bit(d));
    case kRdn:
      return 0;
    default:
      return (bit(d) == 0) & (below != 0);
  }
}

// (v >> d) rounded per vxrm, signed or unsigned v.
inline __int128 shift_round_signed(__int128 v, unsigned d, unsigned vxrm) {
  return (v >> d) +
         static_cast<__int128>(round_increment(static_cast<unsigned __int128>(v), d, vxrm));
}
inline unsigned __int128 shift_round_unsigned(unsigned __int128 v, unsigned d, unsigned vxrm) {
  return (v >> d) + round_increment(v, d, vxrm);
}

// Clamps to a signed or unsigned `bits`-wide range, setting sat when it had to.
inline uint64_t clip_signed(__int128 v, unsigned bits, uint32_t& sat) {
  const __int128 max = (static_cast<__int128>(1) << (bits - 1)) - 1, min = -max - 1;
  if (v > max || v < min) {
    sat = 1;
    v = v > max ? max : min;
  }
  return static_cast<uint64_t>(v);
}
inline uint64_t clip_unsigned(unsigned __int128 v, unsigned bits, uint32_t& sat) {
  const unsigned __int128 max = (static_cast<unsigned __int128>(1) << bits) - 1;
  if (v > max) {
    sat = 1;
    v = max;
  }
  return static_cast<uint64_t>(v);
}

}  // namespace xisa::riscv64::vector
