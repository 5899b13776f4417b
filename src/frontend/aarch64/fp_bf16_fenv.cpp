// BFloat16 helpers (FEAT_BF16), Arm ARM "FPConvertBF" and "BFDotAdd": BFCVT rounds a single to
// BFloat16 under FPCR (rounding mode, FZ, DN, FPSR flags); BFDOT and BFMMLA ignore FPCR: their
// products and sums flush subnormal inputs and tiny results to zero, round to odd (overflow
// to infinity), give the default NaN and raise no flags. Compiled with -frounding-math.
#include <bit>
#include <cmath>
#include <limits>

#include "frontend/aarch64/fp_env.h"
#include "frontend/aarch64/fp_helpers.h"

namespace xisa::aarch64::fp {

namespace {

uint64_t bf16_convert(void* state, uint64_t v, uint64_t, uint64_t) {
  Env env(state);
  const auto u = static_cast<uint32_t>(env.input<float>(v));
  const uint32_t sign = u >> 31, mag = u & 0x7fffffff;
  if (is_nan_bits<float>(u)) {
    if (is_snan_bits<float>(u)) env.raise(kIoc);
    return env.dn() ? 0x7fc0 : (u >> 16) | 0x40;
  }
  uint32_t high = mag >> 16;
  const uint32_t low = mag & 0xffff;
  if (low == 0) return u >> 16;  // exact, infinities and zeros included
  bool up;
  switch (env.rmode()) {
    case 0:
      up = low > 0x8000 || (low == 0x8000 && (high & 1));
      break;
    case 1:
      up = sign == 0;
      break;
    case 2:
      up = sign != 0;
      break;
    default:
      up = false;
      break;
  }
  env.raise(kIxc);
  if ((mag >> 23) == 0) env.raise(kUfc);  // tiny before rounding (FZ has flushed it otherwise)
  high += up ? 1 : 0;
  if (high == 0x7f80) env.raise(kOfc);
  return sign << 15 | high;
}

// BFloat16 dot-product arithmetic: FZ on inputs, round to odd, FZ on results, default NaN.
float flush(float x) {
  return std::fpclassify(x) == FP_SUBNORMAL ? std::copysign(0.0f, x) : x;
}

// Rounds to odd the exact value of which d is the truncation (toward zero) and `inexact` says
// whether d differs from it.
float round_to_odd(double d, bool inexact) {
  if (std::isnan(d)) return std::bit_cast<float>(static_cast<uint32_t>(Bits<float>::kDefaultNan));
  const double mag = std::fabs(d);
  if (mag >= 0x1p128) return std::copysign(std::numeric_limits<float>::infinity(), d);
  if (mag < static_cast<double>(std::numeric_limits<float>::min())) return std::copysign(0.0f, d);
  host_fp::set_rounding(FE_TOWARDZERO);
  const volatile float f = static_cast<float>(opaque(d));
  host_fp::set_rounding(FE_TONEAREST);
  uint32_t bits = std::bit_cast<uint32_t>(static_cast<float>(f));
  if (inexact || static_cast<double>(f) != d) bits |= 1;
  return std::bit_cast<float>(bits);
}

float odd_mul(float a, float b) {  // exact in double: both have 8-bit significands
  return round_to_odd(static_cast<double>(a) * static_cast<double>(b), false);
}

float odd_add(float a, float b) {
  host_fp::set_rounding(FE_TOWARDZERO);
  host_fp::clear_flags();
  const volatile double s = opaque(static_cast<double>(a)) + opaque(static_cast<double>(b));
  const bool inexact = host_fp::raised_flags() & FE_INEXACT;
  host_fp::set_rounding(FE_TONEAREST);
  host_fp::clear_flags();
  return round_to_odd(s, inexact);
}

// BFDotAdd: sum + (n.lo * m.lo + n.hi * m.hi) with the BFloat16 pairs n and m.
uint64_t bf16_dot(void*, uint64_t sum, uint64_t n, uint64_t m) {
  auto bf = [](uint64_t pair, unsigned half) {
    return flush(std::bit_cast<float>(static_cast<uint32_t>((pair >> (16 * half)) & 0xffff) << 16));
  };
  const float products = odd_add(odd_mul(bf(n, 0), bf(m, 0)), odd_mul(bf(n, 1), bf(m, 1)));
  const float r = odd_add(flush(std::bit_cast<float>(static_cast<uint32_t>(sum))), products);
  return std::bit_cast<uint32_t>(r);
}

constexpr ir::HelperInfo kBf16Convert{"a64_bfcvt", &bf16_convert};
constexpr ir::HelperInfo kBf16Dot{"a64_bfdot", &bf16_dot, true};

}  // namespace

const ir::HelperInfo& bf16_convert_helper() {
  return kBf16Convert;
}
const ir::HelperInfo& bf16_dot_helper() {
  return kBf16Dot;
}

}  // namespace xisa::aarch64::fp
