// Fixed register roles and the stack frame shared by all translated blocks on an x86-64 host.
// Blocks chain into each other inside one frame that the trampoline sets up, so the layout is
// the same for every block.
#pragma once

#include <asmjit/x86.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "backend/backend.h"

namespace xisa::backend::x86_64 {

namespace x86 = asmjit::x86;

// r15 holds the guest state pointer for the whole run of translated code.
inline const x86::Gp kStateReg = x86::r15;
// Scratch registers never given to values: rax, rcx (shift counts) and rdx (mul/div).
inline const x86::Gp kScratch0 = x86::rax;
inline const x86::Gp kScratch1 = x86::rcx;
inline const x86::Gp kScratch2 = x86::rdx;

// Registers the allocator hands to values, callee-saved ones first so that values survive
// helper calls without saving.
inline constexpr std::array<uint8_t, 11> kAllocatable = {
    x86::Gp::kIdBx,  x86::Gp::kIdBp,  x86::Gp::kIdR12, x86::Gp::kIdR13,
    x86::Gp::kIdR14, x86::Gp::kIdSi,  x86::Gp::kIdDi,  x86::Gp::kIdR8,
    x86::Gp::kIdR9,  x86::Gp::kIdR10, x86::Gp::kIdR11};
// Registers a self-loop keeps guest registers in (backend/common/self_loop.h), reserved for
// the block: from the end of the allocation order, where the allocator looks last, so the
// callee-saved registers it hands out first stay for the block's own values. The first
// kPromotedRegsAlways always; the rest where the block's own values leave them free. Three:
// in a loop whose own values fill the registers (SHA-256's rounds), more promoted guest
// registers cost more spills than the loads and stores they save (2, 3 or 4 did equally well).
inline constexpr std::array<uint8_t, 9> kPromotedRegs = {
    x86::Gp::kIdR11, x86::Gp::kIdR10, x86::Gp::kIdR9,  x86::Gp::kIdR8, x86::Gp::kIdDi,
    x86::Gp::kIdSi,  x86::Gp::kIdR14, x86::Gp::kIdR13, x86::Gp::kIdR12};
inline constexpr size_t kPromotedRegsAlways = 3;
// Vector registers the allocator hands to 128-bit values; xmm0-xmm7 stay scratch for the
// lowerings. All of them are caller-saved: values in them go to frame slots before host calls.
inline constexpr std::array<uint8_t, 8> kAllocatableVec = {8, 9, 10, 11, 12, 13, 14, 15};
// Vector registers a self-loop may keep slots of FP bits or vectors in, from the end.
inline constexpr std::array<uint8_t, 4> kPromotedVecRegs = {15, 14, 13, 12};
constexpr bool is_caller_saved(uint8_t id) {
  return id == x86::Gp::kIdSi || id == x86::Gp::kIdDi ||
         (id >= x86::Gp::kIdR8 && id <= x86::Gp::kIdR11);
}

// Frame (from rsp): spill slots of 16 bytes, a save area for caller-saved registers around
// helper calls, and the jump cache pointer. kFrameSize keeps rsp 16-byte aligned at calls
// after the trampoline's six pushes.
inline constexpr int32_t kSpillSlots = 64;
inline constexpr int32_t kSpillBytes = kSpillSlots * 16;
inline constexpr int32_t kCallSaveOffset = kSpillBytes;  // 16 registers x 8 bytes, by id
inline constexpr int32_t kJumpCacheOffset = kCallSaveOffset + 16 * 8;
inline constexpr int32_t kFrameSize = kJumpCacheOffset + 8;
// The jump cache pointer is the thread's ThreadCodeData; its counters follow the jump cache.
inline constexpr int32_t kCountersOffset = offsetof(ThreadCodeData, counters);
static_assert(kFrameSize % 16 == 8, "six pushes + return address + frame must align rsp");

// Register `id` viewed at 32 or 64 bits.
inline x86::Gp gp_of(uint8_t id, unsigned bits) {
  return bits == 64 ? x86::Gp(x86::gpq(id)) : x86::Gp(x86::gpd(id));
}
inline x86::Gp gp_of(const x86::Gp& r, unsigned bits) {
  return gp_of(static_cast<uint8_t>(r.id()), bits);
}
// Register `id` (or r) viewed at 1, 2, 4 or 8 bytes.
inline x86::Gp gp_of_bytes(uint8_t id, unsigned bytes) {
  switch (bytes) {
    case 1:
      return x86::gpb(id);
    case 2:
      return x86::gpw(id);
    case 4:
      return x86::gpd(id);
    default:
      return x86::gpq(id);
  }
}
inline x86::Gp gp_of_bytes(const x86::Gp& r, unsigned bytes) {
  return gp_of_bytes(static_cast<uint8_t>(r.id()), bytes);
}

inline constexpr int32_t spill_offset(unsigned slot) {
  return static_cast<int32_t>(slot) * 16;
}

}  // namespace xisa::backend::x86_64
