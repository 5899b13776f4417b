// The F16C helper: half <-> single conversions on the bits, exact in rounding and flags.
// A half's every value is a single, so widening only quiets NaNs (IE for a signalling one);
// DAZ does not apply to halves and a subnormal half raises no DE. Narrowing rounds by imm8[1:0]
// or, with imm8[2], MXCSR.RC; DAZ applies to the single, FTZ does not apply (tiny results are
// subnormal halves), and tininess is detected after rounding as everywhere on x86.
#include "frontend/x86_64/f16c_helpers.h"

#include <bit>

#include "frontend/x86_64/mxcsr_fp_env.h"
#include "guest/x86_64/x86_64_state.h"

namespace xisa::x86_64 {

namespace {

using sse_fp::kDaz;
using sse_fp::kDE;
using sse_fp::kIE;
using sse_fp::kOE;
using sse_fp::kPE;
using sse_fp::kUE;

enum Rounding : unsigned { kNearest, kDown, kUp, kTowardZero };

uint32_t half_to_single(uint16_t h, uint32_t& flags) {
  const uint32_t sign = uint32_t{h & 0x8000u} << 16;
  const unsigned exp = (h >> 10) & 0x1f;
  const uint32_t mant = h & 0x3ffu;
  if (exp == 0x1f) {
    if (mant == 0) return sign | 0x7f800000;
    if (!(mant & 0x200)) flags |= kIE;
    return sign | 0x7fc00000 | (mant << 13);
  }
  if (exp == 0) {
    if (mant == 0) return sign;
    // mant * 2^-24, normalised: its leading one (bit p) becomes the implicit bit.
    const unsigned p = 31 - static_cast<unsigned>(std::countl_zero(mant));
    return sign | ((p + 103) << 23) | ((mant << (23 - p)) & 0x7fffff);
  }
  return sign | ((exp + 112) << 23) | (mant << 13);
}

// sig / 2^shift rounded to an integer in the mode, for a value of the given sign.
struct Rounded {
  uint32_t n;
  bool inexact;
};
Rounded round_right(uint32_t sig, int shift, Rounding mode, bool negative) {
  if (shift <= 0) return {sig << -shift, false};
  if (shift > 25) shift = 25;  // sig < 2^24: nothing survives, and the rest stays below half
  const uint64_t wide = sig, rest = wide & ((uint64_t{1} << shift) - 1);
  const uint64_t half = uint64_t{1} << (shift - 1);
  const auto n = static_cast<uint32_t>(wide >> shift);
  bool up = false;
  switch (mode) {
    case kNearest:
      up = rest > half || (rest == half && (n & 1));
      break;
    case kDown:
      up = negative && rest != 0;
      break;
    case kUp:
      up = !negative && rest != 0;
      break;
    case kTowardZero:
      break;
  }
  return {n + (up ? 1u : 0u), rest != 0};
}

uint16_t single_to_half(uint32_t f, Rounding mode, bool daz, uint32_t& flags) {
  const auto sign = static_cast<uint16_t>((f >> 16) & 0x8000);
  const bool negative = sign != 0;
  const unsigned exp = (f >> 23) & 0xff;
  const uint32_t mant = f & 0x7fffff;
  if (exp == 0xff) {
    if (mant == 0) return sign | 0x7c00;
    if (!(mant & 0x400000)) flags |= kIE;
    return static_cast<uint16_t>(sign | 0x7e00 | (mant >> 13));
  }
  if (exp == 0) {
    if (mant == 0) return sign;
    if (daz) return sign;
    flags |= kDE;
  }
  // The value is sig * 2^e, exactly; its unbounded exponent is E (sig's top bit at 2^E).
  const uint32_t sig = exp ? mant | 0x800000 : mant;
  const int e = exp ? static_cast<int>(exp) - 150 : -149;
  const int top = 31 - std::countl_zero(sig);
  const int big_e = top + e;
  // Rounded to 11 bits with an unbounded exponent: decides overflow and tininess.
  const Rounded unbounded = round_right(sig, top - 10, mode, negative);
  if (big_e > 15 || (big_e == 15 && unbounded.n == 2048)) {
    flags |= kOE | kPE;
    const bool to_infinity =
        mode == kNearest || (mode == kDown && negative) || (mode == kUp && !negative);
    return sign | (to_infinity ? 0x7c00 : 0x7bff);
  }
  const bool tiny = big_e < -14 && !(big_e == -15 && unbounded.n == 2048);
  // In the half's own range the quantum is 2^(max(E, -14) - 10).
  const int quantum = (big_e < -14 ? -14 : big_e) - 10;
  const Rounded r = round_right(sig, quantum - e, mode, negative);
  if (r.inexact) flags |= tiny ? kUE | kPE : kPE;
  // A carry into 2^11 moves the exponent up by one, as the addition does.
  const uint32_t bits = big_e < -14 ? r.n : (static_cast<uint32_t>(big_e + 14) << 10) + r.n;
  return static_cast<uint16_t>(sign | bits);
}

uint64_t helper_f16c(void* state, uint64_t desc, uint64_t src_lo, uint64_t src_hi) {
  const auto& s = *static_cast<const X86_64State*>(state);
  const auto op = static_cast<F16cOp>(desc & 1);
  const bool want_flags = (desc >> 1) & 1;
  const unsigned pair = (desc >> 2) & 1, imm = (desc >> 8) & 0xff;
  uint32_t flags = 0;
  uint64_t out = 0;
  if (op == F16cOp::HalfToSingle) {
    for (unsigned i = 0; i < 4; ++i) {
      const uint32_t single = half_to_single(static_cast<uint16_t>(src_lo >> (16 * i)), flags);
      if (i / 2 == pair) out |= uint64_t{single} << (32 * (i % 2));
    }
  } else {
    const auto mode = static_cast<Rounding>((imm & 4) ? (s.mxcsr >> 13) & 3 : imm & 3);
    for (unsigned i = 0; i < 4; ++i) {
      const auto single = static_cast<uint32_t>((i < 2 ? src_lo : src_hi) >> (32 * (i % 2)));
      out |= uint64_t{single_to_half(single, mode, (s.mxcsr & kDaz) != 0, flags)} << (16 * i);
    }
  }
  return want_flags ? flags : out;
}

}  // namespace

const ir::HelperInfo kF16cHelper{"x86_f16c", helper_f16c, true};

}  // namespace xisa::x86_64
