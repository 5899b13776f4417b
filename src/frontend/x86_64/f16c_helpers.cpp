// The F16C helper: half <-> single conversions on the bits, exact in rounding and flags (the
// rounding itself is common/binary16's).
// A half's every value is a single, so widening only quiets NaNs (IE for a signalling one);
// DAZ does not apply to halves and a subnormal half raises no DE. Narrowing rounds by imm8[1:0]
// or, with imm8[2], MXCSR.RC; DAZ applies to the single, FTZ does not apply (tiny results are
// subnormal halves), and tininess is detected after rounding as everywhere on x86.
#include "frontend/x86_64/f16c_helpers.h"

#include <bit>

#include "common/binary16.h"
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

// MXCSR.RC and VCVTPS2PH's imm8[1:0]: nearest, down, up, toward zero.
constexpr binary16::Rounding kRounding[4] = {binary16::Rounding::NearestEven,
                                             binary16::Rounding::Down, binary16::Rounding::Up,
                                             binary16::Rounding::TowardZero};

uint32_t half_to_single(uint16_t h, uint32_t& flags) {
  if (binary16::is_nan(h)) {
    if (binary16::is_signaling_nan(h)) flags |= kIE;
    return (uint32_t{h & 0x8000u} << 16) | 0x7fc00000 | (uint32_t{h & 0x3ffu} << 13);
  }
  return std::bit_cast<uint32_t>(static_cast<float>(binary16::to_double(h)));
}

uint16_t single_to_half(uint32_t f, unsigned rc, bool daz, uint32_t& flags) {
  const auto sign = static_cast<uint16_t>((f >> 16) & 0x8000);
  const unsigned exp = (f >> 23) & 0xff;
  const uint32_t mant = f & 0x7fffff;
  if (exp == 0xff && mant != 0) {
    if (!(mant & 0x400000)) flags |= kIE;
    return static_cast<uint16_t>(sign | 0x7e00 | (mant >> 13));
  }
  if (exp == 0 && mant != 0) {
    if (daz) return sign;
    flags |= kDE;
  }
  uint32_t raised = 0;
  const uint16_t h = binary16::from_double(std::bit_cast<float>(f), kRounding[rc & 3], raised);
  if (raised & binary16::kOverflow) flags |= kOE;
  if (raised & binary16::kUnderflow) flags |= kUE;
  if (raised & binary16::kInexact) flags |= kPE;
  return h;
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
    const unsigned rc = (imm & 4) ? (s.mxcsr >> 13) & 3 : imm & 3;
    for (unsigned i = 0; i < 4; ++i) {
      const auto single = static_cast<uint32_t>((i < 2 ? src_lo : src_hi) >> (32 * (i % 2)));
      out |= uint64_t{single_to_half(single, rc, (s.mxcsr & kDaz) != 0, flags)} << (16 * i);
    }
  }
  return want_flags ? flags : out;
}

}  // namespace

const ir::HelperInfo kF16cHelper{"x86_f16c", helper_f16c, true};

}  // namespace xisa::x86_64
