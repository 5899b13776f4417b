// The host's floating-point environment around one emulated FP operation: rounding mode and
// exception flags, in <cfenv> terms (FE_*). Guest FP helpers of every frontend use it.
//
// On x86-64 hosts glibc's feclearexcept saves and reloads the whole x87 environment (fnstenv/
// fldenv), which costs several times the operation it brackets. Here the x87 status word and
// MXCSR are cleared and read directly: float/double work runs on SSE, long double on x87, and
// both units are covered. Other hosts use <cfenv>, which is cheap there.
#pragma once

#include <cfenv>
#include <cstdint>

namespace xisa::host_fp {

#if defined(__x86_64__)
// MXCSR and the x87 status word keep the exception flags in the FE_* bit positions; MXCSR's
// rounding control sits 3 bits above the x87 control word's, which FE_* rounding values use.
inline constexpr unsigned kFlagBits = 0x3f;
inline constexpr unsigned kX87Rounding = 0x0c00;
static_assert(FE_INVALID == 0x01 && FE_DIVBYZERO == 0x04 && FE_OVERFLOW == 0x08 &&
              FE_UNDERFLOW == 0x10 && FE_INEXACT == 0x20 && FE_TOWARDZERO == kX87Rounding);

inline void set_rounding(int mode) {
  uint16_t cw;
  uint32_t csr;
  asm volatile("fnstcw %0" : "=m"(cw));
  cw = static_cast<uint16_t>((cw & ~kX87Rounding) | static_cast<unsigned>(mode));
  asm volatile("fldcw %0" : : "m"(cw));
  asm volatile("stmxcsr %0" : "=m"(csr));
  csr = (csr & ~(kX87Rounding << 3)) | (static_cast<unsigned>(mode) << 3);
  asm volatile("ldmxcsr %0" : : "m"(csr));
}

inline void clear_flags() {
  uint32_t csr;
  asm volatile("fnclex");
  asm volatile("stmxcsr %0" : "=m"(csr));
  csr &= ~kFlagBits;
  asm volatile("ldmxcsr %0" : : "m"(csr));
}

inline int raised_flags() {
  uint16_t sw;
  uint32_t csr;
  asm volatile("fnstsw %0" : "=m"(sw));
  asm volatile("stmxcsr %0" : "=m"(csr));
  return static_cast<int>((sw | csr) & kFlagBits) & FE_ALL_EXCEPT;
}
#else
inline void set_rounding(int mode) { std::fesetround(mode); }
inline void clear_flags() { std::feclearexcept(FE_ALL_EXCEPT); }
inline int raised_flags() { return std::fetestexcept(FE_ALL_EXCEPT); }
#endif

}  // namespace xisa::host_fp
