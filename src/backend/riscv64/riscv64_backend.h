// Entry points of the RISC-V64 host backend: the trampoline between the dispatcher and
// translated code, and the compilation of one IR block (the same face as the other hosts').
#pragma once

#include <optional>
#include <string>

#include "backend/backend.h"

namespace xisa::backend::riscv64 {

// Runs translated code at `code` with the guest state and the thread's jump cache, until an
// exit returns to the dispatcher.
using EnterFn = ExitRecord (*)(void* state, const void* code, JumpCacheEntry* jump_cache);

struct Trampoline {
  EnterFn enter = nullptr;
  const void* epilogue = nullptr;  // where exits jump to return from `enter`
};

// Emits the trampoline into executable memory; nullopt when out of memory.
std::optional<Trampoline> emit_trampoline(const CodeAllocator& alloc);

// Compiles a block. On failure returns nullopt and says why in `why` (the block then runs in
// the interpreter): an op not lowered, or no room left.
std::optional<CompiledBlock> compile(const ir::Block& block, const CompileConfig& config,
                                     const CodeAllocator& alloc, std::string* why);

// A listing of host code for --dump-host, by GNU objdump (disassemble.cpp), or one instruction
// word a line when there is none.
std::string disassemble(const uint8_t* code, size_t size);

// The fault context from a signal handler's ucontext, and host register x<id> at the fault.
HostFaultContext read_fault_context(const void* ucontext);
uint64_t host_register(const HostFaultContext& context, uint8_t id);
// f<id> at the fault (the low 64 bits; this backend keeps no values in FP registers).
void host_vector_register(const HostFaultContext& context, uint8_t id, uint64_t out[2]);

// Points the patchable jal at site (written through its rw view) to `target`, through the far
// form after it when the target is beyond the jal's reach, and makes the change visible to
// instruction fetch.
void patch_jump(uint8_t* site_rw, const uint8_t* site_rx, const void* target);

// Where a direct exit's far-form literal lies, from the address (or the offset in its block)
// of its jal: the 8-byte aligned word after `jal; auipc; ld; jalr`. Blocks start 8-byte aligned
// in the code cache, so offsets and addresses agree.
constexpr uint64_t far_literal(uint64_t site) {
  return (site + 16 + 7) & ~uint64_t{7};
}

}  // namespace xisa::backend::riscv64
