// Carry-less (polynomial over GF(2)) multiplication of two 64-bit values, for x86 PCLMULQDQ,
// AArch64 PMULL/PMULL2 (.1Q) and RISC-V Zbc. A helper, not an IR op: the instructions are rare
// outside CRC and GCM kernels, and a loop of 64 steps is cheap next to a block exit.
#pragma once

#include <cstdint>

#include "ir/builder.h"
#include "ir/helpers.h"

namespace xisa::frontend {

// Which 64 bits of the 128-bit product a helper call yields.
enum class ClmulPart : uint64_t {
  Low = 0,       // bits 63..0
  High = 1,      // bits 127..64
  Reversed = 2,  // bits 126..63 (RISC-V CLMULR)
};

// clmul(a, b, part): the ClmulPart of the carry-less product a * b. Pure.
extern const ir::HelperInfo kCarrylessMultiply;

inline ir::Value carryless_multiply(ir::Builder& b, ir::Value x, ir::Value y, ClmulPart part) {
  return b.call(kCarrylessMultiply, {x, y, b.imm64(static_cast<uint64_t>(part))});
}

// The whole 128-bit product of two i64 values as a v128 (PCLMULQDQ, PMULL/PMULL2 .1Q).
inline ir::Value carryless_multiply_128(ir::Builder& b, ir::Value x, ir::Value y) {
  return b.vfrom_halves(carryless_multiply(b, x, y, ClmulPart::Low),
                        carryless_multiply(b, x, y, ClmulPart::High));
}

}  // namespace xisa::frontend
