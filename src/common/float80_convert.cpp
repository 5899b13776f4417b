// Float80 comparison, FRNDINT and the conversions to and from integers and binary32/64.
#include <limits>

#include "common/float80.h"
#include "common/float80_core.h"

namespace xisa::softfp {

using detail::Kind;
using detail::U128;
using detail::Unpacked;

namespace {

// A finite value rounded to an integer magnitude under RC (truncate forces toward zero).
struct IntRounded {
  uint64_t n;
  bool inexact;
  bool incremented;
  bool too_big;  // 2^64 or more
};

IntRounded round_integer(const Unpacked& u, unsigned rc) {
  const int32_t e = u.exp - detail::kBias;  // value = sig * 2^(e - 63)
  if (e >= 64) return {0, false, false, true};
  if (e >= 63) return {u.sig, false, false, false};
  const U128 v = U128{u.sig} << 64;
  const int32_t shift = 127 - e;  // >= 65
  const uint64_t kept = shift >= 128 ? 0 : static_cast<uint64_t>(v >> shift);
  const U128 rem = shift >= 128 ? v : v & ((U128{1} << shift) - 1);
  // Compare rem with half an integer, 2^(shift - 1), without overflowing for large shifts.
  const int half_cmp = shift > 128                       ? -1
                       : rem > (U128{1} << (shift - 1))  ? 1
                       : rem == (U128{1} << (shift - 1)) ? 0
                                                         : -1;
  bool inc = false;
  switch (rc) {
    case 0:
      inc = half_cmp > 0 || (half_cmp == 0 && (kept & 1));
      break;
    case 1:
      inc = u.sign && rem != 0;
      break;
    case 2:
      inc = !u.sign && rem != 0;
      break;
    default:
      break;
  }
  return {kept + inc, rem != 0, inc, false};
}

void note_rounding(const IntRounded& r, Env& env) {
  if (r.inexact) env.flags |= kFlagPE;
  if (r.incremented) env.flags |= kFlagC1;
}

template <typename I>
I to_int(Float80 a, bool truncate, Env& env) {
  constexpr I kIndefiniteInt = std::numeric_limits<I>::min();
  const Unpacked u = detail::unpack(a);
  if (u.kind == Kind::Zero) return 0;
  if (u.kind != Kind::Finite) {
    env.flags |= kFlagIE;
    return kIndefiniteInt;
  }
  // The x87 reports no DE for a denormal here: it only rounds to 0 or +-1 (PE).
  const IntRounded r = round_integer(u, truncate ? 3 : env.rounding);
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<I>::max());
  if (r.too_big || r.n > kMax + (u.sign ? 1 : 0)) {
    env.flags |= kFlagIE;
    return kIndefiniteInt;
  }
  note_rounding(r, env);
  return static_cast<I>(u.sign ? 0 - r.n : r.n);
}

Float80 from_magnitude(bool sign, uint64_t n) {
  if (n == 0) return detail::make(sign, 0, 0);
  const int lz = __builtin_clzll(n);
  return detail::make(sign, static_cast<uint16_t>(detail::kBias + 63 - lz), n << lz);
}

// An IEEE binary format: fraction bits, exponent bias, the extended-range rounding format.
struct Ieee {
  int frac_bits;
  int32_t bias;
  int32_t max_field;
  detail::Format format;
};
constexpr Ieee kF32{23, 127, 255, detail::kSingle};
constexpr Ieee kF64{52, 1023, 2047, detail::kDouble};

Float80 from_ieee(uint64_t bits, const Ieee& t, Env& env) {
  const bool sign = (bits >> (t.frac_bits + (t.frac_bits == 23 ? 8 : 11))) & 1;
  const auto field = static_cast<int32_t>((bits >> t.frac_bits) & t.max_field);
  const uint64_t frac = bits & ((1ull << t.frac_bits) - 1);
  const int up = 63 - t.frac_bits;  // fraction bits move up to sit below bit 63
  if (field == t.max_field) {
    if (frac == 0) return detail::make(sign, 0x7fff, 1ull << 63);
    if (!((frac >> (t.frac_bits - 1)) & 1)) env.flags |= kFlagIE;  // SNaN, quieted
    return detail::make(sign, 0x7fff, (1ull << 63) | (1ull << 62) | (frac << up));
  }
  if (field == 0) {
    if (frac == 0) return detail::make(sign, 0, 0);
    env.flags |= kFlagDE;
    const int lz = __builtin_clzll(frac);  // value = frac * 2^(1 - bias - frac_bits)
    return detail::make(sign,
                        static_cast<uint16_t>(detail::kBias + 1 - t.bias - t.frac_bits + 63 - lz),
                        frac << lz);
  }
  return detail::make(sign, static_cast<uint16_t>(field - t.bias + detail::kBias),
                      (1ull << 63) | (frac << up));
}

uint64_t to_ieee(Float80 a, const Ieee& t, Env& env) {
  const Unpacked u = detail::unpack(a);
  const uint64_t sign = uint64_t{u.sign} << (t.frac_bits == 23 ? 31 : 63);
  const uint64_t exp_all = static_cast<uint64_t>(t.max_field) << t.frac_bits;
  const uint64_t quiet = 1ull << (t.frac_bits - 1);
  const int down = 63 - t.frac_bits;
  switch (u.kind) {
    case Kind::Invalid:
      env.flags |= kFlagIE;
      return (uint64_t{1} << (t.frac_bits == 23 ? 31 : 63)) | exp_all | quiet;
    case Kind::SNaN:
      env.flags |= kFlagIE;
      [[fallthrough]];
    case Kind::QNaN:
      return sign | exp_all | quiet | ((a.mantissa & ~(1ull << 63)) >> down);
    case Kind::Inf:
      return sign | exp_all;
    case Kind::Zero:
      return sign;
    default:
      break;
  }
  // The x87 reports no DE for storing a denormal: it underflows (UE if inexact) like any tiny.
  const detail::Rounded r = detail::round(u.sign, u.exp, U128{u.sig} << 64, t.format, env);
  if (r.exp > t.format.emax) return sign | exp_all;
  if ((r.sig >> 63) == 0) return sign | (r.sig >> down);
  const auto field = static_cast<uint64_t>(r.exp - detail::kBias + t.bias);
  return sign | (field << t.frac_bits) | ((r.sig >> down) & ((1ull << t.frac_bits) - 1));
}

}  // namespace

