// Floating-point bit patterns for the x86-64 FP native-diff tests: special values (zeros,
// infinities, quiet and signalling NaNs, subnormals, extremes, rounding edges of the integer and
// half-precision conversions) and, a third of the time, random bits.
#pragma once

#include <cstdint>
#include <random>

namespace xisa::x86_64::testing {

inline uint64_t special_double(std::mt19937_64& rng) {
  static const uint64_t kSpecial[] = {0,
                                      0x8000000000000000,
                                      0x3ff0000000000000,
                                      0xbff0000000000000,
                                      0x7ff0000000000000,
                                      0xfff0000000000000,
                                      0x7ff8000000000000,
                                      0x7ff4000000000001 /* SNaN */,
                                      0xfff0000000000010 /* SNaN */,
                                      0xfff8000000000123,
                                      0x0000000000000001 /* denormal */,
                                      0x800fffffffffffff,
                                      0x7fefffffffffffff,
                                      0x3fd5555555555555,
                                      0x43e0000000000000 /* 2^63 */,
                                      0xc1e0000000200000,
                                      0x4330000000000001,
                                      0x3ff8000000000000 /* 1.5 */};
  if (rng() % 3 == 0) return rng();
  return kSpecial[rng() % (sizeof kSpecial / sizeof kSpecial[0])];
}

inline uint32_t special_float(std::mt19937_64& rng) {
  static const uint32_t kSpecial[] = {0,
                                      0x80000000,
                                      0x3f800000,
                                      0xbf800000,
                                      0x7f800000,
                                      0xff800000,
                                      0x7fc00000,
                                      0x7fa00001 /* SNaN */,
                                      0xffc00001,
                                      0xff800123 /* SNaN */,
                                      0x00000001,
                                      0x807fffff,
                                      0x7f7fffff,
                                      0x3eaaaaab,
                                      0x4f000000 /* 2^31 */,
                                      0x3fc00000,
                                      0x00800000,
                                      0x477ff000 /* rounds to the half's overflow */,
                                      0x387fffff /* to the smallest normal half */,
                                      0x33000000 /* half the smallest subnormal half */};
  if (rng() % 3 == 0) return static_cast<uint32_t>(rng());
  return kSpecial[rng() % (sizeof kSpecial / sizeof kSpecial[0])];
}

}  // namespace xisa::x86_64::testing
