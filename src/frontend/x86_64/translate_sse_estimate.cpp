// RCPSS/RCPPS and RSQRTSS/RSQRTPS (SDM vol. 2): reciprocal and reciprocal square root
// estimates, relative error at most 1.5 * 2^-12. Each vendor's table gives its own bits and
// programs tuned on one expect them, so on an x86-64 host the helper runs the host instruction
// itself (both engines call it); elsewhere it rounds the exact value, which is within the bound,
// with the hardware's special cases: denormal inputs count as zero, tiny results flush to zero,
// no MXCSR flag or mode applies.
#include <cmath>
#include <cstring>

#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

enum class Estimate : uint64_t { Rsqrt, Rcp };

#if !defined(__x86_64__)
float portable_estimate(Estimate e, float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, 4);
  const uint32_t sign = bits & 0x80000000u, magnitude = bits & 0x7fffffffu;
  auto from = [](uint32_t b) {
    float f;
    std::memcpy(&f, &b, 4);
    return f;
  };
  if (magnitude > 0x7f800000u) return from(bits | 0x00400000u);  // NaN: quieted
  if (magnitude < 0x00800000u) return from(sign | 0x7f800000u);  // ±0, denormal: ±inf
  if (e == Estimate::Rsqrt && sign) return from(0xffc00000u);    // the default NaN
  if (magnitude == 0x7f800000u) return from(sign);               // ±inf: ±0
  const double exact = e == Estimate::Rsqrt ? 1 / std::sqrt(double{x}) : 1 / double{x};
  const float r = static_cast<float>(exact);
  return std::fabs(r) < 0x1p-126f ? from(sign) : r;
}
#endif

// Lanes 0..lanes-1 of src estimated into dst; the others kept.
void estimate_lanes(Estimate e, unsigned lanes, const float src[4], float dst[4]) {
#if defined(__x86_64__)
  alignas(16) float v[4], out[4];
  std::memcpy(v, src, sizeof v);
  if (e == Estimate::Rsqrt)
    asm("rsqrtps %1, %%xmm0\n movaps %%xmm0, %0" : "=m"(out) : "m"(v) : "xmm0");
  else
    asm("rcpps %1, %%xmm0\n movaps %%xmm0, %0" : "=m"(out) : "m"(v) : "xmm0");
  std::memcpy(dst, out, lanes * sizeof(float));
#else
  for (unsigned i = 0; i < lanes; ++i) dst[i] = portable_estimate(e, src[i]);
#endif
}

// x86_sse_estimate(state, desc, src_lo, src_hi): desc = estimate | lanes << 4 | dst vector slot << 8.
uint64_t helper_estimate(void* state, uint64_t desc, uint64_t lo, uint64_t hi) {
  auto& s = *static_cast<X86_64State*>(state);
  const uint64_t src_bits[2] = {lo, hi};
  float src[4], dst[4];
  std::memcpy(src, src_bits, sizeof src);
  uint64_t* xmm = s.vec[(desc >> 8) & 0x3f];
  std::memcpy(dst, xmm, sizeof dst);
  estimate_lanes(static_cast<Estimate>(desc & 15), (desc >> 4) & 7, src, dst);
  std::memcpy(xmm, dst, sizeof dst);
  return 0;
}
const ir::HelperInfo kEstimateHelper{"x86_sse_estimate", helper_estimate};

}  // namespace

bool lift_sse_estimate(Lifter& l) {
  const ZydisMnemonic m = l.in->d.mnemonic;
  const Estimate e =
      m == ZYDIS_MNEMONIC_RSQRTSS || m == ZYDIS_MNEMONIC_RSQRTPS ? Estimate::Rsqrt : Estimate::Rcp;
  const uint64_t lanes = m == ZYDIS_MNEMONIC_RSQRTSS || m == ZYDIS_MNEMONIC_RCPSS ? 1 : 4;
  ir::Builder& b = l.b;
  Value lo, hi;
  if (lanes == 1) {
    lo = b.zext(Type::I64, l.read_as(1, Type::I32));
    hi = b.imm64(0);
  } else {
    const Value v = l.read_as(1, Type::V128);
    lo = b.vextract_lane(Type::I64, 64, v, 0);
    hi = b.vextract_lane(Type::I64, 64, v, 1);
  }
  const uint64_t desc = static_cast<uint64_t>(e) | lanes << 4 | uint64_t{l.xmm_index(0)} << 8;
  b.call(kEstimateHelper, {b.imm64(desc), lo, hi});
  return true;
}

}  // namespace xisa::x86_64
