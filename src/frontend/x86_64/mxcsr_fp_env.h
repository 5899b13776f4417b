// What the SSE/AVX floating-point helpers share: MXCSR's bits, classification of floats by
// their bit patterns (the host's isnan may compare, raising flags on a signalling NaN), the
// guest's FP environment around one helper call (rounding mode, DAZ/FTZ, accrued flags) and a
// 128-bit register image with typed lanes.
#pragma once

#include <cfenv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "common/host_fp_env.h"

namespace xisa::x86_64::sse_fp {

// MXCSR bits.
constexpr uint32_t kIE = 1, kDE = 2, kZE = 4, kOE = 8, kUE = 16, kPE = 32, kDaz = 1u << 6,
                   kUM = 1u << 11, kRoundingControl = 3u << 13, kFtz = 1u << 15;

template <typename F>
using Bits = std::conditional_t<sizeof(F) == 4, uint32_t, uint64_t>;

template <typename F>
Bits<F> to_bits(F f) {
  Bits<F> b;
  std::memcpy(&b, &f, sizeof f);
  return b;
}
template <typename F>
F from_bits(Bits<F> b) {
  F f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}
template <typename F>
constexpr Bits<F> quiet_bit() {
  return Bits<F>{1} << (std::numeric_limits<F>::digits - 2);
}
// Classification by bits: the host's isnan/fpclassify may compare, which raises host flags
// on a signaling NaN.
template <typename F>
constexpr Bits<F> sign_bit() {
  return Bits<F>{1} << (sizeof(F) * 8 - 1);
}
template <typename F>
constexpr Bits<F> exp_mask() {
  return static_cast<Bits<F>>(~Bits<F>{0} << (std::numeric_limits<F>::digits - 1)) & ~sign_bit<F>();
}
template <typename F>
bool is_nan(F f) {
  const Bits<F> b = to_bits(f) & ~sign_bit<F>();
  return b > exp_mask<F>();
}
template <typename F>
bool is_subnormal(F f) {
  const Bits<F> b = to_bits(f) & ~sign_bit<F>();
  return b != 0 && (b & exp_mask<F>()) == 0;
}
template <typename F>
bool is_snan(F f) {
  return is_nan(f) && (to_bits(f) & quiet_bit<F>()) == 0;
}
template <typename F>
F quieted(F f) {
  return from_bits<F>(to_bits(f) | quiet_bit<F>());
}
template <typename F>
F default_nan() {  // x86's "QNaN floating-point indefinite": negative, quiet
  return from_bits<F>(static_cast<Bits<F>>(~Bits<F>{0} << (std::numeric_limits<F>::digits - 2)));
}

class FpEnv {
 public:
  // xisa's own code runs in round-to-nearest; only another guest mode is set and undone.
  explicit FpEnv(uint32_t mxcsr) : mxcsr_(mxcsr) {
    static constexpr int kModes[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    mode_ = kModes[(mxcsr >> 13) & 3];
    if (mode_ != FE_TONEAREST) host_fp::set_rounding(mode_);
    host_fp::clear_flags();
  }
  ~FpEnv() {
    if (mode_ != FE_TONEAREST) host_fp::set_rounding(FE_TONEAREST);
  }
  FpEnv(const FpEnv&) = delete;
  FpEnv& operator=(const FpEnv&) = delete;

  // Collects the host's exception flags raised since the last call.
  void collect() {
    const int e = host_fp::raised_flags();
    if (e & FE_INVALID) flags_ |= kIE;
    if (e & FE_DIVBYZERO) flags_ |= kZE;
    if (e & FE_OVERFLOW) flags_ |= kOE;
    tiny_inexact_ = (e & FE_UNDERFLOW) && (e & FE_INEXACT);
    if (tiny_inexact_) flags_ |= kUE;
    if (e & FE_INEXACT) flags_ |= kPE;
    host_fp::clear_flags();
  }
  bool collect_reports_invalid_or_zero_divide() {
    const int e = host_fp::raised_flags() & (FE_INVALID | FE_DIVBYZERO);
    collect();
    return e != 0;
  }
  void raise(uint32_t f) { flags_ |= f; }
  uint32_t flags() const { return flags_; }
  bool daz() const { return mxcsr_ & kDaz; }

  // DAZ flushes denormal inputs to zero.
  template <typename F>
  F flush(F f) const {
    if (daz() && is_subnormal(f)) return from_bits<F>(to_bits(f) & sign_bit<F>());
    return f;
  }
  // A denormal operand of an operation that reaches the arithmetic (no NaN operand) raises DE.
  template <typename F>
  void check_denormal(F f) {
    if (is_subnormal(f)) flags_ |= kDE;
  }
  template <typename F>
  F input(F f) {
    f = flush(f);
    check_denormal(f);
    return f;
  }

  // FTZ flushes tiny results when underflow is masked: subnormal ones, and inexact ones that
  // were tiny before the exponent was bounded though they rounded to the smallest normal (the
  // host, detecting tininess after rounding as x86 does, reported underflow for the operation
  // collect() saw last).
  template <typename F>
  F output(F f) {
    const bool tiny = is_subnormal(f) || tiny_inexact_;
    tiny_inexact_ = false;
    if (tiny && (mxcsr_ & kFtz) && (mxcsr_ & kUM)) {
      flags_ |= kUE | kPE;
      return from_bits<F>(to_bits(f) & sign_bit<F>());
    }
    return f;
  }

 private:
  uint32_t mxcsr_;
  uint32_t flags_ = 0;
  bool tiny_inexact_ = false;  // the last operation collect() saw underflowed
  int mode_;
};

struct Vec {
  uint64_t q[2];
  template <typename T>
  T get(unsigned i) const {
    T v;
    std::memcpy(&v, reinterpret_cast<const uint8_t*>(q) + i * sizeof(T), sizeof v);
    return v;
  }
  template <typename T>
  void set(unsigned i, T v) {
    std::memcpy(reinterpret_cast<uint8_t*>(q) + i * sizeof(T), &v, sizeof v);
  }
};

}  // namespace xisa::x86_64::sse_fp
