#include "guest/riscv64/riscv64_vlen.h"

#include <atomic>

#include "guest/riscv64/riscv64_state.h"

namespace xisa::riscv64 {

namespace {
std::atomic<unsigned> g_vlen_bytes{16};
}

unsigned vlen_bytes() {
  return g_vlen_bytes.load(std::memory_order_relaxed);
}

bool set_vlen_bits(unsigned bits) {
  if (bits != 128 && bits != 8 * kMaxVlenBytes) return false;
  g_vlen_bytes.store(bits / 8, std::memory_order_relaxed);
  return true;
}

}  // namespace xisa::riscv64
