// A64 reciprocal estimates and Newton-Raphson steps: FRECPE, FRSQRTE, FRECPX (the Armv8.0
// 8-bit estimate tables, Arm ARM FPRecipEstimate / FPRSqrtEstimate) and FRECPS, FRSQRTS, FMULX.
#include <cfenv>
#include <cmath>
#include <cstring>
#include <limits>

#include "frontend/aarch64/fp_env.h"
#include "frontend/aarch64/fp_helpers.h"

namespace xisa::aarch64::fp {

namespace {

// An operand as the pseudocode sees it: sign, biased exponent of T, fraction left-aligned to
// the 52 bits of a double (half precision: Arm's "fraction = operand<9:0>:Zeros(42)").
struct Parts {
  uint64_t sign;
  int exp;
  uint64_t frac;
};
template <typename T>
Parts parts(uint64_t v) {
  if constexpr (kIsHalf<T>)
    return {(v >> 15) & 1, static_cast<int>((v >> 10) & 0x1f), (v & 0x3ff) << 42};
  else if constexpr (sizeof(T) == 4)
    return {(v >> 31) & 1, static_cast<int>((v >> 23) & 0xff), (v & 0x7fffff) << 29};
  else
    return {v >> 63, static_cast<int>((v >> 52) & 0x7ff), v & 0xfffffffffffff};
}
// Packs sign, biased exponent and a 52-bit-aligned fraction into T's layout.
template <typename T>
uint64_t pack(uint64_t sign, int exp, uint64_t frac) {
  if constexpr (kIsHalf<T>)
    return (sign << 15) | ((static_cast<uint64_t>(exp) & 0x1f) << 10) | (frac >> 42);
  else if constexpr (sizeof(T) == 4)
    return (sign << 31) | ((static_cast<uint64_t>(exp) & 0xff) << 23) | (frac >> 29);
  else
    return (sign << 63) | ((static_cast<uint64_t>(exp) & 0x7ff) << 52) | frac;
}
template <typename T>
constexpr int kMaxExp = kIsHalf<T>       ? 0x1f
                        : sizeof(T) == 4 ? 0xff
                                         : 0x7ff;
template <typename T>
constexpr int kBias = kIsHalf<T>       ? 15
                      : sizeof(T) == 4 ? 127
                                       : 1023;

unsigned recip_estimate(unsigned a) {  // a in [256, 512): 0.5 <= a/512 < 1
  a = a * 2 + 1;
  const unsigned b = (1u << 19) / a;
  return (b + 1) >> 1;
}
unsigned rsqrt_estimate(unsigned a) {  // a in [128, 512): 0.25 <= a/512 < 1
  if (a < 256) {
    a = a * 2 + 1;
  } else {
    a = (a >> 1) << 1;
    a = (a + 1) * 2;
  }
  unsigned b = 512;
  while (uint64_t{a} * (b + 1) * (b + 1) < (uint64_t{1} << 28)) ++b;
  return (b + 1) / 2;
}

template <typename T>
uint64_t recip(Env& env, uint64_t v) {
  const Parts p = parts<T>(v);
  if (p.exp == kMaxExp<T>) return pack<T>(p.sign, 0, 0);  // infinity -> zero
  if (p.exp == 0 && p.frac == 0) {
    env.raise(kDzc);
    return pack<T>(p.sign, kMaxExp<T>, 0);
  }
  const Value<T> mag = std::fabs(from_bits<T>(v));
  if (mag < std::ldexp(Value<T>{1}, -kBias<T> - 1)) {  // the reciprocal overflows
    const unsigned rmode = env.rmode();
    const bool to_inf = rmode == 0 || (rmode == 1 && !p.sign) || (rmode == 2 && p.sign);
    env.raise(kOfc | kIxc);
    return to_inf ? pack<T>(p.sign, kMaxExp<T>, 0)
                  : pack<T>(p.sign, kMaxExp<T> - 1, 0xfffffffffffff);
  }
  // The reciprocal is subnormal: flushed under FZ (FZ16).
  if (env.flush<T>() && mag >= std::ldexp(Value<T>{1}, kBias<T> - 1)) {
    env.raise(kUfc);
    return pack<T>(p.sign, 0, 0);
  }
  int exp = p.exp;
  uint64_t frac = p.frac;
  if (exp == 0) {
    if (!(frac >> 51 & 1)) {
      exp = -1;
      frac = (frac << 2) & 0xfffffffffffff;
    } else {
      frac = (frac << 1) & 0xfffffffffffff;
    }
  }
  const unsigned scaled = 256 | static_cast<unsigned>(frac >> 44);
  int result_exp = 2 * kBias<T> - 1 - exp;
  frac = uint64_t{recip_estimate(scaled) & 0xff} << 44;
  if (result_exp == 0) {
    frac = (uint64_t{1} << 51) | (frac >> 1);
  } else if (result_exp == -1) {
    frac = (uint64_t{1} << 50) | (frac >> 2);
    result_exp = 0;
  }
  return pack<T>(p.sign, result_exp, frac);
}

template <typename T>
uint64_t rsqrt(Env& env, uint64_t v) {
  const Parts p = parts<T>(v);
  if (p.exp == 0 && p.frac == 0) {
    env.raise(kDzc);
    return pack<T>(p.sign, kMaxExp<T>, 0);
  }
  if (p.sign) {
    env.raise(kIoc);
    return Bits<T>::kDefaultNan;
  }
  if (p.exp == kMaxExp<T>) return 0;
  int exp = p.exp;
  uint64_t frac = p.frac;
  if (exp == 0) {
    while (!(frac >> 51 & 1)) {
      frac = (frac << 1) & 0xfffffffffffff;
      --exp;
    }
    frac = (frac << 1) & 0xfffffffffffff;
  }
  const unsigned scaled = (exp & 1) == 0 ? 256 | static_cast<unsigned>(frac >> 44)
                                         : 128 | static_cast<unsigned>(frac >> 45);
  const int numerator = 3 * kBias<T> - 1 - exp;  // positive: exp >= -52
  const int result_exp = numerator / 2;
  return pack<T>(0, result_exp, uint64_t{rsqrt_estimate(scaled) & 0xff} << 44);
}

template <typename T>
uint64_t estimate(void* state, uint64_t v, uint64_t opv, uint64_t) {
  Env env(state);
  v = env.input<T>(v);
  uint64_t out;
  if (env.process_nans<T>({v}, out)) return out;
  switch (static_cast<Estimate>(opv)) {
    case Estimate::Recip:
      return recip<T>(env, v);
    case Estimate::RSqrt:
      return rsqrt<T>(env, v);
    default: {  // FRECPX: the exponent inverted, fraction zero
      const Parts p = parts<T>(v);
      return pack<T>(p.sign, p.exp == 0 ? kMaxExp<T> - 1 : ~p.exp & kMaxExp<T>, 0);
    }
  }
}

// FRECPS: 2 - a*b; FRSQRTS: (3 - a*b) / 2; FMULX: a*b with 0 * inf = +-2. Fused, one rounding.
template <typename T>
uint64_t step(void* state, uint64_t ab, uint64_t bb, uint64_t opv) {
  Env env(state);
  const auto op = static_cast<Step>(opv);
  constexpr uint64_t kSign = kSignBit<T>;
  if (op != Step::MulX) ab ^= kSign;  // the steps negate operand 1 before anything else
  ab = env.input<T>(ab);
  bb = env.input<T>(bb);
  uint64_t out;
  if (env.process_nans<T>({ab, bb}, out)) return out;
  using V = Value<T>;
  const V a = from_bits<T>(ab), b = from_bits<T>(bb);
  const uint64_t sign = (ab ^ bb) & kSign;
  if ((std::isinf(a) && b == 0) || (a == 0 && std::isinf(b))) {
    switch (op) {
      case Step::Recip:
        return to_bits<T>(V{2});
      case Step::RSqrt:
        return to_bits<T>(V{1.5});
      default:
        return to_bits<T>(V{2}) | sign;
    }
  }
  switch (op) {
    case Step::MulX:
      return env.output<T>(env.eval<T>([&] { return opaque(a) * opaque(b); }));
    case Step::Recip:
      if (std::isinf(a) || std::isinf(b))
        return to_bits<T>(std::numeric_limits<V>::infinity()) | sign;
      return env.output<T>(env.eval<T>([&] { return std::fma(opaque(a), opaque(b), V{2}); }));
    default:
      if (std::isinf(a) || std::isinf(b))
        return to_bits<T>(std::numeric_limits<V>::infinity()) | sign;
      // (3 + a*b) / 2 rounded once: halve an operand exactly (one that is not tiny) instead of
      // the rounded sum, which could overflow or round twice. Two tiny operands cannot matter.
      return env.output<T>(env.eval<T>([&] {
        const V tiny = 2 * std::numeric_limits<V>::min();
        if (std::fabs(a) >= tiny) return std::fma(opaque(a) / 2, opaque(b), V{1.5});
        if (std::fabs(b) >= tiny) return std::fma(opaque(a), opaque(b) / 2, V{1.5});
        return std::fma(opaque(a), opaque(b), V{3}) / 2;
      }));
  }
}

constexpr ir::HelperInfo kEstimate[3] = {{"a64_fp_estimate_h", &estimate<Half>},
                                         {"a64_fp_estimate_s", &estimate<float>},
                                         {"a64_fp_estimate_d", &estimate<double>}};
constexpr ir::HelperInfo kStep[3] = {{"a64_fp_step_h", &step<Half>},
                                     {"a64_fp_step_s", &step<float>},
                                     {"a64_fp_step_d", &step<double>}};

}  // namespace

const ir::HelperInfo& estimate_helper(unsigned fbits) {
  return kEstimate[format_index(fbits)];
}
const ir::HelperInfo& step_helper(unsigned fbits) {
  return kStep[format_index(fbits)];
}

}  // namespace xisa::aarch64::fp
