// F/D arithmetic helpers: add, sub, mul, div, sqrt, fused multiply-add (rounded, with flags),
// and min/max, comparisons and classification (exact, flags by the spec's own rules).
#include <cmath>

#include "common/fp_error_free.h"
#include "frontend/riscv64/fp_env.h"
#include "frontend/riscv64/fp_helpers_internal.h"

namespace xisa::riscv64::fp {

namespace {

// The common case without touching the host's flags: round to nearest even, operands and
// result far from zero, infinity and NaN. Empty when the exact path must decide.
template <typename T, FpOp Op>
std::optional<fp_error_free::Rounded<T>> fast_nearest(T a, T b) {
  if constexpr (Op == FpOp::Add)
    return fp_error_free::add(a, b);
  else if constexpr (Op == FpOp::Sub)
    return fp_error_free::add(a, -b);
  else if constexpr (Op == FpOp::Mul)
    return fp_error_free::mul(a, b);
  else if constexpr (Op == FpOp::Div)
    return fp_error_free::div(a, b);
  else
    return fp_error_free::sqrt(a);
}

// fadd/fsub/fmul/fdiv (a, b, rm) and fsqrt (a, rm).
template <typename T, FpOp Op>
uint64_t rounded_arith(void* state, uint64_t a_reg, uint64_t b_reg, uint64_t rm_arg) {
  Riscv64State& s = state_of(state);
  const T a = unbox<T>(a_reg);
  const T b = unbox<T>(b_reg);
  const uint64_t rm_field = Op == FpOp::Sqrt ? b_reg : rm_arg;
  const unsigned rm = resolve_rm(s, rm_field);
  if (rm == kRne) {
    if (const auto fast = fast_nearest<T, Op>(a, b)) {
      if (fast->inexact) s.fflags |= kNX;
      return box_canonical(fast->value);
    }
  }
  uint32_t flags = 0;
  const T r = eval_rounded<T>(
      rm,
      [a, b](auto wide) {
        using W = decltype(wide);
        const W x = W(opaque(a));
        const W y = W(opaque(b));
        if constexpr (Op == FpOp::Add)
          return W(x + y);
        else if constexpr (Op == FpOp::Sub)
          return W(x - y);
        else if constexpr (Op == FpOp::Mul)
          return W(x * y);
        else if constexpr (Op == FpOp::Div)
          return W(x / y);
        else
          return W(std::sqrt(x));
      },
      flags);
  s.fflags |= flags;
  return box_canonical(r);
}

// a * b + c; FMSUB, FNMSUB and FNMADD reach here with the signs of a and c already flipped.
template <typename T, unsigned RmField>
uint64_t fused_multiply_add(void* state, uint64_t a_reg, uint64_t b_reg, uint64_t c_reg) {
  Riscv64State& s = state_of(state);
  const T a = unbox<T>(a_reg);
  const T b = unbox<T>(b_reg);
  const T c = unbox<T>(c_reg);
  const unsigned rm = resolve_rm(s, RmField);
  if (rm == kRne) {
    if (const auto fast = fp_error_free::fma(a, b, c)) {
      if (fast->inexact) s.fflags |= kNX;
      return box_canonical(fast->value);
    }
  }
  uint32_t flags = 0;
  // RISC-V raises NV for inf * 0 even when the addend is a quiet NaN, which IEEE 754 leaves
  // to the implementation; do not depend on the host's choice.
  if ((std::isinf(a) && b == 0) || (a == 0 && std::isinf(b))) flags |= kNV;
  const T r = eval_rounded<T>(
      rm,
      [a, b, c](auto wide) {
        using W = decltype(wide);
        return W(std::fma(W(opaque(a)), W(opaque(b)), W(opaque(c))));
      },
      flags);
  s.fflags |= flags;
  return box_canonical(r);
}

// IEEE 754-2019 minimumNumber / maximumNumber (FMIN/FMAX: a NaN loses against a number) or,
// with kNanWins, minimum / maximum (Zfa FMINM/FMAXM: a NaN operand gives the canonical NaN);
// -0 < +0 in both; NV only for a signaling NaN.
template <typename T, bool kMax, bool kNanWins = false>
uint64_t min_max(void* state, uint64_t a_reg, uint64_t b_reg, uint64_t) {
  const T a = unbox<T>(a_reg);
  const T b = unbox<T>(b_reg);
  if (is_snan(a) || is_snan(b)) state_of(state).fflags |= kNV;
  if ((std::isnan(a) && std::isnan(b)) || (kNanWins && (std::isnan(a) || std::isnan(b))))
    return box(canonical_nan<T>());
  if (std::isnan(a)) return box(b);
  if (std::isnan(b)) return box(a);
  if (a == b) return box(std::signbit(a) != kMax ? a : b);  // equal, or zeros of either sign
  return box((a < b) != kMax ? a : b);
}

// FEQ and Zfa's FLTQ/FLEQ are quiet (NV for a signaling NaN only); FLT and FLE signal on any
// NaN. NaN compares false.
template <typename T, FpOp Op>
uint64_t compare(void* state, uint64_t a_reg, uint64_t b_reg, uint64_t) {
  constexpr bool kSignaling = Op == FpOp::Lt || Op == FpOp::Le;
  const T a = unbox<T>(a_reg);
  const T b = unbox<T>(b_reg);
  if (std::isnan(a) || std::isnan(b)) {
    if (kSignaling || is_snan(a) || is_snan(b)) state_of(state).fflags |= kNV;
    return 0;
  }
  if constexpr (Op == FpOp::Eq)
    return a == b;
  else if constexpr (Op == FpOp::Lt || Op == FpOp::Ltq)
    return a < b;
  else
    return a <= b;
}

template <typename T>
uint64_t fclass(void*, uint64_t a_reg, uint64_t, uint64_t) {
  return classify(unbox<T>(a_reg));
}

}  // namespace

template <typename T>
ir::HelperFn arith_helper_fn(FpOp op) {
  switch (op) {
    case FpOp::Add:
      return &rounded_arith<T, FpOp::Add>;
    case FpOp::Sub:
      return &rounded_arith<T, FpOp::Sub>;
    case FpOp::Mul:
      return &rounded_arith<T, FpOp::Mul>;
    case FpOp::Div:
      return &rounded_arith<T, FpOp::Div>;
    case FpOp::Sqrt:
      return &rounded_arith<T, FpOp::Sqrt>;
    case FpOp::Min:
      return &min_max<T, false>;
    case FpOp::Max:
      return &min_max<T, true>;
    case FpOp::Eq:
      return &compare<T, FpOp::Eq>;
    case FpOp::Lt:
      return &compare<T, FpOp::Lt>;
    case FpOp::Le:
      return &compare<T, FpOp::Le>;
    case FpOp::Class:
      return &fclass<T>;
    case FpOp::MinM:
      return &min_max<T, false, true>;
    case FpOp::MaxM:
      return &min_max<T, true, true>;
    case FpOp::Leq:
      return &compare<T, FpOp::Leq>;
    case FpOp::Ltq:
      return &compare<T, FpOp::Ltq>;
    case FpOp::FmaRne:
      return &fused_multiply_add<T, kRne>;
    case FpOp::FmaRtz:
      return &fused_multiply_add<T, kRtz>;
    case FpOp::FmaRdn:
      return &fused_multiply_add<T, kRdn>;
    case FpOp::FmaRup:
      return &fused_multiply_add<T, kRup>;
    case FpOp::FmaRmm:
      return &fused_multiply_add<T, kRmm>;
    case FpOp::FmaDyn:
      return &fused_multiply_add<T, kDyn>;
    default:
      return nullptr;
  }
}

template ir::HelperFn arith_helper_fn<float>(FpOp);
template ir::HelperFn arith_helper_fn<double>(FpOp);

}  // namespace xisa::riscv64::fp
