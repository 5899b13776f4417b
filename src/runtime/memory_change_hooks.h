// Engines that keep their own view of the guest's memory map (the KVM engine's page tables) are
// told of every change the Linux layer reports to the runtime (munmap, mprotect, MAP_FIXED and
// mremap over a range, brk shrinking), on the thread that made it, before the syscall returns.
#pragma once

#include <cstdint>

namespace xisa::runtime {

using MemoryChangeHook = void (*)(void* owner, uint64_t lo, uint64_t hi);
void add_memory_change_hook(void* owner, MemoryChangeHook hook);
void remove_memory_change_hook(void* owner);
// Called by the process runtime's memory-change listener.
void run_memory_change_hooks(uint64_t lo, uint64_t hi);

}  // namespace xisa::runtime
