// Evaluates one IEEE operation on the host under a RISC-V rounding mode and reports the
// exception flags it raised in fflags encoding. The helpers that include it live in *_fenv.cpp
// files, which the build compiles with -frounding-math -fsignaling-nans -ffp-contract=off, so
// the compiler neither folds nor fuses operations whose result or flags depend on the FP
// environment; operands pass through opaque() and results through a volatile on top of that.
//
// Host requirements: IEEE binary32/binary64 arithmetic and a wider long double. RISC-V detects
// tininess after rounding, like x86 SSE; a host that detects it before rounding (AArch64) gets
// its UF re-examined by eval_rounded. The emulator's own code runs with the host rounding mode
// at round-to-nearest; helpers change it only around one operation.
#pragma once

#include <cfenv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "common/host_fp_env.h"
#include "frontend/riscv64/fp_format.h"

namespace xisa::riscv64::fp {

// A value the compiler cannot see through: operations on it happen after the volatile load,
// so they stay after fesetround/feclearexcept instead of being hoisted or folded.
template <typename V>
V opaque(V v) {
  volatile V copy = v;
  return copy;
}

inline uint32_t flags_from_host(int fe) {
  return ((fe & FE_INVALID) ? kNV : 0) | ((fe & FE_DIVBYZERO) ? kDZ : 0) |
         ((fe & FE_OVERFLOW) ? kOF : 0) | ((fe & FE_UNDERFLOW) ? kUF : 0) |
         ((fe & FE_INEXACT) ? kNX : 0);
}

// Runs op() once with the host in rounding mode host_rm; accrues what it raised into flags.
template <typename R, typename Op>
R eval_in_mode(int host_rm, const Op& op, uint32_t& flags) {
  if (host_rm != FE_TONEAREST) host_fp::set_rounding(host_rm);
  host_fp::clear_flags();
  const volatile R result = op();  // the store orders the operation before the flags are read
  flags |= flags_from_host(host_fp::raised_flags());
  if (host_rm != FE_TONEAREST) host_fp::set_rounding(FE_TONEAREST);
  return result;
}

// The wider host format that locates an exact result against a midpoint (RMM, tininess): it holds
// every value of T with at least two more significand bits (x86 80-bit, AArch64/RISC-V binary128).
using Wide = long double;
static_assert(std::numeric_limits<Wide>::digits >= std::numeric_limits<double>::digits + 2);

// With rounding to nearest (either tie rule), x is tiny after rounding iff |x| is below this: the
// midpoint between 2^emin and the largest p-bit value under it, 2^emin * (1 - 2^-(p+1)).
template <typename T>
Wide nearest_tiny_limit() {
  using Limits = std::numeric_limits<T>;
  return Wide{Limits::min()} * (1 - std::ldexp(Wide{1}, -(Limits::digits + 1)));
}

// Round to nearest, ties to max magnitude, which C's fenv lacks. op(W{}) computes the result in
// format W (T or Wide) under the host's rounding mode; both run under RTZ here. The exact x lies
// between tz = RTZ(x) and the next value of T away from zero; RMM picks that one iff
// |x| >= |tz| + gap/2. That midpoint is exact in Wide, so comparing RTZ_Wide(x) with it gives
// the same answer as comparing x (truncation is monotone and keeps representable values).
// Flags: NV, DZ, NX as in RTZ; OF also when rounding away from the largest finite value; UF when
// inexact and x is tiny after rounding, i.e. |x| < 2^emin * (1 - 2^-(p+1)).
template <typename T, typename Op>
T round_rmm(const Op& op, uint32_t& flags) {
  using Limits = std::numeric_limits<T>;
  uint32_t tz_flags = 0;
  const T tz = eval_in_mode<T>(
      FE_TOWARDZERO, [&] { return op(T{}); }, tz_flags);
  if (!(tz_flags & kNX) || std::isnan(tz) || std::isinf(tz)) {
    flags |= tz_flags;
    return tz;
  }
  uint32_t ignored = 0;
  const Wide wide = eval_in_mode<Wide>(
      FE_TOWARDZERO, [&] { return op(Wide{}); }, ignored);
  const T mag = std::fabs(tz);
  const T max = Limits::max();
  const Wide gap = mag == max ? Wide{max} - Wide{std::nextafter(max, T{0})}
                              : Wide{std::nextafter(mag, Limits::infinity())} - Wide{mag};
  const bool away = std::fabs(wide) >= Wide{mag} + gap / 2;
  uint32_t f = tz_flags & ~kUF;
  if (away && mag == max) f |= kOF;
  if (std::fabs(wide) < nearest_tiny_limit<T>()) f |= kUF;
  flags |= f;
  const T rounded = !away ? mag : mag == max ? Limits::infinity() : std::nextafter(mag, max);
  return std::copysign(rounded, tz);
}

// The host's mode for RNE, RTZ, RDN and RUP.
inline int host_rounding_mode(unsigned rm) {
  switch (rm) {
    case kRtz:
      return FE_TOWARDZERO;
    case kRdn:
      return FE_DOWNWARD;
    case kRup:
      return FE_UPWARD;
    default:
      return FE_TONEAREST;
  }
}

// Whether x = op(...) is tiny after rounding under rm (RNE, RTZ, RDN, RUP), given that it rounded
// to +-2^emin: then only the unbounded-exponent rounding decides. Rounding away from zero gives
// 2^emin unless |x| <= 2^emin * (1 - 2^-p), the largest p-bit value under it; rounding to
// nearest, unless |x| < nearest_tiny_limit; rounding toward zero to 2^emin needs |x| >= 2^emin.
template <typename T, typename Op>
bool tiny_after_rounding(unsigned rm, bool negative, const Op& op) {
  using Limits = std::numeric_limits<T>;
  uint32_t wide_flags = 0;
  const Wide x = std::fabs(eval_in_mode<Wide>(
      FE_TOWARDZERO, [&] { return op(Wide{}); }, wide_flags));
  if ((rm == kRup && !negative) || (rm == kRdn && negative)) {
    const Wide below = Wide{Limits::min()} * (1 - std::ldexp(Wide{1}, -Limits::digits));
    return x < below || (x == below && !(wide_flags & kNX));
  }
  return x < nearest_tiny_limit<T>();
}

// op(T{}) under a RISC-V rounding mode (0..4; the caller resolves dynamic and reserved ones).
template <typename T, typename Op>
T eval_rounded(unsigned rm, const Op& op, uint32_t& flags) {
  if (rm == kRmm) return round_rmm<T>(op, flags);
  uint32_t f = 0;
  const T r = eval_in_mode<T>(
      host_rounding_mode(rm), [&] { return op(T{}); }, f);
  // Only a result of +-2^emin can be tiny before rounding but not after.
  if ((f & kUF) && std::fabs(r) == std::numeric_limits<T>::min() &&
      !tiny_after_rounding<T>(rm, std::signbit(r), op))
    f &= ~kUF;
  flags |= f;
  return r;
}

}  // namespace xisa::riscv64::fp
