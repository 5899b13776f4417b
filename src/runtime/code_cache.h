// The code cache of a process: translated blocks by guest pc, shared by every guest thread,
// their direct-exit links (chaining), the host-pc lookup the fault handler uses, invalidation
// and reclamation. Invalidated blocks are unlinked at once (nothing new can enter them) and
// freed, their code bytes reused, once every thread has passed a safepoint (CodeEpochs).
// Thread-safe: one lock guards the maps and the heap; block_at_host takes none.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>
#include <vector>

#include "backend/backend.h"
#include "runtime/code_epochs.h"
#include "runtime/code_heap.h"
#include "runtime/host_code_map.h"

namespace xisa::runtime {

class CodeChangeLog;

struct CachedBlock {
  uint64_t guest_pc = 0, guest_end = 0;
  backend::CompiledBlock code;
  // Under the cache's lock:
  // Exits of other blocks patched to jump here: (block, chain site index).
  std::vector<std::pair<CachedBlock*, uint32_t>> incoming;
  std::vector<CachedBlock*> outgoing;  // one per chain site, nullptr while unlinked
  bool retired = false;                // unlinked; freed once no thread can reach it
  uint64_t retired_in = 0;             // the epoch it was unlinked in
};

class CodeCache {
 public:
  // changes: the process's log of changed guest code, which insert() checks a translation
  // against and catch_up() applies; nullptr when nothing changes code behind the cache's back.
  CodeCache(size_t capacity, CodeChangeLog* changes);
  ~CodeCache();

  // Allocates code memory (under the lock) for the backend; nullptr when the heap is full.
  backend::CodeAllocator allocator();
  // Marks the memory allocated so far (the trampoline) as never freed.
  void set_permanent();

  CachedBlock* find(uint64_t guest_pc);
  // Publishes a compiled block. Another thread may have published one for the same pc first:
  // that one is returned and this code freed. nullptr (and the code freed) when the guest code
  // in [guest_pc, guest_end) changed after the change-log sequence `ir_as_of` its IR reflects.
  CachedBlock* insert(uint64_t guest_pc, uint64_t guest_end, backend::CompiledBlock code,
                      uint64_t ir_as_of);
  // The block and chain site index a patchable jump belongs to (the caller is running or just
  // ran that block, so it is not freed under it).
  std::pair<CachedBlock*, uint32_t> chain_site_at(uintptr_t host_pc) const;
  // Patches exit `site` of `from` to jump straight to `to`, unless either was retired.
  // Returns whether a new link was made.
  bool link(CachedBlock* from, uint32_t site, CachedBlock* to);

  // The block whose code holds host_pc, or nullptr. Safe in a signal handler on a thread that
  // runs that block (no allocation, no lock).
  const CachedBlock* block_at_host(uintptr_t host_pc) const;
  static const backend::FaultSite* fault_site(const CachedBlock& b, uintptr_t host_pc);

  // Retires every block overlapping guest [lo, hi); returns how many.
  size_t invalidate(uint64_t lo, uint64_t hi);
  // Retires every block.
  size_t retire_all();
  // Applies the change-log ranges no thread has applied yet; returns the blocks retired.
  size_t catch_up();
  struct Freed {
    size_t blocks = 0, bytes = 0;
  };
  // Frees the retired blocks no thread can reach any more.
  Freed collect();
  bool has_retired() const;

  CodeEpochs& epochs() { return epochs_; }
  size_t block_count() const;
  size_t bytes_in_use() const;

 private:
  size_t retire_overlapping(uint64_t lo, uint64_t hi);
  void retire(std::unordered_map<uint64_t, std::unique_ptr<CachedBlock>>::iterator it);
  void unlink(CachedBlock* b);
  void free_code(const backend::CompiledBlock& code);
  size_t catch_up_locked();

  mutable std::mutex mutex_;
  CodeHeap heap_;
  HostCodeMap host_map_;
  CodeEpochs epochs_;
  CodeChangeLog* changes_;
  std::atomic<uint64_t> changes_applied_{0};  // written under the lock
  size_t permanent_bytes_ = 0;
  std::unordered_map<uint64_t, std::unique_ptr<CachedBlock>> by_pc_;
  // Which 64 KiB chunks of guest code have blocks, so that most changes (data munmaps,
  // mprotects of the heap) cost a set lookup rather than a walk over every block. Chunks stay
  // until every block is gone: a stale one costs a walk that finds nothing.
  static constexpr unsigned kChunkBits = 16;
  std::set<uint64_t> chunks_;
  std::vector<std::unique_ptr<CachedBlock>> retired_;
};

}  // namespace xisa::runtime
