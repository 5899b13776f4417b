// 8- and 16-bit atomics through the compiler's builtins (narrow_atomic.h).
#include "backend/common/narrow_atomic.h"

#include <type_traits>

namespace xisa::backend::common {

namespace {

template <typename T>
uint64_t rmw(ir::AtomicOp op, uint64_t address, uint64_t operand) {
  using S = std::make_signed_t<T>;
  auto* p = reinterpret_cast<T*>(address);
  const auto v = static_cast<T>(operand);
  constexpr int kOrder = __ATOMIC_SEQ_CST;
  switch (op) {
    case ir::AtomicOp::Add:
      return __atomic_fetch_add(p, v, kOrder);
    case ir::AtomicOp::And:
      return __atomic_fetch_and(p, v, kOrder);
    case ir::AtomicOp::Or:
      return __atomic_fetch_or(p, v, kOrder);
    case ir::AtomicOp::Xor:
      return __atomic_fetch_xor(p, v, kOrder);
    case ir::AtomicOp::Swap:
      return __atomic_exchange_n(p, v, kOrder);
    default:
      break;
  }
  // Min and max: a compare-and-swap loop.
  T old = __atomic_load_n(p, kOrder);
  for (;;) {
    const bool take_v = op == ir::AtomicOp::MinS   ? static_cast<S>(v) < static_cast<S>(old)
                        : op == ir::AtomicOp::MaxS ? static_cast<S>(v) > static_cast<S>(old)
                        : op == ir::AtomicOp::MinU ? v < old
                                                   : v > old;
    const T next = take_v ? v : old;
    if (__atomic_compare_exchange_n(p, &old, next, false, kOrder, kOrder)) return old;
  }
}

template <typename T>
uint64_t cas(uint64_t address, uint64_t expected, uint64_t desired) {
  auto old = static_cast<T>(expected);
  __atomic_compare_exchange_n(reinterpret_cast<T*>(address), &old, static_cast<T>(desired), false,
                              __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return old;
}

}  // namespace

uint64_t narrow_atomic_rmw(uint64_t desc, uint64_t address, uint64_t operand, uint64_t) {
  const auto op = static_cast<ir::AtomicOp>(desc & 0xff);
  return (desc >> 8) == 1 ? rmw<uint8_t>(op, address, operand)
                          : rmw<uint16_t>(op, address, operand);
}

uint64_t narrow_atomic_cas(uint64_t bytes, uint64_t address, uint64_t expected, uint64_t desired) {
  return bytes == 1 ? cas<uint8_t>(address, expected, desired)
                    : cas<uint16_t>(address, expected, desired);
}

}  // namespace xisa::backend::common
