// F16C (SDM vol. 2, VCVTPH2PS, VCVTPS2PH): conversions between half and single precision, run
// by one pure helper that returns either converted bits or the MXCSR flags the conversion
// raises, so the lifter writes MXCSR only after the instruction's memory store.
#pragma once

#include <cstdint>

#include "ir/helpers.h"

namespace xisa::x86_64 {

enum class F16cOp : uint8_t {
  HalfToSingle,  // src_lo = four halves; returns singles 2 * pair and 2 * pair + 1
  SingleToHalf,  // src_lo:src_hi = four singles; returns the four halves; imm = VCVTPS2PH's imm8
};

constexpr uint64_t f16c_desc(F16cOp op, bool flags, unsigned pair, unsigned imm) {
  return static_cast<uint64_t>(op) | (uint64_t{flags} << 1) | (uint64_t{pair} << 2) |
         (uint64_t{imm & 0xff} << 8);
}

// x86_f16c(state, desc, src_lo, src_hi): with desc's flags bit, the MXCSR flags the conversion of
// all four elements raises instead of its result.
extern const ir::HelperInfo kF16cHelper;

}  // namespace xisa::x86_64
