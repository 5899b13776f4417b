// Internals shared by the Float80 arithmetic and conversion files: operand classification,
// NaN propagation and the one rounding routine every result goes through.
#pragma once

#include <cstdint>

#include "common/float80.h"

namespace xisa::softfp::detail {

using U128 = unsigned __int128;

enum class Kind : uint8_t { Zero, Finite, Inf, QNaN, SNaN, Invalid };

// An operand taken apart: for Finite, value = sig / 2^63 * 2^(exp - 16383) with sig's bit 63
// set (denormals normalized, so exp may be below 1).
struct Unpacked {
  Kind kind;
  bool sign;
  bool denormal;  // exponent field 0, nonzero significand: the operation raises DE
  int32_t exp;
  uint64_t sig;
};

constexpr int32_t kBias = 16383;

Unpacked unpack(Float80 a);
inline bool is_nan(const Unpacked& u) {
  return u.kind == Kind::QNaN || u.kind == Kind::SNaN;
}

// The x87 result for an operation with a NaN or invalid operand (one of the two may be an
// ordinary value): IE for an SNaN or invalid operand, then the larger-significand NaN, quieted.
Float80 propagate_nan(Float80 a, const Unpacked& ua, Float80 b, const Unpacked& ub, Env& env);
Float80 propagate_nan(Float80 a, const Unpacked& ua, Env& env);

// The target of a rounding: significand bits and the biased (16383) exponent range of normals.
struct Format {
  int bits;
  int32_t emin;
  int32_t emax;
};
constexpr Format kExtended{64, 1, 0x7ffe};
constexpr Format kDouble{53, kBias - 1022, kBias + 1023};
constexpr Format kSingle{24, kBias - 126, kBias + 127};
Format precision_format(const Env& env);  // extended range, PC significand bits

// A rounded result: value = sig / 2^63 * 2^(exp - 16383). exp is emin with bit 63 clear for a
// denormal or zero; exp is emax + 1 with sig bit 63 set for an infinity.
struct Rounded {
  bool sign;
  int32_t exp;
  uint64_t sig;
};

// Rounds sign * sig / 2^127 * 2^(exp - 16383) (any sig; 0 gives a zero) to format f under
// env's RC, raising PE/UE/OE and C1.
Rounded round(bool sign, int32_t exp, U128 sig, Format f, Env& env);

// The 80-bit encoding of a Rounded with the extended exponent range.
Float80 pack80(const Rounded& r);

inline Float80 make(bool sign, uint16_t exp, uint64_t sig) {
  return {sig, static_cast<uint16_t>((sign ? 0x8000 : 0) | exp)};
}

}  // namespace xisa::softfp::detail
