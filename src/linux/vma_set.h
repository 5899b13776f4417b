// The guest's mappings: every range xisa mapped for the guest (program image, stack, brk
// area, guest mmap). Anything else in the host address space is xisa's own, and the guest's
// MAP_FIXED, munmap, mprotect and mremap must not touch it.
#pragma once

#include <cstdint>
#include <map>
#include <shared_mutex>
#include <string>
#include <vector>

namespace xisa::os {

struct Vma {
  uint64_t start = 0;
  uint64_t end = 0;  // exclusive
  int prot = 0;      // host PROT_*
  std::string name;  // "[stack]", "[heap]", the file, or empty (for /proc/self/maps later)
};

class VmaSet {
 public:
  VmaSet() = default;
  VmaSet(const VmaSet&) = delete;
  VmaSet& operator=(const VmaSet&) = delete;

  // Records [start, end) as the guest's, replacing whatever part of it was recorded before.
  void add(uint64_t start, uint64_t end, int prot, const std::string& name = {});
  // Forgets [start, end) (the parts that were recorded).
  void remove(uint64_t start, uint64_t end);
  // Sets the protection of the recorded parts of [start, end).
  void protect(uint64_t start, uint64_t end, int prot);
  // True when every byte of [start, end) is recorded as the guest's.
  bool covers(uint64_t start, uint64_t end) const;
  // The parts of [start, end) that are not the guest's, in order.
  std::vector<std::pair<uint64_t, uint64_t>> gaps(uint64_t start, uint64_t end) const;
  // The highest start of a free (unrecorded) len bytes within [floor, top), or 0 if none:
  // where Linux's top-down allocator would put a mapping below top.
  uint64_t highest_gap(uint64_t floor, uint64_t top, uint64_t len) const;
  // The mapping that contains addr, or nullptr.
  const Vma* find(uint64_t addr) const;
  // True when some recorded mapping intersects [start, end).
  bool intersects(uint64_t start, uint64_t end) const;
  // How many bytes from addr (at most n) lie in recorded mappings that allow every PROT_* bit
  // of prot, without a hole: what the kernel could reach of a guest buffer natively, where
  // xisa's own memory is not there. Safe to call from any thread without the process lock.
  uint64_t accessible_prefix(uint64_t addr, uint64_t n, int prot) const;

  const std::map<uint64_t, Vma>& map() const { return vmas_; }

 private:
  // Cuts the recorded mapping that straddles addr in two at addr.
  void split_at(uint64_t addr);
  std::map<uint64_t, Vma> vmas_;  // by start; never overlapping
  // Changes take it exclusively, accessible_prefix shared. The other readers run under the
  // process lock, which every change also holds.
  mutable std::shared_mutex lock_;
};

}  // namespace xisa::os
