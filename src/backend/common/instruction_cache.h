// Keeping instruction fetch coherent with code written through the rw view of the dual-mapped
// code cache, on hosts whose instruction cache is not coherent with stores (AArch64, RISC-V).
// Host-neutral: each backend supplies only its probe's two instructions.
#pragma once

#include <cstddef>
#include <cstdint>

#include "backend/backend.h"

namespace xisa::backend::common {

// Code written through the rw view runs through the rx view: the compiler's cache maintenance
// for the executable addresses (cache lines on AArch64, the riscv_flush_icache system call on
// RISC-V Linux), and on an "emulated host" that needs it, a protection flip (see below).
void sync_instruction_cache(const uint8_t* rx, size_t size);

// Instructions of a function `uint32_t f()` returning `value` (two 4-byte instructions).
using ReturnValueProbe = void (*)(uint32_t value, uint32_t out[2]);

// Finds out once whether instruction fetch misses writes through the rw view even after cache
// maintenance: qemu-user (as a host for tests) keeps its translations of the rx pages, since
// it treats the maintenance as a no-op and watches writes only through the same address. When
// it does, every later sync_instruction_cache also makes the pages writable for a moment, what
// such an emulator takes as a reason to drop its translations of them.
void check_fetch_of_aliased_writes(const CodeAllocator& alloc, ReturnValueProbe probe);

}  // namespace xisa::backend::common
