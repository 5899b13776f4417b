// The granule table behind HostCodeMap.
#include "runtime/host_code_map.h"

#include <sys/mman.h>

#include "common/error.h"

namespace xisa::runtime {

HostCodeMap::HostCodeMap(const uint8_t* base, size_t bytes, size_t granule)
    : base_(reinterpret_cast<uintptr_t>(base)),
      slots_((bytes + granule - 1) / granule),
      granule_(granule) {
  static_assert(sizeof(std::atomic<const CachedBlock*>) == sizeof(void*));
  void* m = mmap(nullptr, slots_ * sizeof(void*), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (m == MAP_FAILED) throw Error("cannot map the code cache's host-pc table");
  table_ = static_cast<std::atomic<const CachedBlock*>*>(m);  // zero pages: every slot null
}

HostCodeMap::~HostCodeMap() {
  munmap(table_, slots_ * sizeof(void*));
}

void HostCodeMap::set(const uint8_t* code, size_t size, const CachedBlock* block) {
  const uintptr_t first = (reinterpret_cast<uintptr_t>(code) - base_) / granule_;
  const uintptr_t last =
      (reinterpret_cast<uintptr_t>(code) + (size ? size : 1) - 1 - base_) / granule_;
  for (uintptr_t i = first; i <= last && i < slots_; ++i)
    table_[i].store(block, std::memory_order_release);
}

const CachedBlock* HostCodeMap::at(uintptr_t host_pc) const {
  if (host_pc < base_) return nullptr;
  const uintptr_t i = (host_pc - base_) / granule_;
  return i < slots_ ? table_[i].load(std::memory_order_acquire) : nullptr;
}

}  // namespace xisa::runtime
