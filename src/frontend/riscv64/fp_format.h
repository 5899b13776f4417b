// RISC-V F/D register formats as bit patterns: NaN-boxing, the canonical NaN, classification.
// Shared by the FP helpers and the lifters; no arithmetic and no host FP environment here.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace xisa::riscv64::fp {

// Accrued exception flags, as fflags holds them (Volume I, "Floating-Point Control and Status").
inline constexpr uint32_t kNX = 0x01, kUF = 0x02, kOF = 0x04, kDZ = 0x08, kNV = 0x10;

// The rm field (funct3) and frm values. 5 and 6 are reserved; 7 in an instruction means frm.
enum RoundingMode : unsigned { kRne = 0, kRtz = 1, kRdn = 2, kRup = 3, kRmm = 4, kDyn = 7 };
constexpr bool is_valid_rm_field(unsigned rm) {
  return rm <= kRmm || rm == kDyn;
}

template <typename T>
struct Format;

// A half (Zfh) as the lifters and helpers name its format: its bits. Arithmetic on halves is
// common/binary16's and fp_half_fenv.cpp's, never the host's.
struct Half {
  uint16_t bits;
};

template <>
struct Format<float> {
  using Bits = uint32_t;
  static constexpr Bits kCanonicalNaN = 0x7fc00000u;
  static constexpr uint64_t kBox = 0xffffffff00000000ull;  // upper half of a boxed single
  static constexpr const char* kSuffix = "s";
};

template <>
struct Format<double> {
  using Bits = uint64_t;
  static constexpr Bits kCanonicalNaN = 0x7ff8000000000000ull;
  static constexpr uint64_t kBox = 0;
  static constexpr const char* kSuffix = "d";
};

template <>
struct Format<Half> {
  using Bits = uint16_t;
  static constexpr Bits kCanonicalNaN = 0x7e00;
  static constexpr uint64_t kBox = 0xffffffffffff0000ull;  // upper 48 bits of a boxed half
  static constexpr const char* kSuffix = "h";
};

template <typename T>
using BitsOf = typename Format<T>::Bits;

template <typename T>
constexpr BitsOf<T> kSignBit = BitsOf<T>{1} << (sizeof(T) * 8 - 1);

// The quiet bit is the most significant fraction bit (IEEE 754-2008 6.2.1).
template <typename T>
constexpr BitsOf<T> kQuietBit = BitsOf<T>{1} << (std::numeric_limits<T>::digits - 2);

// The value an instruction reads from a 64-bit FP register. A single whose upper 32 bits are
// not all ones is not properly NaN-boxed and reads as the canonical NaN.
template <typename T>
T unbox(uint64_t reg) {
  if constexpr (std::is_same_v<T, float>) {
    if ((reg >> 32) != 0xffffffffu) return std::bit_cast<float>(Format<float>::kCanonicalNaN);
    return std::bit_cast<float>(static_cast<uint32_t>(reg));
  } else {
    return std::bit_cast<double>(reg);
  }
}

// The 64-bit register image of a value written as format T (singles get their NaN box).
template <typename T>
uint64_t box(T v) {
  return Format<T>::kBox | std::bit_cast<BitsOf<T>>(v);
}

template <typename T>
T canonical_nan() {
  return std::bit_cast<T>(Format<T>::kCanonicalNaN);
}

// An arithmetic result as RISC-V delivers it: every NaN becomes the canonical NaN.
template <typename T>
uint64_t box_canonical(T v) {
  return std::isnan(v) ? box(canonical_nan<T>()) : box(v);
}

template <typename T>
bool is_snan(T v) {
  return std::isnan(v) && (std::bit_cast<BitsOf<T>>(v) & kQuietBit<T>) == 0;
}

// FCLASS: one of ten bits (Volume I, table "Format of result of FCLASS instruction").
template <typename T>
uint64_t classify(T v) {
  const bool neg = std::signbit(v);
  switch (std::fpclassify(v)) {
    case FP_INFINITE:
      return neg ? 1u << 0 : 1u << 7;
    case FP_NORMAL:
      return neg ? 1u << 1 : 1u << 6;
    case FP_SUBNORMAL:
      return neg ? 1u << 2 : 1u << 5;
    case FP_ZERO:
      return neg ? 1u << 3 : 1u << 4;
    default:
      return is_snan(v) ? 1u << 8 : 1u << 9;
  }
}

}  // namespace xisa::riscv64::fp
