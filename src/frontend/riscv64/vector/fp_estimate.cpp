// The estimate tables and the normalisation steps of the V spec's vfrec7/vfrsqrt7 description.
#include "frontend/riscv64/vector/fp_estimate.h"

#include "frontend/riscv64/fp_format.h"

namespace xisa::riscv64::vector {

namespace {

constexpr uint8_t kRecTable[128] = {
    127, 125, 123, 121, 119, 117, 116, 114, 112, 110, 109, 107, 105, 104, 102, 100, 99, 97, 96,
    94,  93,  91,  90,  88,  87,  85,  84,  83,  81,  80,  79,  77,  76,  75,  74,  72, 71, 70,
    69,  68,  66,  65,  64,  63,  62,  61,  60,  59,  58,  57,  56,  55,  54,  53,  52, 51, 50,
    49,  48,  47,  46,  45,  44,  43,  42,  41,  40,  40,  39,  38,  37,  36,  35,  35, 34, 33,
    32,  31,  31,  30,  29,  28,  28,  27,  26,  25,  25,  24,  23,  23,  22,  21,  21, 20, 19,
    19,  18,  17,  17,  16,  15,  15,  14,  14,  13,  12,  12,  11,  11,  10,  9,   9,  8,  8,
    7,   7,   6,   5,   5,   4,   4,   3,   3,   2,   2,   1,   1,   0};

constexpr uint8_t kRsqrtTable[128] = {
    52,  51,  50,  48,  47,  46, 44, 43,  42,  41,  40,  39,  38,  36,  35,  34,  33,  32,  31,
    30,  30,  29,  28,  27,  26, 25, 24,  23,  23,  22,  21,  20,  19,  19,  18,  17,  16,  16,
    15,  14,  14,  13,  12,  12, 11, 10,  10,  9,   9,   8,   7,   7,   6,   6,   5,   4,   4,
    3,   3,   2,   2,   1,   1,  0,  127, 125, 123, 121, 119, 118, 116, 114, 113, 111, 109, 108,
    106, 105, 103, 102, 100, 99, 97, 96,  95,  93,  92,  91,  90,  88,  87,  86,  85,  84,  83,
    82,  80,  79,  78,  77,  76, 75, 74,  73,  72,  71,  70,  70,  69,  68,  67,  66,  65,  64,
    63,  63,  62,  61,  60,  59, 59, 58,  57,  56,  56,  55,  54,  53};

constexpr unsigned kPrecision = 7;

struct Layout {
  unsigned exp_bits, frac_bits;
  uint64_t frac_mask() const { return (uint64_t{1} << frac_bits) - 1; }
  uint64_t exp_max() const { return (uint64_t{1} << exp_bits) - 1; }
  uint64_t bias() const { return (uint64_t{1} << (exp_bits - 1)) - 1; }
  uint64_t sign_bit() const { return uint64_t{1} << (exp_bits + frac_bits); }
  uint64_t inf() const { return exp_max() << frac_bits; }
  uint64_t canonical_nan() const { return inf() | (uint64_t{1} << (frac_bits - 1)); }
  uint64_t pack(uint64_t sign, uint64_t exp, uint64_t frac) const {
    return (sign ? sign_bit() : 0) | ((exp & exp_max()) << frac_bits) | (frac & frac_mask());
  }
};

Layout layout(unsigned sew) {
  return sew == 32 ? Layout{8, 23} : Layout{11, 52};
}

// A subnormal's significand shifted until its leading one leaves the fraction; exp goes
// negative by the shift count minus one (0 for the largest subnormals).
void normalize(const Layout& f, int64_t& exp, uint64_t& frac) {
  while (((frac >> (f.frac_bits - 1)) & 1) == 0) {
    --exp;
    frac <<= 1;
  }
  frac = (frac << 1) & f.frac_mask();
}

}  // namespace

uint64_t reciprocal_estimate(uint64_t bits, unsigned sew, unsigned rm, uint32_t& fflags) {
  const Layout f = layout(sew);
  const uint64_t sign = (bits & f.sign_bit()) != 0;
  int64_t exp = static_cast<int64_t>((bits >> f.frac_bits) & f.exp_max());
  uint64_t frac = bits & f.frac_mask();
  if (exp == static_cast<int64_t>(f.exp_max())) {
    if (frac == 0) return f.pack(sign, 0, 0);             // 1/inf = 0
    if (!(frac >> (f.frac_bits - 1))) fflags |= fp::kNV;  // signalling NaN
    return f.canonical_nan();
  }
  if (exp == 0 && frac == 0) {
    fflags |= fp::kDZ;
    return f.pack(sign, f.exp_max(), 0);
  }
  if (exp == 0) {
    normalize(f, exp, frac);
    if (exp < -1) {  // 1/x overflows: infinity or the largest finite value, as rm says
      fflags |= fp::kOF | fp::kNX;
      const bool to_max = rm == fp::kRtz || (rm == fp::kRdn && !sign) || (rm == fp::kRup && sign);
      return to_max ? f.pack(sign, f.exp_max() - 1, f.frac_mask()) : f.pack(sign, f.exp_max(), 0);
    }
  }
  const uint64_t index = frac >> (f.frac_bits - kPrecision);
  uint64_t out_frac = uint64_t{kRecTable[index]} << (f.frac_bits - kPrecision);
  int64_t out_exp = static_cast<int64_t>(2 * f.bias()) - 1 - exp;
  if (out_exp <= 0) {  // subnormal result, exact: no UF
    out_frac = (out_frac >> 1) | (uint64_t{1} << (f.frac_bits - 1));
    if (out_exp == -1) out_frac >>= 1;
    out_exp = 0;
  }
  return f.pack(sign, static_cast<uint64_t>(out_exp), out_frac);
}

uint64_t rsqrt_estimate(uint64_t bits, unsigned sew, uint32_t& fflags) {
  const Layout f = layout(sew);
  const uint64_t sign = (bits & f.sign_bit()) != 0;
  int64_t exp = static_cast<int64_t>((bits >> f.frac_bits) & f.exp_max());
  uint64_t frac = bits & f.frac_mask();
  const bool is_nan = exp == static_cast<int64_t>(f.exp_max()) && frac != 0;
  if (is_nan) {
    if (!(frac >> (f.frac_bits - 1))) fflags |= fp::kNV;
    return f.canonical_nan();
  }
  if (exp == 0 && frac == 0) {
    fflags |= fp::kDZ;
    return f.pack(sign, f.exp_max(), 0);
  }
  if (sign) {  // negative, nonzero: invalid
    fflags |= fp::kNV;
    return f.canonical_nan();
  }
  if (exp == static_cast<int64_t>(f.exp_max())) return 0;  // 1/sqrt(+inf) = +0
  if (exp == 0) normalize(f, exp, frac);
  const uint64_t index = (static_cast<uint64_t>(exp & 1) << (kPrecision - 1)) |
                         (frac >> (f.frac_bits - kPrecision + 1));
  const uint64_t out_frac = uint64_t{kRsqrtTable[index]} << (f.frac_bits - kPrecision);
  const int64_t out_exp = (static_cast<int64_t>(3 * f.bias()) - 1 - exp) / 2;
  return f.pack(0, static_cast<uint64_t>(out_exp), out_frac);
}

}  // namespace xisa::riscv64::vector
