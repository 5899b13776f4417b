// The A64 scalar FP helpers: host IEEE arithmetic under FPCR.RMode with host exception flags
// mapped to FPSR, plus what the host does differently in software: flush-to-zero (FZ), default
// NaN (DN), Arm NaN propagation (signalling NaNs first, operands in order), saturating
// float-to-integer conversion. Compiled with -frounding-math (see CMakeLists: *_fenv.cpp).
#include <cfenv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include "common/binary16.h"
#include "common/fp_error_free.h"
#include "frontend/aarch64/fp_env.h"
#include "frontend/aarch64/fp_helpers.h"

namespace xisa::aarch64::fp {

namespace {

template <typename T>
uint64_t max_min(Binary op, Value<T> a, Value<T> b) {
  const bool want_max = op == Binary::Max || op == Binary::MaxNum;
  if (a == b) {  // +0 and -0: max is +0, min is -0
    return to_bits<T>(want_max ? (std::signbit(a) ? b : a) : (std::signbit(a) ? a : b));
  }
  return to_bits<T>(want_max ? (a > b ? a : b) : (a < b ? a : b));
}

template <typename T>
uint64_t binary_unsigned(Env& env, Binary op, uint64_t ab, uint64_t bb);

// FNMUL negates and FABD takes the magnitude after the operation, NaN results included.
template <typename T>
uint64_t binary(void* state, uint64_t ab, uint64_t bb, uint64_t opv) {
  Env env(state);
  const auto op = static_cast<Binary>(opv);
  const uint64_t r = binary_unsigned<T>(env, op, ab, bb);
  if (op == Binary::NMul) return r ^ kSignBit<T>;
  if (op == Binary::Abd) return r & ~kSignBit<T>;
  return r;
}

// Round to nearest even on operands and a result far from zero, infinity and NaN: computed
// without touching the host's exception flags (see common/fp_error_free.h).
template <typename T>
std::optional<uint64_t> nearest(Env& env, std::optional<fp_error_free::Rounded<T>> r) {
  if (!r) return std::nullopt;
  if (r->inexact) env.raise(kIxc);
  return to_bits<T>(r->value);
}

template <typename T>
std::optional<uint64_t> fast_binary(Env& env, Binary op, Value<T> a, Value<T> b) {
  if constexpr (kIsHalf<T>) return std::nullopt;  // no error-free half arithmetic on the host
  if (env.rmode() != 0) return std::nullopt;
  switch (op) {
    case Binary::Add:
      return nearest(env, fp_error_free::add(a, b));
    case Binary::Sub:
    case Binary::Abd:
      return nearest(env, fp_error_free::add(a, -b));
    case Binary::Mul:
    case Binary::NMul:
      return nearest(env, fp_error_free::mul(a, b));
    case Binary::Div:
      return nearest(env, fp_error_free::div(a, b));
    default:
      return std::nullopt;
  }
}

template <typename T>
uint64_t binary_unsigned(Env& env, Binary op, uint64_t ab, uint64_t bb) {
  ab = env.input<T>(ab);
  bb = env.input<T>(bb);
  if ((op == Binary::MaxNum || op == Binary::MinNum) && is_nan_bits<T>(ab) != is_nan_bits<T>(bb)) {
    // FMAXNM/FMINNM: a quiet NaN loses against a number.
    const uint64_t nan = is_nan_bits<T>(ab) ? ab : bb, num = is_nan_bits<T>(ab) ? bb : ab;
    if (!is_snan_bits<T>(nan)) return num;
  }
  uint64_t out;
  if (env.process_nans<T>({ab, bb}, out)) return out;
  // Operands are re-read through opaque() inside each lambda so that Env::eval can evaluate
  // it a second time (tininess check) without the compiler reusing the first product.
  const Value<T> a = from_bits<T>(ab), b = from_bits<T>(bb);
  if (const auto fast = fast_binary<T>(env, op, a, b)) return *fast;
  switch (op) {
    case Binary::Add:
      return env.output<T>(env.eval<T>([&] { return opaque(a) + opaque(b); }));
    case Binary::Sub:
      return env.output<T>(env.eval<T>([&] { return opaque(a) - opaque(b); }));
    case Binary::Mul:
      return env.output<T>(env.eval<T>([&] { return opaque(a) * opaque(b); }));
    case Binary::Div:
      return env.output<T>(env.eval<T>([&] { return opaque(a) / opaque(b); }));
    case Binary::NMul:
      return env.output<T>(env.eval<T>([&] { return opaque(a) * opaque(b); }));
    case Binary::Abd:
      return env.output<T>(env.eval<T>([&] { return opaque(a) - opaque(b); }));
    default:
      return max_min<T>(op, a, b);
  }
}

template <typename T>
T round_integral(T x, Rounding r, unsigned rmode) {
  switch (r) {
    case Rounding::TieAway:
      return std::round(x);
    case Rounding::Current:
      r = static_cast<Rounding>(rmode);
      break;
    default:
      break;
  }
  static constexpr int kModes[4] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
  std::fesetround(kModes[static_cast<unsigned>(r)]);
  const volatile T v = std::nearbyint(opaque(x));
  std::fesetround(FE_TONEAREST);
  return v;
}

// FPRoundIntN: an integral value that fits `int_bits` signed bits, toward zero or by FPCR;
// NaN, infinity and out-of-range give the most negative such integer and Invalid.
template <typename T>
uint64_t round_int_n(Env& env, uint64_t ab, unsigned int_bits, bool current) {
  const Value<T> a = from_bits<T>(ab);
  const Value<T> min = -std::ldexp(Value<T>{1}, static_cast<int>(int_bits) - 1);
  if (!std::isfinite(a)) {
    env.raise(kIoc);
    return to_bits<T>(min);
  }
  const Value<T> r = round_integral(a, current ? Rounding::Current : Rounding::Zero, env.rmode());
  if (r < min || r >= -min) {
    env.raise(kIoc);
    return to_bits<T>(min);
  }
  if (r != a) env.raise(kIxc);
  return to_bits<T>(r);
}

template <typename T>
uint64_t unary(void* state, uint64_t ab, uint64_t opv, uint64_t) {
  Env env(state);
  const auto op = static_cast<Unary>(opv);
  ab = env.input<T>(ab);
  if (op >= Unary::Rint32Z) {
    const unsigned n = static_cast<unsigned>(op) - static_cast<unsigned>(Unary::Rint32Z);
    return round_int_n<T>(env, ab, n < 2 ? 32 : 64, n & 1);
  }
  uint64_t out;
  if (env.process_nans<T>({ab}, out)) return out;
  const Value<T> a = from_bits<T>(ab);
  if (op == Unary::Sqrt) {
    if constexpr (!kIsHalf<T>)
      if (env.rmode() == 0)
        if (const auto fast = nearest<T>(env, fp_error_free::sqrt(a))) return *fast;
    return env.output<T>(env.eval<T>([&] { return std::sqrt(opaque(a)); }));
  }
  static constexpr Rounding kRound[7] = {Rounding::TieEven, Rounding::PosInf,  Rounding::NegInf,
                                         Rounding::Zero,    Rounding::TieAway, Rounding::Current,
                                         Rounding::Current};
  const Value<T> r = round_integral(a, kRound[static_cast<unsigned>(op) - 1], env.rmode());
  if (op == Unary::RintX && r != a) env.raise(kIxc);
  return to_bits<T>(r);
}

template <typename T, unsigned kKind>
uint64_t fused(void* state, uint64_t nb, uint64_t mb, uint64_t ab) {
  Env env(state);
  // FMSUB/FNMADD negate operand 1 and FNMADD/FNMSUB the addend before anything else, so a
  // NaN operand propagates with its sign flipped.
  if (kKind == 1 || kKind == 2) nb ^= kSignBit<T>;
  if (kKind >= 2) ab ^= kSignBit<T>;
  nb = env.input<T>(nb);
  mb = env.input<T>(mb);
  ab = env.input<T>(ab);
  uint64_t out;
  const Value<T> n = from_bits<T>(nb), m = from_bits<T>(mb);
  // inf * 0 with a quiet NaN addend is still an invalid operation.
  if (is_nan_bits<T>(ab) && !is_snan_bits<T>(ab) &&
      ((std::isinf(n) && m == 0) || (n == 0 && std::isinf(m)))) {
    env.raise(kIoc);
    return Bits<T>::kDefaultNan;
  }
  if (env.process_nans<T>({ab, nb, mb}, out)) return out;
  const Value<T> a = from_bits<T>(ab);
  if constexpr (!kIsHalf<T>)
    if (env.rmode() == 0)
      if (const auto fast = nearest<T>(env, fp_error_free::fma(n, m, a))) return *fast;
  return env.output<T>(env.eval<T>([&] { return std::fma(opaque(n), opaque(m), opaque(a)); }));
}

template <typename T>
uint64_t compare(void* state, uint64_t ab, uint64_t bb, uint64_t signaling) {
  Env env(state);
  ab = env.input<T>(ab);
  bb = env.input<T>(bb);
  if (is_nan_bits<T>(ab) || is_nan_bits<T>(bb)) {
    if (signaling || is_snan_bits<T>(ab) || is_snan_bits<T>(bb)) env.raise(kIoc);
    return 0x3;  // unordered: C and V
  }
  const Value<T> a = from_bits<T>(ab), b = from_bits<T>(bb);
  if (a == b) return 0x6;
  return a < b ? 0x8 : 0x2;
}

template <typename T>
uint64_t compare_mask(void* state, uint64_t ab, uint64_t bb, uint64_t opv) {
  Env env(state);
  const auto op = static_cast<CmpMask>(opv);
  ab = env.input<T>(ab);
  bb = env.input<T>(bb);
  const uint64_t ones = static_cast<typename Bits<T>::U>(~uint64_t{0});
  if (is_nan_bits<T>(ab) || is_nan_bits<T>(bb)) {
    if (op != CmpMask::Eq || is_snan_bits<T>(ab) || is_snan_bits<T>(bb)) env.raise(kIoc);
    return 0;
  }
  Value<T> a = from_bits<T>(ab), b = from_bits<T>(bb);
  if (op == CmpMask::AbsGe || op == CmpMask::AbsGt) {
    a = std::fabs(a);
    b = std::fabs(b);
  }
  switch (op) {
    case CmpMask::Eq:
      return a == b ? ones : 0;
    case CmpMask::Ge:
    case CmpMask::AbsGe:
      return a >= b ? ones : 0;
    default:
      return a > b ? ones : 0;
  }
}

// The integer width of a conversion's flags (int_width_kind).
int int_bits_of(uint64_t kind) {
  return (kind & 2) ? 64 : (kind & 4) ? 16 : 32;
}

template <typename T>
uint64_t to_int(void* state, uint64_t ab, uint64_t rounding, uint64_t kind) {
  Env env(state);
  const bool is_signed = kind & 1;
  const int int_bits = int_bits_of(kind);
  const uint64_t fbits = (kind >> 8) & 0x7f;
  ab = env.input<T>(ab);
  const Value<T> a = from_bits<T>(ab);
  const auto half_range = static_cast<long double>(uint64_t{1} << (int_bits - 1));
  const long double lo = is_signed ? -half_range : 0.0L;
  const long double hi = is_signed ? half_range : 2 * half_range;
  if (std::isnan(a)) {
    env.raise(kIoc);
    return 0;
  }
  // Fixed-point forms scale by 2^fbits first; long double holds the product exactly.
  const long double scaled = std::ldexp(static_cast<long double>(a), static_cast<int>(fbits));
  const long double wide = round_integral(scaled, static_cast<Rounding>(rounding), env.rmode());
  uint64_t out;
  if (wide < lo) {
    env.raise(kIoc);
    out = static_cast<uint64_t>(static_cast<int64_t>(lo));
  } else if (wide >= hi) {
    env.raise(kIoc);
    out = is_signed ? static_cast<uint64_t>(static_cast<int64_t>(hi - 1))
                    : static_cast<uint64_t>(hi - 1);
  } else {
    if (wide != scaled) env.raise(kIxc);
    out =
        is_signed ? static_cast<uint64_t>(static_cast<int64_t>(wide)) : static_cast<uint64_t>(wide);
  }
  return int_bits == 64 ? out : out & ((uint64_t{1} << int_bits) - 1);
}

template <typename T>
uint64_t from_int(void* state, uint64_t v, uint64_t kind, uint64_t) {
  Env env(state);
  const bool is_signed = kind & 1;
  const int int_bits = int_bits_of(kind);
  const int fbits = static_cast<int>((kind >> 8) & 0x7f);
  // The scaling by 2^-fbits is exact for single and double (the result stays normal) and
  // happens before the rounding to a half, whose result may be tiny.
  using V = Value<T>;
  V r;
  if (is_signed) {
    const int64_t s = static_cast<int64_t>(v << (64 - int_bits)) >> (64 - int_bits);
    r = env.eval<T>([&] {
      const V x = static_cast<V>(opaque(s));
      return fbits ? std::ldexp(x, -fbits) : x;
    });
  } else {
    const uint64_t u = int_bits == 64 ? v : v & ((uint64_t{1} << int_bits) - 1);
    r = env.eval<T>([&] {
      const V x = static_cast<V>(opaque(u));
      return fbits ? std::ldexp(x, -fbits) : x;
    });
  }
  return env.output<T>(r);
}

// x (a number: not NaN) rounded to an IEEE half under FPCR's rounding mode.
uint16_t to_half(Env& env, long double x) {
  return env.round_to_half(static_cast<double>(x), host_rounding(env.rmode()));  // exact
}

// FPCR.AHP's alternative half precision: exponent 31 holds numbers (up to 131008), there is no
// infinity or NaN.
long double from_alternative_half(uint16_t h) {
  const int exp = (h >> 10) & 31, frac = h & 0x3ff;
  const long double magnitude = exp == 0
                                    ? std::ldexp(static_cast<long double>(frac), -24)
                                    : std::ldexp(static_cast<long double>(1024 + frac), exp - 25);
  return (h >> 15) ? -magnitude : magnitude;
}

// A number (not NaN or infinity) rounded to the alternative half precision: below 2^15 the IEEE
// conversion gives the same bits; above, half of x converts with the same rounding and the
// exponent goes up by one. What overflows is the largest magnitude with Invalid only, whatever
// the rounding mode.
uint64_t to_alternative_half(Env& env, long double x) {
  if (std::fabs(x) < 0x1p15L) return to_half(env, x);
  const uint32_t before = env.flags();
  const uint16_t u = to_half(env, x / 2);
  if ((env.flags() & ~before & kOfc) || ((u >> 10) & 31) == 31) {  // rounded past 131008
    env.set_flags(before | kIoc);
    return (u & 0x8000) | 0x7fff;
  }
  return u + 0x400;
}

// FCVT between half, single and double. x holds a half, single or double exactly, so narrowing
// it through double rounds once. FPCR.AHP selects the alternative half-precision format.
uint64_t convert(void* state, uint64_t v, uint64_t from, uint64_t to) {
  Env env(state);
  long double x;
  bool snan = false, nan = false;
  uint64_t sign = 0, payload = 0;  // NaN sign and top fraction bits, left-aligned in 64 bits
  switch (from) {
    case 16: {
      if (env.ahp()) {
        x = from_alternative_half(static_cast<uint16_t>(v));
        break;
      }
      uint16_t h = static_cast<uint16_t>(v);
      nan = (h & 0x7c00) == 0x7c00 && (h & 0x3ff);
      snan = nan && !(h & 0x200);
      sign = h >> 15;
      payload = uint64_t{h & 0x1ffu} << 55;
      x = nan ? 0 : binary16::to_double(h);  // a NaN is carried by sign and payload
      break;
    }
    case 32: {
      v = env.input<float>(v);
      nan = is_nan_bits<float>(v);
      snan = is_snan_bits<float>(v);
      sign = (v >> 31) & 1;
      payload = (v & 0x3fffff) << 42;
      x = from_bits<float>(v);
      break;
    }
    default: {
      v = env.input<double>(v);
      nan = is_nan_bits<double>(v);
      snan = is_snan_bits<double>(v);
      sign = v >> 63;
      payload = (v & 0x7ffffffffffff) << 13;
      x = from_bits<double>(v);
      break;
    }
  }
  if (to == 16 && env.ahp() && (nan || std::isinf(x))) {  // no NaN or infinity to give
    env.raise(kIoc);
    return (sign << 15) | (nan ? 0 : 0x7fff);
  }
  if (nan) {
    if (snan) env.raise(kIoc);
    switch (to) {
      case 16:
        return env.dn() ? 0x7e00 : (sign << 15) | 0x7e00 | (payload >> 55);
      case 32:
        return env.dn() ? Bits<float>::kDefaultNan : (sign << 31) | 0x7fc00000 | (payload >> 42);
      default:
        return env.dn() ? Bits<double>::kDefaultNan
                        : (sign << 63) | 0x7ff8000000000000 | (payload >> 13);
    }
  }
  switch (to) {
    case 16: {
      if (env.ahp()) return to_alternative_half(env, x);
      return to_half(env, x);
    }
    case 32:
      return env.output<float>(env.eval<float>([&] { return static_cast<float>(opaque(x)); }));
    default:
      return env.output<double>(env.eval<double>([&] { return static_cast<double>(opaque(x)); }));
  }
}

// A half-precision operand of FMLAL/FMLSL as the single it equals (exactly): FPCR.FZ16 flushes
// a subnormal to zero (without IDC), and a NaN keeps whether it signals, so that the
// single-precision FMADD sees the same NaN cases (FPUnpack of half precision, which ignores
// FPCR.AHP as data processing does; FPProcessNaNs3H).
uint64_t half_as_single(uint32_t fpcr, uint16_t h) {
  const uint64_t sign = static_cast<uint64_t>(h >> 15) << 31;
  const unsigned exp = (h >> 10) & 31, frac = h & 0x3ff;
  const bool fz16 = (fpcr >> 19) & 1;
  if (exp == 0 && (frac == 0 || fz16)) return sign;
  if (exp == 31) return sign | 0x7f800000 | uint64_t{frac} << 13;
  const float magnitude = exp == 0 ? std::ldexp(static_cast<float>(frac), -24)
                                   : std::ldexp(static_cast<float>(1024 + frac), int(exp) - 25);
  return sign | to_bits<float>(magnitude);
}

// FMLAL/FMLSL lane (FPMulAddH): acc + n * m with n and m half precision (n negated first for
// FMLSL), rounded once to single.
uint64_t mul_add_half(void* state, uint64_t acc, uint64_t halves, uint64_t negate) {
  const uint32_t fpcr = static_cast<Aarch64State*>(state)->fpcr;
  const auto n = static_cast<uint16_t>((halves & 0xffff) ^ (negate ? 0x8000 : 0));
  const auto m = static_cast<uint16_t>(halves >> 16);
  return fused<float, 0>(state, half_as_single(fpcr, n), half_as_single(fpcr, m), acc);
}

// FPToFixedJS: a double truncated toward zero, modulo 2^32 (JavaScript's ToInt32). Invalid for
// NaN, infinity and values outside int32; Inexact for a fraction; bit 32 of the result (Z) is
// set only for an exact conversion of a number other than -0 or a flushed subnormal.
uint64_t js_convert(void* state, uint64_t bits, uint64_t, uint64_t) {
  Env env(state);
  const uint64_t in = env.input<double>(bits);
  const double a = from_bits<double>(in);
  if (!std::isfinite(a)) {
    env.raise(kIoc);
    return 0;
  }
  const double t = std::trunc(a);
  const auto result = static_cast<uint32_t>(static_cast<int64_t>(std::fmod(t, 0x1p32)));
  bool exact = false;
  if (t < -0x1p31 || t >= 0x1p31)
    env.raise(kIoc);
  else if (t != a)
    env.raise(kIxc);
  else
    exact = !(a == 0 && (std::signbit(a) || in != bits));
  return result | uint64_t{exact} << 32;
}

// Per format, in format_index order: half, single, double.
constexpr ir::HelperInfo kBinary[3] = {{"a64_fp_binary_h", &binary<Half>},
                                       {"a64_fp_binary_s", &binary<float>},
                                       {"a64_fp_binary_d", &binary<double>}};
constexpr ir::HelperInfo kUnary[3] = {{"a64_fp_unary_h", &unary<Half>},
                                      {"a64_fp_unary_s", &unary<float>},
                                      {"a64_fp_unary_d", &unary<double>}};
constexpr ir::HelperInfo kFma[3][4] = {{{"a64_fmadd_h", &fused<Half, 0>},
                                        {"a64_fmsub_h", &fused<Half, 1>},
                                        {"a64_fnmadd_h", &fused<Half, 2>},
                                        {"a64_fnmsub_h", &fused<Half, 3>}},
                                       {{"a64_fmadd_s", &fused<float, 0>},
                                        {"a64_fmsub_s", &fused<float, 1>},
                                        {"a64_fnmadd_s", &fused<float, 2>},
                                        {"a64_fnmsub_s", &fused<float, 3>}},
                                       {{"a64_fmadd_d", &fused<double, 0>},
                                        {"a64_fmsub_d", &fused<double, 1>},
                                        {"a64_fnmadd_d", &fused<double, 2>},
                                        {"a64_fnmsub_d", &fused<double, 3>}}};
constexpr ir::HelperInfo kCompare[3] = {{"a64_fcmp_h", &compare<Half>},
                                        {"a64_fcmp_s", &compare<float>},
                                        {"a64_fcmp_d", &compare<double>}};
constexpr ir::HelperInfo kCompareMask[3] = {{"a64_fcm_h", &compare_mask<Half>},
                                            {"a64_fcm_s", &compare_mask<float>},
                                            {"a64_fcm_d", &compare_mask<double>}};
constexpr ir::HelperInfo kToInt[3] = {{"a64_fcvt_to_int_h", &to_int<Half>},
                                      {"a64_fcvt_to_int_s", &to_int<float>},
                                      {"a64_fcvt_to_int_d", &to_int<double>}};
constexpr ir::HelperInfo kFromInt[3] = {{"a64_cvtf_h", &from_int<Half>},
                                        {"a64_cvtf_s", &from_int<float>},
                                        {"a64_cvtf_d", &from_int<double>}};
constexpr ir::HelperInfo kConvert{"a64_fcvt", &convert};
constexpr ir::HelperInfo kJsConvert{"a64_fjcvtzs", &js_convert};
constexpr ir::HelperInfo kMulAddHalf{"a64_fmlal", &mul_add_half};

}  // namespace

const ir::HelperInfo& binary_helper(unsigned fbits) {
  return kBinary[format_index(fbits)];
}
const ir::HelperInfo& unary_helper(unsigned fbits) {
  return kUnary[format_index(fbits)];
}
const ir::HelperInfo& fma_helper(unsigned kind, unsigned fbits) {
  return kFma[format_index(fbits)][kind & 3];
}
const ir::HelperInfo& compare_helper(unsigned fbits) {
  return kCompare[format_index(fbits)];
}
const ir::HelperInfo& compare_mask_helper(unsigned fbits) {
  return kCompareMask[format_index(fbits)];
}
const ir::HelperInfo& to_int_helper(unsigned fbits) {
  return kToInt[format_index(fbits)];
}
const ir::HelperInfo& from_int_helper(unsigned fbits) {
  return kFromInt[format_index(fbits)];
}
const ir::HelperInfo& convert_helper() {
  return kConvert;
}
const ir::HelperInfo& js_convert_helper() {
  return kJsConvert;
}
const ir::HelperInfo& mul_add_half_helper() {
  return kMulAddHalf;
}

}  // namespace xisa::aarch64::fp
