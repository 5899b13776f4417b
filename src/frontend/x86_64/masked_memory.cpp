#include "frontend/x86_64/masked_memory.h"

#include "common/guest_access.h"

namespace xisa::x86_64 {

namespace {

bool selected(uint64_t mask, unsigned byte) {
  return ((mask >> (8 * byte + 7)) & 1) != 0;
}

uint64_t helper_mask_store(void*, uint64_t address, uint64_t data, uint64_t mask) {
  for (unsigned i = 0; i < 8; ++i) {
    if (!selected(mask, i)) continue;
    const auto byte = static_cast<uint8_t>(data >> (8 * i));
    guest_write(address + i, &byte, 1);
  }
  return 0;
}

uint64_t helper_mask_load(void*, uint64_t address, uint64_t mask, uint64_t) {
  uint64_t out = 0;
  for (unsigned i = 0; i < 8; ++i) {
    if (!selected(mask, i)) continue;
    uint8_t byte;
    guest_read(&byte, address + i, 1);
    out |= uint64_t{byte} << (8 * i);
  }
  return out;
}

}  // namespace

const ir::HelperInfo kMaskStoreHelper{"x86_mask_store", helper_mask_store};
const ir::HelperInfo kMaskLoadHelper{"x86_mask_load", helper_mask_load};

}  // namespace xisa::x86_64
