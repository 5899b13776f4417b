// The face every JIT backend shows the runtime: compile one IR block into host code placed in
// executable memory, with the tables the runtime needs to chain exits, look up indirect
// targets and turn host faults into guest faults. Host-neutral: nothing here knows a guest.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ir/block.h"

namespace xisa::backend {

// How translated code comes back to the dispatcher: the low byte is the interpreter's ExitKind
// (Jump, Syscall, Trap), the next byte the TrapKind. The next guest pc is in CpuHeader::pc.
inline constexpr uint8_t kExitJump = 0, kExitSyscall = 1, kExitTrap = 2;
// Set on the exit of an indirect jump that missed the jump cache (for --stats).
inline constexpr uint32_t kExitIndirectMiss = 1u << 16;
constexpr uint32_t pack_exit(uint8_t kind, uint8_t trap = 0) {
  return kind | (static_cast<uint32_t>(trap) << 8u);
}

// What the trampoline returns: the packed exit and, for a direct exit that may be chained, the
// host address of its patchable jump (0 otherwise).
struct ExitRecord {
  uint64_t exit;
  uint64_t patch_site;
};

// Per-thread cache for indirect branches, looked up inline by translated code.
struct JumpCacheEntry {
  uint64_t guest_pc;
  const void* host_code;
};
inline constexpr unsigned kJumpCacheBits = 12;
inline constexpr uint64_t kJumpCacheEmpty = ~uint64_t{0};
constexpr unsigned jump_cache_index(uint64_t pc) {
  return static_cast<unsigned>((pc >> 1) & ((1u << kJumpCacheBits) - 1));
}

// Event counters that translated code increments when the runtime asks for statistics.
struct JitCounters {
  uint64_t direct_exits = 0;     // direct exits taken (chained or back to the dispatcher)
  uint64_t jump_cache_hits = 0;  // indirect exits found in the jump cache
};

// What translated code reads and counts for the thread that runs it (translated code itself
// is shared by every thread): the trampoline gets its address on entry.
struct ThreadCodeData {
  JumpCacheEntry jump_cache[1u << kJumpCacheBits];
  JitCounters counters;
};

// Where a dirty guest register lives at a faulting host pc (so a fault handler can write it
// back into the state from the host context).
struct DirtyReg {
  enum Kind : uint8_t { HostReg, HostVectorReg, StackSlot, Immediate };
  uint32_t state_offset;
  uint8_t bytes;
  Kind kind;
  uint8_t host_reg;   // HostReg, HostVectorReg: the host register number
  int32_t stack_off;  // StackSlot: offset from the host stack pointer
  uint64_t imm_lo, imm_hi;
};

struct FaultSite {
  uint32_t host_offset;  // from the block's code start
  uint64_t guest_pc;
  std::vector<DirtyReg> dirty;
  bool restart_alone = false;  // the access has ir::kRestartAloneOnFault
};

struct ChainSite {
  uint32_t jump_offset;  // a patchable jump (x86-64: jmp rel32; AArch64: B imm26)
  uint32_t stub_offset;  // its unchained target: a stub that returns to the dispatcher
  uint64_t target_pc;    // kInlineCacheTarget: an indirect exit's inline cache
  // An inline cache: the offset of the 8 aligned bytes the exit compares its target pc with
  // before the jump (kNoInlineCachePc until the first link writes the pc it chains to).
  uint32_t guard_offset = 0;
};
inline constexpr uint64_t kInlineCacheTarget = ~uint64_t{0};
inline constexpr uint64_t kNoInlineCachePc = ~uint64_t{0};  // no guest pc is this

// What the fault handler reads from the host's signal context at a fault in translated code:
// each host keeps these in its own ucontext fields (backend::host::read_fault_context).
struct HostFaultContext {
  uintptr_t pc = 0;
  uint8_t* state = nullptr;        // the register that holds the guest state pointer
  const uint8_t* sp = nullptr;     // the host stack pointer (the frame's slots)
  bool write = false;              // the faulting access was a write
  const void* ucontext = nullptr;  // for host_register()
};

struct CompiledBlock {
  const uint8_t* code = nullptr;  // executable address of the entry
  uint32_t size = 0;
  uint32_t reserved = 0;               // the bytes allocated for it (at least size)
  std::vector<FaultSite> fault_sites;  // sorted by host_offset
  std::vector<ChainSite> chain_sites;
  bool flushes_code = false;  // contains an instruction fence: the runtime must re-translate
};

struct CompileConfig {
  const void* epilogue = nullptr;  // where exits return to the dispatcher
  bool count_exits = false;  // count direct exits and jump-cache hits (ThreadCodeData::counters)
  void (*instruction_fence)(void* state) = nullptr;  // called by Fence(Instruction)
  // Keep the x86 memory model (TSO) on a weakly ordered host: every guest load is an acquire,
  // every store a release and every atomic a full barrier (docs/adr/0007). The runtime sets it
  // for x86-64 guests unless the program opts out; a host that is TSO itself ignores it.
  bool tso = false;
};

// Allocates executable memory for `size` bytes; returns {rw, rx} or {nullptr, nullptr}.
using CodeAllocator = std::function<std::pair<uint8_t*, uint8_t*>(size_t size)>;

}  // namespace xisa::backend
