// Allocation of translated code in the executable memory: blocks of any size are allocated and
// released one by one, and released bytes are reused (best fit, neighbours coalesced). Not
// thread-safe: the code cache's lock guards it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>

#include "runtime/exec_memory.h"

namespace xisa::runtime {

class CodeHeap {
 public:
  // Every allocation starts on this boundary, so a granule of the heap belongs to at most one
  // block (HostCodeMap) and block entries are aligned for the host's instruction fetch.
  static constexpr size_t kGranule = 32;

  explicit CodeHeap(size_t capacity) : memory_(capacity) {}

  struct Span {
    uint8_t* rw = nullptr;  // where to write the bytes
    uint8_t* rx = nullptr;  // where they execute
  };
  // Returns an empty span when no free range is large enough.
  Span allocate(size_t bytes);
  // Gives back an allocation of `bytes` (the size it was allocated with) starting at rx.
  void release(const uint8_t* rx, size_t bytes);

  const ExecMemory& memory() const { return memory_; }
  uint8_t* to_rw(const void* rx) const { return memory_.to_rw(rx); }
  size_t bytes_in_use() const { return in_use_; }
  size_t free_ranges() const { return free_by_offset_.size(); }

 private:
  static size_t rounded(size_t bytes) { return (bytes + kGranule - 1) / kGranule * kGranule; }
  void add_free(size_t offset, size_t size);
  void remove_free(std::map<size_t, size_t>::iterator it);

  ExecMemory memory_;
  size_t top_ = 0;  // never allocated above this offset
  size_t in_use_ = 0;
  std::map<size_t, size_t> free_by_offset_;     // offset -> size, below top_
  std::multimap<size_t, size_t> free_by_size_;  // size -> offset, the same ranges
};

}  // namespace xisa::runtime
