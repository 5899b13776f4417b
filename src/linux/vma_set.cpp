// The guest mapping set: an ordered map of non-overlapping ranges, split on demand.
#include "linux/vma_set.h"

#include <algorithm>
#include <mutex>

namespace xisa::os {

void VmaSet::split_at(uint64_t addr) {
  auto it = vmas_.upper_bound(addr);
  if (it == vmas_.begin()) return;
  --it;
  Vma& v = it->second;
  if (v.start < addr && addr < v.end) {
    Vma tail = v;
    tail.start = addr;
    v.end = addr;
    vmas_.emplace(addr, tail);
  }
}

void VmaSet::remove(uint64_t start, uint64_t end) {
  if (start >= end) return;
  std::unique_lock lock(lock_);
  split_at(start);
  split_at(end);
  vmas_.erase(vmas_.lower_bound(start), vmas_.lower_bound(end));
}

void VmaSet::add(uint64_t start, uint64_t end, int prot, const std::string& name) {
  if (start >= end) return;
  remove(start, end);
  std::unique_lock lock(lock_);
  vmas_.emplace(start, Vma{start, end, prot, name});
}

void VmaSet::protect(uint64_t start, uint64_t end, int prot) {
  if (start >= end) return;
  std::unique_lock lock(lock_);
  split_at(start);
  split_at(end);
  for (auto it = vmas_.lower_bound(start); it != vmas_.end() && it->first < end; ++it)
    it->second.prot = prot;
}

std::vector<std::pair<uint64_t, uint64_t>> VmaSet::gaps(uint64_t start, uint64_t end) const {
  std::vector<std::pair<uint64_t, uint64_t>> out;
  uint64_t pos = start;
  auto it = vmas_.upper_bound(start);
  if (it != vmas_.begin()) --it;
  for (; it != vmas_.end() && pos < end; ++it) {
    const Vma& v = it->second;
    if (v.end <= pos) continue;
    if (v.start >= end) break;
    if (v.start > pos) out.emplace_back(pos, v.start);
    pos = v.end;
  }
  if (pos < end) out.emplace_back(pos, end);
  return out;
}

uint64_t VmaSet::highest_gap(uint64_t floor, uint64_t top, uint64_t len) const {
  uint64_t end = top;  // the top of the gap being looked at
  for (auto it = vmas_.lower_bound(top); end >= floor && end - floor >= len;) {
    if (it == vmas_.begin()) return end - len;
    const Vma& below = (--it)->second;
    if (below.end <= end && end - below.end >= len) return end - len;
    end = std::min(end, below.start);
  }
  return 0;
}

bool VmaSet::covers(uint64_t start, uint64_t end) const {
  return gaps(start, end).empty();
}

const Vma* VmaSet::find(uint64_t addr) const {
  auto it = vmas_.upper_bound(addr);
  if (it == vmas_.begin()) return nullptr;
  --it;
  return addr < it->second.end ? &it->second : nullptr;
}

bool VmaSet::intersects(uint64_t start, uint64_t end) const {
  if (start >= end) return false;
  const auto g = gaps(start, end);
  return !(g.size() == 1 && g[0].first == start && g[0].second == end);
}

uint64_t VmaSet::accessible_prefix(uint64_t addr, uint64_t n, int prot) const {
  std::shared_lock lock(lock_);
  const uint64_t end = addr + n < addr ? UINT64_MAX : addr + n;
  uint64_t pos = addr;
  auto it = vmas_.upper_bound(addr);
  if (it == vmas_.begin()) return 0;
  --it;
  for (; it != vmas_.end() && pos < end; ++it) {
    const Vma& v = it->second;
    if (v.start > pos || v.end <= pos || (v.prot & prot) != prot) break;
    pos = v.end;
  }
  return std::min(pos, end) - addr;
}

}  // namespace xisa::os
