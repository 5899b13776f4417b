#include "frontend/common/carryless_multiply.h"

namespace xisa::frontend {

namespace {

uint64_t helper_clmul(void*, uint64_t a, uint64_t b, uint64_t part) {
  uint64_t lo = 0, hi = 0;
  for (unsigned i = 0; i < 64; ++i) {
    if (((b >> i) & 1) == 0) continue;
    lo ^= a << i;
    if (i != 0) hi ^= a >> (64 - i);
  }
  switch (static_cast<ClmulPart>(part)) {
    case ClmulPart::Low:
      return lo;
    case ClmulPart::High:
      return hi;
    default:
      return hi << 1 | lo >> 63;
  }
}

}  // namespace

const ir::HelperInfo kCarrylessMultiply{"clmul", helper_clmul, true};

}  // namespace xisa::frontend