Float80 round_to_int(Float80 a, Env& env) {
  const Unpacked u = detail::unpack(a);
  if (u.kind != Kind::Finite && u.kind != Kind::Zero && u.kind != Kind::Inf)
    return detail::propagate_nan(a, u, env);
  if (u.kind != Kind::Finite) return a;
  if (u.denormal) env.flags |= kFlagDE;
  const IntRounded r = round_integer(u, env.rounding);
  if (r.too_big || (u.exp - detail::kBias) >= 63) return a;
  note_rounding(r, env);
  return from_magnitude(u.sign, r.n);
}

Ordering compare(Float80 a, Float80 b, bool quiet, Env& env) {
  const Unpacked ua = detail::unpack(a), ub = detail::unpack(b);
  const auto unordered = [&](const Unpacked& u) {
    return detail::is_nan(u) || u.kind == Kind::Invalid;
  };
  if (unordered(ua) || unordered(ub)) {
    const auto signals = [&](const Unpacked& u) {
      return !quiet || u.kind == Kind::SNaN || u.kind == Kind::Invalid;
    };
    if ((unordered(ua) && signals(ua)) || (unordered(ub) && signals(ub))) env.flags |= kFlagIE;
    return Ordering::Unordered;
  }
  if (ua.denormal || ub.denormal) env.flags |= kFlagDE;
  // Magnitude rank: zero < finite (by exponent, then significand) < infinity.
  const auto rank = [](const Unpacked& u) -> U128 {
    if (u.kind == Kind::Zero) return 0;
    if (u.kind == Kind::Inf) return ~U128{0};
    return (U128(static_cast<uint64_t>(u.exp + 64)) << 64) | u.sig;  // exp + 64 > 0
  };
  const U128 ma = rank(ua), mb = rank(ub);
  if (ma == 0 && mb == 0) return Ordering::Equal;
  const auto signed_less = [](bool sa, U128 a_mag, bool sb, U128 b_mag) {
    if (sa != sb) return sa;  // both zero handled above
    return sa ? a_mag > b_mag : a_mag < b_mag;
  };
  const bool sa = ua.sign && ma != 0, sb = ub.sign && mb != 0;
  if (sa == sb && ma == mb) return Ordering::Equal;
  return signed_less(sa, ma, sb, mb) ? Ordering::Less : Ordering::Greater;
}

Float80 from_int(int64_t v) {
  const bool neg = v < 0;
  return from_magnitude(neg, neg ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v));
}

int16_t to_int16(Float80 a, bool truncate, Env& env) {
  return to_int<int16_t>(a, truncate, env);
}
int32_t to_int32(Float80 a, bool truncate, Env& env) {
  return to_int<int32_t>(a, truncate, env);
}
int64_t to_int64(Float80 a, bool truncate, Env& env) {
  return to_int<int64_t>(a, truncate, env);
}

Float80 from_f32(uint32_t bits, Env& env) {
  return from_ieee(bits, kF32, env);
}
Float80 from_f64(uint64_t bits, Env& env) {
  return from_ieee(bits, kF64, env);
}
uint32_t to_f32(Float80 a, Env& env) {
  return static_cast<uint32_t>(to_ieee(a, kF32, env));
}
uint64_t to_f64(Float80 a, Env& env) {
  return to_ieee(a, kF64, env);
}

}  // namespace xisa::softfp
