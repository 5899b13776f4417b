// Guest atomics on host memory, by width (atomic_ops.h).
#include "interp/atomic_ops.h"

#include <type_traits>

namespace xisa::interp {

using ir::Type;

namespace {

template <typename T>
T atomic_rmw_typed(ir::AtomicOp op, T* p, T v) {
  using S = std::make_signed_t<T>;
  switch (op) {
    case ir::AtomicOp::Add:
      return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
    case ir::AtomicOp::Swap:
      return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
    case ir::AtomicOp::And:
      return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
    case ir::AtomicOp::Or:
      return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
    case ir::AtomicOp::Xor:
      return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
    default:
      break;
  }
  T old = __atomic_load_n(p, __ATOMIC_SEQ_CST);
  for (;;) {
    T desired = old;
    switch (op) {
      case ir::AtomicOp::MinS:
        desired = static_cast<S>(old) < static_cast<S>(v) ? old : v;
        break;
      case ir::AtomicOp::MaxS:
        desired = static_cast<S>(old) > static_cast<S>(v) ? old : v;
        break;
      case ir::AtomicOp::MinU:
        desired = old < v ? old : v;
        break;
      case ir::AtomicOp::MaxU:
        desired = old > v ? old : v;
        break;
      default:
        break;
    }
    if (__atomic_compare_exchange_n(p, &old, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
      return old;
  }
}

// GCC 12 for RISC-V compares lr.w's sign-extended word with the expected value as its register
// holds it, which for a uint32_t cut from 64 bits is not sign-extended: a CAS of a word with bit
// 31 set never succeeded on a RISC-V64 host. Read back from memory, the value is sign-extended.
template <typename T>
T as_compared_by_lr(T v) {
#if defined(__riscv)
  if constexpr (sizeof(T) == 4) {
    volatile T copy = v;
    return copy;
  }
#endif
  return v;
}

template <typename T>
T atomic_cas_typed(T* p, T expected, T desired) {
  expected = as_compared_by_lr(expected);
  __atomic_compare_exchange_n(p, &expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return expected;
}

}  // namespace

uint64_t atomic_rmw(Type t, ir::AtomicOp op, uint64_t addr, uint64_t v) {
  switch (t) {
    case Type::I8:
      return atomic_rmw_typed(op, reinterpret_cast<uint8_t*>(addr), uint8_t(v));
    case Type::I16:
      return atomic_rmw_typed(op, reinterpret_cast<uint16_t*>(addr), uint16_t(v));
    case Type::I32:
      return atomic_rmw_typed(op, reinterpret_cast<uint32_t*>(addr), uint32_t(v));
    default:
      return atomic_rmw_typed(op, reinterpret_cast<uint64_t*>(addr), v);
  }
}

uint64_t atomic_cas(Type t, uint64_t addr, uint64_t e, uint64_t d) {
  switch (t) {
    case Type::I8:
      return atomic_cas_typed(reinterpret_cast<uint8_t*>(addr), uint8_t(e), uint8_t(d));
    case Type::I16:
      return atomic_cas_typed(reinterpret_cast<uint16_t*>(addr), uint16_t(e), uint16_t(d));
    case Type::I32:
      return atomic_cas_typed(reinterpret_cast<uint32_t*>(addr), uint32_t(e), uint32_t(d));
    default:
      return atomic_cas_typed(reinterpret_cast<uint64_t*>(addr), e, d);
  }
}

}  // namespace xisa::interp
