// Identity-mapped 4-level page tables for the KVM vCPUs.
#include "accel/kvm/guest_page_tables.h"

#include <sys/mman.h>

#include <cstring>

#include "accel/kvm/kvm_device.h"

namespace xisa::kvm {

namespace {
constexpr uint64_t kPageSize = 4096;
unsigned index_at(uint64_t va, int level) {  // level 3 = PML4 ... 0 = PT
  return static_cast<unsigned>((va >> (12 + 9 * level)) & 511);
}
}  // namespace

GuestPageTables::GuestPageTables(uint64_t reserve_bytes) : pool_bytes_(reserve_bytes) {
  void* p = mmap(nullptr, pool_bytes_, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw KvmUnavailable("cannot reserve memory for the guest page tables");
  pool_ = static_cast<uint8_t*>(p);
  root_ = reinterpret_cast<uint64_t>(new_table());
}

GuestPageTables::~GuestPageTables() {
  if (pool_) munmap(pool_, pool_bytes_);
}

uint64_t* GuestPageTables::new_table() {
  if (pool_used_ + kPageSize > pool_bytes_) return nullptr;
  auto* t = reinterpret_cast<uint64_t*>(pool_ + pool_used_);
  pool_used_ += kPageSize;
  std::memset(t, 0, kPageSize);  // fresh anonymous memory is zero; a reused fork copy may not be
  return t;
}

bool GuestPageTables::map_page(uint64_t va, int prot, bool user, uint64_t unmaps_seen) {
  std::lock_guard lock(mutex_);
  if (unmaps_ != unmaps_seen) return false;
  va &= ~(kPageSize - 1);
  auto* table = reinterpret_cast<uint64_t*>(root_);
  for (int level = 3; level > 0; --level) {
    uint64_t& entry = table[index_at(va, level)];
    if (!(entry & kPresent)) {
      uint64_t* next = new_table();
      if (!next) return false;
      // Upper levels grant everything; the leaf alone says what the page allows.
      entry = reinterpret_cast<uint64_t>(next) | kPresent | kWritable | kUser | kAccessed;
    }
    table = table_at(entry);
  }
  uint64_t leaf = va | kPresent | kAccessed | kDirty;
  if (prot & 2 /* PROT_WRITE */) leaf |= kWritable;
  if (!(prot & 4 /* PROT_EXEC */)) leaf |= kNoExecute;
  if (user) leaf |= kUser;
  __atomic_store_n(&table[index_at(va, 0)], leaf, __ATOMIC_RELEASE);
  return true;
}

bool GuestPageTables::map_page(uint64_t va, int prot, bool user) {
  for (;;) {
    const uint64_t seen = unmap_count();
    if (map_page(va, prot, user, seen)) return true;
    if (unmap_count() == seen) return false;  // the reservation is used up
  }
}

void GuestPageTables::unmap(uint64_t lo, uint64_t hi) {
  std::lock_guard lock(mutex_);
  __atomic_store_n(&unmaps_, unmaps_ + 1, __ATOMIC_RELEASE);
  lo &= ~(kPageSize - 1);
  if (hi > (uint64_t{1} << 48)) hi = uint64_t{1} << 48;
  uint64_t va = lo;
  while (va < hi) {
    // Walk down; an absent upper-level entry skips the whole range it would cover.
    auto* table = reinterpret_cast<uint64_t*>(root_);
    int level = 3;
    for (; level > 0; --level) {
      const uint64_t entry = table[index_at(va, level)];
      if (!(entry & kPresent)) break;
      table = table_at(entry);
    }
    const uint64_t span = uint64_t{1} << (12 + 9 * level);
    if (level == 0) __atomic_store_n(&table[index_at(va, 0)], 0, __ATOMIC_RELEASE);
    const uint64_t next = (va & ~(span - 1)) + span;
    if (next <= va) break;  // wrapped at the top of the address space
    va = next;
  }
}

uint64_t GuestPageTables::leaf_entry(uint64_t va) const {
  std::lock_guard lock(mutex_);
  const auto* table = reinterpret_cast<const uint64_t*>(root_);
  for (int level = 3; level > 0; --level) {
    const uint64_t entry = table[index_at(va, level)];
    if (!(entry & kPresent)) return 0;
    table = table_at(entry);
  }
  return table[index_at(va, 0)];
}

}  // namespace xisa::kvm
