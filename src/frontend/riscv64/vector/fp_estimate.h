// vfrec7.v and vfrsqrt7.v: the 7-bit reciprocal and reciprocal square-root estimates of the
// V spec (section "Vector Floating-Point Reciprocal (Square-Root) Estimate"), for singles and
// doubles given as raw bits; flags OR'd into fflags, rm the dynamic rounding mode (frm).
#pragma once

#include <cstdint>

namespace xisa::riscv64::vector {

uint64_t reciprocal_estimate(uint64_t bits, unsigned sew, unsigned rm, uint32_t& fflags);
uint64_t rsqrt_estimate(uint64_t bits, unsigned sew, uint32_t& fflags);

}  // namespace xisa::riscv64::vector
