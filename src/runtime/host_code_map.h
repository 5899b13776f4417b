// Which translated block holds a host pc, for the fault handler: one slot per granule of the
// code heap (a granule belongs to at most one block). Lookups take no lock and never allocate,
// so a host signal handler may use them while other threads insert and free blocks.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace xisa::runtime {

struct CachedBlock;

class HostCodeMap {
 public:
  // Covers [base, base + bytes) of executable memory, in granules of `granule` bytes.
  HostCodeMap(const uint8_t* base, size_t bytes, size_t granule);
  ~HostCodeMap();
  HostCodeMap(const HostCodeMap&) = delete;
  HostCodeMap& operator=(const HostCodeMap&) = delete;

  void set(const uint8_t* code, size_t size, const CachedBlock* block);
  void clear(const uint8_t* code, size_t size) { set(code, size, nullptr); }
  const CachedBlock* at(uintptr_t host_pc) const;

 private:
  uintptr_t base_;
  size_t slots_, granule_;
  std::atomic<const CachedBlock*>* table_;  // anonymous memory: untouched slots cost nothing
};

}  // namespace xisa::runtime
