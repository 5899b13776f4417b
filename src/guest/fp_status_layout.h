// Where each guest accrues IEEE exception flags, and accruing the host's into them: one table
// per guest (its *_state.h), used by GuestArch and by the frontends' accrual helper calls.
#pragma once

#include <cfenv>
#include <cstdint>

#include "common/host_fp_env.h"

namespace xisa {

// Bits of the u32 at `offset` in a guest's state (0 for an exception it has no flag for).
struct FpStatusLayout {
  uint32_t offset = 0;
  uint32_t invalid = 0, divide_by_zero = 0, overflow = 0, underflow = 0, inexact = 0,
           denormal_operand = 0;
};

// The guest's flag bits for exceptions the host raised (FE_* bits and
// host_fp::kDenormalOperand).
inline uint32_t fp_exception_bits(const FpStatusLayout& f, int raised) {
  return ((raised & FE_INVALID) ? f.invalid : 0) |
         ((raised & FE_DIVBYZERO) ? f.divide_by_zero : 0) |
         ((raised & FE_OVERFLOW) ? f.overflow : 0) | ((raised & FE_UNDERFLOW) ? f.underflow : 0) |
         ((raised & FE_INEXACT) ? f.inexact : 0) |
         ((raised & host_fp::kDenormalOperand) ? f.denormal_operand : 0);
}

// ORs them into the guest's flags and returns them.
inline uint32_t accrue_fp_exceptions(const FpStatusLayout& f, void* state, int raised) {
  const uint32_t bits = fp_exception_bits(f, raised);
  *reinterpret_cast<uint32_t*>(static_cast<uint8_t*>(state) + f.offset) |= bits;
  return bits;
}

}  // namespace xisa
