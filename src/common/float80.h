// x87 80-bit extended precision in software: the arithmetic, comparisons and conversions the
// x87 performs, bit-exact with its results, masked exception flags and C1 ("rounded up"), in
// pure integer arithmetic so every host computes the same bits (hosts without an x87 use it).
//
// Operand classes: zero, normal, denormal and pseudo-denormal (exponent 0, DE raised, the
// pseudo-denormal read with exponent 1 as the 387+ does), infinity, QNaN, SNaN (IE, quieted).
// Unnormals, pseudo-infinities and pseudo-NaNs are invalid operands: IE and the QNaN
// indefinite. Exceptions are always handled as if masked (the guest's unmasked traps are not
// delivered). Tininess is detected after rounding, UE raised only when also inexact.
// Precision control (PC 24/53/64) applies to add/sub/mul/div/sqrt, as on the x87.
#pragma once

#include <cstdint>

namespace xisa::softfp {

struct Float80 {
  uint64_t mantissa;       // explicit integer bit at bit 63
  uint16_t sign_exponent;  // sign at bit 15, biased exponent (16383) below
  bool operator==(const Float80&) const = default;
};

// Status word bits, in x87 FSW positions.
constexpr uint16_t kFlagIE = 1, kFlagDE = 2, kFlagZE = 4, kFlagOE = 8, kFlagUE = 16, kFlagPE = 32,
                   kFlagC1 = 1u << 9;

// The control word fields an operation uses; flags accumulate the exceptions it raises and C1.
struct Env {
  uint8_t rounding = 0;   // RC: 0 nearest-even, 1 down, 2 up, 3 toward zero
  uint8_t precision = 3;  // PC: 0 24-bit, 2 53-bit, 3 64-bit (1 reserved, treated as 64)
  uint16_t flags = 0;
  static Env from_control_word(uint16_t fcw) {
    return {static_cast<uint8_t>((fcw >> 10) & 3), static_cast<uint8_t>((fcw >> 8) & 3), 0};
  }
};

constexpr Float80 kIndefinite{0xC000000000000000ull, 0xffff};

Float80 add(Float80 a, Float80 b, Env& env);
Float80 sub(Float80 a, Float80 b, Env& env);
Float80 mul(Float80 a, Float80 b, Env& env);
Float80 div(Float80 a, Float80 b, Env& env);
Float80 sqrt(Float80 a, Env& env);
Float80 round_to_int(Float80 a, Env& env);  // FRNDINT

enum class Ordering : uint8_t { Less, Equal, Greater, Unordered };
// FCOM (quiet=false: any NaN raises IE) and FUCOM (quiet=true: only an SNaN does).
Ordering compare(Float80 a, Float80 b, bool quiet, Env& env);

// FILD (exact) and FIST/FISTP/FISTTP (truncate): out of range or NaN gives IE and the integer
// indefinite (the most negative value).
Float80 from_int(int64_t v);
int16_t to_int16(Float80 a, bool truncate, Env& env);
int32_t to_int32(Float80 a, bool truncate, Env& env);
int64_t to_int64(Float80 a, bool truncate, Env& env);

// FLD m32/m64 (exact; DE for a denormal, IE for an SNaN) and FST m32/m64 (rounded per RC),
// on the IEEE bit patterns.
Float80 from_f32(uint32_t bits, Env& env);
Float80 from_f64(uint64_t bits, Env& env);
uint32_t to_f32(Float80 a, Env& env);
uint64_t to_f64(Float80 a, Env& env);

// FXTRACT: returns the significand (a's sign, exponent 0) and sets exponent to a's unbiased
// exponent; a zero gives ZE and exponent -inf, an infinity exponent +inf, a NaN the NaN twice.
Float80 extract(Float80 a, Float80& exponent, Env& env);

// FBLD and FBSTP: 10-byte packed BCD (18 digits, least significant byte first; sign in bit 7
// of byte 9). to_bcd rounds per RC; a NaN, an infinity or a magnitude of 10^18 or more gives IE
// and the BCD indefinite.
inline constexpr int kBcdBytes = 10;
Float80 from_bcd(const uint8_t* bcd);
void to_bcd(Float80 a, uint8_t* bcd, Env& env);

}  // namespace xisa::softfp
