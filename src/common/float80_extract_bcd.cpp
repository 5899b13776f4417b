// FXTRACT and the packed-BCD conversions of FBLD/FBSTP (see float80.h).
#include <cstring>

#include "common/float80.h"
#include "common/float80_core.h"

namespace xisa::softfp {

using detail::Kind;
using detail::make;

namespace {
constexpr uint64_t kIntegerBit = 1ull << 63;
constexpr uint64_t kBcdMax = 999'999'999'999'999'999ull;  // 18 digits
}  // namespace

Float80 extract(Float80 a, Float80& exponent, Env& env) {
  const detail::Unpacked u = detail::unpack(a);
  switch (u.kind) {
    case Kind::Zero:
      env.flags |= kFlagZE;
      exponent = make(true, 0x7fff, kIntegerBit);
      return a;
    case Kind::Inf:
      exponent = make(false, 0x7fff, kIntegerBit);
      return a;
    case Kind::Finite:
      if (u.denormal) env.flags |= kFlagDE;
      exponent = from_int(u.exp - detail::kBias);
      return make(u.sign, detail::kBias, u.sig);
    default:
      exponent = detail::propagate_nan(a, u, env);
      return exponent;
  }
}

Float80 from_bcd(const uint8_t* bcd) {
  int64_t magnitude = 0;
  for (int i = 8; i >= 0; --i) magnitude = magnitude * 100 + (bcd[i] >> 4) * 10 + (bcd[i] & 15);
  Float80 r = from_int(magnitude);
  if (bcd[9] & 0x80) r.sign_exponent |= 0x8000;  // -0 too
  return r;
}

void to_bcd(Float80 a, uint8_t* bcd, Env& env) {
  Env rounding = env;
  rounding.precision = 3;  // the integer is exact: precision control does not apply
  rounding.flags = 0;
  const Float80 r = round_to_int(a, rounding);
  const detail::Unpacked u = detail::unpack(r);
  const int32_t e = u.exp - detail::kBias;
  const uint64_t n = u.kind == Kind::Finite && e < 63 ? u.sig >> (63 - e) : 0;
  if (u.kind != Kind::Zero && (u.kind != Kind::Finite || e >= 63 || n > kBcdMax)) {
    env.flags |= kFlagIE;
    static constexpr uint8_t kIndefinite[kBcdBytes] = {0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff};
    std::memcpy(bcd, kIndefinite, kBcdBytes);
    return;
  }
  env.flags |= rounding.flags & ~kFlagDE;  // FBSTP does not report a denormal operand
  uint64_t rest = n;
  for (int i = 0; i < 9; ++i, rest /= 100)
    bcd[i] = static_cast<uint8_t>((rest % 100 / 10) << 4 | rest % 10);
  bcd[9] = u.sign ? 0x80 : 0;
}

}  // namespace xisa::softfp
