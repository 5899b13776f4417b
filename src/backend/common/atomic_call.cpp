// Helper-call entry points into the interpreter's atomics (atomic_call.h).
#include "backend/common/atomic_call.h"

#include "interp/atomic_ops.h"

namespace xisa::backend::common {

uint64_t atomic_rmw_call(uint64_t desc, uint64_t address, uint64_t operand, uint64_t) {
  return interp::atomic_rmw(static_cast<ir::Type>(desc >> 8),
                            static_cast<ir::AtomicOp>(desc & 0xff), address, operand);
}

uint64_t atomic_cas_call(uint64_t type, uint64_t address, uint64_t expected, uint64_t desired) {
  return interp::atomic_cas(static_cast<ir::Type>(type), address, expected, desired);
}

AtomicCall atomic_call_for(const ir::Inst& inst) {
  if (inst.op == ir::Opcode::AtomicRmw)
    return {reinterpret_cast<const void*>(&atomic_rmw_call),
            pack_atomic(static_cast<ir::AtomicOp>(inst.imm), inst.type)};
  return {reinterpret_cast<const void*>(&atomic_cas_call), static_cast<uint64_t>(inst.type)};
}

}  // namespace xisa::backend::common
