// Instruction-cache maintenance shared by the AArch64 and RISC-V64 backends.
#include "backend/common/instruction_cache.h"

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

#include "common/log.h"

namespace xisa::backend::common {

namespace {

std::atomic<bool> g_fetch_misses_aliased_writes{false};

// Writes the probe returning `value` through rw and calls it through rx.
uint32_t run_probe(uint8_t* rw, const uint8_t* rx, ReturnValueProbe probe, uint32_t value) {
  uint32_t code[2];
  probe(value, code);
  std::memcpy(rw, code, sizeof code);
  sync_instruction_cache(rx, sizeof code);
  return reinterpret_cast<uint32_t (*)()>(const_cast<uint8_t*>(rx))();
}

}  // namespace

void sync_instruction_cache(const uint8_t* rx, size_t size) {
  auto* begin = reinterpret_cast<char*>(const_cast<uint8_t*>(rx));
  __builtin___clear_cache(begin, begin + size);
  if (!g_fetch_misses_aliased_writes.load(std::memory_order_relaxed)) return;
  // W^X is broken only here, for two system calls.
  const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const uintptr_t lo = reinterpret_cast<uintptr_t>(rx) & ~(page - 1);
  const uintptr_t hi = (reinterpret_cast<uintptr_t>(rx) + size + page - 1) & ~(page - 1);
  void* start = reinterpret_cast<void*>(lo);
  mprotect(start, hi - lo, PROT_READ | PROT_WRITE | PROT_EXEC);
  mprotect(start, hi - lo, PROT_READ | PROT_EXEC);
}

void check_fetch_of_aliased_writes(const CodeAllocator& alloc, ReturnValueProbe probe) {
  auto [rw, rx] = alloc(8);
  if (!rw) return;
  run_probe(rw, rx, probe, 1);
  if (run_probe(rw, rx, probe, 2) == 2) return;
  g_fetch_misses_aliased_writes = true;
  log::debug(
      "jit: instruction fetch misses writes through the rw view (an emulator?): "
      "code pages are re-protected after every write");
}

}  // namespace xisa::backend::common
