// IEEE 754 binary16 (half precision) in software: the exact value of a half, and a value rounded
// to a half under any IEEE rounding mode with the exceptions that raises. The guests' half
// conversions and RISC-V's Zfh arithmetic share it; NaNs are each guest's business (quieting,
// payloads, default NaN), so neither function takes or returns one.
#pragma once

#include <cstdint>

namespace xisa::binary16 {

enum class Rounding : uint8_t { NearestEven, TowardZero, Down, Up, NearestAway };

// Exceptions from_double raises: overflow and underflow come with inexact, as in IEEE 754;
// underflow means tiny after rounding (x86, RISC-V) and inexact.
inline constexpr uint32_t kInexact = 1, kUnderflow = 2, kOverflow = 4;

// The value of a half that is not a NaN (exact: every half is a double).
double to_double(uint16_t h);

// x, not a NaN, rounded to a half. x may stand for a wider exact result rounded to odd (its last
// bit set when the wide operation was inexact): 53 bits leave room for that, so the half is the
// correctly rounded value of the exact one, flags included.
uint16_t from_double(double x, Rounding mode, uint32_t& flags);

inline constexpr bool is_nan(uint16_t h) {
  return (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0;
}
inline constexpr bool is_signaling_nan(uint16_t h) {
  return is_nan(h) && (h & 0x200) == 0;
}

}  // namespace xisa::binary16
