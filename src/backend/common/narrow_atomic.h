// 8- and 16-bit guest atomics for hosts whose atomic instructions start at 32 bits (RISC-V):
// translated code calls these, which the compiler turns into the host's masked LR/SC loops.
// Host-neutral; sequentially consistent, like the guests' strongest atomics.
#pragma once

#include <cstdint>

#include "ir/types.h"

namespace xisa::backend::common {

// The first argument of narrow_atomic_rmw: the op and the access size.
constexpr uint64_t pack_narrow_atomic(ir::AtomicOp op, unsigned bytes) {
  return static_cast<uint64_t>(op) | uint64_t{bytes} << 8;
}

// The old value of the 1- or 2-byte location at `address` (zero-extended), after applying the
// op of `desc` with `operand`.
uint64_t narrow_atomic_rmw(uint64_t desc, uint64_t address, uint64_t operand, uint64_t unused);
// Compare-and-swap of the `bytes`-byte location; returns the old value (zero-extended).
uint64_t narrow_atomic_cas(uint64_t bytes, uint64_t address, uint64_t expected, uint64_t desired);

}  // namespace xisa::backend::common
