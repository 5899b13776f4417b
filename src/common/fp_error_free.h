// Round-to-nearest-even FP operations that report inexactness without touching the host's
// exception flags, by error-free transformations (TwoSum, TwoProduct with FMA, the exact
// remainders of division and square root, Boldo and Muller's ErrFma). Guest FP helpers try
// these first: reading and clearing MXCSR costs more than the operation itself.
//
// They answer only when every operand and the result are finite, nonzero and far from the
// overflow and underflow thresholds: then no flag but inexact can arise and every error term
// is exact. Otherwise they return nothing and the caller takes its exact, slower path. The host
// must be in round-to-nearest-even (xisa's own FP environment always is).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

namespace xisa::fp_error_free {

template <typename T>
struct Rounded {
  T value;
  bool inexact;
};

// |x| within [2^(emin + 2p + 8), 2^(emax - 2p - 8)): products and error terms of two such
// values neither overflow nor lose bits to underflow. Decided on the exponent field alone.
template <typename T>
inline bool safe(T x) {
  using L = std::numeric_limits<T>;
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  constexpr int kMantissaBits = L::digits - 1;
  constexpr int kBias = L::max_exponent - 1;
  constexpr int kMargin = 2 * L::digits + 8;
  // Biased exponent of 2^e is e + kBias; min_exponent - 1 is the smallest normal's exponent.
  constexpr Bits kLo = static_cast<Bits>(L::min_exponent - 1 + kMargin + kBias);
  constexpr Bits kHi = static_cast<Bits>(L::max_exponent - 1 - kMargin + kBias);
  const Bits e = (std::bit_cast<Bits>(x) >> kMantissaBits) &
                 ((Bits{1} << (sizeof(T) * 8 - 1 - kMantissaBits)) - 1);
  return e >= kLo && e < kHi;  // false for zero, subnormals, NaN and infinity
}

// s + e == a + b exactly (Knuth's TwoSum).
template <typename T>
inline void two_sum(T a, T b, T& s, T& e) {
  s = a + b;
  const T bb = s - a;
  e = (a - (s - bb)) + (b - bb);
}

template <typename T>
inline std::optional<Rounded<T>> add(T a, T b) {
  if (!safe(a) || !safe(b)) return std::nullopt;
  T s, e;
  two_sum(a, b, s, e);
  if (!safe(s)) return std::nullopt;
  return Rounded<T>{s, e != 0};
}

template <typename T>
inline std::optional<Rounded<T>> mul(T a, T b) {
  if (!safe(a) || !safe(b)) return std::nullopt;
  const T p = a * b;
  if (!safe(p)) return std::nullopt;
  return Rounded<T>{p, std::fma(a, b, -p) != 0};
}

template <typename T>
inline std::optional<Rounded<T>> div(T a, T b) {
  if (!safe(a) || !safe(b)) return std::nullopt;
  const T q = a / b;
  if (!safe(q)) return std::nullopt;
  return Rounded<T>{q, std::fma(-q, b, a) != 0};  // the remainder a - q*b is exact
}

template <typename T>
inline std::optional<Rounded<T>> sqrt(T a) {
  if (!safe(a) || a < 0) return std::nullopt;
  const T r = std::sqrt(a);
  return Rounded<T>{r, std::fma(-r, r, a) != 0};
}

// a * b + c with one rounding. ErrFma (Boldo and Muller 2011): a*b + c = r + r2 + r3 exactly.
template <typename T>
inline std::optional<Rounded<T>> fma(T a, T b, T c) {
  if (!safe(a) || !safe(b) || !safe(c)) return std::nullopt;
  const T r = std::fma(a, b, c);
  const T u1 = a * b;
  if (!safe(r) || !safe(u1)) return std::nullopt;
  const T u2 = std::fma(a, b, -u1);
  T alpha1, alpha2, beta1, beta2;
  two_sum(c, u2, alpha1, alpha2);
  two_sum(u1, alpha1, beta1, beta2);
  const T gamma = (beta1 - r) + beta2;
  const T r2 = gamma + alpha2;  // Fast2Sum(gamma, alpha2)
  const T r3 = alpha2 - (r2 - gamma);
  return Rounded<T>{r, r2 != 0 || r3 != 0};
}

}  // namespace xisa::fp_error_free
