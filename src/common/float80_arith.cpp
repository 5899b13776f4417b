// Float80 add, subtract, multiply, divide and square root, rounded per the x87 control word.
#include "common/float80.h"
#include "common/float80_core.h"

namespace xisa::softfp {

using detail::Kind;
using detail::U128;
using detail::Unpacked;

namespace {

Float80 infinity(bool sign) {
  return detail::make(sign, 0x7fff, 1ull << 63);
}
Float80 zero(bool sign) {
  return detail::make(sign, 0, 0);
}
Float80 invalid(Env& env) {
  env.flags |= kFlagIE;
  return kIndefinite;
}
bool nan_or_invalid(const Unpacked& u) {
  return detail::is_nan(u) || u.kind == Kind::Invalid;
}
// DE is reported for a denormal operand once no higher-priority exception (IE, ZE) applies.
void note_denormals(const Unpacked& a, const Unpacked& b, Env& env) {
  if (a.denormal || b.denormal) env.flags |= kFlagDE;
}
Float80 finish(bool sign, int32_t exp, U128 sig, Env& env) {
  return detail::pack80(detail::round(sign, exp, sig, detail::precision_format(env), env));
}

Float80 add_signed(Float80 a, Float80 b, bool negate_b, Env& env) {
  const Unpacked ua = detail::unpack(a);
  Unpacked ub = detail::unpack(b);
  if (nan_or_invalid(ua) || nan_or_invalid(ub)) return detail::propagate_nan(a, ua, b, ub, env);
  ub.sign ^= negate_b;
  if (ua.kind == Kind::Inf || ub.kind == Kind::Inf) {
    if (ua.kind == Kind::Inf && ub.kind == Kind::Inf && ua.sign != ub.sign) return invalid(env);
    note_denormals(ua, ub, env);
    return infinity(ua.kind == Kind::Inf ? ua.sign : ub.sign);
  }
  note_denormals(ua, ub, env);
  if (ua.kind == Kind::Zero && ub.kind == Kind::Zero)
    return zero(ua.sign == ub.sign ? ua.sign : env.rounding == 1);
  if (ua.kind == Kind::Zero) return finish(ub.sign, ub.exp, U128{ub.sig} << 64, env);
  if (ub.kind == Kind::Zero) return finish(ua.sign, ua.exp, U128{ua.sig} << 64, env);
  // Leading bits at 125 leave room for the carry; the smaller operand is aligned with a sticky
  // bit, which keeps enough guard bits for a 64-bit result.
  const bool a_big = ua.exp > ub.exp || (ua.exp == ub.exp && ua.sig >= ub.sig);
  const Unpacked& big = a_big ? ua : ub;
  const Unpacked& small = a_big ? ub : ua;
  const U128 x = U128{big.sig} << 62;
  U128 y = U128{small.sig} << 62;
  const int32_t shift = big.exp - small.exp;
  y = shift >= 128 ? U128{y != 0} : (y >> shift) | ((y & ((U128{1} << shift) - 1)) != 0);
  if (big.sign == small.sign) return finish(big.sign, big.exp + 2, x + y, env);
  const U128 d = x - y;
  if (d == 0) return zero(env.rounding == 1);
  return finish(big.sign, big.exp + 2, d, env);
}

}  // namespace

Float80 add(Float80 a, Float80 b, Env& env) {
  return add_signed(a, b, false, env);
}
Float80 sub(Float80 a, Float80 b, Env& env) {
  return add_signed(a, b, true, env);
}

Float80 mul(Float80 a, Float80 b, Env& env) {
  const Unpacked ua = detail::unpack(a), ub = detail::unpack(b);
  if (nan_or_invalid(ua) || nan_or_invalid(ub)) return detail::propagate_nan(a, ua, b, ub, env);
  const bool sign = ua.sign != ub.sign;
  if (ua.kind == Kind::Inf || ub.kind == Kind::Inf) {
    if (ua.kind == Kind::Zero || ub.kind == Kind::Zero) return invalid(env);
    note_denormals(ua, ub, env);
    return infinity(sign);
  }
  note_denormals(ua, ub, env);
  if (ua.kind == Kind::Zero || ub.kind == Kind::Zero) return zero(sign);
  // sig_a * sig_b / 2^126 is the product of the two significands in [1, 4).
  const U128 p = U128{ua.sig} * ub.sig;
  return finish(sign, ua.exp + ub.exp - detail::kBias + 1, p, env);
}

Float80 div(Float80 a, Float80 b, Env& env) {
  const Unpacked ua = detail::unpack(a), ub = detail::unpack(b);
  if (nan_or_invalid(ua) || nan_or_invalid(ub)) return detail::propagate_nan(a, ua, b, ub, env);
  const bool sign = ua.sign != ub.sign;
  if (ua.kind == Kind::Inf) {
    if (ub.kind == Kind::Inf) return invalid(env);
    note_denormals(ua, ub, env);
    return infinity(sign);
  }
  if (ub.kind == Kind::Inf) {
    note_denormals(ua, ub, env);
    return zero(sign);
  }
  if (ub.kind == Kind::Zero) {
    if (ua.kind == Kind::Zero) return invalid(env);
    env.flags |= kFlagZE;
    return infinity(sign);
  }
  note_denormals(ua, ub, env);
  if (ua.kind == Kind::Zero) return zero(sign);
  // Two 64-bit long-division steps give a 128-bit quotient with its leading bit at 127, and the
  // final remainder as the sticky bit.
  const bool ge = ua.sig >= ub.sig;
  const U128 num = U128{ua.sig} << (ge ? 63 : 64);
  const U128 q1 = num / ub.sig;
  const U128 r1 = num % ub.sig;
  const U128 q2 = (r1 << 64) / ub.sig;
  const U128 r2 = (r1 << 64) % ub.sig;
  const U128 q = (q1 << 64) | q2 | (r2 != 0);
  return finish(sign, ua.exp - ub.exp + detail::kBias - (ge ? 0 : 1), q, env);
}

Float80 sqrt(Float80 a, Env& env) {
  const Unpacked ua = detail::unpack(a);
  if (nan_or_invalid(ua)) return detail::propagate_nan(a, ua, env);
  if (ua.kind == Kind::Zero) return a;
  if (ua.sign) return invalid(env);
  if (ua.kind == Kind::Inf) return a;
  if (ua.denormal) env.flags |= kFlagDE;
  // value = m * 2^(2k) with m the significand (times 2 when the exponent needs it);
  // the root of m * 2^70, digit by digit, has 68 bits, and its remainder is the sticky bit.
  const int32_t e = ua.exp - detail::kBias;
  const bool odd = ((e - 63) & 1) != 0;
  const U128 m = U128{ua.sig} << (odd ? 1 : 0);
  const int32_t half_exp = (e - 63 - (odd ? 1 : 0)) / 2;  // value = m * 2^(2 * half_exp)
  constexpr int kPairs = 68;                              // m * 2^70 < 2^136
  U128 rem = 0, root = 0;
  for (int i = kPairs - 1; i >= 0; --i) {
    const int bit = 2 * i - 70;  // bit index in m of the low bit of this pair
    const unsigned pair = bit >= 0    ? static_cast<unsigned>((m >> bit) & 3)
                          : bit == -1 ? static_cast<unsigned>((m & 1) << 1)
                                      : 0;
    rem = (rem << 2) | pair;
    const U128 trial = (root << 2) | 1;
    root <<= 1;
    if (rem >= trial) {
      rem -= trial;
      root |= 1;
    }
  }
  // sqrt = (2 * root) * 2^(half_exp - 36), the sticky bit below; as sig / 2^127 the exponent
  // is half_exp - 36 + 127.
  return finish(false, half_exp - 36 + 127 + detail::kBias, (root << 1) | (rem != 0), env);
}

}  // namespace xisa::softfp
