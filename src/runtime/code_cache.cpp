// Code cache bookkeeping: insertion, chaining, host-pc lookup and invalidation.
#include "runtime/code_cache.h"

#include <algorithm>

#include "backend/host.h"

namespace xisa::runtime {

CodeCache::CodeCache(size_t capacity) : memory_(capacity) {}

backend::CodeAllocator CodeCache::allocator() {
  return [this](size_t size) -> std::pair<uint8_t*, uint8_t*> {
    const ExecMemory::Span s = memory_.allocate(size);
    return {s.rw, s.rx};
  };
}

CachedBlock* CodeCache::insert(uint64_t guest_pc, uint64_t guest_end, backend::CompiledBlock code) {
  auto b = std::make_unique<CachedBlock>();
  b->guest_pc = guest_pc;
  b->guest_end = guest_end;
  b->code = std::move(code);
  b->outgoing.assign(b->code.chain_sites.size(), nullptr);
  CachedBlock* raw = b.get();
  for (uint32_t s = 0; s < raw->code.chain_sites.size(); ++s)
    sites_[reinterpret_cast<uintptr_t>(raw->code.code + raw->code.chain_sites[s].jump_offset)] = {
        raw, s};
  by_host_[reinterpret_cast<uintptr_t>(raw->code.code)] = raw;
  auto& slot = by_pc_[guest_pc];
  if (slot) unlink(slot.get()), retired_.push_back(std::move(slot));
  slot = std::move(b);
  return raw;
}

std::pair<CachedBlock*, uint32_t> CodeCache::chain_site_at(uintptr_t host_pc) const {
  auto it = sites_.find(host_pc);
  return it == sites_.end() ? std::pair<CachedBlock*, uint32_t>{nullptr, 0} : it->second;
}

namespace {
uint8_t* site_rx(const CachedBlock* b, uint32_t site) {
  return const_cast<uint8_t*>(b->code.code + b->code.chain_sites[site].jump_offset);
}
}  // namespace

void CodeCache::link(CachedBlock* from, uint32_t site, CachedBlock* to) {
  if (from->outgoing[site] == to) return;
  uint8_t* rx = site_rx(from, site);
  backend::host::patch_jump(memory_.to_rw(rx), rx, to->code.code);
  from->outgoing[site] = to;
  to->incoming.emplace_back(from, site);
  ++links_made_;
}

void CodeCache::unlink(CachedBlock* b) {
  // Jumps into b go back to their stubs, which return to the dispatcher. The stub is where the
  // jump pointed when it was emitted: the rel32 the backend wrote is restored from a copy.
  for (auto [from, site] : b->incoming) {
    if (from->outgoing[site] != b) continue;
    uint8_t* rx = site_rx(from, site);
    backend::host::patch_jump(memory_.to_rw(rx), rx,
                              from->code.code + from->code.chain_sites[site].stub_offset);
    from->outgoing[site] = nullptr;
  }
  b->incoming.clear();
  for (uint32_t s = 0; s < b->outgoing.size(); ++s) {
    CachedBlock* to = b->outgoing[s];
    if (!to) continue;
    auto& in = to->incoming;
    in.erase(std::remove(in.begin(), in.end(), std::pair<CachedBlock*, uint32_t>{b, s}), in.end());
    b->outgoing[s] = nullptr;
  }
  for (uint32_t s = 0; s < b->code.chain_sites.size(); ++s)
    sites_.erase(reinterpret_cast<uintptr_t>(site_rx(b, s)));
  by_host_.erase(reinterpret_cast<uintptr_t>(b->code.code));
}

const CachedBlock* CodeCache::block_at_host(uintptr_t host_pc) const {
  auto it = by_host_.upper_bound(host_pc);
  if (it == by_host_.begin()) return nullptr;
  --it;
  const CachedBlock* b = it->second;
  return host_pc < it->first + b->code.size ? b : nullptr;
}

const backend::FaultSite* CodeCache::fault_site(const CachedBlock& b, uintptr_t host_pc) {
  const auto off = static_cast<uint32_t>(host_pc - reinterpret_cast<uintptr_t>(b.code.code));
  const auto& sites = b.code.fault_sites;
  auto it =
      std::lower_bound(sites.begin(), sites.end(), off,
                       [](const backend::FaultSite& s, uint32_t o) { return s.host_offset < o; });
  return it != sites.end() && it->host_offset == off ? &*it : nullptr;
}

size_t CodeCache::invalidate(uint64_t lo, uint64_t hi) {
  size_t n = 0;
  for (auto it = by_pc_.begin(); it != by_pc_.end();) {
    CachedBlock* b = it->second.get();
    if (b->guest_pc < hi && lo < b->guest_end) {
      unlink(b);
      retired_.push_back(std::move(it->second));
      it = by_pc_.erase(it);
      ++n;
    } else {
      ++it;
    }
  }
  return n;
}

void CodeCache::flush_all() {
  by_pc_.clear();
  by_host_.clear();
  sites_.clear();
  retired_.clear();
  memory_.reset(permanent_);
}

}  // namespace xisa::runtime
