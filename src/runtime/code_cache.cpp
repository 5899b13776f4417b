// Code cache bookkeeping: insertion, chaining, host-pc lookup, invalidation and reclamation.
#include "runtime/code_cache.h"

#include <algorithm>

#include "backend/host.h"
#include "runtime/code_change_log.h"

namespace xisa::runtime {

CodeCache::CodeCache(size_t capacity, CodeChangeLog* changes)
    : heap_(capacity),
      host_map_(heap_.memory().rx_base(), heap_.memory().capacity(), CodeHeap::kGranule),
      changes_(changes),
      changes_applied_(changes ? changes->sequence() : 0) {}

CodeCache::~CodeCache() = default;

backend::CodeAllocator CodeCache::allocator() {
  return [this](size_t size) -> std::pair<uint8_t*, uint8_t*> {
    std::lock_guard lock(mutex_);
    const CodeHeap::Span s = heap_.allocate(size);
    return {s.rw, s.rx};
  };
}

void CodeCache::set_permanent() {
  std::lock_guard lock(mutex_);
  permanent_bytes_ = heap_.bytes_in_use();
}

CachedBlock* CodeCache::find(uint64_t guest_pc) {
  std::lock_guard lock(mutex_);
  auto it = by_pc_.find(guest_pc);
  return it == by_pc_.end() ? nullptr : it->second.get();
}

CachedBlock* CodeCache::insert(uint64_t guest_pc, uint64_t guest_end, backend::CompiledBlock code,
                               uint64_t ir_as_of) {
  std::lock_guard lock(mutex_);
  catch_up_locked();
  if (changes_ && changes_->changed_since(ir_as_of, guest_pc, guest_end)) {
    free_code(code);  // never published: nobody can have entered it
    return nullptr;
  }
  auto& slot = by_pc_[guest_pc];
  if (slot) {  // another thread translated it first
    free_code(code);
    return slot.get();
  }
  slot = std::make_unique<CachedBlock>();
  CachedBlock* b = slot.get();
  b->guest_pc = guest_pc;
  b->guest_end = guest_end;
  b->code = std::move(code);
  b->outgoing.assign(b->code.chain_sites.size(), nullptr);
  host_map_.set(b->code.code, b->code.reserved, b);
  const uint64_t last = guest_end > guest_pc ? guest_end - 1 : guest_pc;
  for (uint64_t c = guest_pc >> kChunkBits; c <= last >> kChunkBits; ++c) chunks_.insert(c);
  return b;
}

std::pair<CachedBlock*, uint32_t> CodeCache::chain_site_at(uintptr_t host_pc) const {
  // The block's chain sites never change after it is compiled.
  auto* b = const_cast<CachedBlock*>(host_map_.at(host_pc));
  if (!b) return {nullptr, 0};
  const auto offset = static_cast<uint32_t>(host_pc - reinterpret_cast<uintptr_t>(b->code.code));
  for (uint32_t s = 0; s < b->code.chain_sites.size(); ++s)
    if (b->code.chain_sites[s].jump_offset == offset) return {b, s};
  return {nullptr, 0};
}

namespace {
uint8_t* site_rx(const CachedBlock* b, uint32_t site) {
  return const_cast<uint8_t*>(b->code.code + b->code.chain_sites[site].jump_offset);
}
}  // namespace

bool CodeCache::link(CachedBlock* from, uint32_t site, CachedBlock* to) {
  std::lock_guard lock(mutex_);
  if (from->retired || to->retired || from->outgoing[site] == to) return false;
  if (const uint32_t guard = from->code.chain_sites[site].guard_offset) {
    // An inline cache takes the first pc it is linked for, for good: a thread may run the
    // compare at any time, and jumps only when it holds the pc the jump leads to.
    uint8_t* pc_rx = const_cast<uint8_t*>(from->code.code + guard);
    const uint64_t cached = __atomic_load_n(reinterpret_cast<uint64_t*>(pc_rx), __ATOMIC_ACQUIRE);
    if (cached == backend::kNoInlineCachePc)
      __atomic_store_n(reinterpret_cast<uint64_t*>(heap_.to_rw(pc_rx)), to->guest_pc,
                       __ATOMIC_RELEASE);
    else if (cached != to->guest_pc)
      return false;
  }
  uint8_t* rx = site_rx(from, site);
  backend::host::patch_jump(heap_.to_rw(rx), rx, to->code.code);
  from->outgoing[site] = to;
  to->incoming.emplace_back(from, site);
  return true;
}

void CodeCache::unlink(CachedBlock* b) {
  // Jumps into b go back to their stubs, which return to the dispatcher. The stub is where the
  // jump pointed when it was emitted: the rel32 the backend wrote is restored from a copy.
  // b's own chained jumps stay: a thread still in b may follow them, and their targets are
  // retired no earlier than b (unlinking a target resets b's jump while b is live).
  for (auto [from, site] : b->incoming) {
    if (from->outgoing[site] != b) continue;
    uint8_t* rx = site_rx(from, site);
    backend::host::patch_jump(heap_.to_rw(rx), rx,
                              from->code.code + from->code.chain_sites[site].stub_offset);
    from->outgoing[site] = nullptr;
  }
  b->incoming.clear();
  for (uint32_t s = 0; s < b->outgoing.size(); ++s) {
    CachedBlock* to = b->outgoing[s];
    if (!to) continue;
    auto& in = to->incoming;
    in.erase(std::remove(in.begin(), in.end(), std::pair<CachedBlock*, uint32_t>{b, s}), in.end());
  }
}

const CachedBlock* CodeCache::block_at_host(uintptr_t host_pc) const {
  const CachedBlock* b = host_map_.at(host_pc);
  return b && host_pc < reinterpret_cast<uintptr_t>(b->code.code) + b->code.size ? b : nullptr;
}

const backend::FaultSite* CodeCache::fault_site(const CachedBlock& b, uintptr_t host_pc) {
  const auto off = static_cast<uint32_t>(host_pc - reinterpret_cast<uintptr_t>(b.code.code));
  const auto& sites = b.code.fault_sites;
  auto it =
      std::lower_bound(sites.begin(), sites.end(), off,
                       [](const backend::FaultSite& s, uint32_t o) { return s.host_offset < o; });
  return it != sites.end() && it->host_offset == off ? &*it : nullptr;
}

void CodeCache::retire(std::unordered_map<uint64_t, std::unique_ptr<CachedBlock>>::iterator it) {
  CachedBlock* b = it->second.get();
  unlink(b);
  b->retired = true;
  b->retired_in = epochs_.current();
  retired_.push_back(std::move(it->second));
}

size_t CodeCache::retire_overlapping(uint64_t lo, uint64_t hi) {
  if (hi <= lo) return 0;
  const auto chunk = chunks_.lower_bound(lo >> kChunkBits);
  if (chunk == chunks_.end() || *chunk > (hi - 1) >> kChunkBits) return 0;
  size_t n = 0;
  for (auto it = by_pc_.begin(); it != by_pc_.end();) {
    const CachedBlock* b = it->second.get();
    if (b->guest_pc < hi && lo < b->guest_end) {
      retire(it);
      it = by_pc_.erase(it);
      ++n;
    } else {
      ++it;
    }
  }
  // The epoch moves after the unlinking: a thread that sees the new epoch finds none of these.
  if (n) epochs_.advance();
  if (by_pc_.empty()) chunks_.clear();
  return n;
}

size_t CodeCache::invalidate(uint64_t lo, uint64_t hi) {
  std::lock_guard lock(mutex_);
  return retire_overlapping(lo, hi);
}

size_t CodeCache::retire_all() {
  std::lock_guard lock(mutex_);
  return retire_overlapping(0, ~uint64_t{0});
}

size_t CodeCache::catch_up_locked() {
  if (!changes_) return 0;
  size_t n = 0;
  uint64_t applied = changes_applied_.load(std::memory_order_relaxed);
  changes_->read_since(&applied,
                       [&](uint64_t lo, uint64_t hi) { n += retire_overlapping(lo, hi); });
  changes_applied_.store(applied, std::memory_order_release);
  return n;
}

size_t CodeCache::catch_up() {
  if (!changes_ || changes_->sequence() == changes_applied_.load(std::memory_order_acquire))
    return 0;
  std::lock_guard lock(mutex_);
  return catch_up_locked();
}

void CodeCache::free_code(const backend::CompiledBlock& code) {
  heap_.release(code.code, code.reserved);
}

CodeCache::Freed CodeCache::collect() {
  Freed freed;
  const uint64_t safe = epochs_.oldest_seen();
  std::lock_guard lock(mutex_);
  std::erase_if(retired_, [&](std::unique_ptr<CachedBlock>& b) {
    if (b->retired_in >= safe) return false;
    host_map_.clear(b->code.code, b->code.reserved);
    free_code(b->code);
    ++freed.blocks;
    freed.bytes += b->code.reserved;
    return true;
  });
  return freed;
}

bool CodeCache::has_retired() const {
  std::lock_guard lock(mutex_);
  return !retired_.empty();
}

size_t CodeCache::block_count() const {
  std::lock_guard lock(mutex_);
  return by_pc_.size();
}

size_t CodeCache::bytes_in_use() const {
  std::lock_guard lock(mutex_);
  return heap_.bytes_in_use() - permanent_bytes_;
}

}  // namespace xisa::runtime
