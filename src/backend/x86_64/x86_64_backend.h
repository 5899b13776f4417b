// Entry points of the x86-64 host backend: the trampoline between the dispatcher and
// translated code, and the compilation of one IR block.
#pragma once

#include <optional>
#include <string>

#include "backend/backend.h"

namespace xisa::backend::x86_64 {

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
// the interpreter): an op not lowered, a missing host feature, or no room left.
std::optional<CompiledBlock> compile(const ir::Block& block, const CompileConfig& config,
                                     const CodeAllocator& alloc, std::string* why);

// A listing of host code (AT&T syntax, one instruction a line), for --dump-host.
std::string disassemble(const uint8_t* code, size_t size);

// The fault context from a signal handler's ucontext, and host register `id` (asmjit's id, as
// DirtyReg::host_reg holds it) at the fault.
HostFaultContext read_fault_context(const void* ucontext);
uint64_t host_register(const HostFaultContext& context, uint8_t id);
// xmm<id> at the fault, from the FP state the kernel saved with the signal frame.
void host_vector_register(const HostFaultContext& context, uint8_t id, uint64_t out[2]);

// Points the patchable jmp rel32 at site (written through its rw view) to `target`.
void patch_jump(uint8_t* site_rw, const uint8_t* site_rx, const void* target);

}  // namespace xisa::backend::x86_64
