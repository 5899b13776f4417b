// Float80 internals: operand classification, x87 NaN propagation and rounding (float80_core.h).
#include "common/float80_core.h"

namespace xisa::softfp::detail {

namespace {

int clz128(U128 v) {
  const auto hi = static_cast<uint64_t>(v >> 64);
  return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll(static_cast<uint64_t>(v));
}

// Shifts right, ORing every bit shifted out into bit 0 so rounding still sees them.
U128 shift_right_jam(U128 v, int32_t n) {
  if (n <= 0) return v;
  if (n >= 128) return v != 0;
  return (v >> n) | ((v & ((U128{1} << n) - 1)) != 0);
}

// Rounds normalized sig (bit 127 set, or clear for a denormal) to its top `bits` bits.
struct BitsRounded {
  U128 kept;  // the top bits, right-aligned; may become 1 << bits after the increment
  bool inexact;
  bool incremented;
};

BitsRounded round_bits(U128 sig, int bits, bool sign, unsigned rc) {
  const int drop = 128 - bits;
  const U128 rem = sig & ((U128{1} << drop) - 1);
  const U128 half = U128{1} << (drop - 1);
  U128 kept = sig >> drop;
  bool inc = false;
  switch (rc) {
    case 0:
      inc = rem > half || (rem == half && (kept & 1));
      break;
    case 1:
      inc = sign && rem != 0;
      break;
    case 2:
      inc = !sign && rem != 0;
      break;
    default:
      break;
  }
  kept += inc;
  return {kept, rem != 0, inc};
}

}  // namespace

Unpacked unpack(Float80 a) {
  const bool sign = (a.sign_exponent & 0x8000) != 0;
  const int32_t e = a.sign_exponent & 0x7fff;
  const uint64_t m = a.mantissa;
  const bool integer_bit = (m >> 63) != 0;
  if (e == 0x7fff) {
    if (!integer_bit) return {Kind::Invalid, sign, false, e, m};
    if ((m << 1) == 0) return {Kind::Inf, sign, false, e, m};
    return {((m >> 62) & 1) ? Kind::QNaN : Kind::SNaN, sign, false, e, m};
  }
  if (e == 0) {
    if (m == 0) return {Kind::Zero, sign, false, 0, 0};
    const int lz = __builtin_clzll(m);  // pseudo-denormals (bit 63 set) read with exponent 1
    return {Kind::Finite, sign, true, 1 - lz, m << lz};
  }
  if (!integer_bit) return {Kind::Invalid, sign, false, e, m};
  return {Kind::Finite, sign, false, e, m};
}

Float80 propagate_nan(Float80 a, const Unpacked& ua, Float80 b, const Unpacked& ub, Env& env) {
  if (ua.kind == Kind::Invalid || ub.kind == Kind::Invalid) {
    env.flags |= kFlagIE;
    return kIndefinite;
  }
  if (ua.kind == Kind::SNaN || ub.kind == Kind::SNaN) env.flags |= kFlagIE;
  const auto quiet = [](Float80 x) { return Float80{x.mantissa | (1ull << 62), x.sign_exponent}; };
  if (!is_nan(ub)) return quiet(a);
  if (!is_nan(ua)) return quiet(b);
  // An SNaN with a QNaN gives the QNaN; otherwise the larger significand, then the positive.
  if (ua.kind == Kind::SNaN && ub.kind == Kind::QNaN) return b;
  if (ub.kind == Kind::SNaN && ua.kind == Kind::QNaN) return a;
  if (a.mantissa != b.mantissa) return quiet(a.mantissa > b.mantissa ? a : b);
  return quiet(a.sign_exponent < b.sign_exponent ? a : b);
}

Float80 propagate_nan(Float80 a, const Unpacked& ua, Env& env) {
  if (ua.kind == Kind::Invalid) {
    env.flags |= kFlagIE;
    return kIndefinite;
  }
  if (ua.kind == Kind::SNaN) env.flags |= kFlagIE;
  return {a.mantissa | (1ull << 62), a.sign_exponent};
}

Format precision_format(const Env& env) {
  const int bits = env.precision == 0 ? 24 : env.precision == 2 ? 53 : 64;
  return {bits, kExtended.emin, kExtended.emax};
}

Rounded round(bool sign, int32_t exp, U128 sig, Format f, Env& env) {
  if (sig == 0) return {sign, f.emin, 0};
  const int lz = clz128(sig);
  sig <<= lz;
  exp -= lz;
  // Tininess after rounding: a result just below 2^emin that rounds up to it is not tiny.
  bool tiny = exp < f.emin;
  if (exp == f.emin - 1) {
    const BitsRounded unbounded = round_bits(sig, f.bits, sign, env.rounding);
    if (unbounded.kept >> f.bits) tiny = false;
  }
  if (exp < f.emin) {
    sig = shift_right_jam(sig, f.emin - exp);
    exp = f.emin;
  }
  BitsRounded r = round_bits(sig, f.bits, sign, env.rounding);
  if (r.kept >> f.bits) {  // carried out: 1.111.. rounded up to 10.000..
    r.kept >>= 1;
    ++exp;
  }
  if (r.inexact) env.flags |= kFlagPE;
  if (r.incremented) env.flags |= kFlagC1;
  if (tiny && r.inexact) env.flags |= kFlagUE;
  const auto sig64 = static_cast<uint64_t>(r.kept << (64 - f.bits));
  if (exp > f.emax) {
    env.flags |= kFlagOE | kFlagPE;
    const unsigned rc = env.rounding;
    const bool to_inf = rc == 0 || (rc == 1 && sign) || (rc == 2 && !sign);
    if (to_inf) {
      env.flags |= kFlagC1;
      return {sign, f.emax + 1, 1ull << 63};
    }
    env.flags &= static_cast<uint16_t>(~kFlagC1);
    return {sign, f.emax, ~0ull << (64 - f.bits)};
  }
  return {sign, exp, sig64};
}

Float80 pack80(const Rounded& r) {
  if (r.exp > kExtended.emax) return make(r.sign, 0x7fff, 1ull << 63);
  if ((r.sig >> 63) == 0) return make(r.sign, 0, r.sig);
  return make(r.sign, static_cast<uint16_t>(r.exp), r.sig);
}

}  // namespace xisa::softfp::detail
