// The backend of a host that has no JIT yet: the runtime still compiles against the same
// entry points, but jit_available() is false, so none of them is ever reached.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

#include "backend/backend.h"

namespace xisa::backend::no_jit {

using EnterFn = ExitRecord (*)(void* state, const void* code, JumpCacheEntry* jump_cache);

struct Trampoline {
  EnterFn enter = nullptr;
  const void* epilogue = nullptr;
};

inline std::optional<Trampoline> emit_trampoline(const CodeAllocator&) {
  return std::nullopt;
}

inline std::optional<CompiledBlock> compile(const ir::Block&, const CompileConfig&,
                                            const CodeAllocator&, std::string* why) {
  *why = "no JIT backend for this host";
  return std::nullopt;
}

inline std::string disassemble(const uint8_t*, size_t) {
  return {};
}

inline HostFaultContext read_fault_context(const void* ucontext) {
  HostFaultContext c;
  c.ucontext = ucontext;  // pc 0: no translated code is found there
  return c;
}

inline uint64_t host_register(const HostFaultContext&, uint8_t) {
  return 0;
}

inline void host_vector_register(const HostFaultContext&, uint8_t, uint64_t out[2]) {
  out[0] = out[1] = 0;
}

// Nothing is ever chained without translated code.
inline void patch_jump(uint8_t*, const uint8_t*, const void*) {
  std::abort();
}

}  // namespace xisa::backend::no_jit
