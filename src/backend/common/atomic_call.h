// Guest atomics a backend calls instead of emitting them (RISC-V has no 8- or 16-bit atomic
// instructions): the interpreter's own AtomicRmw/AtomicCas (interp/atomic_ops.h) behind the
// helper-call signature fn(a0, address, a2, a3) -> old value. Host-neutral.
#pragma once

#include <cstdint>

#include "ir/block.h"
#include "ir/types.h"

namespace xisa::backend::common {

// The first argument of atomic_rmw_call: the op and the type.
constexpr uint64_t pack_atomic(ir::AtomicOp op, ir::Type type) {
  return static_cast<uint64_t>(op) | static_cast<uint64_t>(type) << 8;
}

// The old value of the location at `address` after the op of `desc` with `operand`.
uint64_t atomic_rmw_call(uint64_t desc, uint64_t address, uint64_t operand, uint64_t unused);
// Compare-and-swap of the location of type `type` (an ir::Type); returns the old value.
uint64_t atomic_cas_call(uint64_t type, uint64_t address, uint64_t expected, uint64_t desired);

// The call for guest atomic `inst` (AtomicRmw or AtomicCas): fn(first, address, arg1, arg2).
struct AtomicCall {
  const void* fn;
  uint64_t first;
};
AtomicCall atomic_call_for(const ir::Inst& inst);

}  // namespace xisa::backend::common
