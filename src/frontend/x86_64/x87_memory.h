// x87 memory operands for the x87 helper: each access reads or writes exactly the operand's own
// bytes (10 for m80 and BCD, not sizeof(Float80)), so the bytes after it stay untouched and an
// operand that ends a mapped page does not fault.
#pragma once

#include <cstdint>

#include "common/guest_access.h"
#include "guest/x86_64/x86_64_state.h"

namespace xisa::x86_64::x87 {

// An m80 operand: the significand, then sign and exponent.
inline constexpr size_t kF80Bytes = 10;

template <typename T>
T load_mem(uint64_t addr) {
  T v;
  guest_read(&v, addr, sizeof v);
  return v;
}
template <typename T>
void store_mem(uint64_t addr, const T& v) {
  guest_write(addr, &v, sizeof v);
}

inline Float80 load_f80(uint64_t addr) {
  Float80 f{};
  guest_read(&f, addr, kF80Bytes);
  return f;
}
inline void store_f80(uint64_t addr, const Float80& f) {
  guest_write(addr, &f, kF80Bytes);
}

}  // namespace xisa::x86_64::x87
