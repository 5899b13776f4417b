// Byte-masked guest memory access for MASKMOVQ/MASKMOVDQU and the AVX masked moves: only the
// bytes whose mask byte has bit 7 set are touched, so the others may be unmapped.
#pragma once

#include "ir/helpers.h"

namespace xisa::x86_64 {

// x86_mask_store(state, address, data, mask): byte i of data to address + i where mask byte i
// has bit 7 set.
extern const ir::HelperInfo kMaskStoreHelper;
// x86_mask_load(state, address, mask): the 8 bytes at address where mask byte i has bit 7 set,
// zero elsewhere.
extern const ir::HelperInfo kMaskLoadHelper;

}  // namespace xisa::x86_64
