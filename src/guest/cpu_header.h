// The part of every guest state struct that the runtime and engines share. Each guest's state
// struct starts with a CpuHeader member, so engines can find the pc without knowing the guest.
#pragma once

#include <cstdint>

namespace xisa {

struct CpuHeader {
  uint64_t pc = 0;                     // guest pc of the next (or, after a fault, current) insn
  volatile uint32_t exit_request = 0;  // set by other threads: return to the dispatcher
  uint32_t reserved = 0;
};

}  // namespace xisa
