// Fixed register roles and the stack frame shared by all translated blocks on a RISC-V64 host.
// Blocks chain into each other inside the one frame the trampoline sets up.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "backend/backend.h"

namespace xisa::backend::riscv64 {

// Register numbers (x<n>) by their ABI names.
inline constexpr uint8_t kZero = 0, kRa = 1, kSp = 2, kT0 = 5, kT1 = 6, kT2 = 7, kA0 = 10, kA1 = 11,
                         kA2 = 12, kA3 = 13, kA4 = 14, kT3 = 28;

// Callee-saved registers that hold the same thing for the whole run of translated code: the
// guest state (s2), the thread's ThreadCodeData (s3: jump cache first, then the counters) and
// the trampoline's epilogue (s4), where every exit returns to the dispatcher (a0: the packed
// exit, a1: the patch site).
inline constexpr uint8_t kStateReg = 18, kThreadData = 19, kEpilogue = 20;
// Scratch registers never given to values: t0, t1 for values, t2 for addresses that do not fit
// an instruction, t3 for a store-conditional's status and the jump cache. ra is the link
// register of helper calls and otherwise free for the exit stubs.
inline constexpr uint8_t kScratch0 = kT0, kScratch1 = kT1, kAddrScratch = kT2, kScratch3 = kT3;
// FP scratch registers: f0..f2 (caller-saved, never live across an IR instruction).

// Registers the allocator hands to values, callee-saved ones first (s5..s11, s0, s1) so that
// values survive helper calls without saving, then a0..a7 and t4..t6. gp and tp are never used.
inline constexpr std::array<uint8_t, 20> kAllocatable = {21, 22, 23, 24, 25, 26, 27, 8,  9,  10,
                                                         11, 12, 13, 14, 15, 16, 17, 29, 30, 31};
// Registers a self-loop keeps guest registers in (backend/common/self_loop.h), reserved for
// the block: from the end of the allocation order (t6..t4, a7..a3), where the allocator looks
// last.
inline constexpr std::array<uint8_t, 8> kPromotedRegs = {31, 30, 29, 17, 16, 15, 14, 13};
constexpr bool is_caller_saved(uint8_t id) {
  return (id >= 5 && id <= 7) || (id >= 10 && id <= 17) || id >= 28;
}

// Frame (from sp): spill slots of 16 bytes, a save area for caller-saved registers around
// helper calls (by register id), and 16 bytes of scratch for 128-bit constants. Every offset
// fits a load's 12-bit immediate.
inline constexpr int32_t kSpillSlots = 64;
inline constexpr int32_t kSpillBytes = kSpillSlots * 16;
inline constexpr int32_t kCallSaveOffset = kSpillBytes;  // 32 registers x 8 bytes
inline constexpr int32_t kWideScratchOffset = kCallSaveOffset + 32 * 8;
inline constexpr int32_t kFrameSize = kWideScratchOffset + 16;
static_assert(kFrameSize % 16 == 0, "sp stays 16-byte aligned");
static_assert(kFrameSize < 2048, "frame offsets fit a 12-bit immediate");
// The counters follow the jump cache in ThreadCodeData (kThreadData).
inline constexpr int32_t kCountersOffset = offsetof(ThreadCodeData, counters);

inline constexpr int32_t spill_offset(unsigned slot) {
  return static_cast<int32_t>(slot) * 16;
}

}  // namespace xisa::backend::riscv64
