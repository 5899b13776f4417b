// Guest atomics on host memory, by width (atomic_ops.h).
#include "interp/atomic_ops.h"

#include <atomic>
#include <cstring>
#include <type_traits>

namespace xisa::interp {

using ir::Type;

namespace {

// The value an RMW op leaves in memory.
template <typename T>
T rmw_result(ir::AtomicOp op, T old, T v) {
  using S = std::make_signed_t<T>;
  switch (op) {
    case ir::AtomicOp::Add:
      return static_cast<T>(old + v);
    case ir::AtomicOp::Swap:
      return v;
    case ir::AtomicOp::And:
      return old & v;
    case ir::AtomicOp::Or:
      return old | v;
    case ir::AtomicOp::Xor:
      return old ^ v;
    case ir::AtomicOp::MinS:
      return static_cast<S>(old) < static_cast<S>(v) ? old : v;
    case ir::AtomicOp::MaxS:
      return static_cast<S>(old) > static_cast<S>(v) ? old : v;
    case ir::AtomicOp::MinU:
      return old < v ? old : v;
    case ir::AtomicOp::MaxU:
      return old > v ? old : v;
  }
  return old;
}

template <typename T>
T atomic_rmw_typed(ir::AtomicOp op, T* p, T v) {
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
  while (!__atomic_compare_exchange_n(p, &old, rmw_result(op, old, v), false, __ATOMIC_SEQ_CST,
                                      __ATOMIC_SEQ_CST)) {
  }
  return old;
}

// x86 allows a LOCK-prefixed access at any address; AArch64 and RISC-V exclusives fault when
// it is not aligned. On those hosts a misaligned guest atomic is a CAS loop on the aligned
// 64-bit word that holds it, or, when it straddles two words, the update of both under one
// process-wide lock: atomic against every other straddling atomic, not against aligned
// atomics or plain stores into the same bytes meanwhile (split locks are rare and slow on
// x86 itself). Both words are touched by an atomic write first, so a fault (a guest SIGSEGV)
// happens before the lock is taken.
constexpr bool kHostAtomicsNeedAlignment =
#if defined(__x86_64__)
    false;
#else
    true;
#endif

std::atomic_flag g_straddling_lock = ATOMIC_FLAG_INIT;

// Returns the old value; `update` gives the new one from the old, or the old to leave it.
template <typename T, typename Update>
T misaligned_update(uint64_t addr, Update update) {
  const uint64_t offset = addr & 7;
  auto* word = reinterpret_cast<uint64_t*>(addr - offset);
  if (offset + sizeof(T) <= 8) {
    const unsigned shift = static_cast<unsigned>(offset) * 8;  // little-endian hosts
    const uint64_t mask = (sizeof(T) == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * sizeof(T))) - 1)
                          << shift;
    uint64_t old_word = __atomic_load_n(word, __ATOMIC_SEQ_CST);
    for (;;) {
      const auto old = static_cast<T>(old_word >> shift);
      const T next = update(old);
      const uint64_t new_word = (old_word & ~mask) | (static_cast<uint64_t>(next) << shift);
      if (__atomic_compare_exchange_n(word, &old_word, new_word, false, __ATOMIC_SEQ_CST,
                                      __ATOMIC_SEQ_CST))
        return old;
    }
  }
  __atomic_fetch_add(word, 0, __ATOMIC_SEQ_CST);
  __atomic_fetch_add(word + 1, 0, __ATOMIC_SEQ_CST);
  while (g_straddling_lock.test_and_set(std::memory_order_acquire)) {
  }
  T old;
  std::memcpy(&old, reinterpret_cast<const void*>(addr), sizeof old);
  const T next = update(old);
  std::memcpy(reinterpret_cast<void*>(addr), &next, sizeof next);
  g_straddling_lock.clear(std::memory_order_release);
  return old;
}

template <typename T>
T atomic_rmw_at(ir::AtomicOp op, uint64_t addr, T v) {
  if (kHostAtomicsNeedAlignment && addr % sizeof(T) != 0)
    return misaligned_update<T>(addr, [&](T old) { return rmw_result(op, old, v); });
  return atomic_rmw_typed(op, reinterpret_cast<T*>(addr), v);
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
T atomic_cas_at(uint64_t addr, T expected, T desired) {
  if (kHostAtomicsNeedAlignment && addr % sizeof(T) != 0)
    return misaligned_update<T>(addr, [&](T old) { return old == expected ? desired : old; });
  expected = as_compared_by_lr(expected);
  __atomic_compare_exchange_n(reinterpret_cast<T*>(addr), &expected, desired, false,
                              __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return expected;
}

}  // namespace

uint64_t atomic_rmw(Type t, ir::AtomicOp op, uint64_t addr, uint64_t v) {
  switch (t) {
    case Type::I8:
      return atomic_rmw_at(op, addr, uint8_t(v));
    case Type::I16:
      return atomic_rmw_at(op, addr, uint16_t(v));
    case Type::I32:
      return atomic_rmw_at(op, addr, uint32_t(v));
    default:
      return atomic_rmw_at(op, addr, v);
  }
}

uint64_t atomic_cas(Type t, uint64_t addr, uint64_t e, uint64_t d) {
  switch (t) {
    case Type::I8:
      return atomic_cas_at(addr, uint8_t(e), uint8_t(d));
    case Type::I16:
      return atomic_cas_at(addr, uint16_t(e), uint16_t(d));
    case Type::I32:
      return atomic_cas_at(addr, uint32_t(e), uint32_t(d));
    default:
      return atomic_cas_at(addr, e, d);
  }
}

}  // namespace xisa::interp
