// Fixed register roles and the stack frame shared by all translated blocks on an AArch64 host.
// Blocks chain into each other inside one frame that the trampoline sets up, so the layout is
// the same for every block.
#pragma once

#include <asmjit/a64.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "backend/backend.h"

namespace xisa::backend::aarch64 {

namespace a64 = asmjit::a64;

// Callee-saved registers that hold the same thing for the whole run of translated code: the
// guest state, the thread's ThreadCodeData (jump cache first, then the counters) and the
// trampoline's epilogue, where every exit returns to the dispatcher (x0: the packed exit, x1:
// the patch site).
inline constexpr uint8_t kStateId = 19, kThreadDataId = 20, kEpilogueId = 21;
inline const a64::GpX kStateReg = a64::x(kStateId);
inline const a64::GpX kThreadData = a64::x(kThreadDataId);
inline const a64::GpX kEpilogue = a64::x(kEpilogueId);
// Scratch registers never given to values: x16 and x17 (the intra-procedure-call registers)
// for values, x15 for addresses that do not fit an instruction.
inline const a64::GpX kScratch0 = a64::x16;
inline const a64::GpX kScratch1 = a64::x17;
inline const a64::GpX kAddrScratch = a64::x15;
// Vector scratch registers: v0..v3 (caller-saved, never live across an IR instruction).

// Registers the allocator hands to values, callee-saved ones first so that values survive
// helper calls without saving. x18 (the platform register), x29 (frame) and x30 (link) are
// never used.
inline constexpr std::array<uint8_t, 22> kAllocatable = {22, 23, 24, 25, 26, 27, 28, 9, 10, 11, 12,
                                                         13, 14, 8,  7,  6,  5,  4,  3, 2,  1,  0};
// Registers a self-loop keeps guest registers in (backend/common/self_loop.h), reserved for
// the block: from the end of the allocation order, where the allocator looks last.
inline constexpr std::array<uint8_t, 8> kPromotedRegs = {0, 1, 2, 3, 4, 5, 6, 7};
constexpr bool is_caller_saved(uint8_t id) {
  return id <= 17;
}

// Frame (from sp): spill slots of 16 bytes, a save area for caller-saved registers around
// helper calls (by register id), and 16 bytes of scratch for 128-bit constants.
inline constexpr int32_t kSpillSlots = 64;
inline constexpr int32_t kSpillBytes = kSpillSlots * 16;
inline constexpr int32_t kCallSaveOffset = kSpillBytes;  // 32 registers x 8 bytes
inline constexpr int32_t kWideScratchOffset = kCallSaveOffset + 32 * 8;
inline constexpr int32_t kFrameSize = kWideScratchOffset + 16;
static_assert(kFrameSize % 16 == 0, "sp stays 16-byte aligned");
// The counters follow the jump cache in ThreadCodeData (kThreadData).
inline constexpr int32_t kCountersOffset = offsetof(ThreadCodeData, counters);

inline constexpr int32_t spill_offset(unsigned slot) {
  return static_cast<int32_t>(slot) * 16;
}

// Register `id` viewed at 32 or 64 bits.
inline a64::Gp gp_of(uint8_t id, unsigned bits) {
  return bits == 64 ? a64::Gp(a64::x(id)) : a64::Gp(a64::w(id));
}

}  // namespace xisa::backend::aarch64
