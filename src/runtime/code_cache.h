// The code cache: translated blocks by guest pc, their direct-exit links (chaining), the
// lookup from host pc to block used by the fault handler, and invalidation. Invalidated blocks
// are unlinked at once (nothing can enter them any more) and freed at the next safepoint.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "backend/backend.h"
#include "runtime/exec_memory.h"

namespace xisa::runtime {

struct CachedBlock {
  uint64_t guest_pc = 0, guest_end = 0;
  backend::CompiledBlock code;
  // Exits of other blocks patched to jump here: (block, chain site index).
  std::vector<std::pair<CachedBlock*, uint32_t>> incoming;
  std::vector<CachedBlock*> outgoing;  // one per chain site, nullptr while unlinked
};

class CodeCache {
 public:
  explicit CodeCache(size_t capacity);

  ExecMemory& memory() { return memory_; }
  backend::CodeAllocator allocator();
  // Marks the memory allocated so far (the trampoline) as permanent.
  void set_permanent() { permanent_ = memory_.used(); }

  CachedBlock* find(uint64_t guest_pc) {
    auto it = by_pc_.find(guest_pc);
    return it == by_pc_.end() ? nullptr : it->second.get();
  }
  CachedBlock* insert(uint64_t guest_pc, uint64_t guest_end, backend::CompiledBlock code);
  // The block and chain site index a patchable jump belongs to.
  std::pair<CachedBlock*, uint32_t> chain_site_at(uintptr_t host_pc) const;
  // Patches exit `site` of `from` to jump straight to `to`.
  void link(CachedBlock* from, uint32_t site, CachedBlock* to);

  // The block whose code holds host_pc, or nullptr. Safe in a signal handler on the thread
  // that owns the cache (no allocation, no lock).
  const CachedBlock* block_at_host(uintptr_t host_pc) const;
  static const backend::FaultSite* fault_site(const CachedBlock& b, uintptr_t host_pc);

  // Unlinks every block overlapping guest [lo, hi). Returns how many.
  size_t invalidate(uint64_t lo, uint64_t hi);
  // Drops every block and reclaims the code memory (safepoint only).
  void flush_all();
  // Frees the blocks invalidated since the last safepoint; returns how many. (Their code bytes
  // come back only with flush_all: the executable memory is a bump allocator.)
  size_t collect() {
    const size_t n = retired_.size();
    retired_.clear();
    return n;
  }

  size_t block_count() const { return by_pc_.size(); }
  // Whether flush_all would free any code memory.
  bool has_reclaimable_memory() const { return memory_.used() > permanent_; }
  uint64_t chained_links() const { return links_made_; }

 private:
  void unlink(CachedBlock* b);

  ExecMemory memory_;
  size_t permanent_ = 0;
  std::unordered_map<uint64_t, std::unique_ptr<CachedBlock>> by_pc_;
  std::map<uintptr_t, CachedBlock*> by_host_;                               // code start -> block
  std::unordered_map<uintptr_t, std::pair<CachedBlock*, uint32_t>> sites_;  // jmp address
  std::vector<std::unique_ptr<CachedBlock>> retired_;
  uint64_t links_made_ = 0;
};

}  // namespace xisa::runtime
