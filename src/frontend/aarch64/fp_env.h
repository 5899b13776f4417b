// Shared by the *_fenv.cpp FP helpers of the A64 frontend: FPSR flag bits, float bit-pattern
// utilities, and Env, one helper call's view of FPCR (RMode, FZ, FZ16, DN) that accrues FPSR
// flags. The helpers are templates over the format: float, double, or Half (FEAT_FP16), whose
// values the helpers hold as doubles (every half is one exactly) and whose arithmetic Env
// rounds in software (see Env::eval). Include only from *_fenv.cpp files (compiled with
// -frounding-math, see CMakeLists).
#pragma once

#include <cfenv>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <type_traits>

#include "common/binary16.h"
#include "common/host_fp_env.h"
#include "guest/aarch64/aarch64_state.h"

namespace xisa::aarch64::fp {

// FPSR cumulative flags.
inline constexpr uint32_t kIoc = 1, kDzc = 2, kOfc = 4, kUfc = 8, kIxc = 16, kIdc = 128;

// The half-precision format tag; its values are doubles (Value<Half>).
struct Half {};
template <typename T>
inline constexpr bool kIsHalf = std::is_same_v<T, Half>;
// The host type that holds a value of format T.
template <typename T>
using Value = std::conditional_t<kIsHalf<T>, double, T>;

template <typename T>
struct Bits;
template <>
struct Bits<Half> {
  using U = uint16_t;
  static constexpr U kDefaultNan = 0x7e00, kQuiet = 0x0200, kExp = 0x7c00, kFrac = 0x03ff;
};
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
Value<T> from_bits(uint64_t v) {
  typename Bits<T>::U u = static_cast<typename Bits<T>::U>(v);
  if constexpr (kIsHalf<T>) {
    if (binary16::is_nan(u)) return std::numeric_limits<double>::quiet_NaN();
    return binary16::to_double(u);
  } else {
    T t;
    std::memcpy(&t, &u, sizeof t);
    return t;
  }
}
// The bits of t; for Half, t is a half's value (the default NaN for a NaN).
template <typename T>
uint64_t to_bits(Value<T> t) {
  if constexpr (kIsHalf<T>) {
    if (std::isnan(t)) return Bits<Half>::kDefaultNan;
    uint32_t exact = 0;
    return binary16::from_double(t, binary16::Rounding::NearestEven, exact);
  } else {
    typename Bits<T>::U u;
    std::memcpy(&u, &t, sizeof t);
    return u;
  }
}
template <typename T>
inline constexpr uint64_t kSignBit = uint64_t{1} << (sizeof(typename Bits<T>::U) * 8 - 1);

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

// The helper tables' index of a format by its width: half, single, double.
inline unsigned format_index(unsigned fbits) {
  return fbits == 16 ? 0 : fbits == 32 ? 1 : 2;
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
  bool fz16() const { return (st_.fpcr >> 19) & 1; }
  // The flush-to-zero control of format T: FZ16 for half precision, FZ otherwise.
  template <typename T>
  bool flush() const {
    return kIsHalf<T> ? fz16() : fz();
  }
  bool dn() const { return (st_.fpcr >> 25) & 1; }
  unsigned rmode() const { return (st_.fpcr >> 22) & 3; }
  bool ahp() const { return (st_.fpcr >> 26) & 1; }  // alternative half-precision format
  void raise(uint32_t f) { flags_ |= f; }
  // The flags accrued so far, to drop what an evaluation raised when its result is replaced.
  uint32_t flags() const { return flags_; }
  void set_flags(uint32_t f) { flags_ = f; }

  // FPUnpack with FZ: a subnormal input reads as a signed zero and raises IDC (FZ16: without
  // IDC).
  template <typename T>
  uint64_t input(uint64_t v) {
    if (flush<T>() && is_subnormal_bits<T>(v)) {
      if constexpr (!kIsHalf<T>) raise(kIdc);
      return v & ~(Bits<T>::kExp | Bits<T>::kFrac);
    }
    return v;
  }
  // Runs op under the guest rounding mode (or `mode`) and collects the host flags.
  //
  // Arm detects tininess before rounding, x86 and RISC-V hosts after: an inexact result that
  // rounded up to the smallest normal was tiny for Arm when rounding toward zero stays below
  // it, so UFC is added then (and FZ flushes it, see output()).
  //
  // Half precision: op computes in doubles; see eval_half.
  template <typename R, typename Op>
  Value<R> eval(const Op& op, int mode) {
    if constexpr (kIsHalf<R>) {
      return eval_half(op, mode);
    } else {
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
  }
  template <typename R, typename Op>
  Value<R> eval(const Op& op) {
    return eval<R>(op, host_rounding(rmode()));
  }
  // x (a number: not NaN) rounded to a half under the host rounding `mode`, in software, with
  // the flags it raises. Arm detects tininess before rounding: an inexact result that rounded
  // up to the smallest normal underflowed too.
  uint16_t round_to_half(double x, int mode) {
    binary16::Rounding r = binary16::Rounding::NearestEven;
    if (mode == FE_UPWARD) r = binary16::Rounding::Up;
    if (mode == FE_DOWNWARD) r = binary16::Rounding::Down;
    if (mode == FE_TOWARDZERO) r = binary16::Rounding::TowardZero;
    uint32_t raised = 0;
    const uint16_t h = binary16::from_double(x, r, raised);
    if ((raised & binary16::kInexact) && (h & 0x7fff) == 0x0400 && std::fabs(x) < 0x1p-14)
      raised |= binary16::kUnderflow;
    raise(((raised & binary16::kInexact) ? kIxc : 0) |
          ((raised & binary16::kUnderflow) ? kUfc : 0) |
          ((raised & binary16::kOverflow) ? kOfc : 0));
    return h;
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
  uint64_t output(Value<T> r) {
    if (std::isnan(r)) return Bits<T>::kDefaultNan;
    const uint64_t v = to_bits<T>(r);
    if (flush<T>() && (is_subnormal_bits<T>(v) || (flags_ & kUfc))) {
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
  // A half-precision operation: op() on the operands' values as doubles, truncated and then
  // rounded to odd (the last bit set when inexact), which keeps the information a second
  // rounding to a half needs; a half's operands never make a double overflow or underflow.
  // The value of the half it rounds to is the result. An exact zero takes its sign from the
  // rounding mode, so it is computed again in the guest's mode.
  template <typename Op>
  double eval_half(const Op& op, int mode) {
    host_fp::set_rounding(FE_TOWARDZERO);
    host_fp::clear_flags();
    volatile double r = op();
    const int raised = host_fp::raised_flags();
    flags_ |= flags_from_host(raised & (FE_INVALID | FE_DIVBYZERO));
    if (r == 0 && !(raised & FE_INEXACT)) {
      host_fp::set_rounding(mode);
      r = op();
    }
    host_fp::set_rounding(FE_TONEAREST);
    const double value = r;
    if (std::isnan(value) || std::isinf(value)) return value;
    double odd = value;
    if (raised & FE_INEXACT) {
      uint64_t u;
      std::memcpy(&u, &odd, sizeof u);
      u |= 1;
      std::memcpy(&odd, &u, sizeof u);
    }
    return from_bits<Half>(round_to_half(odd, mode));
  }

  Aarch64State& st_;
  uint32_t flags_ = 0;
};

}  // namespace xisa::aarch64::fp
