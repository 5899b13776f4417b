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
inline constexpr bool kHostIsX86_64 = true;
#else
inline constexpr bool kHostIsX86_64 = false;
#endif
#if defined(__aarch64__)
inline constexpr bool kHostIsAarch64 = true;
#else
inline constexpr bool kHostIsAarch64 = false;
#endif

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
// MXCSR's denormal-operand flag (DE), which <cfenv> does not name, and the exception flags
// left pending for the guest: all six (IE, DE, ZE, OE, UE, PE).
inline constexpr int kDenormalOperand = 0x02;
inline constexpr uint32_t kPendingBits = 0x3f;

inline uint32_t read_csr() {
  uint32_t csr;
  asm volatile("stmxcsr %0" : "=m"(csr));
  return csr;
}
// The exceptions raised on SSE since they were last clear: FE_* bits and kDenormalOperand
// (MXCSR keeps them in those positions).
inline int pending_exceptions() {
  return static_cast<int>(read_csr() & kPendingBits);
}
inline thread_local int t_pending_at_fault = 0;  // see take_pending_exceptions
// Clears those when any is raised (LDMXCSR stalls the pipeline: only then).
inline void discard_pending() {
  t_pending_at_fault = 0;
  uint32_t csr = read_csr();
  if ((csr & kPendingBits) == 0) return;
  csr &= ~kPendingBits;
  asm volatile("ldmxcsr %0" : : "m"(csr));
}
// The same, given a value of MXCSR read since the last FP op (one STMXCSR, not two: each
// waits for the FP ops before it).
inline void discard_pending(uint32_t csr) {
  t_pending_at_fault = 0;
  if ((csr & kPendingBits) == 0) return;
  csr &= ~kPendingBits;
  asm volatile("ldmxcsr %0" : : "m"(csr));
}
inline void clear_inexact() {
  uint32_t csr = read_csr();
  if ((csr & FE_INEXACT) == 0) return;
  csr &= ~static_cast<uint32_t>(FE_INEXACT);
  asm volatile("ldmxcsr %0" : : "m"(csr));
}
#else
inline void set_rounding(int mode) {
  std::fesetround(mode);
}
inline void clear_flags() {
  std::feclearexcept(FE_ALL_EXCEPT);
}
inline int raised_flags() {
  return std::fetestexcept(FE_ALL_EXCEPT);
}
inline constexpr int kDenormalOperand = 0;  // no such flag
inline constexpr uint32_t kPendingBits = 0;
inline int pending_exceptions() {
  return 0;
}
inline thread_local int t_pending_at_fault = 0;  // see take_pending_exceptions
inline uint32_t read_csr() {
  return 0;
}
inline void discard_pending() {}
inline void discard_pending(uint32_t) {}
inline void clear_inexact() {
  std::feclearexcept(FE_INEXACT);
}
#endif

// What the host's sticky flags tell beyond IEEE 754's: x86-64 flags a subnormal operand (DE,
// with DAZ off); AArch64 detects tininess before rounding, x86-64 and RISC-V after it.
// Lazily accrued exceptions: where the host's IEEE ops raise what every guest's would (x86-64
// hosts), FpFastPath leaves invalid, division by zero, overflow, underflow, inexact and the
// denormal-operand flag in the host's sticky flags instead of testing for them at each
// instruction (frontend/common/fp_fast_path.h, ADR 0012). They are accrued into the guest's
// status register (GuestArch::accrue_fp_exceptions) whenever guest code returns to the
// dispatcher and before an instruction that reads or writes that register; helpers run with
// the flags saved and restored around them.
inline constexpr bool kFlagsDenormalOperand = kHostIsX86_64;
inline constexpr bool kTininessBeforeRounding = kHostIsAarch64;
inline constexpr bool kLazyExceptions = kHostIsX86_64;

// Keeps the host's flags across a helper call (a scope): the helper's FP work may clear
// or add to them, and the JIT saves and restores them around its helper calls.
class SavedFlags {
 public:
#if defined(__x86_64__)
  SavedFlags() : csr_(read_csr()) {}
  ~SavedFlags() {
    asm volatile("ldmxcsr %0" : : "m"(csr_));
  }
#else
  SavedFlags() {}   // nothing to keep: exceptions are not left pending on these hosts
  ~SavedFlags() {}  // user-provided: a scope object, not an unused variable
#endif
  SavedFlags(const SavedFlags&) = delete;
  SavedFlags& operator=(const SavedFlags&) = delete;

 private:
#if defined(__x86_64__)
  uint32_t csr_;
#endif
};

// With the exceptions pending in the context of a host fault (t_pending_at_fault), whose
// handler leaves it with longjmp (the kernel gives the handler fresh FP state).
inline int take_pending_exceptions() {
  const int e = pending_exceptions() | t_pending_at_fault;
  t_pending_at_fault = 0;
  return e;
}

// Takes the pending exceptions and, when there are any, calls accrue(raised) (integer work
// only) and then clears them, reading MXCSR once.
template <class Accrue>
inline void accrue_and_discard_pending(Accrue&& accrue) {
  const uint32_t csr = read_csr();
  const int e = static_cast<int>(csr & kPendingBits) | t_pending_at_fault;
  if (e == 0) return;
  accrue(e);
  discard_pending(csr);
}

}  // namespace xisa::host_fp
