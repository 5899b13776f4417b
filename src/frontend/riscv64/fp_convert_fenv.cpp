// F/D conversion helpers: float to integer (rounded, saturating per the spec's table),
// integer to float and single <-> double (rounded by the host under the guest's mode), and
// Zfa's fround/froundnx (to an integral value in the same format) and fcvtmod.w.d.
#include <bit>
#include <cmath>
#include <limits>
#include <type_traits>

#include "frontend/riscv64/fp_env.h"
#include "frontend/riscv64/fp_helpers_internal.h"

namespace xisa::riscv64::fp {

namespace {

// a rounded to an integral value of T under rm; exact, so no host mode or flags involved.
template <typename T>
T round_to_integral(T a, unsigned rm) {
  switch (rm) {
    case kRtz:
      return std::trunc(a);
    case kRdn:
      return std::floor(a);
    case kRup:
      return std::ceil(a);
    case kRmm:
      return std::round(a);
    default: {
      T r = std::round(a);  // ties away; move a tie that landed on an odd value back to even
      if (std::fabs(r - a) == T{0.5} && std::fmod(r, T{2}) != 0) r -= std::copysign(T{1}, a);
      return r;
    }
  }
}

// The x register image of an integer result: 32-bit results are sign-extended, also for WU.
template <typename I>
uint64_t to_x_reg(I v) {
  if constexpr (sizeof(I) == 4)
    return static_cast<uint64_t>(static_cast<int32_t>(v));
  else
    return static_cast<uint64_t>(v);
}

// fcvt.{w,wu,l,lu}.<fmt>: out of range after rounding (and NaN) saturates and raises NV alone;
// NaN and too-large give the maximum, too-small the minimum (0 for unsigned).
template <typename T, typename I>
uint64_t to_int(void* state, uint64_t a_reg, uint64_t rm_field, uint64_t) {
  using Limits = std::numeric_limits<I>;
  Riscv64State& s = state_of(state);
  const T a = unbox<T>(a_reg);
  if (std::isnan(a)) {
    s.fflags |= kNV;
    return to_x_reg(Limits::max());
  }
  const T r = round_to_integral(a, resolve_rm(s, rm_field));
  // Powers of two, exact in T: the range is [lo, hi).
  const T lo = Limits::is_signed ? -std::ldexp(T{1}, Limits::digits) : T{0};
  const T hi = std::ldexp(T{1}, Limits::digits);
  if (!(r >= lo && r < hi)) {
    s.fflags |= kNV;
    return to_x_reg(std::signbit(a) ? Limits::min() : Limits::max());
  }
  if (r != a) s.fflags |= kNX;
  return to_x_reg(static_cast<I>(r));
}

// fround (kRaiseInexact false) and froundnx: the sign survives (-0.5 rounds to -0); NaNs become
// the canonical NaN, NV for a signaling one; only froundnx raises NX, when the value changes.
template <typename T, bool kRaiseInexact>
uint64_t round_to_integral_value(void* state, uint64_t a_reg, uint64_t rm_field, uint64_t) {
  Riscv64State& s = state_of(state);
  const T a = unbox<T>(a_reg);
  if (std::isnan(a)) {
    if (is_snan(a)) s.fflags |= kNV;
    return box(canonical_nan<T>());
  }
  const T r = std::copysign(round_to_integral(a, resolve_rm(s, rm_field)), a);
  if (kRaiseInexact && r != a) s.fflags |= kNX;
  return box(r);
}

// fcvtmod.w.d: truncation toward zero, then the low 32 bits of the unbounded integer (0 for
// infinities and NaNs), sign-extended. Out of the int32 range (NaN and infinities included) it
// raises NV alone; in range, NX when inexact.
uint64_t fcvtmod_w_d(void* state, uint64_t a_reg, uint64_t, uint64_t) {
  Riscv64State& s = state_of(state);
  const double a = unbox<double>(a_reg);
  if (!std::isfinite(a)) {
    s.fflags |= kNV;
    return 0;
  }
  const double t = std::trunc(a);
  if (t < -0x1p31 || t >= 0x1p31) {
    s.fflags |= kNV;
    // |t| >= 2^31 is mantissa * 2^e with e >= -21: only the low 32 bits of it matter.
    const auto bits = std::bit_cast<uint64_t>(t);
    const int e = static_cast<int>((bits >> 52) & 0x7ff) - 1075;
    const uint64_t mantissa = (bits & ((uint64_t{1} << 52) - 1)) | (uint64_t{1} << 52);
    const uint64_t magnitude = e >= 64 ? 0 : e >= 0 ? mantissa << e : mantissa >> -e;
    const auto low = static_cast<uint32_t>(std::signbit(t) ? 0 - magnitude : magnitude);
    return to_x_reg(static_cast<int32_t>(low));
  }
  if (t != a) s.fflags |= kNX;
  return to_x_reg(static_cast<int32_t>(t));
}

// fcvt.<fmt>.{w,wu,l,lu}: the W forms read the low 32 bits of the x register.
template <typename T, typename I>
uint64_t from_int(void* state, uint64_t x_reg, uint64_t rm_field, uint64_t) {
  Riscv64State& s = state_of(state);
  const I v = static_cast<I>(x_reg);
  uint32_t flags = 0;
  const T r = eval_rounded<T>(
      resolve_rm(s, rm_field),
      [v](auto wide) {
        using W = decltype(wide);
        return W(opaque(v));
      },
      flags);
  s.fflags |= flags;
  return box(r);
}

// fcvt.s.d (T = float) and fcvt.d.s (T = double); NaNs become the canonical NaN.
template <typename T>
uint64_t from_other(void* state, uint64_t a_reg, uint64_t rm_field, uint64_t) {
  using Other = std::conditional_t<std::is_same_v<T, float>, double, float>;
  Riscv64State& s = state_of(state);
  const Other a = unbox<Other>(a_reg);
  uint32_t flags = 0;
  const T r = eval_rounded<T>(
      resolve_rm(s, rm_field),
      [a](auto wide) {
        using W = decltype(wide);
        return W(opaque(a));
      },
      flags);
  s.fflags |= flags;
  return box_canonical(r);
}

}  // namespace

template <typename T>
ir::HelperFn convert_helper_fn(FpOp op) {
  switch (op) {
    case FpOp::ToW:
      return &to_int<T, int32_t>;
    case FpOp::ToWu:
      return &to_int<T, uint32_t>;
    case FpOp::ToL:
      return &to_int<T, int64_t>;
    case FpOp::ToLu:
      return &to_int<T, uint64_t>;
    case FpOp::FromW:
      return &from_int<T, int32_t>;
    case FpOp::FromWu:
      return &from_int<T, uint32_t>;
    case FpOp::FromL:
      return &from_int<T, int64_t>;
    case FpOp::FromLu:
      return &from_int<T, uint64_t>;
    case FpOp::FromOther:
      return &from_other<T>;
    case FpOp::Round:
      return &round_to_integral_value<T, false>;
    case FpOp::RoundNx:
      return &round_to_integral_value<T, true>;
    default:
      return nullptr;
  }
}

const ir::HelperInfo kFcvtModWD{"riscv64.fcvtmod_w_d", &fcvtmod_w_d};

template ir::HelperFn convert_helper_fn<float>(FpOp);
template ir::HelperFn convert_helper_fn<double>(FpOp);

}  // namespace xisa::riscv64::fp
