// The x87 operations computed with the software 80-bit arithmetic (common/float80.h) instead of
// the host's long double: used on hosts without an x87 (AArch64, RISC-V), where binary128
// long double rounds twice and drops NaN payloads. Each takes the raw 80-bit registers and the
// guest's control word, and returns the exceptions raised and C1 in FSW format.
#pragma once

#include <cstdint>

#include "common/float80.h"
#include "frontend/x86_64/x87_helpers.h"
#include "guest/x86_64/x86_64_state.h"

namespace xisa::x86_64::x87 {

// XISA_SOFT_X87 forces the software path on an x86-64 host too (to test it against the x87).
#if defined(XISA_SOFT_X87) || !defined(__x86_64__)
inline constexpr bool kSoftX87 = true;
#else
inline constexpr bool kSoftX87 = false;
#endif

inline softfp::Float80 to_soft(Float80 v) {
  return {v.mantissa, v.sign_exponent};
}
inline Float80 from_soft(softfp::Float80 v) {
  return {v.mantissa, v.sign_exponent, {}};
}

// FLD/FILD and the memory operand of FADD etc.: F32, F64, F80, I16, I32, I64 at addr.
Float80 soft_load(X87Form form, uint64_t addr, uint16_t& status);
// FADD/FSUB/FMUL/FDIV (b's conversion raised load_status), FSQRT and FRNDINT (b unused).
Float80 soft_arith(X87Op op, Float80 a, Float80 b, uint16_t fcw, uint16_t load_status,
                   uint16_t& status);
// FST/FSTP m32/m64.
uint16_t soft_store(X87Form form, uint64_t addr, Float80 v, uint16_t fcw);
// FIST/FISTP (truncate false) and FISTTP m16/m32/m64.
uint16_t soft_store_int(X87Form form, uint64_t addr, Float80 v, bool truncate, uint16_t fcw);
// FCOM/FUCOM/FCOMI/FUCOMI/FTST: the ordering; IE and DE into status.
softfp::Ordering soft_compare(Float80 a, Float80 b, bool quiet, uint16_t& status);

}  // namespace xisa::x86_64::x87
