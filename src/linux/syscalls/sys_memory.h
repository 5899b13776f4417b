// Guest memory management shared by the memory syscalls and the loader: the brk area.
#pragma once

#include <cstdint>

#include "linux/process_state.h"

namespace xisa::os {

// Address space held for brk growth (PROT_NONE until the break moves over it).
inline constexpr uint64_t kBrkReserve = uint64_t{1} << 30;
inline constexpr const char* kBrkReserveName = "[brk reserve]";

// Sets the initial break at start (page-aligned) and reserves the growth area after it; a
// smaller area when the address space there is partly in use.
void init_brk(ProcessState& p, uint64_t start);

}  // namespace xisa::os
