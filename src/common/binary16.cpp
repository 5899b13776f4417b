// binary16 rounding from a double's exact bits: the unbounded-exponent rounding decides overflow
// and tininess, the rounding at the half's own quantum the result.
#include "common/binary16.h"

#include <bit>
#include <cmath>

namespace xisa::binary16 {

namespace {

// sig / 2^shift rounded to an integer in the mode, for a value of the given sign.
struct Rounded {
  uint64_t n;
  bool inexact;
};

Rounded round_right(uint64_t sig, int shift, Rounding mode, bool negative) {
  if (shift <= 0) return {sig << -shift, false};
  // sig < 2^53: beyond 54 nothing survives and the rest stays below half, as at 54.
  if (shift > 54) shift = 54;
  const uint64_t rest = sig & ((uint64_t{1} << shift) - 1);
  const uint64_t half = uint64_t{1} << (shift - 1);
  const uint64_t n = sig >> shift;
  bool up = false;
  switch (mode) {
    case Rounding::NearestEven:
      up = rest > half || (rest == half && (n & 1));
      break;
    case Rounding::NearestAway:
      up = rest >= half;
      break;
    case Rounding::Down:
      up = negative && rest != 0;
      break;
    case Rounding::Up:
      up = !negative && rest != 0;
      break;
    case Rounding::TowardZero:
      break;
  }
  return {n + (up ? 1u : 0u), rest != 0};
}

}  // namespace

double to_double(uint16_t h) {
  const double sign = (h & 0x8000) ? -1.0 : 1.0;
  const unsigned exp = (h >> 10) & 0x1f;
  const unsigned mant = h & 0x3ffu;
  if (exp == 0x1f) return sign * HUGE_VAL;
  if (exp == 0) return sign * std::ldexp(static_cast<double>(mant), -24);
  return sign * std::ldexp(static_cast<double>(mant | 0x400u), static_cast<int>(exp) - 25);
}

uint16_t from_double(double x, Rounding mode, uint32_t& flags) {
  const auto bits = std::bit_cast<uint64_t>(x);
  const auto sign = static_cast<uint16_t>((bits >> 48) & 0x8000);
  const bool negative = sign != 0;
  const unsigned exp = (bits >> 52) & 0x7ff;
  const uint64_t mant = bits & ((uint64_t{1} << 52) - 1);
  if (exp == 0x7ff) return sign | 0x7c00;  // infinity (callers keep NaNs away)
  if (exp == 0 && mant == 0) return sign;
  // The value is sig * 2^e, exactly; its unbounded exponent is E (sig's top bit at 2^E).
  const uint64_t sig = exp ? mant | (uint64_t{1} << 52) : mant;
  const int e = exp ? static_cast<int>(exp) - 1075 : -1074;
  const int top = 63 - std::countl_zero(sig);
  const int big_e = top + e;
  // Rounded to 11 bits with an unbounded exponent: decides overflow and tininess.
  const Rounded unbounded = round_right(sig, top - 10, mode, negative);
  if (big_e > 15 || (big_e == 15 && unbounded.n == 2048)) {
    flags |= kOverflow | kInexact;
    const bool to_infinity = mode == Rounding::NearestEven || mode == Rounding::NearestAway ||
                             (mode == Rounding::Down && negative) ||
                             (mode == Rounding::Up && !negative);
    return sign | (to_infinity ? 0x7c00 : 0x7bff);
  }
  const bool tiny = big_e < -14 && !(big_e == -15 && unbounded.n == 2048);
  // In the half's own range the quantum is 2^(max(E, -14) - 10).
  const int quantum = (big_e < -14 ? -14 : big_e) - 10;
  const Rounded r = round_right(sig, quantum - e, mode, negative);
  if (r.inexact) flags |= tiny ? kUnderflow | kInexact : kInexact;
  // A carry into 2^11 moves the exponent up by one, as the addition does.
  const uint64_t out = big_e < -14 ? r.n : (static_cast<uint64_t>(big_e + 14) << 10) + r.n;
  return static_cast<uint16_t>(sign | out);
}

}  // namespace xisa::binary16
