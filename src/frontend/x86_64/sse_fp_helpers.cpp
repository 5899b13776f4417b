// The SSE floating-point helper: lane loops over float/double with MXCSR semantics.
#include "frontend/x86_64/sse_fp_helpers.h"

#include <cfenv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include "common/fp_error_free.h"
#include "frontend/x86_64/flags_formulas.h"
#include "frontend/x86_64/mxcsr_fp_env.h"
#include "guest/x86_64/x86_64_state.h"

namespace xisa::x86_64 {

namespace {

using namespace sse_fp;  // the helpers' shared vocabulary (mxcsr_fp_env.h)

template <typename F>
F arith(FpEnv& env, SseOp op, F a, F b) {
  // SQRT has one operand, the source b.
  const bool unary = op == SseOp::Sqrt;
  a = env.flush(a);
  b = env.flush(b);
  const bool a_nan = !unary && is_nan(a);
  if (op == SseOp::Min || op == SseOp::Max) {
    // Either NaN or both zero: the source (second operand), as the SDM's pseudo-code says.
    if (a_nan || is_nan(b)) {
      env.raise(kIE);
      return b;
    }
    env.check_denormal(a);
    env.check_denormal(b);
    if (op == SseOp::Min) return a < b ? a : b;
    return a > b ? a : b;
  }
  if (a_nan || is_nan(b)) {
    if ((a_nan && is_snan(a)) || is_snan(b)) env.raise(kIE);
    return quieted(a_nan ? a : b);
  }
  volatile F x = a, y = b;
  volatile F r;  // volatile: the host operation must complete before its flags are read
  switch (op) {
    case SseOp::Add:
      r = x + y;
      break;
    case SseOp::Sub:
      r = x - y;
      break;
    case SseOp::Mul:
      r = x * y;
      break;
    case SseOp::Div:
      r = x / y;
      break;
    default:
      r = std::sqrt(static_cast<F>(y));
      break;
  }
  // An invalid operation or a division by zero is reported instead of a denormal operand.
  if (!env.collect_reports_invalid_or_zero_divide()) {
    if (!unary) env.check_denormal(a);
    env.check_denormal(b);
  }
  if (is_nan<F>(r)) return default_nan<F>();
  return env.output<F>(r);
}

// CMPccSS/SD/PS/PD and their VEX forms: predicate 0-31 (SDM vol. 2, CMPPS, table "Comparison
// Predicate for CMPPD and CMPPS Instructions"). Bits 3:0 pick which of less, equal, greater and
// unordered are true; predicates 1, 2, 5, 6, 9, 10, 13 and 14 signal (IE on a QNaN operand too),
// and bit 4 swaps signalling and quiet.
template <typename F>
bool compare(FpEnv& env, unsigned pred, F a, F b) {
  enum : uint8_t { kLess = 1, kEqual = 2, kGreater = 4, kUnordered = 8 };
  static constexpr uint8_t kTrueWhen[16] = {
      kEqual,                                  // EQ_OQ
      kLess,                                   // LT_OS
      kLess | kEqual,                          // LE_OS
      kUnordered,                              // UNORD_Q
      kLess | kGreater | kUnordered,           // NEQ_UQ
      kEqual | kGreater | kUnordered,          // NLT_US
      kGreater | kUnordered,                   // NLE_US
      kLess | kEqual | kGreater,               // ORD_Q
      kEqual | kUnordered,                     // EQ_UQ
      kLess | kUnordered,                      // NGE_US
      kLess | kEqual | kUnordered,             // NGT_US
      0,                                       // FALSE_OQ
      kLess | kGreater,                        // NEQ_OQ
      kEqual | kGreater,                       // GE_OS
      kGreater,                                // GT_OS
      kLess | kEqual | kGreater | kUnordered,  // TRUE_UQ
  };
  a = env.flush(a);
  b = env.flush(b);
  const bool unordered = is_nan(a) || is_nan(b);
  if (!unordered) {
    env.check_denormal(a);
    env.check_denormal(b);
  }
  const bool signaling = (((pred & 3) == 1 || (pred & 3) == 2) != ((pred & 16) != 0));
  if (unordered && (signaling || is_snan(a) || is_snan(b))) env.raise(kIE);
  const uint8_t outcome = unordered ? kUnordered : a < b ? kLess : a == b ? kEqual : kGreater;
  return (kTrueWhen[pred & 15] & outcome) != 0;
}

// Float to integer; out of range or NaN gives the integer indefinite (MIN) and IE.
template <typename F, typename I>
I to_int(FpEnv& env, F f, bool truncate) {
  f = env.flush(f);  // conversions to integers do not report denormal operands
  const F r = truncate ? std::trunc(f) : std::nearbyint(f);
  const F limit = std::ldexp(F{1}, std::numeric_limits<I>::digits);
  if (is_nan(f) || r >= limit || r < -limit) {
    env.raise(kIE);
    return std::numeric_limits<I>::min();
  }
  if (r != f) env.raise(kPE);
  return static_cast<I>(r);
}

template <typename F>
uint64_t lanes(FpEnv& env, SseOp op, unsigned imm, Vec& d, const Vec& s, unsigned n) {
  for (unsigned i = 0; i < n; ++i) {
    const F a = d.get<F>(i), b = s.get<F>(i);
    if (op == SseOp::Cmp)
      d.set<Bits<F>>(i, compare(env, imm, a, b) ? ~Bits<F>{0} : 0);
    else
      d.set<F>(i, arith(env, op, a, b));
  }
  return 0;
}

// SSE3 horizontal and alternating forms, lane by lane in the SDM's order.
template <typename F>
void horizontal(FpEnv& env, SseOp op, Vec& d, const Vec& s) {
  constexpr unsigned n = 16 / sizeof(F);
  Vec r = d;
  if (op == SseOp::AddSub) {
    for (unsigned i = 0; i < n; ++i)
      r.set<F>(i, arith(env, i % 2 ? SseOp::Add : SseOp::Sub, d.get<F>(i), s.get<F>(i)));
  } else {
    const SseOp lane_op = op == SseOp::HAdd ? SseOp::Add : SseOp::Sub;
    for (unsigned i = 0; i < n / 2; ++i) {
      r.set<F>(i, arith(env, lane_op, d.get<F>(2 * i), d.get<F>(2 * i + 1)));
      r.set<F>(i + n / 2, arith(env, lane_op, s.get<F>(2 * i), s.get<F>(2 * i + 1)));
    }
  }
  d = r;
}

template <typename F>
F round_lane(FpEnv& env, F v, unsigned imm, uint32_t mxcsr) {
  v = env.flush(v);
  if (is_nan(v)) {
    if (is_snan(v)) env.raise(kIE);
    return quieted(v);
  }
  static constexpr int kModes[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
  const int mode = kModes[(imm & 4) ? (mxcsr >> 13) & 3 : imm & 3];
  const int saved = std::fegetround();
  std::fesetround(mode);
  volatile F x = v;
  volatile F r = std::nearbyint(static_cast<F>(x));
  std::fesetround(saved);
  if (!(imm & 8) && r != v) env.raise(kPE);  // ROUND* reports no denormal operand
  return r;
}

// DPPS/DPPD: products of the selected lanes, summed pairwise as the SDM orders it.
template <typename F>
void dot(FpEnv& env, unsigned imm, Vec& d, const Vec& s) {
  constexpr unsigned n = 16 / sizeof(F);
  F p[4] = {};
  for (unsigned i = 0; i < n; ++i)
    p[i] = ((imm >> (4 + i)) & 1) ? arith(env, SseOp::Mul, d.get<F>(i), s.get<F>(i)) : F{0};
  F sum;
  if (n == 4)
    sum = arith(env, SseOp::Add, arith(env, SseOp::Add, p[0], p[1]),
                arith(env, SseOp::Add, p[2], p[3]));
  else
    sum = arith(env, SseOp::Add, p[0], p[1]);
  for (unsigned i = 0; i < n; ++i) d.set<F>(i, ((imm >> i) & 1) ? sum : F{0});
}

template <typename F>
uint64_t comi(FpEnv& env, bool signaling, F a, F b) {
  a = env.flush(a);
  b = env.flush(b);
  if (is_nan(a) || is_nan(b)) {
    if (signaling || is_snan(a) || is_snan(b)) env.raise(kIE);
    return (1u << kZF) | (1u << kPF) | (1u << kCF);
  }
  env.check_denormal(a);
  env.check_denormal(b);
  if (a < b) return 1u << kCF;
  if (a == b) return 1u << kZF;
  return 0;
}

template <typename F, typename G>
G convert_float(FpEnv& env, F f) {
  f = env.input(f);
  if (is_nan(f)) {
    if (is_snan(f)) env.raise(kIE);
    // The payload's top bits survive a format change.
    using BF = Bits<F>;
    using BG = Bits<G>;
    const BF bits = to_bits(f);
    const int shift = std::numeric_limits<F>::digits - std::numeric_limits<G>::digits;
    BG payload = shift >= 0
                     ? static_cast<BG>((bits & (quiet_bit<F>() * 2 - 1)) >> shift)
                     : static_cast<BG>(static_cast<BG>(bits & (quiet_bit<F>() * 2 - 1)) << -shift);
    const BG sign = (bits >> (sizeof(BF) * 8 - 1)) ? BG{1} << (sizeof(BG) * 8 - 1) : 0;
    const BG exp = static_cast<BG>(~BG{0} << (std::numeric_limits<G>::digits - 1)) &
                   ~(BG{1} << (sizeof(BG) * 8 - 1));
    return from_bits<G>(sign | exp | payload | quiet_bit<G>());
  }
  volatile F x = f;
  volatile G r = static_cast<G>(x);
  env.collect();
  return env.output<G>(r);
}

// Round-to-nearest ADD/SUB/MUL/DIV/SQRT whose every lane is far from zero, infinity and NaN:
// computed without the host's flags (common/fp_error_free.h), so no MXCSR round trip. Only
// PE can arise then. False (nothing changed) when a lane needs the exact path.
template <typename F>
bool fast_nearest_lanes(X86_64State& s, SseOp op, Vec& d, const Vec& src, unsigned n) {
  F out[4];  // d changes only once every lane is known to be fast
  bool inexact = false;
  for (unsigned i = 0; i < n; ++i) {
    const F a = d.get<F>(i), b = src.get<F>(i);
    std::optional<fp_error_free::Rounded<F>> v;
    switch (op) {
      case SseOp::Add:
        v = fp_error_free::add(a, b);
        break;
      case SseOp::Sub:
        v = fp_error_free::add(a, -b);
        break;
      case SseOp::Mul:
        v = fp_error_free::mul(a, b);
        break;
      case SseOp::Div:
        v = fp_error_free::div(a, b);
        break;
      case SseOp::Sqrt:
        v = fp_error_free::sqrt(b);
        break;
      default:
        return false;
    }
    if (!v) return false;
    out[i] = v->value;
    inexact |= v->inexact;
  }
  for (unsigned i = 0; i < n; ++i) d.set<F>(i, out[i]);
  if (inexact) s.mxcsr |= kPE;
  return true;
}

bool fast_nearest(X86_64State& s, SseOp op, SseFormat fmt, Vec& d, const Vec& src) {
  if ((s.mxcsr & kRoundingControl) != 0) return false;
  switch (fmt) {
    case SseFormat::Ss:
      return fast_nearest_lanes<float>(s, op, d, src, 1);
    case SseFormat::Sd:
      return fast_nearest_lanes<double>(s, op, d, src, 1);
    case SseFormat::Ps:
      return fast_nearest_lanes<float>(s, op, d, src, 4);
    case SseFormat::Pd:
      return fast_nearest_lanes<double>(s, op, d, src, 2);
  }
  return false;
}

uint64_t helper_sse(void* state, uint64_t desc, uint64_t src_lo, uint64_t src_hi) {
  auto& s = *static_cast<X86_64State*>(state);
  const auto op = static_cast<SseOp>(desc & 0xff);
  const auto fmt = static_cast<SseFormat>((desc >> 8) & 0xff);
  const unsigned dst = (desc >> 16) & 0xff, imm = (desc >> 24) & 0xff;
  Vec d{{s.vec[dst][0], s.vec[dst][1]}};
  const Vec src{{src_lo, src_hi}};
  FpEnv env(s.mxcsr);
  uint64_t ret = 0;
  const bool is_double = is_double_format(fmt);
  switch (op) {
    case SseOp::Ucomi:
    case SseOp::Comi:
      ret = is_double ? comi(env, op == SseOp::Comi, d.get<double>(0), src.get<double>(0))
                      : comi(env, op == SseOp::Comi, d.get<float>(0), src.get<float>(0));
      break;
    case SseOp::CvtToInt:
    case SseOp::CvtTToInt: {
      const bool t = op == SseOp::CvtTToInt;
      if (imm)
        ret = static_cast<uint64_t>(is_double ? to_int<double, int64_t>(env, src.get<double>(0), t)
                                              : to_int<float, int64_t>(env, src.get<float>(0), t));
      else
        ret = static_cast<uint32_t>(is_double ? to_int<double, int32_t>(env, src.get<double>(0), t)
                                              : to_int<float, int32_t>(env, src.get<float>(0), t));
      break;
    }
    case SseOp::CvtFromInt: {
      const int64_t v = imm ? static_cast<int64_t>(src_lo) : static_cast<int32_t>(src_lo);
      volatile int64_t x = v;
      if (is_double)
        d.set<double>(0, static_cast<double>(x));
      else
        d.set<float>(0, static_cast<float>(x));
      env.collect();
      break;
    }
    case SseOp::CvtScalar:
      if (is_double)
        d.set<double>(0, convert_float<float, double>(env, src.get<float>(0)));
      else
        d.set<float>(0, convert_float<double, float>(env, src.get<double>(0)));
      break;
    case SseOp::CvtPs2Pd: {
      const float a = src.get<float>(0), b = src.get<float>(1);
      d.set<double>(0, convert_float<float, double>(env, a));
      d.set<double>(1, convert_float<float, double>(env, b));
      break;
    }
    case SseOp::CvtPd2Ps:
      d.set<float>(0, convert_float<double, float>(env, src.get<double>(0)));
      d.set<float>(1, convert_float<double, float>(env, src.get<double>(1)));
      d.q[1] = 0;
      break;
    case SseOp::CvtDq2Ps:
      for (unsigned i = 0; i < 4; ++i) {
        volatile int32_t x = src.get<int32_t>(i);
        d.set<float>(i, static_cast<float>(x));
      }
      env.collect();
      break;
    case SseOp::CvtDq2Pd: {
      const int32_t a = src.get<int32_t>(0), b = src.get<int32_t>(1);
      d.set<double>(0, a);
      d.set<double>(1, b);
      break;
    }
    case SseOp::CvtPs2Dq:
    case SseOp::CvtTPs2Dq:
      for (unsigned i = 0; i < 4; ++i)
        d.set<int32_t>(i, to_int<float, int32_t>(env, src.get<float>(i), op == SseOp::CvtTPs2Dq));
      break;
    case SseOp::CvtPd2Dq:
    case SseOp::CvtTPd2Dq:
      for (unsigned i = 0; i < 2; ++i)
        d.set<int32_t>(i, to_int<double, int32_t>(env, src.get<double>(i), op == SseOp::CvtTPd2Dq));
      d.q[1] = 0;
      break;
    case SseOp::CvtPi2Ps:
      for (unsigned i = 0; i < 2; ++i) {
        volatile int32_t x = src.get<int32_t>(i);
        d.set<float>(i, static_cast<float>(x));
      }
      env.collect();
      break;
    case SseOp::CvtToPi:
    case SseOp::CvtTToPi:
      for (unsigned i = 0; i < 2; ++i) {
        const bool t = op == SseOp::CvtTToPi;
        const int32_t v = is_double ? to_int<double, int32_t>(env, src.get<double>(i), t)
                                    : to_int<float, int32_t>(env, src.get<float>(i), t);
        ret |= uint64_t{static_cast<uint32_t>(v)} << (32 * i);
      }
      break;
    case SseOp::Round: {
      const unsigned n = lane_count(fmt);
      for (unsigned i = 0; i < n; ++i) {
        if (is_double)
          d.set<double>(i, round_lane(env, src.get<double>(i), imm, s.mxcsr));
        else
          d.set<float>(i, round_lane(env, src.get<float>(i), imm, s.mxcsr));
      }
      break;
    }
    case SseOp::Dot:
      if (is_double)
        dot<double>(env, imm, d, src);
      else
        dot<float>(env, imm, d, src);
      break;
    case SseOp::AddSub:
    case SseOp::HAdd:
    case SseOp::HSub:
      if (is_double)
        horizontal<double>(env, op, d, src);
      else
        horizontal<float>(env, op, d, src);
      break;
    default:
      switch (fmt) {
        case SseFormat::Ss:
          lanes<float>(env, op, imm, d, src, 1);
          break;
        case SseFormat::Sd:
          lanes<double>(env, op, imm, d, src, 1);
          break;
        case SseFormat::Ps:
          lanes<float>(env, op, imm, d, src, 4);
          break;
        case SseFormat::Pd:
          lanes<double>(env, op, imm, d, src, 2);
          break;
      }
      break;
  }
  s.vec[dst][0] = d.q[0];
  s.vec[dst][1] = d.q[1];
  s.mxcsr |= env.flags();
  return ret;
}

// ADD/SUB/MUL/DIV/SQRT: the round-to-nearest fast path in a function small enough to be cheap
// to call; everything else goes on to helper_sse.
uint64_t helper_sse_arith(void* state, uint64_t desc, uint64_t src_lo, uint64_t src_hi) {
  auto& s = *static_cast<X86_64State*>(state);
  const auto op = static_cast<SseOp>(desc & 0xff);
  const auto fmt = static_cast<SseFormat>((desc >> 8) & 0xff);
  const unsigned dst = (desc >> 16) & 0xff;
  Vec d{{s.vec[dst][0], s.vec[dst][1]}};
  if (!fast_nearest(s, op, fmt, d, Vec{{src_lo, src_hi}}))
    return helper_sse(state, desc, src_lo, src_hi);
  s.vec[dst][0] = d.q[0];
  s.vec[dst][1] = d.q[1];
  return 0;
}

}  // namespace

const ir::HelperInfo kSseHelper{"x86_sse", helper_sse};
const ir::HelperInfo kSseArithHelper{"x86_sse_arith", helper_sse_arith};

}  // namespace xisa::x86_64
