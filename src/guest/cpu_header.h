// The part of every guest state struct that the runtime and engines share. Each guest's state
// struct starts with a CpuHeader member, so engines can find the pc without knowing the guest.
#pragma once

#include <cstdint>

namespace xisa {

struct CpuHeader {
  uint64_t pc = 0;  // guest pc of the next (or, after a fault, current) insn
  // Nonzero: return to the dispatcher at the next block boundary. One bit per reason, so that
  // each party clears only its own (translated code tests the whole word).
  volatile uint32_t exit_request = 0;
  uint32_t reserved = 0;
};

// exit_request bits.
inline constexpr uint32_t kExitRequestCodeWrite = 1;   // a store hit a watched code page
inline constexpr uint32_t kExitRequestSignal = 2;      // a guest signal may be deliverable
inline constexpr uint32_t kExitRequestCodeChange = 4;  // another thread invalidated code

inline void raise_exit_request(CpuHeader& h, uint32_t bit) {  // async-signal-safe
  __atomic_fetch_or(const_cast<uint32_t*>(&h.exit_request), bit, __ATOMIC_RELAXED);
}
inline void clear_exit_request(CpuHeader& h, uint32_t bit) {
  __atomic_fetch_and(const_cast<uint32_t*>(&h.exit_request), ~bit, __ATOMIC_RELAXED);
}

}  // namespace xisa
