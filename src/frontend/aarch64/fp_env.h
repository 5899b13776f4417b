// Shared by the *_fenv.cpp FP helpers of the A64 frontend: FPSR flag bits, float bit-pattern
// utilities, and Env, one helper call's view of FPCR (RMode, FZ, DN) that accrues FPSR flags.
// Include only from *_fenv.cpp files (compiled with -frounding-math, see CMakeLists).
#pragma once

#include <cfenv>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <type_traits>

#include "common/host_fp_env.h"
#include "guest/aarch64/aarch64_state.h"

namespace xisa::aarch64::fp {

// FPSR cumulative flags.
inline constexpr uint32_t kIoc = 1, kDzc = 2, kOfc = 4, kUfc = 8, kIxc = 16, kIdc = 128;

template <typename T>
struct Bits;
template <>
struct Bits<float> {
  using U = uint32_t;
  static constexpr U kDefaultNan = 0x7fc00000, kQuiet = 0x00400000, kExp = 0x7f800000,
                     kFrac = 0x007fffff;
};
template <>
struct Bits<double> {
  using U = uint64_t;
  static constexpr U kDefaultNan = 0x7ff8000000000000, kQuiet = 0x0008000000000000,
                     kExp = 0x7ff0000000000000, kFrac = 0x000fffffffffffff;
};

template <typename T>
T from_bits(uint64_t v) {
  typename Bits<T>::U u = static_cast<typename Bits<T>::U>(v);
  T t;
  std::memcpy(&t, &u, sizeof t);
  return t;
}
template <typename T>
uint64_t to_bits(T t) {
  typename Bits<T>::U u;
  std::memcpy(&u, &t, sizeof t);
  return u;
}
template <typename T>
bool is_nan_bits(uint64_t v) {
  return (v & Bits<T>::kExp) == Bits<T>::kExp && (v & Bits<T>::kFrac) != 0;
}
template <typename T>
bool is_snan_bits(uint64_t v) {
  return is_nan_bits<T>(v) && (v & Bits<T>::kQuiet) == 0;
}
template <typename T>
bool is_subnormal_bits(uint64_t v) {
  return (v & Bits<T>::kExp) == 0 && (v & Bits<T>::kFrac) != 0;
}

// A value the compiler cannot see through, so operations stay between fesetround and
// fetestexcept.
template <typename V>
V opaque(V v) {
  volatile V copy = v;
  return copy;
}

inline int host_rounding(unsigned rmode) {
  static constexpr int kModes[4] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
  return kModes[rmode & 3];
}

inline uint32_t flags_from_host(int fe) {
  return ((fe & FE_INVALID) ? kIoc : 0) | ((fe & FE_DIVBYZERO) ? kDzc : 0) |
         ((fe & FE_OVERFLOW) ? kOfc : 0) | ((fe & FE_UNDERFLOW) ? kUfc : 0) |
         ((fe & FE_INEXACT) ? kIxc : 0);
}

// One helper invocation's view of FPCR and the flags it accrues into FPSR on exit.
class Env {
 public:
  explicit Env(void* state) : st_(*static_cast<Aarch64State*>(state)) {}
  ~Env() { st_.fpsr |= flags_; }
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  bool fz() const { return (st_.fpcr >> 24) & 1; }
  bool dn() const { return (st_.fpcr >> 25) & 1; }
  unsigned rmode() const { return (st_.fpcr >> 22) & 3; }
  bool ahp() const { return (st_.fpcr >> 26) & 1; }  // alternative half-precision format
  void raise(uint32_t f) { flags_ |= f; }
  // The flags accrued so far, to drop what an evaluation raised when its result is replaced.
  uint32_t flags() const { return flags_; }
  void set_flags(uint32_t f) { flags_ = f; }

  // FPUnpack with FZ: a subnormal input reads as a signed zero and raises IDC.
  template <typename T>
  uint64_t input(uint64_t v) {
    if (fz() && is_subnormal_bits<T>(v)) {
      raise(kIdc);
      return v & ~(Bits<T>::kExp | Bits<T>::kFrac);
    }
    return v;
  }
  // Runs op under the guest rounding mode (or `mode`) and collects the host flags.
  //
  // Arm detects tininess before rounding, x86 and RISC-V hosts after: an inexact result that
  // rounded up to the smallest normal was tiny for Arm when rounding toward zero stays below
  // it, so UFC is added then (and FZ flushes it, see output()).
  template <typename R, typename Op>
  R eval(const Op& op, int mode) {
    if (mode != FE_TONEAREST) host_fp::set_rounding(mode);
    host_fp::clear_flags();
    const volatile R result = op();
    const int raised = host_fp::raised_flags();
    flags_ |= flags_from_host(raised);
    if constexpr (std::is_same_v<R, float> || std::is_same_v<R, double>) {
      constexpr R kMinNormal = std::numeric_limits<R>::min();
      if ((raised & FE_INEXACT) && !(raised & FE_UNDERFLOW) && std::fabs(result) == kMinNormal) {
        host_fp::set_rounding(FE_TOWARDZERO);
        const volatile R truncated = op();
        if (std::fabs(truncated) < kMinNormal) flags_ |= kUfc;
      }
    }
    host_fp::set_rounding(FE_TONEAREST);
    return result;
  }
  template <typename R, typename Op>
  R eval(const Op& op) {
    return eval<R>(op, host_rounding(rmode()));
  }
  // A NaN result: the default NaN under DN, else the operand quietened.
  template <typename T>
  uint64_t nan_result(uint64_t operand) {
    return dn() ? Bits<T>::kDefaultNan : (operand | Bits<T>::kQuiet);
  }
  // An arithmetic result: NaNs made out of numbers become the default NaN; FZ flushes a
  // tiny result (subnormal, or rounded to zero with the host's underflow flag) to zero with
  // UFC and without IXC.
  template <typename T>
  uint64_t output(T r) {
    const uint64_t v = to_bits(r);
    if (std::isnan(r)) return Bits<T>::kDefaultNan;
    if (fz() && (is_subnormal_bits<T>(v) || (flags_ & kUfc))) {
      flags_ = (flags_ & ~kIxc) | kUfc;
      return v & ~(Bits<T>::kExp | Bits<T>::kFrac);
    }
    return v;
  }
  // FPProcessNaNs over n operands in order: signalling NaNs first, then quiet ones.
  template <typename T>
  bool process_nans(std::initializer_list<uint64_t> ops, uint64_t& out) {
    for (uint64_t v : ops)
      if (is_snan_bits<T>(v)) {
        raise(kIoc);
        out = nan_result<T>(v);
        return true;
      }
    for (uint64_t v : ops)
      if (is_nan_bits<T>(v)) {
        out = nan_result<T>(v);
        return true;
      }
    return false;
  }

 private:
  Aarch64State& st_;
  uint32_t flags_ = 0;
};

}  // namespace xisa::aarch64::fp
