// The IR's atomic read-modify-writes and compare-and-swap on host memory, sequentially
// consistent: the interpreter's semantics of AtomicRmw and AtomicCas, also called by JIT
// backends for the widths their host has no atomic instruction for.
#pragma once

#include <cstdint>

#include "ir/types.h"

namespace xisa::interp {

// The old value (zero-extended) of the `t`-sized location at addr, after applying op with v.
uint64_t atomic_rmw(ir::Type t, ir::AtomicOp op, uint64_t addr, uint64_t v);
// Compare-and-swap of the `t`-sized location at addr; returns the old value (zero-extended).
uint64_t atomic_cas(ir::Type t, uint64_t addr, uint64_t e, uint64_t d);

}  // namespace xisa::interp
