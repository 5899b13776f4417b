// The x86-64 4-level page tables a KVM vCPU walks: identity mappings (virtual == guest-physical
// == xisa's host address) of 4 KiB pages, user pages with the guest's PROT_* (writes and
// execution), supervisor pages for the ring-0 stub. The tables live in xisa's own memory,
// outside every guest mapping. Pages are mapped on demand (the first fault on a page of a guest
// mapping) and unmapped when the guest's memory map changes, so the tables never grant more
// than the guest's mappings do.
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

namespace xisa::kvm {

class GuestPageTables {
 public:
  // The table pages come from a reservation of this many bytes (one page per 2 MiB of guest
  // address space touched, plus the upper levels). Throws KvmUnavailable when it cannot be had.
  explicit GuestPageTables(uint64_t reserve_bytes = uint64_t{256} << 20);
  ~GuestPageTables();
  GuestPageTables(const GuestPageTables&) = delete;
  GuestPageTables& operator=(const GuestPageTables&) = delete;

  // CR3: the guest-physical (== host) address of the top-level table.
  uint64_t root() const { return root_; }
  // Maps the 4 KiB page holding va to itself; prot is PROT_READ|PROT_WRITE|PROT_EXEC.
  // user=false: reachable from ring 0 only. False when the reservation is used up, or when
  // unmap ran since unmap_count() returned unmaps_seen (the protection the caller looked up
  // may be stale: look again).
  bool map_page(uint64_t va, int prot, bool user, uint64_t unmaps_seen);
  // The same for a page whose protection cannot change under the caller (xisa's own).
  bool map_page(uint64_t va, int prot, bool user);
  // Where the table pages are: the vCPU reads them as guest-physical memory.
  uint64_t pool_start() const { return reinterpret_cast<uint64_t>(pool_); }
  uint64_t pool_end() const { return pool_start() + pool_bytes_; }
  uint64_t unmap_count() const { return __atomic_load_n(&unmaps_, __ATOMIC_ACQUIRE); }
  // Unmaps every page in [lo, hi) (page-rounded outwards). The tables themselves are kept.
  void unmap(uint64_t lo, uint64_t hi);
  // The leaf entry for va (0 when unmapped), as the vCPU would read it.
  uint64_t leaf_entry(uint64_t va) const;

  static constexpr uint64_t kPresent = 1, kWritable = 2, kUser = 4, kAccessed = 1 << 5,
                            kDirty = 1 << 6, kNoExecute = uint64_t{1} << 63;
  static constexpr uint64_t kAddressMask = 0x000ffffffffff000;

 private:
  uint64_t* new_table();  // zeroed; nullptr when the reservation is used up
  static uint64_t* table_at(uint64_t entry) {
    return reinterpret_cast<uint64_t*>(entry & kAddressMask);
  }

  mutable std::mutex mutex_;
  uint8_t* pool_ = nullptr;
  uint64_t pool_bytes_ = 0;
  uint64_t pool_used_ = 0;
  uint64_t root_ = 0;
  uint64_t unmaps_ = 0;
};

}  // namespace xisa::kvm
