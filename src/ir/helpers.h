// Named helper functions that IR blocks may call (CallHelper). A helper gets the guest state
// struct and up to three 64-bit arguments (floats as their bit patterns) and returns 64 bits.
#pragma once

#include <cstdint>

namespace xisa::ir {

using HelperFn = uint64_t (*)(void* state, uint64_t a, uint64_t b, uint64_t c);

// CallHelper's imm holds the address of one of these; helpers live in static storage and are
// complete from start-up (constant-initialised, or built by a static initialiser): a block
// from the translation store (runtime/translation_store.h) calls them before anything is
// lifted. The name is what --dump-ir prints.
struct HelperInfo {
  const char* name;
  HelperFn fn;
  // Reads the guest state but writes nothing and cannot fault: a call whose result nothing
  // uses is dead code, and the call clobbers no forwarded register (it still observes them).
  bool pure = false;
  // Takes the host's pending FP exceptions (common/host_fp_env.h): its caller must not save
  // and restore them around it, as it does for other helpers.
  bool takes_host_fp_flags = false;
};

inline bool is_pure_call(uint64_t helper_imm) {
  return reinterpret_cast<const HelperInfo*>(helper_imm)->pure;
}

}  // namespace xisa::ir
